/* parse_autocannon.c - autocannon's text and --json outputs -> runs.
 *
 * What autocannon prints (lib/progressTracker.js and lib/printResult.js,
 * cli-table3 box tables; lib/run.js and lib/aggregateResult.js for the
 * result object that --json prints):
 *
 *   Running 10s test @ http://localhost:3000       ("Running 500 requests test @ ...")
 *   10 connections                                 (" with 10 pipelining factor")
 *
 *   ┌─────────┬──────┬──────┬───────┬──────┬─────────┬─────────┬───────┐
 *   │ Stat    │ 2.5% │ 50%  │ 97.5% │ 99%  │ Avg     │ Stdev   │ Max   │
 *   ├─────────┼──────┼──────┼───────┼──────┼─────────┼─────────┼───────┤
 *   │ Latency │ 0 ms │ 0 ms │ 1 ms  │ 1 ms │ 0.02 ms │ 0.16 ms │ 16 ms │
 *   └─────────┴──────┴──────┴───────┴──────┴─────────┴─────────┴───────┘
 *   ┌───────────┬─────────┬─────────┬─────────┬─────────┬─────────┬─────────┬─────────┐
 *   │ Stat      │ 1%      │ 2.5%    │ 50%     │ 97.5%   │ Avg     │ Stdev   │ Min     │
 *   ├───────────┼─────────┼─────────┼─────────┼─────────┼─────────┼─────────┼─────────┤
 *   │ Req/Sec   │ 29199   │ 29199   │ 37535   │ 38143   │ 36660   │ 2617.44 │ 29187   │
 *   │ Bytes/Sec │ 4.26 MB │ 4.26 MB │ 5.48 MB │ 5.57 MB │ 5.35 MB │ 382 kB  │ 4.26 MB │
 *   └───────────┴─────────┴─────────┴─────────┴─────────┴─────────┴─────────┴─────────┘
 *   (-l: a "Percentile | Latency (ms)" table; --renderStatusCodes: "Code | Count")
 *
 *   Req/Bytes counts sampled once per second.
 *   # of samples: 10
 *
 *   1612 2xx responses, 75 non 2xx responses       (when any non-2xx)
 *   367k requests in 10.02s, 53.5 MB read
 *   22 errors (22 timeouts)                        (when any)
 *   3 requests with mismatched body                (when any)
 *   request pipeline was resetted 2 times          (when any)
 *
 * Before the box tables (2017-2018) it printed a plain "Stat Avg Stdev Max"
 * table with rows "Latency (ms)", "Req/Sec", "Bytes/Sec" (values like
 * "2.28 MB" hold a blank) and a plain percentile table; both are read.
 *
 * Units: latency in ms, sizes from pretty-bytes (SI: kB, MB, GB, 1000-based).
 * The request count is lib/format.js's: exact below 1000, then rounded to
 * thousands ("367k" is stored as 367000, the text kept). The percentile
 * columns are percentiles of metrics "latency", "req/sec" and "bytes/sec";
 * Avg, Stdev, Max and Min are figures. rps is the Req/Sec average.
 *
 * Quirks: "NaN" (no latency sample) is stored as not printed. Before
 * autocannon 7 a Req/Sec or Bytes/Sec "Min" of 9007199254740991
 * (Number.MAX_SAFE_INTEGER, the histogram's start value) means that no
 * second was sampled: it is kept as a figure with its text and no value,
 * never as a measurement. The --json output has the same sentinel in
 * "min" fields and is read the same way.
 *
 * Failures, as autocannon counts them: "non 2xx responses" (every status
 * outside 2xx) and "errors" (no response; timeouts are among them).
 * failed_requests = non2xx + errors. failed_pct is its share of the
 * requests that ended (2xx + non2xx + errors) when the 2xx count is
 * printed, else of the printed request count, and at most 100 (that count
 * is rounded); 100 when no request completed and there were errors. A run
 * that got no response and had errors, or whose every request failed, is
 * failed.
 *
 * Cut short: autocannon always prints "N requests in" last but for the
 * errors, mismatches and resets lines, which follow it only when not zero.
 * A text output without it is incomplete (which wins over failed), and so
 * is one that completed no request and has no errors line after it: each
 * request ends in a response or an error, so such an output was cut
 * before the line saying what went wrong (or measured nothing at all).
 * Failures are derived only from a whole output. An output of completed
 * requests cut right before its errors line cannot be told from one
 * without errors. autocannon prints --json on one line: a result cut
 * short does not close, and the file is refused.
 *
 * The --json result: url, connections, pipelining, workers, duration (s),
 * samples, sampleInt, start, finish, errors, timeouts, mismatches, non2xx,
 * resets, 1xx..5xx, statusCodeStats {code: {count}}, latency, requests and
 * throughput {average, mean, stddev, min, max, total, p0_001 .. p99_999},
 * requests.sent, latency.totalCount. There requests = requests.total
 * (completed responses) and the failure rule is the same. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "parse.h"
#include "tool_common.h"
#include "toolcmd.h"
#include "units.h"

#define AC_MAXCELLS 16
#define AC_SENTINEL 9007199254740991.0 /* Number.MAX_SAFE_INTEGER */

