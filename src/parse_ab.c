/* parse_ab.c - ApacheBench (ab) text output -> runs.
 *
 * What ab prints (support/ab.c: the banner in main() and copyright(),
 * heartbeats in the request loop, output_results()):
 *
 *   This is ApacheBench, Version 2.3 <$Revision: 1430300 $>
 *   Copyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/
 *   Licensed to The Apache Software Foundation, http://www.apache.org/
 *
 *   Benchmarking 127.0.0.1 (be patient)      ("...done" when n < 150)
 *   Completed 200 requests                   (stderr, every tenth)
 *   Finished 2000 requests
 *
 *
 *   Server Software:        nginx/1.22.1
 *   Server Hostname:        127.0.0.1
 *   Server Port:            18080
 *   SSL/TLS Protocol:       TLSv1.2,ECDHE-RSA-AES256-GCM-SHA384,2048,256  (https)
 *   Server Temp Key:        X25519 253 bits                              (https)
 *
 *   Document Path:          /data.json
 *   Document Length:        77 bytes         ("Variable" with -l)
 *
 *   Concurrency Level:      10
 *   Time taken for tests:   0.055 seconds
 *   Complete requests:      2000
 *   Failed requests:        94
 *      (Connect: 0, Receive: 0, Length: 94, Exceptions: 0)   (when any)
 *   Write errors:           3                                (when any)
 *   Non-2xx responses:      94                               (when any)
 *   Keep-Alive requests:    2000                             (-k)
 *   Total transferred:      630000 bytes
 *   Total body sent:        19900                            (-p, -u)
 *   HTML transferred:       154000 bytes
 *   Requests per second:    36109.56 [#/sec] (mean)
 *   Time per request:       0.277 [ms] (mean)
 *   Time per request:       0.028 [ms] (mean, across all concurrent requests)
 *   Transfer rate:          11107.92 [Kbytes/sec] received
 *                           0.70 kb/s sent                   (-p, -u)
 *                           9.59 kb/s total
 *
 *   Connection Times (ms)
 *                 min  mean[+/-sd] median   max             (-S: min avg max)
 *   Connect:        0    0   0.0      0       0
 *   Processing:     0    0   0.0      0       0
 *   Waiting:        0    0   0.0      0       0
 *   Total:          0    0   0.0      0       1
 *   WARNING: The median and mean for the ... are not within a normal deviation
 *           These results are probably not that reliable.
 *
 *   Percentage of the requests served within a certain time (ms)
 *     50%      0
 *     ...
 *    100%      1 (longest request)
 *
 * ab's trunk adds "Number of workers", "Concurrency achieved", "Rampup
 * delay", "Number of requests", "Keep-Alive aborts" and "TLS Server Name";
 * all are read. Kbytes are 1024 bytes (ab divides by 1024). Every figure of
 * the Connection Times table is kept as metric connect/processing/waiting/
 * total; the Total row is the headline latency (min, mean, sd, median,
 * max, whole ms as ab rounds them) and the percentage table gives the
 * percentiles of metric "latency" (100% is ab's longest request).
 *
 * Failures. ab's "Failed requests" counts connections that failed (Connect),
 * reads that failed (Receive), responses whose body length differed from
 * the first response's (Length: a truncated body, or just a dynamic page)
 * and poll exceptions (Exceptions). Responses with a status other than 2xx
 * are counted apart ("Non-2xx responses"), and an error page is usually a
 * Length failure as well, so the two counts overlap. A failed request is
 * one in either set. Connect and Exceptions failures got no response and
 * cannot be among the Non-2xx; Receive and Length ones may be. So
 *   failed_requests = Connect + Exceptions + max(Receive + Length, Non-2xx)
 * the fewest requests the printed counts allow (ab itself never prints the
 * union). Without the breakdown line (a trimmed copy) it is
 * max(Failed requests, Non-2xx). Every part is kept as a count of kind
 * "failed". failed_pct is the share of Complete requests, at most 100 (ab
 * 2.4 does not count refused connections among complete requests). A run
 * with no complete request, or whose every request failed, is failed.
 *
 * Cut short. ab's report ends with the percentage table, whose last row
 * is " 100%  N (longest request)"; it prints that table only with more
 * than one complete request and without -d, and the Connection Times
 * table only with at least one. So a report is whole when it holds the
 * 100% row; with -d in its command line, or exactly one complete request,
 * the Connection Times "Total:" row (the WARNING lines ab may add after
 * it have no end mark); with no complete request, "HTML transferred".
 * A report without its end is incomplete. Its failures are derived only
 * once "Total transferred" was read: the Failed breakdown, Write errors
 * and Non-2xx lines, printed only when not zero, all come before it.
 *
 * Runs: the banner, a progress line or the first report line opens a run;
 * a repeated report line starts the next one. A run that never reached its
 * report (ab aborted on "apr_socket_recv: Connection reset by peer (104)")
 * is kept, as incomplete, when ab printed "Total of N requests completed";
 * without that count it holds nothing and is dropped. ab's error lines
 * (apr_*, SSL handshake failed, Send request failed!) become counts of
 * kind "error". The command line before a run (a prompt, sudo, docker) is
 * its command, and the URL in it its url. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse.h"
#include "tool_common.h"
#include "toolcmd.h"
#include "units.h"

#define AB_MAXTOK 16
#define AB_MAXCOLS 8

enum ab_field {
    F_SOFTWARE, F_HOSTNAME, F_PORT, F_SSL, F_TEMPKEY, F_SNI, F_DOCPATH, F_DOCLEN,
    F_WORKERS, F_CONCURRENCY, F_ACHIEVED, F_RAMPUP, F_TIME_TAKEN, F_NREQUESTS,
    F_COMPLETE, F_FAILED, F_WRITE_ERRORS, F_NON2XX, F_KEEPALIVE, F_KA_ABORTS,
    F_TRANSFERRED, F_BODY_SENT, F_HTML, F_RPS, F_TPR, F_RATE,
    F_COUNT_
};

/* How a labelled value is read. */
enum ab_kind {
    K_PARAM,  /* text, kept as a param */
    K_COUNT,  /* a whole number */
    K_BYTES,  /* "630000 bytes" or "19900" */
    K_SECS,   /* "0.055 seconds" */
    K_MS,     /* "0 [ms]" */
    K_RPS,    /* "36109.56 [#/sec] (mean)" */
    K_TPR,    /* "0.277 [ms] (mean)" */
    K_RATE,   /* "11107.92 [Kbytes/sec] received" */
};

