/* parse_bombardier.c - bombardier's plain-text and JSON outputs -> runs.
 *
 * What bombardier prints (bombardier.go printIntro/barUpdater, the
 * plain-text template in templates.go, formatTimeUs/formatBinary in
 * format.go):
 *
 *   Bombarding http://localhost:8080 with 10000000 request(s) using 125 connection(s)
 *              ("... for 10s using 200 connection(s)"; before 1.x no "(s)")
 *    10000000 / 10000000 [=============] 100.00% 409/s 37s      (cheggaaa/pb)
 *   Done!                                (older: on the bar's line)
 *   Statistics        Avg      Stdev        Max
 *     Reqs/sec    264560.00   10733.06     268434
 *     Latency      471.00us   522.34us    51.00ms
 *     Latency Distribution                                    (-l, --latencies)
 *        50%    28.00ms
 *        75%    32.00ms
 *        90%    34.00ms
 *        99%    48.00ms
 *     HTTP codes:
 *       1xx - 0, 2xx - 10000000, 3xx - 0, 4xx - 0, 5xx - 0
 *       others - 5                          (earliest: "errored - 2")
 *     Errors:                               (when any)
 *       dialing to the given TCP address timed out - 5
 *     Throughput:   292.92MB/s
 *
 * Times are us, ms, s (and Go's m/h forms), sizes 1024-based (KB, MB...).
 * The bar's last time is the elapsed time, truncated to whole seconds:
 * it is duration_s (as printed) when the bar is there. "Throughput" is
 * bytes read plus written per second.
 *
 * The JSON report (-o json / --format json; the json template) holds the
 * same and more: spec {numberOfConnections, testType, numberOfRequests |
 * testDurationSeconds, method, url, headers, body, stream, timeoutSeconds,
 * client, rate}, result {bytesRead, bytesWritten, timeTakenSeconds,
 * req1xx..req5xx, others, errors [{description, count}], latency {mean,
 * stddev, max, percentiles} in microseconds, rps {mean, stddev, max,
 * percentiles}}. A key printed without its value ('"90":  ,', as a
 * hand-edited report shows) is read as not printed.
 *
 * Counts: every request bombardier made is counted once, in its status
 * class or, when it got no response (an error), in "others" ("errored").
 * requests is their sum. Failures: bombardier counts none itself;
 * failed_requests = 4xx + 5xx + others (a status of 400 and up, or no
 * response: the rule wrk and h2load follow), failed_pct its share of
 * requests. non2xx = 1xx + 3xx + 4xx + 5xx. A run where every request
 * failed is failed. rps is the mean of the Reqs/sec samples.
 *
 * Cut short: bombardier always prints "Throughput" last; a text output
 * without it is incomplete (this wins over failed). requests, non2xx and
 * the failures are derived only once the second codes line ("others - N",
 * "errored - N") was read: the classes are then all known. A JSON report
 * cut short does not close: the file is refused. */
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "parse.h"
#include "tool_common.h"
#include "toolcmd.h"
#include "units.h"

#define BB_MAXTOK 16
#define BB_MAXCOLS 8

static const struct toolcmd_prog bb_progs[] = {{"bombardier", 1}, {NULL, 0}};

/* bombardier's options (kingpin: -c 10, --connections=10), for a run
 * whose output does not say them. */
static const struct tool_option bb_options[] = {
    {{"c", "connections"}, "connections", TOOL_CONNECTIONS},
    {{"n", "requests"}, "requests", TOOL_PARAM},
    {{"d", "duration"}, "duration", TOOL_PARAM},
    {{"r", "rate"}, "rate", TOOL_RATE},
    {{NULL, NULL}, NULL, TOOL_PARAM},
};

struct bb_state {
    struct run *run;
    char cols[BB_MAXCOLS][16]; /* Statistics columns, lowercased */
    size_t ncols;
    int in_dist, in_codes, in_errors, done;
    int have_codes;            /* "others" (the last class printed) was read */
    double classes[6];         /* 1xx..5xx, others */
    size_t last_end;
};