static const struct toolcmd_prog ac_progs[] = {{"autocannon", 0}, {NULL, 0}};

enum ac_table { T_NONE, T_STAT, T_PCT, T_CODES };

/* What a run has read: a second of any starts the next run. */
enum {
    S_LAT = 1 << 0, S_REQ = 1 << 1, S_BYTES = 1 << 2, S_2XX = 1 << 3,
    S_SUMMARY = 1 << 4, S_ERRORS = 1 << 5, S_PCT = 1 << 6, S_CODES = 1 << 7,
    S_RUNNING = 1 << 8,
};

struct ac_state {
    struct run *run;
    enum ac_table table;
    char cols[AC_MAXCELLS][16];
    size_t ncols;
    unsigned seen;
    double n2xx, errors;       /* NaN until printed */
    size_t block;              /* index of the current table's first line */
    size_t last_end;
};

/* The failure rule of the header comment. total: the requests that ended
 * (NaN when not printed). */
static void ac_failures(struct run *r, double errors, double total)
{
    double non2xx = run_has(r->non2xx) ? r->non2xx : 0;
    double err = run_has(errors) ? errors : 0;
    if (!run_has(r->non2xx) && !run_has(errors) && !run_has(r->requests))
        return;
    r->failed_requests = non2xx + err;
    if (!run_has(total))
        total = r->requests;
    if (run_has(total) && total > 0) {
        r->failed_pct = 100.0 * r->failed_requests / total;
        if (r->failed_pct > 100)
            r->failed_pct = 100;
    } else if (err > 0 && run_has(r->requests) && r->requests == 0) {
        r->failed_pct = 100; /* no response at all, only errors */
    }
    if ((run_has(total) && total > 0 && r->failed_requests >= total) ||
        (run_has(r->requests) && r->requests == 0 && err > 0))
        r->state = RUN_STATE_FAILED;
}

static void ac_finish(struct ac_state *st, struct parse_result *pr)
{
    struct run *r = st->run;
    if (!r)
        return;
    st->run = NULL;
    st->last_end = (size_t)r->last_line;
    double total = RUN_NA;
    if (run_has(st->n2xx))
        total = st->n2xx + (run_has(r->non2xx) ? r->non2xx : 0) + (run_has(st->errors) ? st->errors : 0);
    int whole = (st->seen & S_SUMMARY) && !(r->requests == 0 && !(st->seen & S_ERRORS));
    if (whole)
        ac_failures(r, st->errors, total);
    else
        r->state = RUN_STATE_INCOMPLETE; /* see "Cut short" above */
    run_set(&r->latency_metric, "latency");
    parse_emit(pr, r);
}

static void ac_open(struct ac_state *st, const struct text *t, size_t i)
{
    st->run = run_new("autocannon", "autocannon");
    st->run->first_line = st->run->last_line = t->lines[i].no;
    st->table = T_NONE;
    st->ncols = 0;
    st->seen = 0;
    st->n2xx = st->errors = RUN_NA;
    tool_command(st->run, t, i, st->last_end, ac_progs, NULL);
}

/* Starts a new run (at line index `at`) unless the open one can take
 * element `bit`: a second of anything is the next run's. */
static void ac_need(struct ac_state *st, unsigned bit, const struct text *t, size_t at,
                    struct parse_result *pr)
{
    if (st->run && (st->seen & bit))
        ac_finish(st, pr);
    if (!st->run)
        ac_open(st, t, at);
    st->seen |= bit;
}

/* Box-drawing rules: ┌─┬─┐ ├─┼─┤ └─┴─┘ and "+---+" in ASCII. */
static int rule_line(const char *s)
{
    return str_starts(s, "\xe2\x94\x8c") || str_starts(s, "\xe2\x94\x9c") ||
           str_starts(s, "\xe2\x94\x94") || (str_starts(s, "+-") && strspn(s, "+-=") == strlen(s));
}