static const struct ab_label {
    const char *label;
    enum ab_field field;
    enum ab_kind kind;
    const char *name; /* param key or figure metric */
} ab_labels[] = {
    {"Server Software:", F_SOFTWARE, K_PARAM, "server_software"},
    {"Server Hostname:", F_HOSTNAME, K_PARAM, "server_hostname"},
    {"Server Port:", F_PORT, K_PARAM, "server_port"},
    {"SSL/TLS Protocol:", F_SSL, K_PARAM, "ssl_tls_protocol"},
    {"Server Temp Key:", F_TEMPKEY, K_PARAM, "server_temp_key"},
    {"TLS Server Name:", F_SNI, K_PARAM, "tls_server_name"},
    {"Document Path:", F_DOCPATH, K_PARAM, "document_path"},
    {"Document Length:", F_DOCLEN, K_PARAM, "document_length"},
    {"Number of workers:", F_WORKERS, K_COUNT, "number_of_workers"},
    {"Concurrency Level:", F_CONCURRENCY, K_COUNT, "concurrency_level"},
    {"Concurrency achieved:", F_ACHIEVED, K_COUNT, "concurrency_achieved"},
    {"Rampup delay:", F_RAMPUP, K_MS, "rampup_delay"},
    {"Time taken for tests:", F_TIME_TAKEN, K_SECS, "time_taken_for_tests"},
    {"Number of requests:", F_NREQUESTS, K_COUNT, "number_of_requests"},
    {"Complete requests:", F_COMPLETE, K_COUNT, "complete_requests"},
    {"Failed requests:", F_FAILED, K_COUNT, "failed_requests"},
    {"Write errors:", F_WRITE_ERRORS, K_COUNT, "write_errors"},
    {"Non-2xx responses:", F_NON2XX, K_COUNT, "non2xx_responses"},
    {"Keep-Alive requests:", F_KEEPALIVE, K_COUNT, "keep_alive_requests"},
    {"Keep-Alive aborts:", F_KA_ABORTS, K_COUNT, "keep_alive_aborts"},
    {"Total transferred:", F_TRANSFERRED, K_BYTES, "total_transferred"},
    {"Total body sent:", F_BODY_SENT, K_BYTES, "total_body_sent"},
    {"HTML transferred:", F_HTML, K_BYTES, "html_transferred"},
    {"Requests per second:", F_RPS, K_RPS, "requests_per_second"},
    {"Time per request:", F_TPR, K_TPR, "time_per_request"},
    {"Transfer rate:", F_RATE, K_RATE, "transfer_rate"},
};