/* The failure rule of the header comment, from the six class counts. */
static void bb_failures(struct run *r, const double c[6])
{
    r->requests = c[0] + c[1] + c[2] + c[3] + c[4] + c[5];
    r->non2xx = c[0] + c[2] + c[3] + c[4];
    r->failed_requests = c[3] + c[4] + c[5];
    if (r->requests > 0)
        r->failed_pct = 100.0 * r->failed_requests / r->requests;
    if (r->failed_requests >= r->requests && (r->requests > 0 || c[5] > 0))
        r->state = RUN_STATE_FAILED;
}

static void bb_finish(struct bb_state *st, struct parse_result *pr)
{
    struct run *r = st->run;
    if (!r)
        return;
    st->run = NULL;
    st->last_end = (size_t)r->last_line;
    if (st->have_codes)
        bb_failures(r, st->classes);
    if (r->command)
        tool_command_options(r, r->command, strlen(r->command), bb_options);
    if (!run_figure_get(r, "throughput", "value"))
        r->state = RUN_STATE_INCOMPLETE; /* cut before its last line */
    run_set(&r->latency_metric, "latency");
    parse_emit(pr, r);
}

static void bb_open(struct bb_state *st, const struct text *t, size_t i)
{
    st->run = run_new("bombardier", "bombardier");
    st->run->first_line = st->run->last_line = t->lines[i].no;
    st->ncols = 0;
    st->in_dist = st->in_codes = st->in_errors = st->have_codes = st->done = 0;
    memset(st->classes, 0, sizeof st->classes);
    tool_command(st->run, t, i, st->last_end, bb_progs, NULL);
}

/* "Bombarding URL with N request(s) using C connection(s)" or
 * "Bombarding URL for 10s using C connection(s)". */
static int intro_line(struct bb_state *st, const char *s)
{
    struct tok t[BB_MAXTOK];
    size_t n = tok_split(s, strlen(s), t, BB_MAXTOK);
    if (n < 6 || !tok_eq(t[0], "Bombarding"))
        return 0;
    struct run *r = st->run;
    char text[1024];
    tool_tok_text(text, sizeof text, t[1]);
    run_set(&r->url, text);
    size_t u = 0; /* index of "using" */
    if (tok_eq(t[2], "with") && n >= 7) {
        tool_tok_text(text, sizeof text, t[3]);
        run_add_param(r, "requests", text);
        u = 5;
    } else if (tok_eq(t[2], "for")) {
        tool_tok_text(text, sizeof text, t[3]);
        run_add_param(r, "duration", text);
        u = 4;
    }
    if (u && u + 1 < n && tok_eq(t[u], "using"))
        units_number(t[u + 1].s, t[u + 1].n, 0, &r->connections);
    return 1;
}

/* The progress bar as last drawn: " 7000 / 7000 [=====] 100.00% 409/s 17s",
 * "[=====]10s Done!", "... 100.00 % 47s Done!". */
static int bar_line(struct bb_state *st, const char *s)
{
    const char *open = strchr(s, '[');
    const char *close = open ? strchr(open, ']') : NULL;
    if (!open || !close || strspn(open + 1, "=>-_ ") < (size_t)(close - open - 1))
        return 0;
    struct tok t[BB_MAXTOK];
    size_t n = tok_split(close + 1, strlen(close + 1), t, BB_MAXTOK);
    if (n > BB_MAXTOK)
        n = BB_MAXTOK;
    struct run *r = st->run;
    for (size_t k = 0; k < n; k++) {
        double x;
        char text[32];
        tool_tok_text(text, sizeof text, t[k]);
        if (tok_eq(t[k], "Done!")) {
            st->done = 1;
        } else if (t[k].n > 2 && memcmp(t[k].s + t[k].n - 2, "/s", 2) == 0 &&
                   units_number(t[k].s, t[k].n - 2, 0, &x) == UNITS_OK) {
            run_add_figure(r, "progress", "rate", x, UNIT_PER_S, text);
        } else if (units_duration_ms(t[k].s, t[k].n, &x) == UNITS_OK) {
            run_add_figure(r, "progress", "elapsed", x, UNIT_MS, text);
            r->duration_s = tool_ms_to_s(x);
        }
    }
    return 1;
}