/* The cells of a table row "│ a │ b │" (or "| a | b |"), trimmed. 0 when
 * the line is not one. */
static size_t cells(const char *s, struct tok *out, size_t max)
{
    const char *bar = "\xe2\x94\x82";
    size_t bl = 3;
    if (s[0] == '|') {
        bar = "|";
        bl = 1;
    } else if (!str_starts(s, bar)) {
        return 0;
    }
    size_t n = 0;
    const char *p = s + bl;
    while (*p) {
        const char *e = strstr(p, bar);
        if (!e)
            break; /* text after the last bar */
        const char *a = str_skip_blank(p);
        const char *b = e;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (n < max) {
            out[n].s = a;
            out[n].n = (size_t)(b - a);
        }
        n++;
        p = e + bl;
    }
    return n > max ? max : n;
}

/* One cell of a Stat row: "0.02 ms", "NaN", "29199", "4.26 MB". */
static int stat_value(int kind, struct tok v, double *x)
{
    if (kind == 0) { /* latency: "2.5 ms", or bare in the old table */
        struct tok n = v;
        if (n.n >= 2 && memcmp(n.s + n.n - 2, "ms", 2) == 0) {
            n.n -= 2;
            while (n.n > 0 && n.s[n.n - 1] == ' ')
                n.n--;
        }
        return units_number(n.s, n.n, 0, x);
    }
    if (kind == 1)
        return units_number(v.s, v.n, 0, x);
    return units_bytes(v.s, v.n, 1000, x);
}

/* A row of the Stat table: label and its values, one per column. */
static int stat_row(struct ac_state *st, struct tok label, const struct tok *v, size_t nv,
                    const struct text *t, size_t i, struct parse_result *pr)
{
    static const struct { const char *label, *metric; const char *unit; unsigned bit; } rows[] = {
        {"Latency", "latency", UNIT_MS, S_LAT},
        {"Latency (ms)", "latency", UNIT_MS, S_LAT},
        {"Req/Sec", "req/sec", UNIT_PER_S, S_REQ},
        {"Bytes/Sec", "bytes/sec", UNIT_BYTES_PER_S, S_BYTES},
    };
    size_t k = 0;
    while (k < 4 && !tok_eq(label, rows[k].label))
        k++;
    if (k == 4)
        return 0;
    int kind = k <= 1 ? 0 : (int)k - 1;
    const struct line *l = &t->lines[i];
    if (nv != st->ncols)
        return parse_fail(pr, l->no, "autocannon: the %s row has %zu values for %zu columns",
                          rows[k].label, nv, st->ncols);
    ac_need(st, rows[k].bit, t, st->block, pr);
    struct run *r = st->run;
    char nan[64] = "";
    int measured = 0;
    for (size_t c = 0; c < nv; c++) {
        double x;
        char text[64];
        tool_tok_text(text, sizeof text, v[c]);
        int rc = stat_value(kind, v[c], &x);
        /* Only the latencies may be NaN: the old format's average of none
         * ("Latency (ms) NaN NaN 0"); a rate is always a number. */
        if (rc == UNITS_BAD || (rc == UNITS_NAN && kind != 0) || (rc == UNITS_OK && x < 0))
            return parse_fail(pr, l->no, "autocannon: cannot read \"%s\" in the %s row", text,
                              rows[k].label);
        if (rc == UNITS_NAN && !nan[0])
            snprintf(nan, sizeof nan, "%s", text);
        else if (rc == UNITS_OK && x > 0)
            measured = 1;
        if (nan[0] && measured)
            return parse_fail(pr, l->no, "autocannon: \"%s\" in the %s row is not a number, "
                              "though the row holds a measured time", nan, rows[k].label);
        const char *col = st->cols[c];
        size_t cl = strlen(col);
        if (cl > 1 && col[cl - 1] == '%') {
            double pct;
            if (units_number(col, cl - 1, 0, &pct) != UNITS_OK)
                return parse_fail(pr, l->no, "autocannon: bad column \"%s\"", col);
            run_add_percentile(r, rows[k].metric, pct, x, rows[k].unit, text, -1);
            if (kind == 0 && pct == 50)
                r->lat_med = x;
            continue;
        }
        char stat[16];
        for (size_t j = 0; j <= cl && j < sizeof stat; j++)
            stat[j] = (char)(col[j] >= 'A' && col[j] <= 'Z' ? col[j] + 32 : col[j]);
        stat[sizeof stat - 1] = '\0';
        if (kind == 1 && strcmp(stat, "min") == 0 && x == AC_SENTINEL)
            x = RUN_NA; /* MAX_SAFE_INTEGER: no second was sampled */
        run_add_figure(r, rows[k].metric, stat, x, rows[k].unit, text);
        if (kind == 0 && strcmp(stat, "avg") == 0)
            r->lat_avg = x;
        else if (kind == 0 && strcmp(stat, "stdev") == 0)
            r->lat_stdev = x;
        else if (kind == 0 && strcmp(stat, "max") == 0)
            r->lat_max = x;
        else if (kind == 0 && strcmp(stat, "min") == 0)
            r->lat_min = x;
        else if (kind == 1 && strcmp(stat, "avg") == 0)
            r->rps = x;
    }
    return 1;
}