struct ab_state {
    struct run *run;
    int in_report;            /* a report line was read */
    unsigned seen;            /* bit per enum ab_field read in this run */
    char cols[AB_MAXCOLS][16];/* Connection Times columns */
    size_t ncols;
    int in_times, in_pcts, in_rate;
    int have_breakdown;
    int no_pcts;              /* -d in the command: no percentage table */
    int total_row, longest;   /* the Total row, the 100% row were read */
    double failed_printed;
    double brk[4];            /* Connect, Receive, Length, Exceptions */
    size_t last_end;          /* lines before this index belong to earlier runs */
    int dropped_line;         /* a run dropped for want of a report: its error */
    char dropped[256];
};

static const struct toolcmd_prog ab_progs[] = {{"ab", 0}, {"abs", 0}, {NULL, 0}};

/* Whether a report holds its end (see "Cut short" above). */
static int ab_whole(const struct ab_state *st, const struct run *r)
{
    if (!run_has(r->requests))
        return 0;
    if (r->requests == 0)
        return (st->seen & (1u << F_HTML)) != 0;
    if (r->requests == 1 || st->no_pcts)
        return st->total_row;
    return st->longest;
}

/* ab's -d (no percentage table) among the command's options: getopt
 * flags may be grouped ("-kd"); letters after one that takes a value are
 * that value. */
static int flag_d(const char *cmd, size_t len)
{
    static const char flags[] = "lRhwiIdVkSq";
    struct tok t[64];
    size_t n = tok_split(cmd, len, t, 64);
    for (size_t i = 1; i < n && i < 64; i++) {
        if (t[i].n < 2 || t[i].s[0] != '-' || t[i].s[1] == '-')
            continue;
        for (size_t k = 1; k < t[i].n && memchr(flags, t[i].s[k], sizeof flags - 1); k++)
            if (t[i].s[k] == 'd')
                return 1;
    }
    return 0;
}

static void ab_finish(struct ab_state *st, struct parse_result *pr)
{
    struct run *r = st->run;
    if (!r)
        return;
    st->run = NULL;
    st->last_end = (size_t)r->last_line; /* the index after its last line */
    if (!st->in_report) {
        if (!run_has(r->requests)) {
            /* ab stopped before it counted anything; its error is the
             * reason given if the file holds no other run. */
            for (size_t i = 0; i < r->ncounts && !st->dropped_line; i++) {
                if (r->counts[i].kind && strcmp(r->counts[i].kind, "error") == 0) {
                    st->dropped_line = r->first_line;
                    snprintf(st->dropped, sizeof st->dropped, "%s", r->counts[i].message);
                }
            }
            run_free(r);
            return;
        }
        r->state = RUN_STATE_INCOMPLETE;
    } else if (run_has(r->requests) && (st->seen & (1u << F_TRANSFERRED))) {
        /* The failure rule of the header comment. */
        double non2xx = run_has(r->non2xx) ? r->non2xx : 0;
        double failed = run_has(st->failed_printed) ? st->failed_printed : 0;
        if (st->have_breakdown)
            r->failed_requests = st->brk[0] + st->brk[3] + fmax(st->brk[1] + st->brk[2], non2xx);
        else
            r->failed_requests = fmax(failed, non2xx);
        if (r->requests > 0) {
            r->failed_pct = 100.0 * r->failed_requests / r->requests;
            if (r->failed_pct > 100)
                r->failed_pct = 100;
        }
        if (r->requests == 0 || r->failed_requests >= r->requests)
            r->state = RUN_STATE_FAILED;
    }
    if (st->in_report && !ab_whole(st, r))
        r->state = RUN_STATE_INCOMPLETE;
    run_set(&r->latency_metric, "latency");
    parse_emit(pr, r);
}

