/* unit_published.c - published tables: detection never beats a load
 * tool's output, the row name becomes the run's label, odd input is
 * refused without a crash.
 *
 * The tool outputs below are verbatim excerpts: seed 002 lines 237-266
 * (/work/shared/seeds/002_52a74dde108ecb3f.txt, a wrk output followed by
 * a published table) and files of /work/shared/corpus (named at each).
 * Every other fixture directory under tests/fixtures/ is swept too: no
 * table parser may claim a file another parser's tests hold. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "parse.h"

extern const struct parser parser_wrk;
extern const struct parser parser_table_markdown;
extern const struct parser parser_table_csv;
extern const struct parser parser_table_text;

static const struct parser *const tables[] = {
    &parser_table_markdown, &parser_table_csv, &parser_table_text,
};

static int fails;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                  \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
            fails++;                                                         \
        }                                                                    \
    } while (0)

/* seed 002, lines 237-266, verbatim */
static const char seed002_wrk_then_table[] =
    "Result\n"
    "Running 10s test @ http://localhost:8000\n"
    "2 threads and 10 connections\n"
    "Thread Stats Avg Stdev Max +/- Stdev\n"
    "Latency 337.33us 112.16us 2.18ms 62.27%\n"
    "Req/Sec 14.77k 1.05k 16.78k 65.84%\n"
    "296891 requests in 10.10s, 39.64MB read\n"
    "Requests/sec: 29396.83\n"
    "Transfer/sec: 3.92MB\n"
    "if we use msgspec.Struct for User\n"
    "Result\n"
    "Running 10s test @ http://localhost:8000\n"
    "2 threads and 10 connections\n"
    "Thread Stats Avg Stdev Max +/- Stdev\n"
    "Latency 304.16us 101.28us 1.67ms 67.06%\n"
    "Req/Sec 16.33k 1.03k 18.04k 69.31%\n"
    "328217 requests in 10.10s, 43.82MB read\n"
    "Requests/sec: 32498.99\n"
    "Transfer/sec: 4.34MB\n"
    "framework | RPS | decay % |\n"
    "---|---|---|\n"
    "asyncio | 104,380 | (- 100%) |\n"
    "Uvicorn | 46,426 | (\xe2\x86\x93 55.5%) |\n"
    "Starlette | 35,433 | (\xe2\x86\x93 23.7%) |\n"
    "FastAPI | 17,178 | (\xe2\x86\x93 51.5%) |\n"
    "xychart-beta\n"
    "title \"Performance Comparison\"\n"
    "x-axis [FastAPI, Starlette, uvicorn, asyncio]\n"
    "y-axis \"Request Per Second\" 0 --> 100500\n"
    "bar [17178, 35433, 46426, 104380]\n";

/* Real outputs holding table-like lines, each followed by a table. */
static const char *const tool_outputs[] = {
    /* corpus/autocannon/mcollina_autocannon__issue127-old-format-non2xx-nan.txt */
    "$ autocannon localhost:3000\n"
    "Running 10s test @ http://localhost:3000\n"
    "10 connections\n"
    "\n"
    "Stat         Avg     Stdev     Max\n"
    "Latency (ms) NaN     NaN       0\n"
    "Req/Sec      21121.6 898.21    22575\n"
    "Bytes/Sec    2.28 MB 101.58 kB 2.49 MB\n"
    "\n"
    "0 2xx responses, 211216 non 2xx responses\n"
    "211k requests in 10s, 22.81 MB read\n"
    "\n"
    "| framework | rps |\n|---|---|\n| express | 21121.6 |\n",
    /* corpus/k6/csv__grafana_k6-learn__slides-18col-tls.csv, first lines */
    "metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,"
    "name,proto,scenario,service,status,subproto,tls_version,url,extra_tags\n"
    "http_reqs,1641298536,1.000000,,,,true,,POST,https://httpbin.test.k6.io/post,HTTP/1.1,"
    "default,,200,,tls1.2,https://httpbin.test.k6.io/post,\n"
    "name,rps\nk6,1\n",
    /* corpus/vegeta/chsfleury_JEPFaaS__old-format-5xx.txt, first lines */
    "Requests      [total, rate]            1920, 8.00\n"
    "Duration      [total, attack, wait]    3m59.927115548s, 3m59.875235509s, 51.880039ms\n"
    "Latencies     [mean, 50, 95, 99, max]  681.097878ms, 51.344496ms, 4.355105357s, "
    "10.298005948s, 12.478211004s\n"
    "server  req/s\nvegeta  8.00\n",
    /* corpus/hey/rakyll_hey__issue266-tabs-zero-percentiles.txt, first lines */
    "$ hey -n 10 -c 5 http://lesichkov.co.uk\n"
    "\n"
    "Summary:\n"
    "  Total:\t1.5550 secs\n"
    "  Slowest:\t0.8376 secs\n"
    "  Fastest:\t0.7170 secs\n"
    "  Average:\t0.7772 secs\n"
    "  Requests/sec:\t6.4310\n"
    "name\treq/s\nhey\t6.4310\n",
};