/* The old plain table: values are blank-separated, and a size is two
 * words ("2.28 MB"). */
static size_t old_values(const char *s, struct tok *v, size_t max)
{
    struct tok t[AC_MAXCELLS * 2];
    size_t n = tok_split(s, strlen(s), t, AC_MAXCELLS * 2);
    if (n > AC_MAXCELLS * 2)
        n = AC_MAXCELLS * 2;
    size_t k = 0;
    for (size_t i = 0; i < n && k < max; i++) {
        v[k] = t[i];
        if (i + 1 < n && t[i + 1].n <= 3 && t[i + 1].s[t[i + 1].n - 1] == 'B' &&
            !(t[i + 1].s[0] >= '0' && t[i + 1].s[0] <= '9')) {
            v[k].n = (size_t)(t[i + 1].s + t[i + 1].n - t[i].s);
            i++;
        }
        k++;
    }
    return k;
}

static void set_cols(struct ac_state *st, const struct tok *c, size_t n)
{
    st->ncols = 0;
    for (size_t i = 0; i < n && st->ncols < AC_MAXCELLS; i++)
        tool_tok_text(st->cols[st->ncols++], 16, c[i]);
}

/* "367k requests in 10.02s, 53.5 MB read" */
static int summary_line(struct ac_state *st, const char *s, const struct text *t, size_t i,
                        struct parse_result *pr)
{
    struct tok k[8];
    size_t n = tok_split(s, strlen(s), k, 8);
    if (n != 7 || !tok_eq(k[1], "requests") || !tok_eq(k[2], "in") || !tok_eq(k[6], "read"))
        return 0;
    const struct line *l = &t->lines[i];
    double req, ms, bytes;
    struct tok d = tool_tok_chop(k[3], ',');
    struct tok b = {k[4].s, (size_t)(k[5].s + k[5].n - k[4].s)};
    if (units_count(k[0].s, k[0].n, &req) != UNITS_OK || units_duration_ms(d.s, d.n, &ms) != UNITS_OK ||
        units_bytes(b.s, b.n, 1000, &bytes) != UNITS_OK)
        return parse_fail(pr, l->no, "autocannon: cannot read the requests line");
    if (req != floor(req) || req >= 9223372036854775808.0)
        return parse_fail(pr, l->no, "autocannon: request count \"%.*s\" is not a whole number "
                          "within 64 bits", (int)k[0].n, k[0].s);
    ac_need(st, S_SUMMARY, t, i, pr);
    struct run *r = st->run;
    char text[64];
    r->requests = req;
    r->duration_s = tool_ms_to_s(ms);
    r->bytes_received = bytes;
    tool_tok_text(text, sizeof text, k[0]);
    run_add_figure(r, "requests", "count", req, UNIT_COUNT, text);
    tool_tok_text(text, sizeof text, d);
    run_add_figure(r, "duration", "total", ms, UNIT_MS, text);
    tool_tok_text(text, sizeof text, b);
    run_add_figure(r, "read", "total", bytes, UNIT_BYTES, text);
    return 1;
}

/* "1612 2xx responses, 75 non 2xx responses" */
static int responses_line(struct ac_state *st, const char *s, const struct text *t, size_t i,
                          struct parse_result *pr)
{
    struct tok k[8];
    size_t n = tok_split(s, strlen(s), k, 8);
    if (n != 7 || !tok_eq(k[1], "2xx") || !tok_eq(k[2], "responses,") || !tok_eq(k[4], "non") ||
        !tok_eq(k[5], "2xx"))
        return 0;
    double a, b;
    if (units_number(k[0].s, k[0].n, 0, &a) != UNITS_OK || units_number(k[3].s, k[3].n, 0, &b) != UNITS_OK)
        return parse_fail(pr, t->lines[i].no, "autocannon: cannot read the responses line");
    ac_need(st, S_2XX, t, i, pr);
    char text[32];
    st->n2xx = a;
    st->run->non2xx = b;
    tool_tok_text(text, sizeof text, k[0]);
    run_add_figure(st->run, "responses", "2xx", a, UNIT_COUNT, text);
    tool_tok_text(text, sizeof text, k[3]);
    run_add_figure(st->run, "responses", "non 2xx", b, UNIT_COUNT, text);
    run_add_count(st->run, "status", "2xx", a);
    run_add_count(st->run, "status", "non 2xx", b);
    return 1;
}