/* Opens a run at line index i, with the command line just before it. */
static void ab_open(struct ab_state *st, const struct text *t, size_t i)
{
    st->run = run_new("ab", "ab");
    st->run->first_line = t->lines[i].no;
    st->run->last_line = t->lines[i].no;
    st->in_report = 0;
    st->seen = 0;
    st->ncols = 0;
    st->in_times = st->in_pcts = st->in_rate = 0;
    st->have_breakdown = 0;
    st->no_pcts = st->total_row = st->longest = 0;
    st->failed_printed = RUN_NA;
    memset(st->brk, 0, sizeof st->brk);
    size_t len;
    const char *cmd = tool_command(st->run, t, i, st->last_end, ab_progs, &len);
    if (cmd)
        st->no_pcts = flag_d(cmd, len);
}

/* "This is ApacheBench, Version 2.3 <$Revision: 1430300 $>": sets the
 * version (and the revision as a param). */
static int banner(struct run *r, const struct line *l)
{
    const char *v = line_find(l, "This is ApacheBench, Version ");
    if (!v)
        return 0;
    if (!r)
        return 1;
    v += strlen("This is ApacheBench, Version ");
    size_t n = strcspn(v, " \t<,");
    if (n)
        run_setn(&r->tool_version, v, n);
    const char *rev = strstr(v, "$Revision:");
    if (rev) {
        rev = str_skip_blank(rev + strlen("$Revision:"));
        size_t rn = strcspn(rev, " \t$>");
        if (rn) {
            char buf[64];
            snprintf(buf, sizeof buf, "%.*s", (int)rn, rev);
            run_add_param(r, "revision", buf);
        }
    }
    return 1;
}

/* ab's own complaints, printed before or instead of the report. */
static int error_line(const char *s)
{
    static const char *const prefixes[] = {
        "apr_", "SSL handshake failed", "SSL read failed", "SSL write failed",
        "SSL connect failed", "Send request failed", "Test aborted after",
        "WARNING: Response code not 2xx", "socket: ", "bind: ", "socket nonblock: ",
        "Invalid Content-Length", NULL};
    for (size_t i = 0; prefixes[i]; i++)
        if (str_starts(s, prefixes[i]))
            return 1;
    return 0;
}

/* Lines ab prints before the report: a run that has no report yet may
 * hold them; after a report they start the next run. */
static int preamble_line(const char *s)
{
    struct tok t[4];
    size_t n = tok_split(s, strlen(s), t, 4);
    if (str_starts(s, "Benchmarking ") && strstr(s, "(be patient)"))
        return 1;
    if (n == 3 && (tok_eq(t[0], "Completed") || tok_eq(t[0], "Finished")) &&
        tok_eq(t[2], "requests"))
        return 1;
    return error_line(s);
}

static const struct ab_label *find_label(const char *s, const char **value)
{
    for (size_t i = 0; i < sizeof ab_labels / sizeof ab_labels[0]; i++) {
        if (str_starts(s, ab_labels[i].label)) {
            *value = str_skip_blank(s + strlen(ab_labels[i].label));
            return &ab_labels[i];
        }
    }
    return NULL;
}