/* "Statistics        Avg      Stdev        Max" */
static int stats_header(struct bb_state *st, const char *s)
{
    struct tok t[BB_MAXTOK];
    size_t n = tok_split(s, strlen(s), t, BB_MAXTOK);
    if (n < 2 || n > BB_MAXCOLS + 1 || !tok_eq(t[0], "Statistics"))
        return 0;
    st->ncols = 0;
    for (size_t i = 1; i < n; i++) {
        size_t k = t[i].n < 15 ? t[i].n : 15;
        for (size_t j = 0; j < k; j++) {
            char c = t[i].s[j];
            st->cols[st->ncols][j] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        st->cols[st->ncols][k] = '\0';
        st->ncols++;
    }
    return 1;
}

/* "Reqs/sec  12.58  67.10  1470.52", "Latency  100.21ms  130.73ms  1.21s" */
static int stats_row(struct bb_state *st, const char *s, const struct line *l,
                     struct parse_result *pr)
{
    struct tok t[BB_MAXTOK];
    size_t n = tok_split(s, strlen(s), t, BB_MAXTOK);
    int is_lat;
    if (n >= 1 && tok_eq(t[0], "Reqs/sec"))
        is_lat = 0;
    else if (n >= 2 && tok_eq(t[0], "Latency") && !tok_eq(t[1], "Distribution"))
        is_lat = 1;
    else
        return 0;
    if (st->ncols == 0 || n - 1 != st->ncols)
        return parse_fail(pr, l->no, "bombardier: the %s row has %zu values for %zu columns",
                          is_lat ? "Latency" : "Reqs/sec", n - 1, st->ncols);
    struct run *r = st->run;
    for (size_t c = 0; c < st->ncols; c++) {
        double x;
        char text[32];
        tool_tok_text(text, sizeof text, t[c + 1]);
        int rc = is_lat ? units_duration_ms(t[c + 1].s, t[c + 1].n, &x)
                        : units_number(t[c + 1].s, t[c + 1].n, 0, &x);
        /* bombardier prints zeros, never NaN, for what it did not measure. */
        const char *bad = tool_figure_bad(rc, x);
        if (bad)
            return parse_fail(pr, l->no, "bombardier: \"%s\" in the %s row %s", text,
                              is_lat ? "Latency" : "Reqs/sec", bad);
        run_add_figure(r, is_lat ? "latency" : "reqs/sec", st->cols[c], x,
                       is_lat ? UNIT_MS : UNIT_PER_S, text);
        const char *col = st->cols[c];
        if (!is_lat && strcmp(col, "avg") == 0)
            r->rps = x;
        else if (is_lat && strcmp(col, "avg") == 0)
            r->lat_avg = x;
        else if (is_lat && strcmp(col, "stdev") == 0)
            r->lat_stdev = x;
        else if (is_lat && strcmp(col, "max") == 0)
            r->lat_max = x;
    }
    return 1;
}

/* "1xx - 0, 2xx - 100, 3xx - 0, 4xx - 0, 5xx - 0" and "others - 0". */
static int codes_line(struct bb_state *st, const char *s, const struct line *l,
                      struct parse_result *pr)
{
    static const char *const names[6] = {"1xx", "2xx", "3xx", "4xx", "5xx", "others"};
    struct tok t[BB_MAXTOK];
    size_t n = tok_split(s, strlen(s), t, BB_MAXTOK);
    if (n < 3 || n % 3 != 0 || n > BB_MAXTOK || !tok_eq(t[1], "-"))
        return 0;
    for (size_t i = 0; i < n; i += 3) {
        struct tok v = tool_tok_chop(t[i + 2], ',');
        char key[16], text[32];
        double x;
        tool_tok_text(key, sizeof key, t[i]);
        tool_tok_text(text, sizeof text, v);
        if (!tok_eq(t[i + 1], "-"))
            return parse_fail(pr, l->no, "bombardier: cannot read the HTTP codes line");
        const char *bad = tool_count_bad(v.s, v.n, 0, &x);
        if (bad)
            return parse_fail(pr, l->no, "bombardier: the %s count \"%s\" %s", key, text, bad);
        size_t k = 0;
        if (strcmp(key, "errored") == 0)
            k = 5; /* the earliest bombardier's name for "others" */
        else
            while (k < 6 && strcmp(key, names[k]) != 0)
                k++;
        if (k == 6)
            return parse_fail(pr, l->no, "bombardier: unknown HTTP code class \"%s\"", key);
        st->classes[k] = x;
        run_add_count(st->run, "status", key, x);
        run_add_figure(st->run, "http codes", key, x, UNIT_COUNT, text);
        if (k == 5)
            st->have_codes = 1;
    }
    return 1;
}

/* "    dialing to the given TCP address timed out - 5" */
static int error_row(struct bb_state *st, const char *s)
{
    const char *sep = NULL;
    for (const char *p = strstr(s, " - "); p; p = strstr(p + 1, " - "))
        sep = p;
    if (!sep)
        return 0;
    const char *v = sep + 3;
    double x;
    if (units_number(v, strlen(v), 0, &x) != UNITS_OK)
        return 0;
    char msg[1024];
    snprintf(msg, sizeof msg, "%.*s", (int)(sep - s), s);
    run_add_count(st->run, NULL, msg, x);
    return 1;
}

static int bb_parse(const struct text *t, struct parse_result *pr)
{
    struct bb_state st;
    memset(&st, 0, sizeof st);
    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *s = str_skip_blank(l->s);
        struct tok t0[2];
        int rc = 0;

        if (*s == '\0') {
            st.in_dist = st.in_codes = st.in_errors = 0;
            continue;
        }
        tok_split(s, strlen(s), t0, 2);
        if (tok_eq(t0[0], "Bombarding")) {
            bb_finish(&st, pr);
            bb_open(&st, t, i);
            intro_line(&st, s);
            continue;
        }
        if (tok_eq(t0[0], "Statistics")) {
            if (st.run && st.ncols)
                bb_finish(&st, pr); /* a second table: the next run, without its intro */
            if (!st.run)
                bb_open(&st, t, i);
            if (stats_header(&st, s)) {
                st.run->last_line = l->no;
                continue;
            }
        }
        if (!st.run)
            continue;

        if (st.ncols == 0 && bar_line(&st, s)) {
            rc = 1;
        } else if (str_starts(s, "Done!")) {
            st.done = 1;
            rc = 1;
        } else if (st.ncols && (rc = stats_row(&st, s, l, pr)) != 0) {
            st.in_dist = 0;
        } else if (st.ncols && str_starts(s, "Latency Distribution")) {
            st.in_dist = 1;
            rc = 1;
        } else if (st.in_dist) {
            struct tok p[4];
            double pct, ms;
            if (tok_split(s, strlen(s), p, 4) == 2 && units_percent(p[0].s, p[0].n, &pct) == UNITS_OK &&
                units_duration_ms(p[1].s, p[1].n, &ms) == UNITS_OK) {
                char text[32];
                tool_tok_text(text, sizeof text, p[1]);
                run_add_percentile(st.run, "latency", pct, ms, UNIT_MS, text, -1);
                if (pct == 50)
                    st.run->lat_med = ms;
                rc = 1;
            } else {
                st.in_dist = 0;
            }
        }
        if (rc < 0)
            goto fail;
        if (!rc && st.ncols) {
            if (str_starts(s, "HTTP codes:")) {
                st.in_codes = 1;
                st.in_errors = 0;
                rc = 1;
            } else if (str_starts(s, "Errors:")) {
                st.in_errors = 1;
                st.in_codes = 0;
                rc = 1;
            } else if (str_starts(s, "There wasn't enough data to compute statistics")) {
                run_add_count(st.run, "warning", s, 1);
                rc = 1;
            } else if (str_starts(s, "Throughput:")) {
                const char *v = str_skip_blank(s + strlen("Throughput:"));
                size_t vn = strlen(v);
                double x;
                if (vn < 3 || memcmp(v + vn - 2, "/s", 2) != 0 ||
                    units_bytes(v, vn - 2, 1024, &x) != UNITS_OK)
                    {
                    parse_fail(pr, l->no, "bombardier: bad throughput \"%s\"", v);
                    goto fail;
                }
                run_add_figure(st.run, "throughput", "value", x, UNIT_BYTES_PER_S, v);
                st.in_codes = st.in_errors = 0;
                st.run->last_line = l->no;
                bb_finish(&st, pr); /* the last line bombardier prints */
                continue;
            } else if (st.in_codes && (rc = codes_line(&st, s, l, pr)) != 0) {
                if (rc < 0)
                    goto fail;
            } else if (st.in_errors && error_row(&st, s)) {
                rc = 1;
            }
        }
        if (rc)
            st.run->last_line = l->no;
    }
    bb_finish(&st, pr);
    return 0;
fail:
    run_free(st.run);
    return -1;
}

