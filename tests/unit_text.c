/* unit_text.c - text cleaning before parsing: what terminals, docker
 * compose and markdown do to outputs, undone. */
#include <string.h>

#include "check.h"
#include "parse.h"

static struct text split(const char *s)
{
    struct text t;
    text_split(&t, s, strlen(s));
    return t;
}

int main(void)
{
    struct text t;

    /* CRLF, ANSI colours (k6 prints them on a terminal), a BOM */
    t = split("\xef\xbb\xbf\x1b[32m\xe2\x9c\x93\x1b[0m checks....: 100.00%\r\nhttp_reqs: 1\r\n");
    CHECK(t.n == 2);
    CHECK_STR(t.lines[0].s, "\xe2\x9c\x93 checks....: 100.00%");
    CHECK_STR(t.lines[1].s, "http_reqs: 1");
    CHECK(t.lines[1].no == 2);
    text_free(&t);

    /* a progress line redrawn with \r keeps its last state */
    t = split("running (1s)\rrunning (2s)\rrunning (3.0s), 0/5 VUs\nnext\n");
    CHECK(t.n == 2);
    CHECK_STR(t.lines[0].s, "running (3.0s), 0/5 VUs");
    text_free(&t);

    /* docker compose v1 and v2 prefixes, services interleaved; not a
     * markdown table cell */
    t = split("k6_1    |      http_reqs: 34065\nk6-1  | data_received: 1\n"
              "asyncio | 104,380 | (- 100%) |\napp-k6-12 |x\nk6_1    | > quoted\n"
              "k6-1  | data_sent: 2\napp-k6-12 |\n");
    CHECK_STR(t.lines[0].s, "     http_reqs: 34065");
    CHECK_STR(t.lines[1].s, "data_received: 1");
    CHECK_STR(t.lines[2].s, "asyncio | 104,380 | (- 100%) |");
    CHECK_STR(t.lines[3].s, "x");
    CHECK_STR(t.lines[4].s, "quoted");
    CHECK_STR(t.lines[5].s, "data_sent: 2");
    CHECK_STR(t.lines[6].s, "");
    text_free(&t);

    /* a table row whose first cell ends in a replica-like number names
     * itself once: not a compose prefix, the cell stays */
    t = split("app-1 | 1200 | 3 ms\napp-2 | 900 | 4 ms\nweb_1   | 800\n");
    CHECK_STR(t.lines[0].s, "app-1 | 1200 | 3 ms");
    CHECK_STR(t.lines[1].s, "app-2 | 900 | 4 ms");
    CHECK_STR(t.lines[2].s, "web_1   | 800");
    text_free(&t);

    /* markdown quote marks, nested; trailing blanks go */
    t = split(">\tSummary:\n> > Total:\t2.0 secs   \n>\n");
    CHECK_STR(t.lines[0].s, "Summary:");
    CHECK_STR(t.lines[1].s, "Total:\t2.0 secs");
    CHECK_STR(t.lines[2].s, "");
    text_free(&t);

    /* NUL bytes mark binary input; an empty file is one empty line */
    t = split("");
    CHECK(t.n == 1 && t.lines[0].n == 0 && !t.has_nul);
    text_free(&t);
    text_split(&t, "ab\0cd\n", 6);
    CHECK(t.has_nul);
    text_free(&t);

    /* old Mac line ends */
    t = split("a\rb\rc");
    CHECK(t.n == 3);
    CHECK_STR(t.lines[2].s, "c");
    text_free(&t);

    /* tokens split on blanks and tabs */
    struct tok tk[4];
    CHECK(tok_split(" Latency\t 92.76us  33.30us ", 26, tk, 4) == 3);
    CHECK(tok_eq(tk[0], "Latency") && tok_eq(tk[2], "33.30us"));
    return check_failures ? 1 : 0;
}
