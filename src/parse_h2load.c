/* parse_h2load.c - h2load (nghttp2) text output -> runs.
 *
 * What h2load prints (src/h2load.cc, main(); util::format_duration,
 * util::utos_funit):
 *
 *   starting benchmark...
 *   spawning thread #0: 10 total client(s). 2000 total requests
 *                  (older: "spawning thread #0: 10 concurrent clients, 2000 total requests")
 *   TLS Protocol: TLSv1.3                    (https)
 *   Cipher: TLS_AES_256_GCM_SHA384
 *   Server Temp Key: X25519 253 bits
 *   Application protocol: http/1.1
 *   progress: 10% done
 *   ...
 *
 *   finished in 25.34ms, 78920.37 req/s, 24.08MB/s
 *   requests: 2000 total, 2000 started, 2000 done, 2000 succeeded, 0 failed, 0 errored, 0 timeout
 *   status codes: 2000 2xx, 0 3xx, 0 4xx, 0 5xx
 *   traffic: 625.00KB (640000) total, 375.00KB (384000) headers (space savings 0.00%), 150.39KB (154000) data
 *   UDP datagram: 100 sent, 200 received                        (HTTP/3)
 *                        min         max         mean         sd        +/- sd
 *   time for request:       69us       324us       122us        21us    91.95%
 *   time for connect:       79us       424us       208us       100us    80.00%
 *   time to 1st byte:      335us       729us       482us       119us    70.00%
 *   req/s           :    7987.65     8111.64     8063.15       36.97    80.00%
 *
 * Older releases print "traffic: 4125025824 bytes total, 11023424 bytes
 * headers (space savings 93.07%), 4096000000 bytes data" (raw byte counts),
 * "req/s (client)  :" as the last row's label, no "timeout" count, and
 * none of the space savings before that. Durations are us, ms or s; sizes
 * (KB, MB, GB) are 1024-based; the exact byte count in parentheses is
 * what is stored. Each table row is kept as figures of its metric (the
 * label as printed: "time for request", "req/s"); "time for request" is
 * the headline latency (min, max, mean, sd). h2load prints no percentiles.
 *
 * Failures, as h2load counts them: "succeeded" are responses with a 2xx or
 * 3xx status; "failed" are all others, including errored requests and
 * those never issued because their connection failed; "errored" and
 * "timeout" are parts of "failed". requests = done, failed_requests =
 * failed, failed_pct = failed / total. non2xx = 3xx + 4xx + 5xx (responses
 * whose status is not 2xx; h2load does not print 1xx). A run where every
 * request failed is failed. These come from the "requests:" and "status
 * codes:" lines alone, so a run cut later keeps them.
 *
 * Cut short: h2load prints its table last, and the table's last row is
 * "req/s" ("req/s (client)" in older releases). Releases older still
 * (2015, no "timeout" count in the requests line) end the table at "time
 * to 1st byte". A run without that row is incomplete.
 *
 * threads and connections are the number of "spawning thread" lines and
 * the sum of their clients. "client could not connect to host" lines are
 * counted (kind "error"). The URL is only in the command line (when pasted
 * before the output); "starting benchmark..." or, without it, "finished
 * in" opens a run. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "tool_common.h"
#include "toolcmd.h"
#include "units.h"

#define H2_MAXTOK 24
#define H2_MAXCOLS 8

struct h2_state {
    struct run *run;
    int finished;             /* "finished in" was read */
    char cols[H2_MAXCOLS][16];
    size_t ncols;
    double total;             /* requests: N total */
    double failed;
    int has_timeout;          /* the requests line counts timeouts */
    int rps_row, ttfb_row;    /* the table's req/s, time to 1st byte rows */
    size_t last_end;          /* index after the previous run's last line */
};

static const struct toolcmd_prog h2_progs[] = {{"h2load", 0}, {NULL, 0}};

/* h2load's options (getopt: -c100, --clients=100), for a run whose output
 * does not say them ("spawning thread" lines give threads and clients).
 * Its -r is a rate of new connections, not of requests: a param only. */
static const struct tool_option h2_options[] = {
    {{"c", "clients"}, "clients", TOOL_CONNECTIONS},
    {{"t", "threads"}, "threads", TOOL_THREADS},
    {{"n", "requests"}, "requests", TOOL_PARAM},
    {{"D", "duration"}, "duration", TOOL_PARAM},
    {{"m", "max-concurrent-streams"}, "max_concurrent_streams", TOOL_PARAM},
    {{NULL, NULL}, NULL, TOOL_PARAM},
};