/* Reads one "Label: value" line into the run. */
static int label_line(struct ab_state *st, const struct ab_label *lb, const char *v,
                      const struct line *l, struct parse_result *pr)
{
    struct run *r = st->run;
    struct tok t[AB_MAXTOK];
    size_t n = tok_split(v, strlen(v), t, AB_MAXTOK);
    char text[64];
    double x = RUN_NA;

    if (lb->kind == K_PARAM) {
        if (*v)
            run_add_param(r, lb->name, v);
        /* "Document Length:        77 bytes" is a size too */
        if (lb->field == F_DOCLEN && n == 2 && tok_eq(t[1], "bytes") &&
            units_number(t[0].s, t[0].n, 0, &x) == UNITS_OK) {
            tool_tok_text(text, sizeof text, t[0]);
            run_add_figure(r, lb->name, "value", x, UNIT_BYTES, text);
        }
        return 0;
    }
    if (n == 0)
        return parse_fail(pr, l->no, "ab: no value after \"%s\"", lb->label);
    tool_tok_text(text, sizeof text, t[0]);
    int rc;
    const char *bad;
    switch (lb->kind) {
    case K_SECS:
    case K_MS:
    case K_TPR:
        rc = units_scaled(t[0].s, t[0].n, 0, lb->kind == K_SECS ? 3 : 0, 1, &x);
        break;
    case K_RATE:
        rc = units_scaled(t[0].s, t[0].n, 0, 0, 1024, &x);
        break;
    default:
        rc = units_number(t[0].s, t[0].n, 0, &x);
        break;
    }
    /* ab prints every one of these, counts and rates alike, as a number
     * (a NaN would be a damaged copy: ab stops before its report when no
     * request completed). */
    if (lb->kind == K_COUNT)
        bad = tool_count_bad(t[0].s, t[0].n, 0, &x);
    else
        bad = tool_figure_bad(rc, x);
    if (bad)
        return parse_fail(pr, l->no, "ab: \"%s\" after \"%s\" %s", text, lb->label, bad);

    switch (lb->kind) {
    case K_COUNT:
        run_add_figure(r, lb->name, "count", x, UNIT_COUNT, text);
        break;
    case K_BYTES:
        run_add_figure(r, lb->name, "total", x, UNIT_BYTES, text);
        break;
    case K_SECS:
    case K_MS:
        run_add_figure(r, lb->name, "value", x, UNIT_MS, text);
        break;
    case K_RPS:
        run_add_figure(r, lb->name, "mean", x, UNIT_PER_S, text);
        break;
    case K_TPR: {
        /* "(mean)" or "(mean, across all concurrent requests)" */
        const char *o = strrchr(v, '(');
        const char *c = o ? strchr(o, ')') : NULL;
        char stat[64];
        if (o && c)
            snprintf(stat, sizeof stat, "%.*s", (int)(c - o - 1), o + 1);
        else
            snprintf(stat, sizeof stat, "mean");
        run_add_figure(r, lb->name, stat, x, UNIT_MS, text);
        break;
    }
    case K_RATE: {
        /* "[Kbytes/sec] received": the last word is the direction */
        char stat[32];
        tool_tok_text(stat, sizeof stat, t[n > AB_MAXTOK ? AB_MAXTOK - 1 : n - 1]);
        run_add_figure(r, lb->name, n >= 3 ? stat : "received", x, UNIT_BYTES_PER_S, text);
        st->in_rate = 1;
        break;
    }
    case K_PARAM:
        break;
    }

    switch (lb->field) {
    case F_WORKERS: r->threads = x; break;
    case F_CONCURRENCY: r->connections = x; break;
    case F_TIME_TAKEN: units_number(t[0].s, t[0].n, 0, &r->duration_s); break;
    case F_COMPLETE: r->requests = x; break;
    case F_FAILED: st->failed_printed = x; break;
    case F_NON2XX:
        r->non2xx = x;
        run_add_count(r, "status", "non-2xx", x);
        break;
    case F_WRITE_ERRORS: run_add_count(r, "write", NULL, x); break;
    case F_TRANSFERRED: r->bytes_received = x; break;
    case F_BODY_SENT: r->bytes_sent = x; break;
    case F_RPS: r->rps = x; break;
    default: break;
    }
    return 0;
}

/* "(Connect: 0, Receive: 0, Length: 94, Exceptions: 0)", older ab without
 * Receive. */
