/* parse_wrk.c - wrk's text output -> runs.
 *
 * What wrk prints (wrk.c, print_stats_header/print_stats/print_stats_latency):
 *
 *   Running 10s test @ http://localhost:8000          ("Making N requests to URL" before 3.0)
 *     2 threads and 10 connections
 *     Thread Stats   Avg      Stdev     Max   +/- Stdev
 *       Latency   141.10us   28.93us 508.00us   71.74%
 *       Req/Sec    34.24k   487.51    35.74k    76.73%
 *     Latency Distribution                             (with --latency)
 *        50%  234.00us
 *     688132 requests in 10.10s, 101.72MB read
 *     Socket errors: connect 0, read 0, write 0, timeout 53   (only when any)
 *     Non-2xx or 3xx responses: 522540                         (only when any)
 *   Requests/sec:  68133.61
 *   Transfer/sec:     10.07MB
 *
 * The frame around the statistics, all but the Latency Distribution, is
 * read by wrk_common.c (shared with wrk2): times in wrk's units (us ms s m
 * h), sizes 1024-based (KB MB GB), Req/Sec counts 1000-based (k M G), and
 * forks' extra columns (Min) and rows (Connect, TTFB, TTLB) and thousands
 * separators. Lua done() scripts print more lines after Transfer/sec,
 * which are kept as figures of metric "script" when they are "Name:
 * number" pairs, and as percentiles when they are a percentile table.
 * Every "Running" line starts a new run: files with several outputs give
 * several runs.
 *
 * Failures: wrk counts responses with status > 399 as "Non-2xx or 3xx" and
 * timeouts among completed requests; failed_requests is their sum and
 * failed_pct its share of requests. Socket connect/read/write errors are
 * not requests; they are kept as counts by kind. A run that completed no
 * request, or whose every request failed, is marked failed
 * (wrk_frame_failures).
 *
 * Cut short: wrk always prints Transfer/sec last (a Lua done() script
 * prints after it). A run without it is incomplete, and so is one whose
 * script JSON block (announced by a "JSON Output" line) never closes. Its failures are derived only when
 * Requests/sec was read: the Socket errors and Non-2xx lines, printed
 * only when non-zero, come before it, so their absence is known only
 * then. Lines a done() script prints after Transfer/sec have no end mark:
 * a cut among them cannot be told. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "parse.h"
#include "units.h"
#include "wrk_common.h"

struct wrk_state {
    struct wrk_frame frame;
    struct run *run;       /* == frame.run */
    int in_dist;           /* inside "Latency Distribution" */
    int in_script_pcts;    /* inside a Lua "Latency percentiles:" table */
    int after_blank;       /* past Transfer/sec, and a blank line seen since */
    int json_pending;      /* "JSON Output" was printed, its block not yet closed */
    struct buf json;       /* a JSON block printed by a Lua done() script */
    int json_depth;
    struct buf script;     /* unparsed lines printed after the report */
};

static void finish(struct wrk_state *ws, struct parse_result *pr)
{
    struct run *r = ws->run;
    if (!r)
        return;
    if (ws->script.len)
        run_add_param(r, "script_output", buf_str(&ws->script));
    int json_open = ws->json_depth != 0 || ws->json_pending;
    buf_reset(&ws->script);
    buf_reset(&ws->json);
    ws->json_depth = 0;
    /* Failures, as documented above; a script JSON block that never
     * closed cuts the run short as a missing Transfer/sec does. */
    wrk_frame_failures(&ws->frame);
    if (json_open)
        r->state = RUN_STATE_INCOMPLETE;
    if (!r->latency_metric)
        r->latency_metric = xstrdup("latency");
    parse_emit(pr, r);
    ws->run = NULL;
    wrk_frame_reset(&ws->frame, NULL, "wrk");
}