static void h2_finish(struct h2_state *st, struct parse_result *pr)
{
    struct run *r = st->run;
    if (!r)
        return;
    st->run = NULL;
    st->last_end = (size_t)r->last_line;
    if (run_has(st->failed)) {
        r->failed_requests = st->failed;
        if (run_has(st->total) && st->total > 0)
            r->failed_pct = 100.0 * st->failed / st->total;
        if (run_has(st->total) && st->failed >= st->total)
            r->state = RUN_STATE_FAILED;
    }
    if (!st->finished || !run_has(st->total) || !(st->rps_row || (!st->has_timeout && st->ttfb_row)))
        r->state = RUN_STATE_INCOMPLETE;
    if (r->command)
        tool_command_options(r, r->command, strlen(r->command), h2_options);
    run_set(&r->latency_metric, "time for request");
    parse_emit(pr, r);
}

static void h2_open(struct h2_state *st, const struct text *t, size_t i)
{
    st->run = run_new("h2load", "h2load");
    st->run->first_line = st->run->last_line = t->lines[i].no;
    st->finished = 0;
    st->has_timeout = st->rps_row = st->ttfb_row = 0;
    st->ncols = 0;
    st->total = st->failed = RUN_NA;
    tool_command(st->run, t, i, st->last_end, h2_progs, NULL);
}

/* "finished in 25.34ms, 78920.37 req/s, 24.08MB/s" */
static int finished_line(struct h2_state *st, const char *s, const struct line *l,
                         struct parse_result *pr)
{
    struct tok t[H2_MAXTOK];
    size_t n = tok_split(s, strlen(s), t, H2_MAXTOK);
    if (n != 6 || !tok_eq(t[0], "finished") || !tok_eq(t[1], "in") || !tok_eq(t[4], "req/s,"))
        return 0;
    struct run *r = st->run;
    struct tok d = tool_tok_chop(t[2], ','), b = t[5];
    double ms, rps = RUN_NA, bps;
    char text[64];
    const char *bad;
    if (units_duration_ms(d.s, d.n, &ms) != UNITS_OK)
        return parse_fail(pr, l->no, "h2load: bad duration \"%.*s\"", (int)d.n, d.s);
    if ((bad = tool_figure_bad(units_number(t[3].s, t[3].n, 0, &rps), rps)) != NULL)
        return parse_fail(pr, l->no, "h2load: request rate \"%.*s\" %s", (int)t[3].n, t[3].s, bad);
    if (b.n < 3 || memcmp(b.s + b.n - 2, "/s", 2) != 0 ||
        units_bytes(b.s, b.n - 2, 1024, &bps) != UNITS_OK)
        return parse_fail(pr, l->no, "h2load: bad transfer rate \"%.*s\"", (int)b.n, b.s);
    r->duration_s = tool_ms_to_s(ms);
    r->rps = rps;
    tool_tok_text(text, sizeof text, d);
    run_add_figure(r, "finished", "duration", ms, UNIT_MS, text);
    tool_tok_text(text, sizeof text, t[3]);
    run_add_figure(r, "finished", "req/s", rps, UNIT_PER_S, text);
    tool_tok_text(text, sizeof text, b);
    run_add_figure(r, "finished", "bytes/s", bps, UNIT_BYTES_PER_S, text);
    st->finished = 1;
    return 1;
}

/* "requests: 2000 total, 2000 started, ..." and "status codes: 2000 2xx,
 * ...": pairs of a count and its name. */