static int breakdown_line(struct ab_state *st, const char *s, const struct line *l,
                          struct parse_result *pr)
{
    static const char *const names[4] = {"Connect", "Receive", "Length", "Exceptions"};
    const char *p = s + 1;
    while (*p && *p != ')') {
        p = str_skip_blank(p);
        const char *colon = strchr(p, ':');
        if (!colon)
            break;
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)(colon - p), p);
        const char *v = str_skip_blank(colon + 1);
        size_t vn = strcspn(v, ",) \t");
        double x;
        if (units_number(v, vn, 0, &x) != UNITS_OK)
            return parse_fail(pr, l->no, "ab: cannot read the %s count of the failed requests", name);
        char text[32];
        snprintf(text, sizeof text, "%.*s", (int)vn, v);
        run_add_figure(st->run, "failed_requests", name, x, UNIT_COUNT, text);
        run_add_count(st->run, "failed", name, x);
        for (size_t k = 0; k < 4; k++)
            if (strcmp(name, names[k]) == 0)
                st->brk[k] = x;
        p = v + vn;
        while (*p == ',' || *p == ' ')
            p++;
    }
    st->have_breakdown = 1;
    return 0;
}

/* "              min  mean[+/-sd] median   max" */
static int times_header(struct ab_state *st, const char *s)
{
    struct tok t[AB_MAXTOK];
    size_t n = tok_split(s, strlen(s), t, AB_MAXTOK);
    if (n < 2 || n > AB_MAXTOK || !tok_eq(t[0], "min"))
        return 0;
    st->ncols = 0;
    for (size_t i = 0; i < n && st->ncols < AB_MAXCOLS; i++) {
        const char *b = memchr(t[i].s, '[', t[i].n);
        if (b) { /* "mean[+/-sd]" is two columns */
            snprintf(st->cols[st->ncols++], 16, "%.*s", (int)(b - t[i].s), t[i].s);
            const char *e = memchr(b, ']', t[i].n - (size_t)(b - t[i].s));
            size_t en = e ? (size_t)(e - b - 1) : t[i].n - (size_t)(b - t[i].s) - 1;
            if (st->ncols < AB_MAXCOLS)
                snprintf(st->cols[st->ncols++], 16, "%.*s", (int)en, b + 1);
            continue;
        }
        tool_tok_text(st->cols[st->ncols++], 16, t[i]);
    }
    return 1;
}

/* "Connect:        0    0   0.0      0       0" and the other rows. */
static int times_row(struct ab_state *st, const char *s, const struct line *l,
                     struct parse_result *pr)
{
    static const char *const rows[] = {"Connect:", "Processing:", "Waiting:", "Total:", NULL};
    struct tok t[AB_MAXTOK];
    size_t n = tok_split(s, strlen(s), t, AB_MAXTOK);
    size_t which = 0;
    while (rows[which] && !(n > 0 && tok_eq(t[0], rows[which])))
        which++;
    if (!rows[which])
        return 0;
    if (st->ncols == 0) { /* no header line: ab's two layouts by width */
        static const char *const five[] = {"min", "mean", "+/-sd", "median", "max"};
        static const char *const three[] = {"min", "avg", "max"};
        const char *const *c = n - 1 == 5 ? five : three;
        size_t cn = n - 1 == 5 ? 5 : 3;
        for (size_t k = 0; k < cn; k++)
            snprintf(st->cols[k], 16, "%s", c[k]);
        st->ncols = cn;
    }
    if (n - 1 != st->ncols)
        return parse_fail(pr, l->no, "ab: the %.*s row has %zu values for %zu columns",
                          (int)(t[0].n - 1), t[0].s, n > 0 ? n - 1 : 0, st->ncols);
    char metric[16];
    snprintf(metric, sizeof metric, "%.*s", (int)(t[0].n - 1), t[0].s);
    metric[0] = (char)(metric[0] - 'A' + 'a');
    struct run *r = st->run;
    for (size_t c = 0; c < st->ncols; c++) {
        double x;
        char text[32];
        tool_tok_text(text, sizeof text, t[c + 1]);
        if (units_number(t[c + 1].s, t[c + 1].n, 0, &x) != UNITS_OK)
            return parse_fail(pr, l->no, "ab: cannot read \"%s\" in the %s row", text, metric);
        run_add_figure(r, metric, st->cols[c], x, UNIT_MS, text);
        if (which != 3)
            continue;
        st->total_row = 1;
        const char *col = st->cols[c];
        if (strcmp(col, "min") == 0)
            r->lat_min = x;
        else if (strcmp(col, "mean") == 0 || strcmp(col, "avg") == 0)
            r->lat_avg = x;
        else if (strcmp(col, "+/-sd") == 0)
            r->lat_stdev = x;
        else if (strcmp(col, "median") == 0)
            r->lat_med = x;
        else if (strcmp(col, "max") == 0)
            r->lat_max = x;
    }
    return 1;
}