/* "22 errors (22 timeouts)", "3 requests with mismatched body",
 * "request pipeline was resetted 2 times", "# of samples: 10". */
static int tail_line(struct ac_state *st, const char *s, const struct text *t, size_t i,
                     struct parse_result *pr)
{
    struct tok k[8];
    size_t n = tok_split(s, strlen(s), k, 8);
    double x, y;
    char text[32];
    if (n == 4 && tok_eq(k[1], "errors") && tok_eq(k[3], "timeouts)") && k[2].n > 1 && k[2].s[0] == '(') {
        if (units_count(k[0].s, k[0].n, &x) != UNITS_OK || units_count(k[2].s + 1, k[2].n - 1, &y) != UNITS_OK)
            return parse_fail(pr, t->lines[i].no, "autocannon: cannot read the errors line");
        ac_need(st, S_ERRORS, t, i, pr);
        st->errors = x;
        tool_tok_text(text, sizeof text, k[0]);
        run_add_figure(st->run, "errors", "count", x, UNIT_COUNT, text);
        snprintf(text, sizeof text, "%.*s", (int)k[2].n - 1, k[2].s + 1);
        run_add_figure(st->run, "timeouts", "count", y, UNIT_COUNT, text);
        run_add_count(st->run, "error", "errors", x);
        run_add_count(st->run, "error", "timeouts", y);
        return 1;
    }
    if (!st->run)
        return 0;
    if (n == 5 && tok_eq(k[1], "requests") && tok_eq(k[2], "with") && tok_eq(k[3], "mismatched") &&
        units_count(k[0].s, k[0].n, &x) == UNITS_OK) {
        tool_tok_text(text, sizeof text, k[0]);
        run_add_figure(st->run, "mismatches", "count", x, UNIT_COUNT, text);
        return 1;
    }
    if (n == 6 && str_starts(s, "request pipeline was resetted") && units_count(k[4].s, k[4].n, &x) == UNITS_OK) {
        tool_tok_text(text, sizeof text, k[4]);
        run_add_figure(st->run, "resets", "count", x, UNIT_COUNT, text);
        return 1;
    }
    if (str_starts(s, "# of samples:")) {
        const char *v = str_skip_blank(s + strlen("# of samples:"));
        if (units_number(v, strlen(v), 0, &x) == UNITS_OK)
            run_add_figure(st->run, "samples", "count", x, UNIT_COUNT, v);
        return 1;
    }
    if (str_starts(s, "Req/Bytes counts sampled"))
        return 1;
    return 0;
}

/* "Running 10s test @ URL", "Running 500 requests test @ URL". */
static int running_line(struct ac_state *st, const char *s, const struct text *t, size_t i,
                        struct parse_result *pr)
{
    struct tok k[8];
    size_t n = tok_split(s, strlen(s), k, 8);
    size_t at = 0;
    if (n >= 5 && tok_eq(k[0], "Running") && tok_eq(k[2], "test") && tok_eq(k[3], "@"))
        at = 4;
    else if (n >= 6 && tok_eq(k[0], "Running") && tok_eq(k[2], "requests") && tok_eq(k[3], "test") &&
             tok_eq(k[4], "@"))
        at = 5;
    else
        return 0;
    ac_finish(st, pr);
    ac_open(st, t, i);
    st->seen |= S_RUNNING;
    char text[1024];
    tool_tok_text(text, sizeof text, k[at]);
    run_set(&st->run->url, text);
    tool_tok_text(text, sizeof text, k[1]);
    run_add_param(st->run, at == 4 ? "duration" : "amount", text);
    return 1;
}