static int counts_line(struct h2_state *st, const char *s, const struct line *l,
                       struct parse_result *pr)
{
    int status;
    if (str_starts(s, "requests:"))
        status = 0;
    else if (str_starts(s, "status codes:"))
        status = 1;
    else
        return 0;
    const char *v = strchr(s, ':') + 1;
    struct tok t[H2_MAXTOK];
    size_t n = tok_split(v, strlen(v), t, H2_MAXTOK);
    if (n % 2 != 0 || n == 0 || n > H2_MAXTOK)
        return parse_fail(pr, l->no, "h2load: cannot read the %s line", status ? "status codes" : "requests");
    struct run *r = st->run;
    double non2xx = 0;
    int any_non2xx = 0;
    for (size_t i = 0; i < n; i += 2) {
        struct tok name = tool_tok_chop(t[i + 1], ',');
        double x;
        char text[32], key[32];
        const char *bad;
        tool_tok_text(text, sizeof text, t[i]);
        tool_tok_text(key, sizeof key, name);
        if ((bad = tool_count_bad(t[i].s, t[i].n, 0, &x)) != NULL)
            return parse_fail(pr, l->no, "h2load: count \"%s\" for %s %s", text, key, bad);
        if (status) {
            run_add_count(r, "status", key, x);
            run_add_figure(r, "status codes", key, x, UNIT_COUNT, text);
            if (strcmp(key, "2xx") != 0) {
                non2xx += x;
                any_non2xx = 1;
            }
            continue;
        }
        run_add_figure(r, "requests", key, x, UNIT_COUNT, text);
        if (strcmp(key, "total") == 0)
            st->total = x;
        else if (strcmp(key, "done") == 0)
            r->requests = x;
        else if (strcmp(key, "failed") == 0)
            st->failed = x;
        else if (strcmp(key, "timeout") == 0)
            st->has_timeout = 1;
    }
    if (any_non2xx)
        r->non2xx = non2xx;
    return 1;
}

/* One part of the traffic line: "625.00KB (640000) total", "4125025824
 * bytes total", "375.00KB (384000) headers (space savings 0.00%)". */
static int traffic_part(struct run *r, const char *p, size_t n)
{
    struct tok t[8];
    size_t k = tok_split(p, n, t, 8);
    if (k < 2 || k > 8)
        return -1;
    double x;
    size_t name;
    char text[64], key[32];
    if (k >= 3 && t[1].n > 2 && t[1].s[0] == '(' && t[1].s[t[1].n - 1] == ')') {
        if (units_number(t[1].s + 1, t[1].n - 2, 0, &x) != UNITS_OK)
            return -1;
        snprintf(text, sizeof text, "%.*s %.*s", (int)t[0].n, t[0].s, (int)t[1].n, t[1].s);
        name = 2;
    } else if (k >= 3 && tok_eq(t[1], "bytes")) {
        if (units_number(t[0].s, t[0].n, 0, &x) != UNITS_OK)
            return -1;
        tool_tok_text(text, sizeof text, t[0]);
        name = 2;
    } else {
        if (units_bytes(t[0].s, t[0].n, 1024, &x) != UNITS_OK)
            return -1;
        tool_tok_text(text, sizeof text, t[0]);
        name = 1;
    }
    tool_tok_text(key, sizeof key, t[name]);
    run_add_figure(r, "traffic", key, x, UNIT_BYTES, text);
    if (strcmp(key, "total") == 0)
        r->bytes_received = x;
    /* "(space savings 93.07%)" */
    if (k >= name + 4 && tok_eq(t[name + 1], "(space") && tok_eq(t[name + 2], "savings")) {
        struct tok pc = tool_tok_chop(t[name + 3], ')');
        double v;
        if (units_percent(pc.s, pc.n, &v) != UNITS_OK)
            return -1;
        tool_tok_text(text, sizeof text, pc);
        run_add_figure(r, "traffic", "space savings", v, UNIT_PERCENT, text);
    }
    return 0;
}

static int traffic_line(struct h2_state *st, const char *s, const struct line *l,
                        struct parse_result *pr)
{
    if (!str_starts(s, "traffic:"))
        return 0;
    const char *p = str_skip_blank(s + strlen("traffic:"));
    while (*p) {
        /* parts are separated by ", " outside parentheses */
        size_t e = 0;
        int depth = 0;
        while (p[e] && !(depth == 0 && p[e] == ',' && (p[e + 1] == ' ' || p[e + 1] == '\0'))) {
            if (p[e] == '(')
                depth++;
            else if (p[e] == ')' && depth > 0)
                depth--;
            e++;
        }
        if (traffic_part(st->run, p, e) < 0)
            return parse_fail(pr, l->no, "h2load: cannot read \"%.*s\" in the traffic line", (int)e, p);
        p = p[e] ? str_skip_blank(p + e + 1) : p + e;
    }
    return 1;
}