static void text_of(struct text *t, const char *s)
{
    text_split(t, s, strlen(s));
}

static void test_tools_win(void)
{
    struct text t;
    text_of(&t, seed002_wrk_then_table);
    const struct parser *p = parser_detect(&t);
    CHECK(p == &parser_wrk, "wrk output + table: detected as %s", p ? p->name : "nothing");
    for (size_t k = 0; k < 3; k++)
        CHECK(tables[k]->sniff(&t) == 0, "%s claims a wrk output", tables[k]->name);
    text_free(&t);

    for (size_t i = 0; i < sizeof tool_outputs / sizeof tool_outputs[0]; i++) {
        text_of(&t, tool_outputs[i]);
        for (size_t k = 0; k < 3; k++)
            CHECK(tables[k]->sniff(&t) == 0, "%s claims tool output %zu", tables[k]->name, i);
        text_free(&t);
    }

    /* The table alone is ours. */
    const char *table = strstr(seed002_wrk_then_table, "framework |");
    text_of(&t, table);
    p = parser_detect(&t);
    CHECK(p == &parser_table_markdown, "the table alone: detected as %s", p ? p->name : "nothing");
    CHECK(parser_table_markdown.sniff(&t) <= 30, "confidence above 30");
    text_free(&t);
}

/* Every input of every other parser's golden tests. */
static int swept;

static void sweep_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return;
    struct buf b = BUF_INIT;
    if (buf_read_stream(&b, fp) == 0) {
        struct text t;
        text_split(&t, b.data ? b.data : "", b.len);
        for (size_t k = 0; k < 3; k++)
            CHECK(tables[k]->sniff(&t) == 0, "%s claims %s", tables[k]->name, path);
        text_free(&t);
        swept++;
    }
    fclose(fp);
    buf_free(&b);
}

static int fixture_input(const char *name)
{
    size_t n = strlen(name);
    if (name[0] == '.')
        return 0;
    if ((n > 9 && strcmp(name + n - 9, ".expected") == 0) ||
        (n > 7 && strcmp(name + n - 7, ".actual") == 0) ||
        (n > 9 && strcmp(name + n - 9, "meta.json") == 0) || strcmp(name, "SOURCES.md") == 0 ||
        strcmp(name, "README.md") == 0)
        return 0;
    return 1;
}

static void sweep_dir(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!fixture_input(e->d_name))
            continue;
        if (depth == 0 && (strcmp(e->d_name, "published") == 0 || strcmp(e->d_name, "db") == 0 ||
                           strcmp(e->d_name, "cli") == 0 || strcmp(e->d_name, "fuzz") == 0 ||
                           strcmp(e->d_name, "meta") == 0))
            continue;
        struct buf p = BUF_INIT;
        buf_printf(&p, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(buf_str(&p), &sb) == 0) {
            if (S_ISDIR(sb.st_mode) && depth < 3)
                sweep_dir(buf_str(&p), depth + 1);
            else if (S_ISREG(sb.st_mode) && depth > 0 && sb.st_size < (8 << 20))
                sweep_file(buf_str(&p));
        }
        buf_free(&p);
    }
    closedir(d);
}

static void test_sweep_fixtures(void)
{
    /* tests/fixtures beside this source file */
    struct buf dir = BUF_INIT;
    const char *slash = strrchr(__FILE__, '/');
    if (slash)
        buf_add(&dir, __FILE__, (size_t)(slash - __FILE__));
    else
        buf_adds(&dir, ".");
    buf_adds(&dir, "/fixtures");
    sweep_dir(buf_str(&dir), 0);
    printf("unit_published: %d fixture files of other parsers swept\n", swept);
    buf_free(&dir);
}

static int parse_str(const struct parser *p, const char *s, struct parse_result *pr)
{
    struct text t;
    text_of(&t, s);
    parse_result_init(pr);
    int rc = parse_text(p, &t, pr);
    text_free(&t);
    return rc;
}