static int bb_sniff(const struct text *t)
{
    int stats = 0, reqs = 0, codes = 0, intro = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *s = str_skip_blank(t->lines[i].s);
        struct tok k[4];
        if (*s != 'S' && *s != 'R' && *s != 'H' && *s != 'B')
            continue; /* none of the first words below */
        size_t n = tok_split(s, strlen(s), k, 4);
        if (n == 4 && tok_eq(k[0], "Statistics") && tok_eq(k[1], "Avg") && tok_eq(k[2], "Stdev"))
            stats = 1;
        else if (n >= 1 && tok_eq(k[0], "Reqs/sec"))
            reqs = 1;
        else if (str_starts(s, "HTTP codes:"))
            codes = 1;
        else if (n >= 4 && tok_eq(k[0], "Bombarding") && (tok_eq(k[2], "with") || tok_eq(k[2], "for")))
            intro = 1;
    }
    if (stats && reqs)
        return codes || intro ? 95 : 85;
    return intro ? 50 : 0;
}

const struct parser parser_bombardier = {
    .name = "bombardier",
    .tool = "bombardier",
    .summary = "bombardier plain-text output (-l latency distribution, all layouts since 2016)",
    .sniff = bb_sniff,
    .parse = bb_parse,
    .parse_stream = NULL,
};