/* "                     min         max         mean         sd        +/- sd" */
static int table_header(struct h2_state *st, const char *s)
{
    struct tok t[H2_MAXTOK];
    size_t n = tok_split(s, strlen(s), t, H2_MAXTOK);
    if (n < 2 || n > H2_MAXTOK || !tok_eq(t[0], "min") || !tok_eq(t[1], "max"))
        return 0;
    st->ncols = 0;
    for (size_t i = 0; i < n && st->ncols < H2_MAXCOLS; i++) {
        if (tok_eq(t[i], "+/-") && i + 1 < n) {
            snprintf(st->cols[st->ncols++], 16, "+/- %.*s", (int)t[i + 1].n, t[i + 1].s);
            i++;
            continue;
        }
        tool_tok_text(st->cols[st->ncols++], 16, t[i]);
    }
    return 1;
}

/* "time for request:       69us       324us ..." and "req/s           :" */
static int table_row(struct h2_state *st, const char *s, const struct line *l,
                     struct parse_result *pr)
{
    if (st->ncols == 0)
        return 0;
    const char *colon = strchr(s, ':');
    if (!colon)
        return 0;
    char metric[32];
    size_t mn = (size_t)(colon - s);
    while (mn > 0 && (s[mn - 1] == ' ' || s[mn - 1] == '\t'))
        mn--;
    if (mn == 0 || mn >= sizeof metric)
        return 0;
    snprintf(metric, sizeof metric, "%.*s", (int)mn, s);
    int is_time = str_starts(metric, "time ");
    if (!is_time && !str_starts(metric, "req/s"))
        return 0;
    struct tok t[H2_MAXTOK];
    size_t n = tok_split(colon + 1, strlen(colon + 1), t, H2_MAXTOK);
    if (n != st->ncols)
        return parse_fail(pr, l->no, "h2load: the \"%s\" row has %zu values for %zu columns",
                          metric, n, st->ncols);
    struct run *r = st->run;
    if (!is_time)
        st->rps_row = 1;
    else if (strcmp(metric, "time to 1st byte") == 0)
        st->ttfb_row = 1;
    for (size_t c = 0; c < n; c++) {
        double x;
        int rc;
        const char *unit;
        char text[32];
        tool_tok_text(text, sizeof text, t[c]);
        if (str_starts(st->cols[c], "+/-")) {
            rc = units_percent(t[c].s, t[c].n, &x);
            unit = UNIT_PERCENT;
        } else if (is_time) {
            rc = units_duration_ms(t[c].s, t[c].n, &x);
            unit = UNIT_MS;
        } else {
            rc = units_number(t[c].s, t[c].n, 0, &x);
            unit = UNIT_PER_S;
        }
        /* h2load prints zeros, never NaN, for times it did not measure. */
        int headline = strcmp(metric, "time for request") == 0;
        if (rc == UNITS_BAD || (rc == UNITS_NAN && headline))
            return parse_fail(pr, l->no, "h2load: cannot read \"%s\" in the \"%s\" row", text, metric);
        run_add_figure(r, metric, st->cols[c], x, unit, text);
        if (!headline)
            continue;
        if (strcmp(st->cols[c], "min") == 0)
            r->lat_min = x;
        else if (strcmp(st->cols[c], "max") == 0)
            r->lat_max = x;
        else if (strcmp(st->cols[c], "mean") == 0)
            r->lat_avg = x;
        else if (strcmp(st->cols[c], "sd") == 0)
            r->lat_stdev = x;
    }
    return 1;
}

/* "spawning thread #0: 10 total client(s). 2000 total requests" and the
 * older "spawning thread #0: 10 concurrent clients, 2000 total requests". */
static int spawning_line(struct h2_state *st, const char *s)
{
    if (!str_starts(s, "spawning thread #"))
        return 0;
    const char *c = strchr(s, ':');
    struct tok t[8];
    double x;
    if (c && tok_split(c + 1, strlen(c + 1), t, 8) >= 1 && units_number(t[0].s, t[0].n, 0, &x) == UNITS_OK) {
        struct run *r = st->run;
        r->threads = run_has(r->threads) ? r->threads + 1 : 1;
        r->connections = run_has(r->connections) ? r->connections + x : x;
    }
    return 1;
}

/* "Application protocol: h2", "TLS Protocol: TLSv1.3", ... */
static int param_line(struct run *r, const char *s)
{
    static const struct { const char *label, *key; } params[] = {
        {"Application protocol:", "application_protocol"},
        {"TLS Protocol:", "tls_protocol"},
        {"Cipher:", "cipher"},
        {"Server Temp Key:", "server_temp_key"},
        {"Early data:", "early_data"},
    };
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
        if (str_starts(s, params[i].label)) {
            run_add_param(r, params[i].key, str_skip_blank(s + strlen(params[i].label)));
            return 1;
        }
    }
    return 0;
}