static void test_runs(void)
{
    struct parse_result pr;
    int rc = parse_str(&parser_table_markdown,
                       "Results:\n\n"
                       "| framework | server | req/s | p99 (ms) |\n"
                       "|---|---|--:|--:|\n"
                       "| FastAPI | uvicorn | 17,177.50 | 2.5 |\n"
                       "| uvicorn | Uvicorn | 46k | |\n",
                       &pr);
    CHECK(rc == 0 && pr.nruns == 2, "two rows: rc %d, %zu runs (%s)", rc, pr.nruns, pr.err);
    if (pr.nruns == 2) {
        const struct run *a = pr.runs[0], *b = pr.runs[1];
        CHECK(a->published == 1 && b->published == 1, "published flag");
        CHECK(a->label && strcmp(a->label, "FastAPI + uvicorn") == 0, "label %s", a->label);
        CHECK(b->label && strcmp(b->label, "uvicorn") == 0, "same name twice: label %s", b->label);
        const char *nm = run_param_get(a, "name");
        CHECK(nm && strcmp(nm, "FastAPI") == 0, "param name");
        CHECK(a->first_line == 5 && a->last_line == 5, "lines %d-%d", a->first_line, a->last_line);
        CHECK(a->rps == 17177.5 && b->rps == 46000, "rps %g %g", a->rps, b->rps);
        CHECK(run_latency_pct(a, 99) == 2.5, "p99 %g", run_latency_pct(a, 99));
        CHECK(strcmp(a->tool, "published") == 0 && strcmp(a->format, "table-markdown") == 0,
              "tool/format");
    }
    parse_result_free(&pr);

    /* A bare number under a latency header without a unit is kept, not
     * taken for milliseconds. */
    rc = parse_str(&parser_table_csv, "name,rps,latency\nx,10,5\n", &pr);
    CHECK(rc == 0 && pr.nruns == 1, "csv: rc %d (%s)", rc, pr.err);
    if (pr.nruns == 1) {
        CHECK(isnan(pr.runs[0]->lat_avg), "unitless latency read as ms");
        const struct run_figure *f = run_figure_get(pr.runs[0], "latency", "value");
        CHECK(f && f->value == 5 && strcmp(f->unit, "") == 0, "unitless latency figure");
    }
    parse_result_free(&pr);
}

/* Odd and broken input: refused or read, never a crash (run under ASan). */
static void test_garbage(void)
{
    static const char *const inputs[] = {
        "",
        "|",
        "||\n|-|\n",
        "a|b\n-|-\n|\n",
        "a | b\n---|---\n|||||||\n",
        "\"unterminated,rps\nx,1\n",
        "name,rps\n\"x\"y,1\n",
        "name;rps\nx;1,2,3\n",
        "name\trps\n\t\t\t\t\n",
        "| name | rps |\n|---|---|\n| <sup>1 | 1 |\n| [^2 | 2 |\n| [x]( | 3 |\n| $\\mu$ | 4 |\n",
        "| name | rps |\n|---|---|\n| a | (( - ~ )) |\n| b | - |\n| c | 99999999999999999999999999 |\n",
        "| name | rps |\n|---|---|\n| a | \xe2\x80\x99 |\n| b | 1\xe2\x80\x99 |\n| c | \xe2 |\n",
        "server req/s\n",
        "server req/s\nx\n",
        "server req/s\n1 2\n",
        "server req/s avg latency\nnginx 1 ms\n",
        "+--+--+\n|a|rps|\n+--+--+\n",
        "\xe2\x94\x82 a \xe2\x94\x82 rps \xe2\x94\x82\n\xe2\x94\x9c\xe2\x94\x80\xe2\x94\x80\xe2\x94\xbc\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        for (size_t k = 0; k < 3; k++) {
            struct text t;
            text_of(&t, inputs[i]);
            int s = tables[k]->sniff(&t);
            CHECK(s >= 0 && s <= 30, "%s: confidence %d on input %zu", tables[k]->name, s, i);
            text_free(&t);
            struct parse_result pr;
            int rc = parse_str(tables[k], inputs[i], &pr);
            CHECK(rc == 0 ? pr.nruns > 0 : pr.err[0] != '\0', "%s: input %zu: rc %d without reason",
                  tables[k]->name, i, rc);
            parse_result_free(&pr);
        }
    }
    /* A huge row: more cells than a table holds. */
    struct buf b = BUF_INIT;
    buf_adds(&b, "name");
    for (int i = 0; i < 200; i++)
        buf_adds(&b, " | rps");
    buf_adds(&b, "\n---|---\nx");
    for (int i = 0; i < 200; i++)
        buf_printf(&b, " | %d", i);
    buf_addc(&b, '\n');
    struct parse_result pr;
    parse_str(&parser_table_markdown, buf_str(&b), &pr);
    parse_result_free(&pr);
    buf_free(&b);
}

int main(void)
{
    test_tools_win();
    test_sweep_fixtures();
    test_runs();
    test_garbage();
    if (fails) {
        fprintf(stderr, "unit_published: %d check(s) failed\n", fails);
        return 1;
    }
    printf("unit_published: ok\n");
    return 0;
}
