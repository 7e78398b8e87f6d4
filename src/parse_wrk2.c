/* parse_wrk2.c - wrk2's text output -> runs.
 *
 * What wrk2 prints (giltene/wrk2 wrk.c: main, calibrate, print_hdr_latency,
 * and HdrHistogram's hdr_percentiles_print in CLASSIC format):
 *
 *   Running 30s test @ http://127.0.0.1:80/index.html
 *     2 threads and 100 connections
 *     Thread calibration: mean lat.: 9319 usec, rate sampling interval: 21 msec
 *     Thread Stats   Avg      Stdev     Max   +/- Stdev
 *       Latency     6.18ms    1.84ms  11.31ms   69.23%
 *       Req/Sec     1.05k     1.11k    2.50k    64.57%
 *     Latency Distribution (HdrHistogram - Recorded Latency)     (-L, -U)
 *    50.000%    6.21ms
 *     ...
 *   100.000%   11.32ms
 *
 *     Detailed Percentile spectrum:
 *          Value   Percentile   TotalCount 1/(1-Percentile)
 *
 *          0.677     0.000000            1         1.00
 *         ...
 *         11.319     1.000000        39500          inf
 *   #[Mean    =        6.178, StdDeviation   =        1.836]
 *   #[Max     =       11.312, Total count    =        39500]
 *   #[Buckets =           27, SubBuckets     =         2048]
 *   ----------------------------------------------------------
 *     Latency Distribution (HdrHistogram - Uncorrected Latency (measured
 *       without taking delayed starts into account))          (-U only)
 *     ... the same distribution, spectrum and #[...] lines ...
 *     60031 requests in 30.01s, 19.82MB read
 *   Requests/sec:   2000.67
 *   Transfer/sec:    676.32KB
 *
 * The frame around the statistics is wrk's and is read by wrk_common.c.
 * Newer wrk2 prints calibration as "mean lat.: 1.234ms, rate sampling
 * interval: 10ms"; forks print a "99%" Thread Stats column, "-nanus", and
 * "Test Results @ URL" instead of "Running ...".
 *
 * How the figures are kept:
 *   - The Recorded Latency blocks are metric "latency", the Uncorrected
 *     ones "uncorrected_latency".
 *   - Every spectrum row is a percentile of its metric: Value (ms, as
 *     printed), Percentile (a fraction, stored x100 exactly: 0.990625 is
 *     99.0625) and TotalCount as the cumulative count. The 1/(1-Percentile)
 *     column only restates the percentile and is not stored.
 *   - The distribution rows ("99.900%   11.19ms") are kept as figures of
 *     metric "<metric>_distribution" (stat the printed percent), and
 *     become percentiles only where the spectrum has no row for that exact
 *     percentile (it has 50 and 100, never 99 or 99.9): the spectrum's
 *     three decimals of ms win over the distribution's rounded units.
 *   - #[Mean, StdDeviation, Max, Total count, Buckets, SubBuckets] are
 *     figures of metric "<metric>_histogram" (mean, stddev, max,
 *     total_count, buckets, subbuckets). For "latency" they are also the
 *     headline avg/stdev/max, finer than the Thread Stats Latency row,
 *     which wrk2 prints from the same recorded histogram (kept as figures
 *     of metric "latency" too).
 *   - lat_med is the 50th percentile of "latency".
 *   - Each "Thread calibration" line is metric "thread_calibration_<n>"
 *     with stats mean_lat and rate_sampling_interval (ms).
 *   - The target rate is -R/--rate of a wrk command line printed just
 *     before the output (wrk2 does not print it): target_rate and param
 *     "rate". Lua done() output is not read.
 *
 * Failures are wrk's (wrk_frame_failures): Non-2xx or 3xx + timeouts.
 *
 * Cut short: wrk2, like wrk, always prints Transfer/sec last; a run
 * without it is incomplete, and its failures are derived only once
 * Requests/sec was read (wrk_frame_failures).
 *
 * A run starts at "Running"/"Test Results @", or, in a fragment without
 * one, at the first wrk2 block (calibration, Thread Stats, an HdrHistogram
 * distribution or spectrum); a block after a complete run (Transfer/sec
 * read) starts another. Prose and markdown between blocks are skipped. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse.h"
#include "units.h"
#include "wrk_common.h"

/* A distribution row, kept until the run ends (see above). */
struct dist_row {
    const char *metric; /* static: "latency" or "uncorrected_latency" */
    double pct, ms;
    char pct_text[16], text[32];
};