/* "  50%    147", " 100%  84156 (longest request)" */
static int pct_row(struct ab_state *st, const char *s)
{
    struct tok t[4];
    size_t n = tok_split(s, strlen(s), t, 4);
    double pct, ms;
    if (n < 2 || units_percent(t[0].s, t[0].n, &pct) != UNITS_OK)
        return 0;
    if (units_number(t[1].s, t[1].n, 0, &ms) != UNITS_OK)
        return 1; /* " 0%  <0> (never)": a row ab prints without a value */
    char text[32];
    tool_tok_text(text, sizeof text, t[1]);
    run_add_percentile(st->run, "latency", pct, ms, UNIT_MS, text, -1);
    if (pct >= 100)
        st->longest = 1;
    return 1;
}

/* "                        0.70 kb/s sent" under Transfer rate. */
static int rate_more(struct ab_state *st, const char *s)
{
    struct tok t[4];
    size_t n = tok_split(s, strlen(s), t, 4);
    double x;
    if (n != 3 || !tok_eq(t[1], "kb/s") || units_scaled(t[0].s, t[0].n, 0, 0, 1024, &x) != UNITS_OK)
        return 0;
    char text[32], stat[32];
    tool_tok_text(text, sizeof text, t[0]);
    tool_tok_text(stat, sizeof stat, t[2]);
    run_add_figure(st->run, "transfer_rate", stat, x, UNIT_BYTES_PER_S, text);
    return 1;
}

/* "WARNING: The median and mean for the processing time are not within a
 * normal deviation" and its second line: one count of kind "warning". */
static int sanity_line(struct ab_state *st, const struct text *t, size_t *i)
{
    const char *s = str_skip_blank(t->lines[*i].s);
    if (!(str_starts(s, "ERROR: The median and mean") || str_starts(s, "WARNING: The median and mean")))
        return 0;
    struct buf b = BUF_INIT;
    buf_adds(&b, s);
    if (*i + 1 < t->n) {
        const struct line *next = &t->lines[*i + 1];
        const char *ns = str_skip_blank(next->s);
        if (next->s[0] == ' ' && (str_starts(ns, "deviation apart") || str_starts(ns, "These results"))) {
            buf_addc(&b, ' ');
            buf_adds(&b, ns);
            (*i)++;
        }
    }
    run_add_count(st->run, "warning", buf_str(&b), 1);
    buf_free(&b);
    return 1;
}