/* --- JSON ---------------------------------------------------------------- */

static int bbj_run(const cJSON *root, const struct jsontext *jt, const struct text *t,
                   size_t last_end, struct parse_result *pr)
{
    const cJSON *spec = cJSON_GetObjectItemCaseSensitive(root, "spec");
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(root, "result");
    if (!cJSON_IsObject(res))
        return parse_fail(pr, t->lines[jt->first].no, "bombardier-json: no \"result\" object");
    struct run *r = run_new("bombardier", "bombardier-json");
    r->first_line = t->lines[jt->first].no;
    r->last_line = t->lines[jt->last].no;
    tool_command(r, t, jt->first, last_end, bb_progs, NULL);

    char text[1024];
    double x;
    if (cJSON_IsObject(spec)) {
        const char *s = jsontext_str(spec, "url");
        if (s)
            run_set(&r->url, s);
        tool_json_fig(r, spec, "numberOfConnections", "spec", "numberOfConnections", 0, UNIT_COUNT,
                      &r->connections);
        static const char *const strs[] = {"testType", "method", "client", "body", "bodyFilePath",
                                           "certPath", "keyPath", NULL};
        for (size_t i = 0; strs[i]; i++)
            if ((s = jsontext_str(spec, strs[i])) != NULL)
                run_add_param(r, strs[i], s);
        static const char *const nums[] = {"numberOfRequests", "testDurationSeconds",
                                           "timeoutSeconds", "rate", NULL};
        for (size_t i = 0; nums[i]; i++)
            if (jsontext_num(spec, nums[i], 0, &x, text, sizeof text) == UNITS_OK)
                run_add_param(r, nums[i], text);
        if (jsontext_num(spec, "rate", 0, &x, NULL, 0) == UNITS_OK)
            r->target_rate = x;
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(spec, "stream");
        if (cJSON_IsBool(st))
            run_add_param(r, "stream", cJSON_IsTrue(st) ? "true" : "false");
        const cJSON *h;
        cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(spec, "headers")) {
            const char *k = jsontext_str(h, "key"), *v = jsontext_str(h, "value");
            if (k && v) {
                char key[256];
                snprintf(key, sizeof key, "header %s", k);
                run_add_param(r, key, v);
            }
        }
    }

    tool_json_fig(r, res, "bytesRead", "result", "bytesRead", 0, UNIT_BYTES, &r->bytes_received);
    tool_json_fig(r, res, "bytesWritten", "result", "bytesWritten", 0, UNIT_BYTES, &r->bytes_sent);
    if (tool_json_fig(r, res, "timeTakenSeconds", "result", "timeTakenSeconds", 3, UNIT_MS, &x))
        jsontext_num(res, "timeTakenSeconds", 0, &r->duration_s, NULL, 0);
    static const char *const classes[6] = {"req1xx", "req2xx", "req3xx", "req4xx", "req5xx", "others"};
    double c[6];
    int have = 1;
    for (size_t i = 0; i < 6; i++) {
        if (tool_json_fig(r, res, classes[i], "result", classes[i], 0, UNIT_COUNT, &c[i])) {
            char key[8];
            snprintf(key, sizeof key, "%s", i < 5 ? classes[i] + 3 : "others");
            run_add_count(r, "status", key, c[i]);
        } else {
            have = 0;
        }
    }
    if (have)
        bb_failures(r, c);
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(res, "errors")) {
        const char *d = jsontext_str(e, "description");
        if (d && jsontext_num(e, "count", 0, &x, NULL, 0) == UNITS_OK)
            run_add_count(r, NULL, d, x);
    }
    const cJSON *lat = cJSON_GetObjectItemCaseSensitive(res, "latency");
    if (cJSON_IsObject(lat)) {
        /* microseconds */
        tool_json_fig(r, lat, "mean", "latency", "mean", -3, UNIT_MS, &r->lat_avg);
        tool_json_fig(r, lat, "stddev", "latency", "stddev", -3, UNIT_MS, &r->lat_stdev);
        tool_json_fig(r, lat, "max", "latency", "max", -3, UNIT_MS, &r->lat_max);
        const cJSON *p;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(lat, "percentiles")) {
            double pct;
            if (!p->string || units_number(p->string, strlen(p->string), 0, &pct) != UNITS_OK)
                continue;
            if (jsontext_num(p, NULL, -3, &x, text, sizeof text) != UNITS_OK)
                continue; /* printed without a value */
            run_add_percentile(r, "latency", pct, x, UNIT_MS, text, -1);
            if (pct == 50)
                r->lat_med = x;
        }
    }
    const cJSON *rps = cJSON_GetObjectItemCaseSensitive(res, "rps");
    if (cJSON_IsObject(rps)) {
        tool_json_fig(r, rps, "mean", "rps", "mean", 0, UNIT_PER_S, &r->rps);
        tool_json_fig(r, rps, "stddev", "rps", "stddev", 0, UNIT_PER_S, NULL);
        tool_json_fig(r, rps, "max", "rps", "max", 0, UNIT_PER_S, NULL);
        const cJSON *p;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(rps, "percentiles")) {
            double pct;
            if (!p->string || units_number(p->string, strlen(p->string), 0, &pct) != UNITS_OK)
                continue;
            if (jsontext_num(p, NULL, 0, &x, text, sizeof text) != UNITS_OK)
                continue;
            run_add_percentile(r, "rps", pct, x, UNIT_PER_S, text, -1);
        }
    }
    run_set(&r->latency_metric, "latency");
    parse_emit(pr, r);
    return 0;
}