/* #[...] summary of the recorded histogram, applied at the end. */
struct hdr_sum {
    double mean, stddev, max;
};

enum block { B_NONE, B_DIST, B_SPECTRUM };

struct wrk2_state {
    struct wrk_frame frame;
    struct run *run;            /* == frame.run */
    const char *metric;         /* metric of the current block */
    enum block in;
    struct dist_row *dist;
    size_t ndist, capdist;
    struct hdr_sum rec;         /* of "latency" */
    int ncalib;
};

static const char M_LAT[] = "latency";
static const char M_ULAT[] = "uncorrected_latency";

static void start_run(struct wrk2_state *ws, int first_line)
{
    ws->run = run_new("wrk2", "wrk2");
    ws->run->first_line = first_line;
    ws->run->last_line = first_line;
    wrk_frame_reset(&ws->frame, ws->run, "wrk2");
    ws->metric = M_LAT;
    ws->in = B_NONE;
    ws->ndist = 0;
    ws->rec.mean = ws->rec.stddev = ws->rec.max = RUN_NA;
    ws->ncalib = 0;
}

static void finish(struct wrk2_state *ws, struct parse_result *pr)
{
    struct run *r = ws->run;
    if (!r)
        return;
    for (size_t i = 0; i < ws->ndist; i++) {
        const struct dist_row *d = &ws->dist[i];
        char metric[64];
        snprintf(metric, sizeof metric, "%s_distribution", d->metric);
        run_add_figure(r, metric, d->pct_text, d->ms, UNIT_MS, d->text);
        if (!run_has(run_percentile_get(r, d->metric, d->pct)))
            run_add_percentile(r, d->metric, d->pct, d->ms, UNIT_MS, d->text, -1);
    }
    if (run_has(ws->rec.mean))
        r->lat_avg = ws->rec.mean;
    if (run_has(ws->rec.stddev))
        r->lat_stdev = ws->rec.stddev;
    if (run_has(ws->rec.max))
        r->lat_max = ws->rec.max;
    r->lat_med = run_percentile_get(r, M_LAT, 50);
    wrk_frame_failures(&ws->frame);
    run_set(&r->latency_metric, M_LAT);
    parse_emit(pr, r);
    ws->run = NULL;
    wrk_frame_reset(&ws->frame, NULL, "wrk2");
}

/* "Test Results @ http://localhost:5000" (DeathStarBench's fork). */
static int fork_start(const struct line *l, const char **url, size_t *url_len)
{
    const char *w = str_skip_blank(l->s);
    if (!str_starts(w, "Test") || (w[4] != ' ' && w[4] != '\t'))
        return 0; /* the first word decides */
    struct tok t[5];
    size_t n = tok_split(l->s, l->n, t, 5);
    if (n == 4 && tok_eq(t[0], "Test") && tok_eq(t[1], "Results") && tok_eq(t[2], "@")) {
        *url = t[3].s;
        *url_len = t[3].n;
        return 1;
    }
    return 0;
}

/* -R2000, -R 2000, --rate 2k, --rate=2k in a wrk command line: 1 with
 * the value token and its value, else 0. */
static int command_rate(const char *cmd, struct tok *v, double *x)
{
    struct tok t[64];
    size_t n = tok_split(cmd, strlen(cmd), t, 64);
    if (n > 64)
        n = 64;
    for (size_t i = 1; i < n; i++) {
        v->s = NULL;
        v->n = 0;
        if (tok_eq(t[i], "-R") || tok_eq(t[i], "--rate")) {
            if (i + 1 < n)
                *v = t[i + 1];
        } else if (t[i].n > 2 && memcmp(t[i].s, "-R", 2) == 0 && t[i].s[2] != '-') {
            v->s = t[i].s + 2;
            v->n = t[i].n - 2;
        } else if (t[i].n > 7 && memcmp(t[i].s, "--rate=", 7) == 0) {
            v->s = t[i].s + 7;
            v->n = t[i].n - 7;
        }
        if (v->n && units_count(v->s, v->n, x) == UNITS_OK)
            return 1;
    }
    return 0;
}