static int ab_parse(const struct text *t, struct parse_result *pr)
{
    struct ab_state st;
    memset(&st, 0, sizeof st);

    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *s = str_skip_blank(l->s);
        const char *v;
        const struct ab_label *lb;

        if (*s == '\0') {
            st.in_times = st.in_pcts = st.in_rate = 0;
            continue;
        }
        /* The banner, also as a markdown heading ("### This is ..."). */
        if (banner(NULL, l)) {
            ab_finish(&st, pr);
            ab_open(&st, t, i);
            banner(st.run, l);
            st.run->last_line = l->no;
            continue;
        }
        if (preamble_line(s)) {
            if (st.run && st.in_report)
                ab_finish(&st, pr);
            if (!st.run)
                ab_open(&st, t, i);
            st.run->last_line = l->no;
            if (str_starts(s, "Benchmarking ")) {
                /* "(be patient)...apr_socket_recv: Connection refused (111)" */
                const char *e = strstr(s, "(be patient)") + strlen("(be patient)");
                while (*e == '.')
                    e++;
                if (str_starts(e, "done"))
                    e += 4;
                e = str_skip_blank(e);
                if (*e)
                    tool_count_repeat(st.run, "error", e);
            } else if (error_line(s)) {
                tool_count_repeat(st.run, "error", s);
            }
            continue;
        }
        if (str_starts(s, "Total of ") && strstr(s, "requests completed")) {
            /* ab's last words after a fatal error: how far it got */
            struct tok tt[5];
            double x;
            if (st.run && !st.in_report &&
                tok_split(s, strlen(s), tt, 5) == 5 && units_number(tt[2].s, tt[2].n, 0, &x) == UNITS_OK) {
                char text[32];
                tool_tok_text(text, sizeof text, tt[2]);
                st.run->requests = x;
                run_add_figure(st.run, "total_of_requests_completed", "count", x, UNIT_COUNT, text);
                st.run->last_line = l->no;
            }
            continue;
        }
        if (st.run && (str_starts(s, "Copyright 1996 Adam Twiss") ||
                       str_starts(s, "Licensed to The Apache Software Foundation") ||
                       str_starts(s, "LOG: ") || str_starts(s, "INFO: "))) {
            st.run->last_line = l->no;
            continue;
        }

        if ((lb = find_label(s, &v)) != NULL) {
            if (st.run && lb->field != F_TPR && (st.seen & (1u << lb->field)))
                ab_finish(&st, pr); /* a second report without a banner */
            if (!st.run)
                ab_open(&st, t, i);
            st.in_report = 1;
            st.in_times = st.in_pcts = st.in_rate = 0;
            st.seen |= 1u << lb->field;
            if (label_line(&st, lb, v, l, pr) < 0)
                goto fail;
            st.run->last_line = l->no;
            continue;
        }
        if (!st.run || !st.in_report)
            continue;

        int rc = 0;
        if (s[0] == '(' && strstr(s, "Connect:")) {
            if (breakdown_line(&st, s, l, pr) < 0)
                goto fail;
            rc = 1;
        } else if (st.in_rate && rate_more(&st, s)) {
            rc = 1;
        } else if (str_starts(s, "Connection Times (ms)") || str_starts(s, "Connnection Times (ms)")) {
            st.in_times = 1;
            st.in_pcts = 0;
            st.ncols = 0;
            rc = 1;
        } else if (st.in_times && times_header(&st, s)) {
            rc = 1;
        } else if (st.in_times && (rc = times_row(&st, s, l, pr)) != 0) {
            if (rc < 0)
                goto fail;
        } else if (sanity_line(&st, t, &i)) {
            rc = 1;
            l = &t->lines[i];
        } else if (str_starts(s, "Percentage of the requests served within")) {
            st.in_pcts = 1;
            st.in_times = 0;
            rc = 1;
        } else if (st.in_pcts && pct_row(&st, s)) {
            rc = 1;
        }
        if (rc)
            st.run->last_line = l->no;
        else
            st.in_times = st.in_pcts = st.in_rate = 0;
    }
    ab_finish(&st, pr);
    if (pr->nruns == 0 && st.dropped_line)
        return parse_fail(pr, st.dropped_line, "ab stopped before its report: %s", st.dropped);
    return 0;
fail:
    run_free(st.run);
    return -1;
}

static int ab_sniff(const struct text *t)
{
    int banner_seen = 0, rps = 0, tpr = 0, table = 0;
    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *s = str_skip_blank(l->s);
        if (line_find(l, "This is ApacheBench, Version"))
            banner_seen = 1;
        else if (str_starts(s, "Requests per second:") && line_find(l, "[#/sec]"))
            rps = 1;
        else if (str_starts(s, "Time per request:") && line_find(l, "[ms]"))
            tpr = 1;
        else if (str_starts(s, "Percentage of the requests served within a certain time") ||
                 str_starts(s, "Connection Times (ms)"))
            table = 1;
    }
    if (rps && (tpr || table))
        return 95;
    if (banner_seen)
        return rps || tpr || table ? 95 : 60;
    return 0;
}

const struct parser parser_ab = {
    .name = "ab",
    .tool = "ab",
    .summary = "ApacheBench (ab) text output, with or without banner, -k, POST, SSL",
    .sniff = ab_sniff,
    .parse = ab_parse,
    .parse_stream = NULL,
};