/* "10 connections", "100 connections with 10 pipelining factor". */
static int connections_line(struct ac_state *st, const char *s)
{
    struct tok k[8];
    size_t n = tok_split(s, strlen(s), k, 8);
    double x;
    if (n < 2 || !tok_eq(k[1], "connections") || units_number(k[0].s, k[0].n, 0, &x) != UNITS_OK)
        return 0;
    st->run->connections = x;
    for (size_t j = 2; j + 1 < n && j + 1 < 8; j++) {
        char text[32];
        tool_tok_text(text, sizeof text, k[j + 1]);
        if (tok_eq(k[j], "with") && j + 2 < n && tok_eq(k[j + 2], "pipelining"))
            run_add_param(st->run, "pipelining", text);
        else if (tok_eq(k[j + 1], "workers") || tok_eq(k[j + 1], "workers,")) {
            tool_tok_text(text, sizeof text, k[j]);
            run_add_param(st->run, "workers", text);
        }
    }
    return 1;
}

static int ac_parse(const struct text *t, struct parse_result *pr)
{
    struct ac_state st;
    memset(&st, 0, sizeof st);
    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *s = str_skip_blank(l->s);
        struct tok c[AC_MAXCELLS];
        size_t nc;
        int rc = 0;

        if (*s == '\0') {
            st.table = T_NONE;
            continue;
        }
        if ((rc = running_line(&st, s, t, i, pr)) != 0) {
            if (rc < 0)
                goto fail;
            continue;
        }
        if (rule_line(s)) {
            if (str_starts(s, "\xe2\x94\x8c") || str_starts(s, "+-"))
                st.block = i; /* a table's top */
            else if (st.run)
                st.run->last_line = l->no;
            continue;
        }
        struct tok w0 = {s, strcspn(s, " \t")};
        nc = cells(s, c, AC_MAXCELLS);
        if (nc >= 2 || st.table != T_NONE || tok_eq(w0, "Stat") || tok_eq(w0, "Percentile")) {
            struct tok v[AC_MAXCELLS];
            size_t nv = 0;
            struct tok label;
            int boxed = nc >= 2;
            if (boxed) {
                label = c[0];
                nv = nc - 1;
                memcpy(v, c + 1, nv * sizeof v[0]);
            } else if (str_starts(s, "Latency (ms)") || str_starts(s, "Percentile ")) {
                label.s = s;
                label.n = str_starts(s, "Percentile ") ? 10 : 12;
                nv = old_values(s + label.n, v, AC_MAXCELLS);
            } else {
                label.s = s;
                label.n = strcspn(s, " \t");
                nv = old_values(s + label.n, v, AC_MAXCELLS);
            }
            int header = tok_eq(label, "Stat") || tok_eq(label, "Percentile") ||
                         (tok_eq(label, "Code") && boxed);
            if (header && !(boxed && i > 0 && st.block == i - 1))
                st.block = i; /* no top rule above it */
            if (tok_eq(label, "Stat")) {
                st.table = T_STAT;
                set_cols(&st, v, nv);
                rc = 1;
            } else if (tok_eq(label, "Percentile")) {
                ac_need(&st, S_PCT, t, st.block, pr);
                st.table = T_PCT;
                rc = 1;
            } else if (tok_eq(label, "Code") && boxed) {
                ac_need(&st, S_CODES, t, st.block, pr);
                st.table = T_CODES;
                rc = 1;
            } else if (st.table == T_STAT) {
                rc = stat_row(&st, label, v, nv, t, i, pr);
            } else if (st.table == T_PCT && nv == 1) {
                double pct, ms;
                char text[32];
                tool_tok_text(text, sizeof text, v[0]);
                int vr = units_number(v[0].s, v[0].n, 0, &ms);
                if (units_number(label.s, label.n, 0, &pct) == UNITS_OK && vr != UNITS_BAD) {
                    run_add_percentile(st.run, "latency", pct, ms, UNIT_MS, text, -1);
                    rc = 1;
                }
            } else if (st.table == T_CODES && nv == 1) {
                double x;
                char code[16];
                tool_tok_text(code, sizeof code, label);
                if (units_number(v[0].s, v[0].n, 0, &x) == UNITS_OK) {
                    run_add_count(st.run, "status", code, x);
                    rc = 1;
                }
            }
            if (rc < 0)
                goto fail;
            if (rc) {
                if (st.run)
                    st.run->last_line = l->no;
                continue;
            }
        }
        if ((rc = responses_line(&st, s, t, i, pr)) != 0 || (rc = summary_line(&st, s, t, i, pr)) != 0 ||
            (rc = tail_line(&st, s, t, i, pr)) != 0) {
            if (rc < 0)
                goto fail;
            st.run->last_line = l->no;
            continue;
        }
        if (st.run && st.seen == S_RUNNING && connections_line(&st, s)) {
            st.run->last_line = l->no;
            continue;
        }
        if (st.run && str_starts(s, "running [")) /* the progress bar, if not cleared */
            continue;
    }
    ac_finish(&st, pr);
    return 0;