/* A calibration time: wrk2's "1.234ms", older "9319 usec" / "21 msec". */
static int calib_time(const char *s, size_t n, double *ms)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ','))
        n--;
    if (units_duration_ms(s, n, ms) == UNITS_OK)
        return 1;
    static const struct { const char *unit; int pow10; } words[] = {
        {" usec", -3}, {" msec", 0}, {" sec", 3},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t ul = strlen(words[i].unit);
        if (n > ul && memcmp(s + n - ul, words[i].unit, ul) == 0)
            return units_scaled(s, n - ul, 0, words[i].pow10, 1, ms) == UNITS_OK;
    }
    return 0;
}

/* "Thread calibration: mean lat.: 9319 usec, rate sampling interval: 21 msec" */
static int calibration(struct wrk2_state *ws, const struct line *l, struct parse_result *pr)
{
    const char *s = wrk_labelled(l, "Thread calibration:");
    if (!s)
        return 0;
    static const struct { const char *label, *stat; } parts[] = {
        {"mean lat.:", "mean_lat"},
        {"rate sampling interval:", "rate_sampling_interval"},
    };
    char metric[48];
    snprintf(metric, sizeof metric, "thread_calibration_%d", ++ws->ncalib);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        const char *p = strstr(s, parts[i].label);
        if (!p)
            continue;
        p = str_skip_blank(p + strlen(parts[i].label));
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        double ms;
        if (!calib_time(p, n, &ms))
            return parse_fail(pr, l->no, "wrk2: cannot read the calibration time \"%.*s\"", (int)n, p);
        char text[48];
        snprintf(text, sizeof text, "%.*s", (int)n, p);
        run_add_figure(ws->run, metric, parts[i].stat, ms, UNIT_MS, text);
    }
    return 1;
}

/* "  Latency Distribution (HdrHistogram - Recorded Latency)" and the
 * Uncorrected one: sets the block's metric. */
static int dist_header(struct wrk2_state *ws, const struct line *l)
{
    const char *s = str_skip_blank(l->s);
    if (!str_starts(s, "Latency Distribution"))
        return 0;
    ws->metric = strstr(s, "Uncorrected") ? M_ULAT : M_LAT;
    ws->in = B_DIST;
    return 1;
}

static void dist_row(struct wrk2_state *ws, const struct line *l, double pct, double ms, struct tok vt)
{
    ARRAY_GROW(ws->dist, ws->ndist, ws->capdist);
    struct dist_row *d = &ws->dist[ws->ndist++];
    struct tok pt;
    tok_split(l->s, l->n, &pt, 1);
    d->metric = ws->metric;
    d->pct = pct;
    d->ms = ms;
    snprintf(d->pct_text, sizeof d->pct_text, "%.*s", (int)pt.n, pt.s);
    snprintf(d->text, sizeof d->text, "%.*s", (int)vt.n, vt.s);
}

/* "       6.207     0.500000        19783         2.00": 1 read, 0 not a
 * spectrum row, -1 a row with a bad value. */
static int spectrum_row(struct wrk2_state *ws, const struct line *l, struct parse_result *pr)
{
    struct tok t[5];
    size_t n = tok_split(l->s, l->n, t, 5);
    double ms, pct, count, inv;
    if (n != 4 || units_number(t[0].s, t[0].n, 0, &ms) == UNITS_BAD ||
        units_scaled(t[1].s, t[1].n, 0, 2, 1, &pct) != UNITS_OK ||
        units_number(t[2].s, t[2].n, 0, &count) != UNITS_OK ||
        (!tok_eq(t[3], "inf") && units_number(t[3].s, t[3].n, 0, &inv) != UNITS_OK))
        return 0;
    if (pct < 0 || pct > 100 || count < 0 || count > 9e18 || count != (double)(int64_t)count)
        return parse_fail(pr, l->no, "wrk2: bad spectrum row");
    char text[32];
    snprintf(text, sizeof text, "%.*s", (int)t[0].n, t[0].s);
    run_add_percentile(ws->run, ws->metric, pct, ms, UNIT_MS, text, (int64_t)count);
    return 1;
}