static int bbj_is_ours(const cJSON *root)
{
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(root, "result");
    return cJSON_IsObject(res) && (cJSON_GetObjectItemCaseSensitive(res, "timeTakenSeconds") ||
                                   cJSON_GetObjectItemCaseSensitive(res, "req2xx"));
}

static int bbj_parse(const struct text *t, struct parse_result *pr)
{
    static const struct tool_json json = {
        {"\"result\""}, {"\"timeTakenSeconds\"", "\"req2xx\""}, bbj_is_ours, bbj_run,
        "bombardier-json: the report is cut short", "bombardier-json: not a JSON report"};
    return tool_json_parse(t, pr, &json);
}

static int bbj_sniff(const struct text *t)
{
    static const char *const keys[] = {"\"result\"", "\"timeTakenSeconds\"", "\"req2xx\"", NULL};
    if (!jsontext_has_all(t, keys))
        return 0;
    static const char *const spec[] = {"\"spec\"", "\"numberOfConnections\"", NULL};
    return jsontext_has_all(t, spec) ? 95 : 85;
}

const struct parser parser_bombardier_json = {
    .name = "bombardier-json",
    .tool = "bombardier",
    .summary = "bombardier -o json / --format json reports (one or many, in logs or markdown)",
    .sniff = bbj_sniff,
    .parse = bbj_parse,
    .parse_stream = NULL,
};