/* Lines h2load prints while it runs. */
static int progress_line(const char *s)
{
    return (str_starts(s, "progress: ") && strstr(s, "% done")) ||
           str_starts(s, "Warm-up ") || str_starts(s, "Main benchmark duration is") ||
           str_starts(s, "Stopped all clients");
}

/* What h2load says on stderr while it runs: "client could not connect to
 * host" (once per client) and "No protocol negotiated. Fallback behaviour
 * may be activated": counts of kind "error" / "warning". */
static int complaint_line(struct run *r, const char *s)
{
    const char *kind;
    if (str_starts(s, "client could not connect to host"))
        kind = "error";
    else if (str_starts(s, "No protocol negotiated"))
        kind = "warning";
    else
        return 0;
    tool_count_repeat(r, kind, s);
    return 1;
}

static int h2_parse(const struct text *t, struct parse_result *pr)
{
    struct h2_state st;
    memset(&st, 0, sizeof st);
    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *s = str_skip_blank(l->s);
        struct tok tt[4];
        int rc;

        if (*s == '\0')
            continue;
        if (str_starts(s, "starting benchmark...")) {
            h2_finish(&st, pr);
            h2_open(&st, t, i);
            continue;
        }
        if (tok_split(s, strlen(s), tt, 4) >= 2 && tok_eq(tt[0], "finished") && tok_eq(tt[1], "in")) {
            if (st.run && st.finished)
                h2_finish(&st, pr);
            if (!st.run)
                h2_open(&st, t, i);
            if ((rc = finished_line(&st, s, l, pr)) < 0)
                goto fail;
            if (rc) {
                st.run->last_line = l->no;
                continue;
            }
        }
        /* "h2load nghttp2/1.52.0" (h2load --version, pasted above) */
        if (str_starts(s, "h2load nghttp2/")) {
            if (st.run && st.finished)
                h2_finish(&st, pr);
            if (!st.run)
                h2_open(&st, t, i);
            run_set(&st.run->tool_version, s + strlen("h2load "));
            st.run->last_line = l->no;
            continue;
        }
        if (!st.run)
            continue;

        rc = 0;
        if (spawning_line(&st, s) || param_line(st.run, s) || progress_line(s) ||
            complaint_line(st.run, s))
            rc = 1;
        else if (st.finished && ((rc = counts_line(&st, s, l, pr)) != 0 ||
                                 (rc = traffic_line(&st, s, l, pr)) != 0))
            ;
        else if (st.finished && table_header(&st, s))
            rc = 1;
        else if (st.finished && (rc = table_row(&st, s, l, pr)) != 0)
            ;
        else if (st.finished && str_starts(s, "UDP datagram:")) {
            struct tok u[8];
            size_t n = tok_split(s, strlen(s), u, 8);
            for (size_t k = 2; k + 1 < n && k + 1 < 8; k += 2) {
                double x;
                char text[32], key[32];
                tool_tok_text(text, sizeof text, u[k]);
                tool_tok_text(key, sizeof key, tool_tok_chop(u[k + 1], ','));
                if (units_number(u[k].s, u[k].n, 0, &x) == UNITS_OK)
                    run_add_figure(st.run, "UDP datagram", key, x, UNIT_COUNT, text);
            }
            rc = 1;
        }
        if (rc < 0)
            goto fail;
        if (rc)
            st.run->last_line = l->no;
    }
    h2_finish(&st, pr);
    return 0;
fail:
    run_free(st.run);
    return -1;
}

static int h2_sniff(const struct text *t)
{
    int finished = 0, requests = 0, starting = 0;
    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *s = str_skip_blank(l->s);
        if (str_starts(s, "finished in ") && line_find(l, " req/s, "))
            finished = 1;
        else if (str_starts(s, "requests: ") && line_find(l, " total, ") && line_find(l, " started, "))
            requests = 1;
        else if (str_starts(s, "starting benchmark...") || str_starts(s, "spawning thread #"))
            starting = 1;
    }
    if (finished && requests)
        return 95;
    if (finished || (requests && starting))
        return 70;
    return 0;
}

const struct parser parser_h2load = {
    .name = "h2load",
    .tool = "h2load",
    .summary = "h2load (nghttp2) text output, old and new traffic formats",
    .sniff = h2_sniff,
    .parse = h2_parse,
    .parse_stream = NULL,
};