/* "#[Mean    =        6.178, StdDeviation   =        1.836]" and its two
 * siblings: every "Name = value" pair. */
static int hdr_summary(struct wrk2_state *ws, const struct line *l, struct parse_result *pr)
{
    const char *s = str_skip_blank(l->s);
    if (!str_starts(s, "#[") || s[strlen(s) - 1] != ']')
        return 0;
    static const struct { const char *name, *stat; int is_time; } keys[] = {
        {"Mean", "mean", 1},           {"StdDeviation", "stddev", 1}, {"Max", "max", 1},
        {"Total count", "total_count", 0}, {"Buckets", "buckets", 0},
        {"SubBuckets", "subbuckets", 0},
    };
    const char *p = s + 2, *end = s + strlen(s) - 1;
    while (p < end) {
        const char *eq = memchr(p, '=', (size_t)(end - p));
        if (!eq)
            break;
        const char *comma = memchr(eq, ',', (size_t)(end - eq));
        const char *vend = comma ? comma : end;
        const char *name = str_skip_blank(p);
        size_t nn = (size_t)(eq - name);
        while (nn > 0 && (name[nn - 1] == ' ' || name[nn - 1] == '\t'))
            nn--;
        const char *v = str_skip_blank(eq + 1);
        size_t vn = (size_t)(vend - v);
        while (vn > 0 && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
            vn--;
        size_t k;
        for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
            if (strlen(keys[k].name) == nn && memcmp(keys[k].name, name, nn) == 0)
                break;
        double x;
        if (k == sizeof keys / sizeof keys[0] || units_number(v, vn, 0, &x) == UNITS_BAD)
            return parse_fail(pr, l->no, "wrk2: cannot read \"%.*s\" in the histogram summary",
                              (int)(vend - name), name);
        char text[32], metric[64];
        snprintf(text, sizeof text, "%.*s", (int)vn, v);
        snprintf(metric, sizeof metric, "%s_histogram", ws->metric);
        run_add_figure(ws->run, metric, keys[k].stat, x, keys[k].is_time ? UNIT_MS : UNIT_COUNT, text);
        if (ws->metric == M_LAT) {
            if (k == 0)
                ws->rec.mean = x;
            else if (k == 1)
                ws->rec.stddev = x;
            else if (k == 2)
                ws->rec.max = x;
        }
        p = vend + (comma ? 1 : 0);
    }
    return 1;
}

/* Lines that begin a wrk2 block; in a fragment they begin a run. */
static int block_start(const struct line *l)
{
    const char *s = str_skip_blank(l->s);
    return str_starts(s, "Thread calibration:") || str_starts(s, "Thread Stats") ||
           str_starts(s, "Latency Distribution (HdrHistogram") ||
           str_starts(s, "Detailed Percentile spectrum");
}

static int wrk2_parse(const struct text *t, struct parse_result *pr)
{
    struct wrk2_state ws;
    memset(&ws, 0, sizeof ws);
    wrk_frame_reset(&ws.frame, NULL, "wrk2");
    /* Index of the first line after the previous run (line numbers are
     * indexes + 1): a command line is looked for from there on. */
    size_t last_end = 0;
    int rc;

    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *url;
        size_t url_len;
        struct tok dur = {NULL, 0};
        double pct, ms;
        struct tok vt;

        if (wrk_run_start(l, &url, &url_len, &dur) || fork_start(l, &url, &url_len)) {
            if (ws.run)
                last_end = (size_t)ws.run->last_line; /* the line after it */
            finish(&ws, pr);
            start_run(&ws, l->no);
            struct tok rt;
            double rate;
            /* wrk2 does not print the rate it was asked for: -R tells */
            if (wrk_run_begin(ws.run, t, i, last_end, url, url_len, dur) &&
                command_rate(ws.run->command, &rt, &rate)) {
                char text[32];
                snprintf(text, sizeof text, "%.*s", (int)rt.n, rt.s);
                ws.run->target_rate = rate;
                run_add_param(ws.run, "rate", text);
            }
            continue;
        }
        if (line_blank(l)) {
            if (ws.in == B_DIST)
                ws.in = B_NONE;
            continue;
        }
        if (block_start(l) && (!ws.run || ws.frame.after_transfer)) {
            if (ws.run)
                last_end = (size_t)ws.run->last_line;
            finish(&ws, pr);
            start_run(&ws, l->no);
        }
        if (!ws.run)
            continue;

        if (ws.in == B_DIST) {
            if (wrk_percentile_row(l, &pct, &ms, &vt)) {
                dist_row(&ws, l, pct, ms, vt);
                ws.run->last_line = l->no;
                continue;
            }
            ws.in = B_NONE;
        } else if (ws.in == B_SPECTRUM) {
            const char *s = str_skip_blank(l->s);
            if (str_starts(s, "Value") && strstr(s, "Percentile")) {
                ws.run->last_line = l->no;
                continue;
            }
            if ((rc = spectrum_row(&ws, l, pr)) != 0) {
                if (rc < 0)
                    goto fail;
                ws.run->last_line = l->no;
                continue;
            }
            ws.in = B_NONE;
        }

        const char *s = str_skip_blank(l->s);
        rc = 1;
        if (dist_header(&ws, l)) {
            /* ws.in set */
        } else if (str_starts(s, "Detailed Percentile spectrum")) {
            ws.in = B_SPECTRUM;
        } else if ((rc = calibration(&ws, l, pr)) != 0 || (rc = hdr_summary(&ws, l, pr)) != 0) {
            if (rc < 0)
                goto fail;
        } else if (strspn(s, "-") == strlen(s) && strlen(s) >= 10) {
            rc = 1; /* the rule closing a histogram block */
        } else if ((rc = wrk_frame_line(&ws.frame, l, pr)) != 0) {
            if (rc < 0)
                goto fail;
        }
        if (rc)
            ws.run->last_line = l->no;
        /* anything else is text around the output */
    }
    finish(&ws, pr);
    free(ws.dist);
    return 0;
fail:
    run_free(ws.run);
    free(ws.dist);
    return -1;
}