fail:
    run_free(st.run);
    return -1;
}

static int ac_sniff(const struct text *t)
{
    int header = 0, rows = 0, summary = 0, tail = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *s = str_skip_blank(t->lines[i].s);
        struct tok k[8];
        /* The word tests below need a first word "Stat" or a second word
         * "requests", "2xx" or "errors": other lines are not split. */
        int words = (str_starts(s, "Stat") && (s[4] == ' ' || s[4] == '\t')) ||
                    strstr(s, "requests") || strstr(s, "2xx") || strstr(s, "errors");
        size_t n = words ? tok_split(s, strlen(s), k, 8) : 0;
        if (strstr(s, "Stat") && strstr(s, "2.5%") && strstr(s, "97.5%"))
            header = 1;
        else if (n >= 4 && tok_eq(k[0], "Stat") && tok_eq(k[1], "Avg") && tok_eq(k[2], "Stdev") &&
                 tok_eq(k[3], "Max"))
            header = 1;
        else if (strstr(s, "Req/Sec") || strstr(s, "Bytes/Sec"))
            rows = 1;
        else if (n == 7 && tok_eq(k[1], "requests") && tok_eq(k[2], "in") && tok_eq(k[6], "read"))
            summary = 1;
        else if ((n == 7 && tok_eq(k[1], "2xx") && tok_eq(k[4], "non")) ||
                 (n == 4 && tok_eq(k[1], "errors") && tok_eq(k[3], "timeouts)")))
            tail = 1;
    }
    if (summary && (header || rows || tail))
        return 95;
    if (header && rows)
        return 90;
    return summary ? 60 : 0;
}

const struct parser parser_autocannon = {
    .name = "autocannon",
    .tool = "autocannon",
    .summary = "autocannon text output (box tables, the older plain table, summary lines)",
    .sniff = ac_sniff,
    .parse = ac_parse,
    .parse_stream = NULL,
};

/* --- JSON ---------------------------------------------------------------- */

/* A stats object: {average, mean, stddev, min, max, total, p0_001 ...}. */
static void acj_stats(struct run *r, const cJSON *o, const char *metric, const char *unit)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, o) {
        double x;
        char text[64];
        if (!it->string || jsontext_num(it, NULL, 0, &x, text, sizeof text) != UNITS_OK)
            continue;
        const char *k = it->string;
        if (k[0] == 'p' && k[1] >= '0' && k[1] <= '9') {
            char p[32];
            snprintf(p, sizeof p, "%s", k + 1);
            for (char *q = p; *q; q++)
                if (*q == '_')
                    *q = '.';
            double pct;
            if (units_number(p, strlen(p), 0, &pct) == UNITS_OK) {
                run_add_percentile(r, metric, pct, x, unit, text, -1);
                continue;
            }
        }
        const char *u = unit;
        if (strcmp(k, "total") == 0 || strcmp(k, "sent") == 0 || strcmp(k, "totalCount") == 0)
            u = strcmp(metric, "bytes/sec") == 0 ? UNIT_BYTES : UNIT_COUNT;
        if (strcmp(k, "min") == 0 && x >= AC_SENTINEL)
            x = RUN_NA; /* MAX_SAFE_INTEGER: nothing was sampled */
        run_add_figure(r, metric, k, x, u, text);
    }
}