/* Lua done() output: "Name: number[unit]" pairs become figures. */
static void script_line(struct wrk_state *ws, const struct line *l)
{
    const char *s = str_skip_blank(l->s);
    const char *colon = strrchr(s, ':');
    double x;
    if (colon && colon > s && colon[1] == ' ') {
        const char *v = str_skip_blank(colon + 1);
        size_t vn = strlen(v);
        if (vn > 0 && units_number(v, vn, 1, &x) == UNITS_OK) {
            char stat[128];
            snprintf(stat, sizeof stat, "%.*s", (int)(colon - s), s);
            run_add_figure(ws->run, "script", stat, x, UNIT_COUNT, v);
            return;
        }
    }
    if (ws->script.len)
        buf_addc(&ws->script, '\n');
    buf_adds(&ws->script, s);
}

/* A JSON object printed by a Lua done() script (the json.lua of wrk
 * forks): its numbers become figures of metric "script_json", and a
 * latency_distribution array of {percentile, latency_in_microseconds}
 * becomes percentiles of metric "script_json_latency". */
static void script_json(struct wrk_state *ws)
{
    cJSON *root = cJSON_ParseWithLength(buf_str(&ws->json), ws->json.len);
    buf_reset(&ws->json);
    if (!root)
        return;
    for (cJSON *it = root->child; it; it = it->next) {
        char text[64];
        if (cJSON_IsNumber(it)) {
            units_format(text, sizeof text, it->valuedouble);
            run_add_figure(ws->run, "script_json", it->string, it->valuedouble, UNIT_COUNT, text);
        } else if (cJSON_IsArray(it) && strcmp(it->string, "latency_distribution") == 0) {
            for (cJSON *e = it->child; e; e = e->next) {
                cJSON *p = cJSON_GetObjectItemCaseSensitive(e, "percentile");
                cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "latency_in_microseconds");
                double ms;
                if (!cJSON_IsNumber(p) || !cJSON_IsNumber(v))
                    continue;
                units_format(text, sizeof text, v->valuedouble);
                if (units_scaled(text, strlen(text), 0, -3, 1, &ms) != UNITS_OK)
                    continue;
                run_add_percentile(ws->run, "script_json_latency", p->valuedouble, ms, UNIT_MS,
                                   text, -1);
            }
        }
    }
    cJSON_Delete(root);
}

/* A Markdown table starts at line i: a row with bars, then its rule
 * ("---|---|"). A post's results table, not a script's output. */
static int md_table_at(const struct text *t, size_t i)
{
    if (!strchr(t->lines[i].s, '|') || i + 1 >= t->n)
        return 0;
    const char *s = str_skip_blank(t->lines[i + 1].s);
    return *s && strspn(s, "-|: \t") == strlen(s) && strchr(s, '-') && strchr(s, '|');
}