/* HdrHistogram blocks and calibration lines are wrk2's alone; plain wrk
 * (whose sniff gives such files 40) prints the same frame without them.
 * A wrk command line with -R/--rate marks a wrk2 run printed without -L. */
static int wrk2_sniff(const struct text *t)
{
    int running = 0, rps = 0, hdr = 0, rate = 0;
    /* Nothing counts without a run start or an HdrHistogram mark (a first
     * word the tests below know): looked for first. */
    size_t i = 0;
    for (; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *s = str_skip_blank(l->s), *url;
        size_t ul;
        struct tok d;
        if (wrk_run_start(l, &url, &ul, &d) || fork_start(l, &url, &ul) ||
            str_starts(s, "Latency Distribution (HdrHistogram") ||
            str_starts(s, "Detailed Percentile spectrum") || str_starts(s, "#[Mean") ||
            str_starts(s, "Thread calibration:"))
            break;
    }
    if (i == t->n)
        return 0;
    for (i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *s = str_skip_blank(l->s);
        const char *url;
        size_t ul;
        struct tok d;
        if (wrk_run_start(l, &url, &ul, &d) || fork_start(l, &url, &ul))
            running = 1;
        else if (str_starts(s, "Requests/sec:"))
            rps = 1;
        else if (str_starts(s, "Latency Distribution (HdrHistogram") ||
                 str_starts(s, "Detailed Percentile spectrum") || str_starts(s, "#[Mean") ||
                 str_starts(s, "Thread calibration:"))
            hdr = 1;
        else if (wrk_is_command(l)) {
            struct tok rt;
            double x;
            rate |= command_rate(wrk_command_text(l), &rt, &x);
        }
    }
    if (hdr)
        return running && rps ? 95 : running || rps ? 90 : 60;
    return rate && running && rps ? 95 : 0;
}

const struct parser parser_wrk2 = {
    .name = "wrk2",
    .tool = "wrk2",
    .summary = "wrk2 text output (HdrHistogram distribution and spectrum, -U, calibration)",
    .sniff = wrk2_sniff,
    .parse = wrk2_parse,
    .parse_stream = NULL,
};