static int acj_run(const cJSON *root, const struct jsontext *jt, const struct text *t,
                   size_t last_end, struct parse_result *pr)
{
    struct run *r = run_new("autocannon", "autocannon-json");
    r->first_line = t->lines[jt->first].no;
    r->last_line = t->lines[jt->last].no;
    const char *s = jsontext_str(root, "url");
    if (s)
        run_set(&r->url, s);
    tool_command(r, t, jt->first, last_end, ac_progs, NULL);

    double x;
    char text[64];
    static const char *const params[] = {"title", "socketPath", "start", "finish", NULL};
    for (size_t i = 0; params[i]; i++)
        if ((s = jsontext_str(root, params[i])) != NULL)
            run_add_param(r, params[i], s);
    static const char *const nparams[] = {"pipelining", "workers", "sampleInt", NULL};
    for (size_t i = 0; nparams[i]; i++)
        if (jsontext_num(root, nparams[i], 0, &x, text, sizeof text) == UNITS_OK)
            run_add_param(r, nparams[i], text);
    jsontext_num(root, "connections", 0, &r->connections, NULL, 0);
    if (tool_json_fig(r, root, "duration", "duration", "total", 3, UNIT_MS, NULL))
        jsontext_num(root, "duration", 0, &r->duration_s, NULL, 0);
    double errors = RUN_NA, classes = 0;
    int have_classes = 1;
    static const char *const counts[] = {"errors", "timeouts", "mismatches", "resets", "samples",
                                         "non2xx", "1xx", "2xx", "3xx", "4xx", "5xx", NULL};
    for (size_t i = 0; counts[i]; i++) {
        if (!tool_json_fig(r, root, counts[i], counts[i], "count", 0, UNIT_COUNT, &x)) {
            if (counts[i][1] == 'x')
                have_classes = 0;
            continue;
        }
        if (strcmp(counts[i], "errors") == 0)
            errors = x;
        else if (strcmp(counts[i], "non2xx") == 0)
            r->non2xx = x;
        if (counts[i][1] == 'x') {
            classes += x;
            run_add_count(r, "status", counts[i], x);
        }
    }
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(root, "statusCodeStats")) {
        if (c->string && jsontext_num(c, "count", 0, &x, NULL, 0) == UNITS_OK)
            run_add_count(r, "status", c->string, x);
    }
    if (run_has(errors)) {
        double y;
        run_add_count(r, "error", "errors", errors);
        if (jsontext_num(root, "timeouts", 0, &y, NULL, 0) == UNITS_OK)
            run_add_count(r, "error", "timeouts", y);
    }

    const cJSON *lat = cJSON_GetObjectItemCaseSensitive(root, "latency");
    const cJSON *req = cJSON_GetObjectItemCaseSensitive(root, "requests");
    const cJSON *thr = cJSON_GetObjectItemCaseSensitive(root, "throughput");
    if (cJSON_IsObject(lat)) {
        acj_stats(r, lat, "latency", UNIT_MS);
        const struct run_figure *f;
        if ((f = run_figure_get(r, "latency", "average")) != NULL)
            r->lat_avg = f->value;
        if ((f = run_figure_get(r, "latency", "stddev")) != NULL)
            r->lat_stdev = f->value;
        if ((f = run_figure_get(r, "latency", "min")) != NULL)
            r->lat_min = f->value;
        if ((f = run_figure_get(r, "latency", "max")) != NULL)
            r->lat_max = f->value;
        r->lat_med = run_percentile_get(r, "latency", 50);
    }
    if (cJSON_IsObject(req)) {
        acj_stats(r, req, "req/sec", UNIT_PER_S);
        const struct run_figure *f;
        if ((f = run_figure_get(r, "req/sec", "average")) != NULL)
            r->rps = f->value;
        if ((f = run_figure_get(r, "req/sec", "total")) != NULL)
            r->requests = f->value;
    }
    if (cJSON_IsObject(thr)) {
        acj_stats(r, thr, "bytes/sec", UNIT_BYTES_PER_S);
        const struct run_figure *f;
        if ((f = run_figure_get(r, "bytes/sec", "total")) != NULL)
            r->bytes_received = f->value;
    }
    ac_failures(r, errors, have_classes ? classes + (run_has(errors) ? errors : 0) : RUN_NA);
    run_set(&r->latency_metric, "latency");
    parse_emit(pr, r);
    return 0;
}

static int acj_is_ours(const cJSON *root)
{
    return cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "latency")) &&
           cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "requests")) &&
           cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "throughput"));
}

static int acj_parse(const struct text *t, struct parse_result *pr)
{
    static const struct tool_json json = {
        {"\"latency\"", "\"throughput\"", "\"requests\""}, {NULL}, acj_is_ours, acj_run,
        "autocannon-json: the result is cut short", "autocannon-json: not an autocannon result"};
    return tool_json_parse(t, pr, &json);
}

static int acj_sniff(const struct text *t)
{
    static const char *const keys[] = {"\"latency\"", "\"requests\"", "\"throughput\"", "\"non2xx\"", NULL};
    if (!jsontext_has_all(t, keys))
        return 0;
    static const char *const more[] = {"\"2xx\"", "\"p97_5\"", NULL};
    return jsontext_has_all(t, more) ? 95 : 80;
}

const struct parser parser_autocannon_json = {
    .name = "autocannon-json",
    .tool = "autocannon",
    .summary = "autocannon --json result objects",
    .sniff = acj_sniff,
    .parse = acj_parse,
    .parse_stream = NULL,
};