static int wrk_parse(const struct text *t, struct parse_result *pr)
{
    struct wrk_state ws;
    memset(&ws, 0, sizeof ws);
    wrk_frame_reset(&ws.frame, NULL, "wrk");
    size_t last_end = 0; /* lines before this belong to an earlier run */

    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *url;
        size_t url_len;
        struct tok dur;
        double pct, ms;
        struct tok vt;

        if (wrk_run_start(l, &url, &url_len, &dur)) {
            finish(&ws, pr);
            ws.in_dist = ws.in_script_pcts = ws.after_blank = ws.json_pending = 0;
            ws.run = run_new("wrk", "wrk");
            wrk_frame_reset(&ws.frame, ws.run, "wrk");
            ws.run->first_line = l->no;
            wrk_run_begin(ws.run, t, i, last_end, url, url_len, dur);
            continue;
        }
        if (!ws.run)
            continue;
        if (line_blank(l)) {
            ws.in_dist = 0;
            if (ws.frame.after_transfer && !ws.json_depth)
                ws.after_blank = 1;
            continue;
        }
        int prev_last = ws.run->last_line;
        ws.run->last_line = l->no; /* undone below if the line is not ours */

        if (ws.in_dist || ws.in_script_pcts) {
            if (wrk_percentile_row(l, &pct, &ms, &vt)) {
                char text[32];
                snprintf(text, sizeof text, "%.*s", (int)vt.n, vt.s);
                /* wrk's Lua latency:percentile(100) returns 0: a known
                 * quirk, not a measurement. */
                if (ws.in_script_pcts && pct == 100 && ms == 0 && ws.run->npcts > 0)
                    continue;
                run_add_percentile(ws.run, "latency", pct, ms, UNIT_MS, text, -1);
                continue;
            }
            ws.in_dist = ws.in_script_pcts = 0;
        }

        int rc = wrk_frame_line(&ws.frame, l, pr);
        if (rc < 0)
            goto fail;
        if (rc)
            continue;
        /* the percentile table wrk --latency prints */
        if (str_starts(str_skip_blank(l->s), "Latency Distribution")) {
            ws.in_dist = 1;
            continue;
        }
        if (ws.frame.after_transfer) {
            const char *s = str_skip_blank(l->s);
            if (ws.json_depth > 0 || (s[0] == '{' && s[1] == '\0')) {
                /* a JSON block: collect it to its closing brace */
                buf_adds(&ws.json, s);
                buf_addc(&ws.json, '\n');
                for (const char *c = s; *c; c++)
                    ws.json_depth += *c == '{' ? 1 : *c == '}' ? -1 : 0;
                if (ws.json_depth <= 0) {
                    ws.json_depth = 0;
                    ws.json_pending = 0;
                    script_json(&ws);
                }
                continue;
            }
            if (str_starts(s, "Latency percentiles") || str_starts(s, "Latency Distribution")) {
                ws.in_script_pcts = 1;
                continue;
            }
            if (strcmp(s, "JSON Output") == 0) {
                ws.after_blank = 0; /* its block follows a blank line */
                ws.json_pending = 1;
                continue;
            }
            if (strspn(s, "-=.") == strlen(s))
                continue; /* a rule, or an elision "..." */
            /* A Lua done() script prints straight after Transfer/sec; after a
             * blank line only a JSON block continues the run. Markdown (a
             * table too) and prose end it. */
            if (ws.after_blank || str_starts(s, "```") || str_starts(s, "**") || s[0] == '#' ||
                md_table_at(t, i) || wrk_is_command(l)) {
                ws.run->last_line = prev_last;
                finish(&ws, pr);
                last_end = i;
                continue;
            }
            script_line(&ws, l);
            continue;
        }
        ws.run->last_line = prev_last; /* text around the output, not part of it */
    }
    finish(&ws, pr);
    buf_free(&ws.script);
    buf_free(&ws.json);
    return 0;
fail:
    run_free(ws.run);
    buf_free(&ws.script);
    buf_free(&ws.json);
    return -1;
}

static int any_run_start(const struct text *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const char *url;
        size_t ul;
        struct tok d;
        if (wrk_run_start(&t->lines[i], &url, &ul, &d))
            return 1;
    }
    return 0;
}

static int wrk_sniff(const struct text *t)
{
    int running = 0, rps = 0, stats = 0, hdr = 0, threads = 0;
    if (!any_run_start(t))
        return 0; /* nothing below counts without it: looked for first */
    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *url;
        size_t ul;
        struct tok d;
        if (wrk_run_start(l, &url, &ul, &d))
            running = 1;
        else if (str_starts(str_skip_blank(l->s), "Requests/sec:"))
            rps = 1;
        else if (str_starts(str_skip_blank(l->s), "Thread Stats"))
            stats = 1;
        else if (line_find(l, " threads and ") && line_find(l, "connection"))
            threads = 1;
        else if (line_find(l, "HdrHistogram") || line_find(l, "Detailed Percentile spectrum"))
            hdr = 1;
    }
    if (!running || !(rps || stats || threads))
        return 0;
    if (!rps)
        return 30; /* a wrk output cut short: wrk's parser says what is missing */
    /* wrk2 prints the same frame plus an HdrHistogram: wrk2's parser is
     * the better reader of those. */
    return hdr ? 40 : stats ? 90 : 70;
}

const struct parser parser_wrk = {
    .name = "wrk",
    .tool = "wrk",
    .summary = "wrk text output (with or without --latency, Lua done() lines)",
    .sniff = wrk_sniff,
    .parse = wrk_parse,
    .parse_stream = NULL,
};
