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
 * Times use wrk's units (us ms s m h), sizes are 1024-based (KB MB GB),
 * Req/Sec counts 1000-based (k M G). Forks add columns (Min) and rows
 * (Connect, TTFB, TTLB) and print thousands separators; Lua done()
 * scripts print more lines after Transfer/sec, which are kept as figures
 * of metric "script" when they are "Name: number" pairs, and as
 * percentiles when they are a percentile table. Every "Running" line
 * starts a new run: files with several outputs give several runs.
 *
 * Failures: wrk counts responses with status > 399 as "Non-2xx or 3xx" and
 * timeouts among completed requests; failed_requests is their sum and
 * failed_pct its share of requests. Socket connect/read/write errors are
 * not requests; they are kept as counts by kind. A run with no requests
 * and socket errors, or every request failed, is marked failed.
 *
 * The frame (threads line, Thread Stats, totals, Socket errors, Non-2xx,
 * Requests/sec, Transfer/sec) and the failure rule live in wrk_common.c,
 * shared with the wrk2 parser; this file adds wrk's own latency table and
 * the Lua lines. */
#include <string.h>

#include "buf.h"
#include "parse.h"
#include "units.h"
#include "wrk_common.h"

struct wrk_state {
    struct wrk_frame frame; /* the run and the frame read so far */
    struct run *run;       /* == frame.run */
    int in_dist;           /* inside "Latency Distribution" */
    int in_script_pcts;    /* inside a Lua "Latency percentiles:" table */
    struct buf script;     /* unparsed lines printed after the report */
};

static void finish(struct wrk_state *ws, struct parse_result *pr)
{
    struct run *r = ws->run;
    if (!r)
        return;
    if (ws->script.len)
        run_add_param(r, "script_output", buf_str(&ws->script));
    buf_reset(&ws->script);
    wrk_frame_failures(&ws->frame); /* failures, as documented above */
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

static int wrk_parse(const struct text *t, struct parse_result *pr)
{
    struct wrk_state ws;
    memset(&ws, 0, sizeof ws);
    wrk_frame_reset(&ws.frame, NULL, "wrk");
    size_t last_end = 0; /* lines before this belong to an earlier run */
    int rc;

    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *url;
        size_t url_len;
        struct tok dur;
        double pct, ms;
        struct tok vt;

        if (wrk_run_start(l, &url, &url_len, &dur)) {
            finish(&ws, pr);
            ws.in_dist = ws.in_script_pcts = 0;
            ws.run = run_new("wrk", "wrk");
            wrk_frame_reset(&ws.frame, ws.run, "wrk");
            ws.run->first_line = l->no;
            run_setn(&ws.run->url, url, url_len);
            if (dur.n) {
                char text[32];
                snprintf(text, sizeof text, "%.*s", (int)dur.n, dur.s);
                run_add_param(ws.run, "duration", text);
            }
            /* The command line, if printed just before. */
            for (size_t k = i; k-- > last_end && k + 4 > i;) {
                if (line_blank(&t->lines[k]))
                    continue;
                if (wrk_is_command(&t->lines[k])) {
                    run_set(&ws.run->command, wrk_command_text(&t->lines[k]));
                    ws.run->first_line = t->lines[k].no;
                    break;
                }
            }
            continue;
        }
        if (!ws.run)
            continue;
        if (line_blank(l)) {
            ws.in_dist = 0;
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

        if (str_starts(str_skip_blank(l->s), "Latency Distribution")) {
            ws.in_dist = 1;
            continue;
        }
        if ((rc = wrk_frame_line(&ws.frame, l, pr)) != 0) {
            if (rc < 0)
                goto fail;
            continue;
        }
        if (ws.frame.after_transfer) {
            const char *s = str_skip_blank(l->s);
            if (str_starts(s, "Latency percentiles") || str_starts(s, "Latency Distribution")) {
                ws.in_script_pcts = 1;
                continue;
            }
            if (str_starts(s, "```") || str_starts(s, "**") || s[0] == '#' || wrk_is_command(l)) {
                /* markdown around pasted outputs: the run is over */
                ws.run->last_line = prev_last;
                finish(&ws, pr);
                last_end = i;
                continue;
            }
            if (strspn(s, "-=") == strlen(s))
                continue; /* a rule */
            script_line(&ws, l);
            continue;
        }
        ws.run->last_line = prev_last; /* text around the output, not part of it */
    }
    finish(&ws, pr);
    buf_free(&ws.script);
    return 0;
fail:
    run_free(ws.run);
    buf_free(&ws.script);
    return -1;
}

static int wrk_sniff(const struct text *t)
{
    int running = 0, rps = 0, stats = 0, hdr = 0;
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
        else if (line_find(l, "HdrHistogram") || line_find(l, "Detailed Percentile spectrum"))
            hdr = 1;
    }
    if (!running || !rps)
        return 0;
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
