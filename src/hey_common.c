/* hey_common.c - the hey/oha summary text (see hey_common.h).
 *
 * The reader takes the union of both tools' spellings, since each only
 * ever prints its own: times in hey's "secs" or in any of oha's time
 * scales (ns us ms sec "10 sec" min "10 min" hr, and "secs" before oha
 * 1.0; bare numbers in histograms are seconds), sizes as hey's "N bytes"
 * or oha's byte_unit ("38.28 MiB", "1024 B"; KiB/MiB are 1024-based, KB/MB
 * would be 1000-based as byte_unit defines them), thousands separators,
 * and NaN/inf where nothing was measured (stored as NaN).
 *
 * Runs: "Summary:" or any section header begins a run when none is open
 * (fragments begin mid-output); a header printed twice in one run, or a
 * line that is none of the layout's, ends it. A run that captured nothing
 * (a stray "Summary:" in prose) is dropped. The tool's command line, when
 * printed within four lines before the run, gives command, url and the
 * flags of the tool's table as params.
 *
 * Cut short. Both tools always print the status code distribution last
 * but for the error distribution, which follows it only when a request
 * got no response. Its rows are whole when a line follows them (hey
 * prints a blank line after them; oha prints one only before its error
 * distribution), or when their sum equals the response time histogram's
 * (both count every response there, hey up to the million results its
 * "Note:" line mentions). A status section without rows (every request
 * failed) is whole only before an error distribution with rows. A run is
 * whole when its status rows are, or when it holds error rows and no
 * status section (old hey prints only the errors then). Error rows have
 * no end mark: a cut between two of them, and an oha output cut before
 * its error distribution, cannot be told. A run that is not whole is
 * incomplete and nothing is derived from its rows (hey_counts.cut). */
#include "hey_common.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tool_common.h"
#include "units.h"

enum section { S_NONE, S_SUMMARY, S_HIST, S_DIST, S_DETAILS, S_STATUS, S_ERRORS };

static const struct header {
    const char *text;
    enum section sec;
    const char *metric; /* of the histogram or distribution rows */
} headers[] = {
    {"Summary:", S_SUMMARY, NULL},
    {"Response time histogram:", S_HIST, "latency"},
    {"Response time histogram (2xx only):", S_HIST, "latency_2xx"},
    {"Response time histogram (4xx + 5xx only):", S_HIST, "latency_4xx_5xx"},
    {"Latency distribution:", S_DIST, "latency"},
    {"Response time distribution:", S_DIST, "latency"},
    {"Response time distribution (2xx only):", S_DIST, "latency_2xx"},
    {"Response time distribution (4xx + 5xx only):", S_DIST, "latency_4xx_5xx"},
    {"Details (average, fastest, slowest):", S_DETAILS, NULL},
    {"Status code distribution:", S_STATUS, NULL},
    {"Error distribution:", S_ERRORS, NULL},
};
#define NHEADERS (sizeof headers / sizeof headers[0])

enum kind { K_TIME, K_RATE, K_NUM, K_SIZE, K_SIZE_RATE };

static const struct label {
    const char *text; /* with its colon */
    const char *stat;
    enum kind kind;
} labels[] = {
    {"Success rate:", "Success rate", K_RATE}, {"Total:", "Total", K_TIME},
    {"Slowest:", "Slowest", K_TIME},           {"Fastest:", "Fastest", K_TIME},
    {"Average:", "Average", K_TIME},           {"Requests/sec:", "Requests/sec", K_NUM},
    {"Total data:", "Total data", K_SIZE},     {"Size/request:", "Size/request", K_SIZE},
    {"Size/sec:", "Size/sec", K_SIZE_RATE},
};

/* Things only oha prints in its error rows (Rust's io and hyper errors). */
static const char *const rust_errors[] = {
    "(os error ", "error sending request", "error trying to connect",
    "aborted due to deadline", "connection closed before message completed",
    "operation timed out", "client error (",
};

/* Go's net/http errors, as hey prints them: `Get "URL": ...`, `Get URL: ...`. */
static const char *const go_methods[] = {
    "Get ", "Post ", "Put ", "Delete ", "Head ", "Patch ", "Options ",
};

/* --- small readers ----------------------------------------------------- */

/* s[0..n) without blanks at either end. */
static void trim(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* A time "0.0458 secs", "10,005.1308 ms", "1.2 10 sec", or a bare
 * number of seconds, in ms times 10^shift (shift -3: in seconds). NaN and
 * inf (nothing measured) are UNITS_NAN. */
static int time_val(const char *s, size_t n, int shift, double *ms)
{
    static const struct { const char *unit; int pow10; long long mul; } units[] = {
        {"", 3, 1},       {"secs", 3, 1},     {"sec", 3, 1},      {"s", 3, 1},
        {"ms", 0, 1},     {"us", -3, 1},      {"\xc2\xb5s", -3, 1}, {"\xce\xbcs", -3, 1},
        {"ns", -6, 1},    {"min", 0, 60000},  {"hr", 0, 3600000}, {"10 sec", 4, 1},
        {"10 min", 0, 600000},
    };
    trim(&s, &n);
    size_t k = 0;
    while (k < n && s[k] != ' ' && s[k] != '\t')
        k++;
    const char *u = s + k;
    size_t un = n - k;
    trim(&u, &un);
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strlen(units[i].unit) != un || memcmp(units[i].unit, u, un) != 0)
            continue;
        const char *v = s;
        size_t vn = k;
        if (*v == '-' || *v == '+') {
            v++;
            vn--;
        }
        if (vn == 3 && strncmp(v, "inf", 3) == 0) {
            *ms = RUN_NA;
            return UNITS_NAN;
        }
        return units_scaled(s, k, 1, units[i].pow10 + shift, units[i].mul, ms);
    }
    return UNITS_BAD;
}

static int time_ms(const char *s, size_t n, double *ms)
{
    return time_val(s, n, 0, ms);
}

/* "5975123 bytes" (hey), "38.28 MiB", "1024 B", "NaN" (oha). */
static int size_bytes(const char *s, size_t n, double *b)
{
    trim(&s, &n);
    if (n > 6 && memcmp(s + n - 6, " bytes", 6) == 0)
        return units_number(s, n - 6, 1, b);
    return units_bytes(s, n, 1000, b);
}

/* A count: digits with optional thousands separators, nothing else. */
static int count_of(const char *s, size_t n, double *x)
{
    trim(&s, &n);
    return n > 0 && s[0] != '-' && s[0] != '+' && units_number(s, n, 1, x) == UNITS_OK &&
           *x < 9e18 && *x == (double)(long long)*x;
}

/* The section header a line is, or -1. Leading blanks and a leading
 * glyph or punctuation ("⎿ Summary:") are skipped. */
static int header_of(const struct line *l)
{
    const char *s = l->s;
    while (*s && !((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        s++;
    for (size_t i = 0; i < NHEADERS; i++)
        if (s[0] == headers[i].text[0] && strcmp(s, headers[i].text) == 0)
            return (int)i;
    return -1;
}

/* The summary label a line starts with, or -1; *v is its value text. */
static int label_of(const struct line *l, const char **v)
{
    const char *s = str_skip_blank(l->s);
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        if (str_starts(s, labels[i].text)) {
            *v = str_skip_blank(s + strlen(labels[i].text));
            return (int)i;
        }
    }
    return -1;
}

/* "[200]\t2000 responses" (status) or "[137]\tGet ...: EOF" (error): the
 * bracketed token and what follows. 0 when the line is not "[x] y". */
static int bracket_row(const struct line *l, const char **in, size_t *in_n, const char **rest,
                       int *tab)
{
    const char *s = str_skip_blank(l->s);
    if (*s != '[')
        return 0;
    const char *close = strchr(s, ']');
    if (!close || close == s + 1 || (close[1] != ' ' && close[1] != '\t'))
        return 0;
    *in = s + 1;
    *in_n = (size_t)(close - s - 1);
    *tab = close[1] == '\t';
    *rest = str_skip_blank(close + 1);
    return **rest != '\0';
}

/* "[200] 2000 responses": code text and count. */
static int status_row(const struct line *l, char *code, size_t code_size, double *count, int *tab)
{
    const char *in, *rest;
    size_t in_n;
    if (!bracket_row(l, &in, &in_n, &rest, tab))
        return 0;
    size_t rn = strlen(rest);
    if (rn < 11 || strcmp(rest + rn - 10, " responses") != 0 || in_n >= code_size)
        return 0;
    if (!count_of(rest, rn - 10, count))
        return 0;
    snprintf(code, code_size, "%.*s", (int)in_n, in);
    return 1;
}

/* "  0.717 [4]\t|■■■■", "  1.754 ms [19] |": the mark (ms) and count. */
static int hist_row(const struct line *l, double *mark, double *count)
{
    const char *s = str_skip_blank(l->s);
    const char *open = strchr(s, '['), *close = open ? strchr(open, ']') : NULL;
    if (!open || !close || open == s)
        return 0;
    const char *after = str_skip_blank(close + 1);
    if (*after != '|' && *after != '\0')
        return 0;
    return time_ms(s, (size_t)(open - s), mark) != UNITS_BAD &&
           count_of(open + 1, (size_t)(close - open - 1), count);
}

/* "10.00% in 0.0014 secs": percent, ms and the value text. */
static int dist_row(const struct line *l, double *pct, double *ms, const char **vtext)
{
    struct tok t[3];
    if (tok_split(l->s, l->n, t, 3) < 3 || !tok_eq(t[1], "in"))
        return 0;
    if (units_percent(t[0].s, t[0].n, pct) != UNITS_OK)
        return 0;
    *vtext = t[2].s;
    return time_ms(t[2].s, strlen(t[2].s), ms) != UNITS_BAD;
}

/* Whether l runs `program` ("hey": hey, ./hey, ./bin/hey_linux, hey.exe)
 * after an optional prompt ("$ ", "% ", "❯ ", "> "); *cmd is the command. */
static int is_program(const struct line *l, const char *program, const char **cmd)
{
    const char *s = l->s;
    while (*s && !((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
                   *s == '.' || *s == '/' || *s == '~'))
        s++;
    if (str_starts(s, "sudo "))
        s = str_skip_blank(s + 5);
    const char *end = s;
    while (*end && *end != ' ' && *end != '\t')
        end++;
    if (!*end)
        return 0; /* a program with no arguments prints no report */
    const char *base = end;
    while (base > s && base[-1] != '/' && base[-1] != '\\')
        base--;
    size_t pl = strlen(program);
    if ((size_t)(end - base) < pl || memcmp(base, program, pl) != 0)
        return 0;
    char next = base[pl];
    if (base + pl != end && next != '_' && next != '-' && next != '.' && !(next >= '0' && next <= '9'))
        return 0;
    *cmd = s;
    return 1;
}

/* --- parse ------------------------------------------------------------- */

struct hey_state {
    const struct hey_tool *tool;
    struct run *run;
    enum section sec;
    const char *metric;
    unsigned char seen[NHEADERS];
    struct hey_counts counts;
    /* What tells whether the counts are whole (see "Cut short"). */
    size_t status_rows, error_rows, hist_rows;
    double status_sum, hist_sum;
    int status_closed;          /* a line followed the status rows */
    int hist_partial;           /* hey's "Note: Distributions are for first N" */
};

static void strip_quotes(struct tok *t)
{
    if (t->n >= 2 && (t->s[0] == '"' || t->s[0] == '\'') && t->s[t->n - 1] == t->s[0]) {
        t->s++;
        t->n -= 2;
    }
}

/* Command, url and flags of the tool's command line. */
static void read_command(struct hey_state *hs, const char *cmd)
{
    struct run *r = hs->run;
    struct tok t[64];
    size_t n = tok_split(cmd, strlen(cmd), t, 64);
    if (n > 64)
        n = 64;
    run_set(&r->command, cmd);
    for (size_t i = 1; i < n; i++) {
        struct tok a = t[i];
        strip_quotes(&a);
        if (str_starts(a.s, "http://") || str_starts(a.s, "https://")) {
            run_setn(&r->url, a.s, a.n);
            continue;
        }
        for (const struct hey_flag *f = hs->tool->flags; f && f->name; f++) {
            struct tok v;
            if (!tool_flag(t, n, &i, f->name, &v))
                continue;
            if (v.n == 0)
                break; /* a flag without its value: the line is cut */
            char text[64];
            double x;
            snprintf(text, sizeof text, "%.*s", (int)v.n, v.s);
            run_add_param(r, f->param, text);
            if (f->head != HEY_HEAD_NONE && units_number(v.s, v.n, 0, &x) == UNITS_OK) {
                if (f->head == HEY_HEAD_CONNECTIONS)
                    r->connections = x;
                else
                    r->target_rate = x;
            }
            break;
        }
    }
}

static void begin(struct hey_state *hs, const struct text *t, size_t i, size_t last_end)
{
    hs->run = run_new(hs->tool->tool, hs->tool->format);
    hs->run->first_line = hs->run->last_line = t->lines[i].no;
    hs->sec = S_NONE;
    hs->metric = NULL;
    memset(hs->seen, 0, sizeof hs->seen);
    hey_counts_init(&hs->counts);
    hs->status_rows = hs->error_rows = hs->hist_rows = 0;
    hs->status_sum = hs->hist_sum = 0;
    hs->status_closed = hs->hist_partial = 0;
    for (size_t k = i; k-- > last_end && k + 5 > i;) {
        const char *cmd;
        if (is_program(&t->lines[k], hs->tool->program, &cmd)) {
            read_command(hs, cmd);
            hs->run->first_line = t->lines[k].no;
            break;
        }
    }
}

void hey_counts_init(struct hey_counts *c)
{
    memset(c, 0, sizeof *c);
    c->success_pct = RUN_NA;
}

void hey_counts_success(struct hey_counts *c, double pct, const char *text, int shift)
{
    c->success_pct = pct;
    snprintf(c->success_text, sizeof c->success_text, "%s", text);
    c->success_shift = shift;
}

/* 100 - the printed success rate, computed on the printed decimal so that
 * "97.94%" gives exactly 2.06 (not 2.0600000000000023). Falls back to the
 * double when the text is not a plain decimal of at most 16 digits. */
static double failed_pct_of(const struct hey_counts *c)
{
    const char *p = c->success_text;
    unsigned long long m = 0;
    int e = 0, digits = 0, point = 0;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (++digits > 16)
                return 100 - c->success_pct;
            m = m * 10 + (unsigned long long)(*p - '0');
            e -= point;
        } else if (*p == '.' && !point) {
            point = 1;
        } else {
            break;
        }
    }
    int exp10 = e + c->success_shift;
    if (digits == 0 || (*p && strcmp(p, "%") != 0) || exp10 > 0 || exp10 < -16)
        return 100 - c->success_pct;
    unsigned long long hundred = 100;
    for (int i = 0; i < -exp10; i++)
        hundred *= 10;
    char buf[32];
    double out;
    if (m <= hundred)
        snprintf(buf, sizeof buf, "%llu", hundred - m);
    else
        snprintf(buf, sizeof buf, "-%llu", m - hundred);
    if (units_scaled(buf, strlen(buf), 0, exp10, 1, &out) != UNITS_OK)
        return 100 - c->success_pct;
    return out;
}

void hey_count_status(struct run *r, struct hey_counts *c, const char *code, double n)
{
    int status = atoi(code);
    run_add_count(r, "status", code, n);
    c->responses += n;
    if (status < 200 || status > 299)
        c->non2xx += n;
    if (status >= 400)
        c->bad_status += n;
}

void hey_count_error(struct run *r, struct hey_counts *c, const struct hey_tool *tool,
                     const char *message, double n)
{
    run_add_count(r, NULL, message, n);
    c->errors += n;
    if (!tool->not_failure || strcmp(message, tool->not_failure) != 0)
        c->failures += n;
}

void hey_counts_apply(struct run *r, const struct hey_counts *c, const struct hey_tool *tool)
{
    if (c->cut) {
        if (run_has(c->success_pct))
            r->failed_pct = failed_pct_of(c);
        if (!c->timed) /* maybe nothing was timed: 0.0000 or NaN */
            r->lat_min = r->lat_max = r->lat_avg = RUN_NA;
        r->state = RUN_STATE_INCOMPLETE;
        r->lat_med = run_percentile_get(r, "latency", 50);
        run_set(&r->latency_metric, "latency");
        return;
    }
    int counted = c->has_status || c->has_errors;
    double failed = c->failures + (tool->status_failures ? c->bad_status : 0);
    /* the requests the failure share is taken of: oha leaves the
     * deadline-aborted out of its success rate */
    double judged = c->responses + c->failures;
    if (counted) {
        r->requests = c->responses + c->errors;
        r->failed_requests = failed;
    }
    if (c->has_status)
        r->non2xx = c->non2xx;
    if (run_has(c->success_pct))
        r->failed_pct = failed_pct_of(c);
    else if (counted && judged > 0)
        r->failed_pct = 100.0 * failed / judged;
    if ((run_has(r->failed_pct) && r->failed_pct >= 100) ||
        (counted && (c->responses == 0 || (judged > 0 && failed >= judged))))
        r->state = RUN_STATE_FAILED;
    if (counted && c->responses == 0) {
        /* Nothing was timed: hey prints 0.0000 or NaN for these. */
        r->lat_min = r->lat_max = r->lat_avg = RUN_NA;
    }
    r->lat_med = run_percentile_get(r, "latency", 50);
    run_set(&r->latency_metric, "latency");
}

/* Emits the run, or drops it when it holds nothing. */
static void finish(struct hey_state *hs, struct parse_result *pr)
{
    struct run *r = hs->run;
    if (!r)
        return;
    hs->run = NULL;
    if (r->nfigures + r->npcts + r->ncounts + r->nbuckets == 0) {
        run_free(r);
        return;
    }
    int status_whole = hs->counts.has_status &&
                       ((hs->status_rows > 0 &&
                         (hs->status_closed || (hs->hist_rows > 0 && !hs->hist_partial &&
                                                hs->hist_sum == hs->status_sum))) ||
                        hs->error_rows > 0);
    hs->counts.cut = !status_whole && !(!hs->counts.has_status && hs->error_rows > 0);
    hs->counts.timed = hs->hist_sum > 0;
    for (size_t i = 0; i < r->npcts; i++)
        if (strcmp(r->pcts[i].metric, "latency") == 0 && r->pcts[i].value > 0)
            hs->counts.timed = 1;
    hey_counts_apply(r, &hs->counts, hs->tool);
    parse_emit(pr, r);
}

static int summary_row(struct hey_state *hs, const struct line *l, struct parse_result *pr)
{
    const char *v;
    int k = label_of(l, &v);
    if (k < 0)
        return 0;
    const struct label *lb = &labels[k];
    struct run *r = hs->run;
    size_t vn = strlen(v);
    double x;
    int rc;
    const char *unit;
    switch (lb->kind) {
    case K_TIME:
        rc = time_ms(v, vn, &x);
        unit = UNIT_MS;
        break;
    case K_RATE:
        if (vn > 0 && v[vn - 1] == '%')
            rc = units_percent(v, vn, &x);
        else /* 2020 oha printed the ratio: 1.0000 */
            rc = units_scaled(v, vn, 0, 2, 1, &x);
        unit = UNIT_PERCENT;
        break;
    case K_NUM:
        rc = units_number(v, vn, 1, &x);
        unit = UNIT_PER_S;
        break;
    case K_SIZE:
        rc = size_bytes(v, vn, &x);
        unit = UNIT_BYTES;
        break;
    default:
        rc = size_bytes(v, vn, &x);
        unit = UNIT_BYTES_PER_S;
        break;
    }
    if (rc == UNITS_BAD)
        return parse_fail(pr, l->no, "%s: cannot read %s \"%s\"", hs->tool->tool, lb->text, v);
    /* A statistic of no response is NaN or inf as hey and oha print it
     * ("Average: NaN secs"; oha's "Success rate: NaN%" and "Size/request:
     * NaN" when no request got an answer); the run's total time and its
     * rate are always numbers, and nothing is below zero. */
    int always = strcmp(lb->stat, "Total") == 0 || strcmp(lb->stat, "Requests/sec") == 0;
    const char *bad = !always && rc == UNITS_NAN ? NULL : tool_figure_bad(rc, x);
    if (!bad && lb->kind == K_RATE && x > 100)
        bad = "is more than 100%";
    if (bad)
        return parse_fail(pr, l->no, "%s: %s \"%s\" %s", hs->tool->tool, lb->text, v, bad);
    run_add_figure(r, "summary", lb->stat, x, unit, v);
    if (strcmp(lb->stat, "Total") == 0)
        time_val(v, vn, -3, &r->duration_s);
    else if (strcmp(lb->stat, "Slowest") == 0)
        r->lat_max = x;
    else if (strcmp(lb->stat, "Fastest") == 0)
        r->lat_min = x;
    else if (strcmp(lb->stat, "Average") == 0)
        r->lat_avg = x;
    else if (strcmp(lb->stat, "Requests/sec") == 0)
        r->rps = x;
    else if (strcmp(lb->stat, "Total data") == 0)
        r->bytes_received = x;
    else if (strcmp(lb->stat, "Success rate") == 0)
        hey_counts_success(&hs->counts, x, v, v[vn - 1] == '%' ? 0 : 2);
    return 1;
}

/* "DNS+dialup:\t0.0000 secs, 0.0000 secs, 0.0085 secs" */
static int details_row(struct hey_state *hs, const struct line *l, struct parse_result *pr)
{
    static const char *const stats[] = {"average", "fastest", "slowest"};
    const char *s = str_skip_blank(l->s);
    const char *colon = strchr(s, ':');
    if (!colon || colon == s || (colon[1] != ' ' && colon[1] != '\t'))
        return 0;
    char metric[64];
    snprintf(metric, sizeof metric, "%.*s", (int)(colon - s), s);
    const char *p = colon + 1;
    double v[3];
    const char *vs[3];
    size_t vn[3];
    for (int i = 0; i < 3; i++) {
        const char *end = strstr(p, ", ");
        if ((i < 2) != (end != NULL))
            return 0;
        vs[i] = p;
        vn[i] = end ? (size_t)(end - p) : strlen(p);
        trim(&vs[i], &vn[i]);
        if (time_ms(vs[i], vn[i], &v[i]) == UNITS_BAD)
            return i == 0 ? 0 : parse_fail(pr, l->no, "%s: cannot read the %s row", hs->tool->tool, metric);
        p = end ? end + 2 : p;
    }
    for (int i = 0; i < 3; i++) {
        char text[48];
        snprintf(text, sizeof text, "%.*s", (int)vn[i], vs[i]);
        run_add_figure(hs->run, metric, stats[i], v[i], UNIT_MS, text);
    }
    return 1;
}

static int section_row(struct hey_state *hs, const struct line *l, struct parse_result *pr)
{
    double x, y;
    const char *vtext, *in, *rest;
    size_t in_n;
    int tab;
    char code[16];

    switch (hs->sec) {
    case S_SUMMARY:
        if (str_starts(str_skip_blank(l->s), "Note:")) {
            hs->hist_partial = 1; /* hey: "Distributions are for first 1000000 results." */
            return 1;
        }
        return summary_row(hs, l, pr);
    case S_HIST:
        if (!hist_row(l, &x, &y))
            return 0;
        run_add_bucket(hs->run, hs->metric, RUN_NA, x, y);
        if (strcmp(hs->metric, "latency") == 0) {
            hs->hist_rows++;
            hs->hist_sum += y;
        }
        return 1;
    case S_DIST:
        if (!dist_row(l, &x, &y, &vtext))
            return 0;
        /* hey fills the percentiles its samples never reached with a
         * zero row, "0% in 0.0000 secs": not a measurement. */
        if (x == 0 && y == 0)
            return 1;
        run_add_percentile(hs->run, hs->metric, x, y, UNIT_MS, vtext, -1);
        return 1;
    case S_DETAILS:
        return details_row(hs, l, pr);
    case S_STATUS:
        if (!status_row(l, code, sizeof code, &x, &tab))
            return 0;
        hey_count_status(hs->run, &hs->counts, code, x);
        hs->status_rows++;
        hs->status_sum += x;
        return 1;
    case S_ERRORS:
        if (!bracket_row(l, &in, &in_n, &rest, &tab) || !count_of(in, in_n, &x))
            return 0;
        hey_count_error(hs->run, &hs->counts, hs->tool, rest, x);
        hs->error_rows++;
        return 1;
    case S_NONE:
        break;
    }
    return 0;
}

int hey_text_parse(const struct text *t, struct parse_result *pr, const struct hey_tool *tool)
{
    struct hey_state hs;
    memset(&hs, 0, sizeof hs);
    hs.tool = tool;
    size_t last_end = 0; /* a command line is searched after this line */

    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        if (line_blank(l)) {
            if (hs.run && hs.sec == S_STATUS && hs.status_rows > 0)
                hs.status_closed = 1; /* a line after the status rows: they ended */
            continue;
        }
        int h = header_of(l);
        if (h >= 0) {
            if (hs.run && hs.sec == S_STATUS)
                hs.status_closed = 1;
            if (hs.run && hs.seen[h]) {
                finish(&hs, pr);
                last_end = i;
            }
            if (!hs.run)
                begin(&hs, t, i, last_end);
            hs.seen[h] = 1;
            hs.sec = headers[h].sec;
            hs.metric = headers[h].metric;
            hs.counts.has_status |= hs.sec == S_STATUS;
            hs.counts.has_errors |= hs.sec == S_ERRORS;
            hs.run->last_line = l->no;
            continue;
        }
        if (!hs.run)
            continue;
        int rc = section_row(&hs, l, pr);
        if (rc < 0) {
            run_free(hs.run);
            return -1;
        }
        if (rc) {
            hs.run->last_line = l->no;
            continue;
        }
        if (hs.sec == S_STATUS)
            hs.status_closed = 1;
        finish(&hs, pr); /* a line of something else: the output is over */
        last_end = i;
    }
    finish(&hs, pr);
    return 0;
}

/* --- evidence ------------------------------------------------------------ */

void hey_text_evidence(const struct text *t, struct hey_evidence *ev)
{
    unsigned char seen[NHEADERS] = {0};
    size_t first = 0;
    memset(ev, 0, sizeof *ev);
    while (first < t->n && header_of(&t->lines[first]) < 0)
        first++;
    if (first == t->n)
        return;
    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *v, *cmd, *in, *rest;
        size_t in_n;
        int tab, h = header_of(l), k;
        double x, y;
        char code[16];

        if (h >= 0) {
            if (!seen[h]) {
                seen[h] = 1;
                if (headers[h].sec == S_SUMMARY)
                    ev->summary = 1;
                else
                    ev->sections++;
                if (strstr(headers[h].text, "Response time distribution") || strstr(headers[h].text, "xx only"))
                    ev->oha_marks++;
            }
            continue;
        }
        if ((k = label_of(l, &v)) >= 0) {
            enum kind kd = labels[k].kind;
            size_t vn = strlen(v);
            if (kd == K_NUM)
                ev->rps = 1;
            if (kd == K_RATE || kd == K_SIZE_RATE)
                ev->oha_marks++;
            if (kd == K_SIZE && vn > 6 && strcmp(v + vn - 6, " bytes") == 0)
                ev->hey_marks++;
            if (kd == K_TIME && time_ms(v, vn, &x) != UNITS_BAD && !strstr(v, "secs"))
                ev->oha_marks++;
            continue;
        }
        if (status_row(l, code, sizeof code, &x, &tab)) {
            ev->rows++;
            ev->hey_marks += tab;
            continue;
        }
        if (hist_row(l, &x, &y)) {
            ev->rows++;
            continue;
        }
        if (dist_row(l, &x, &y, &v)) {
            struct tok pt;
            tok_split(l->s, l->n, &pt, 1);
            if (memchr(pt.s, '.', pt.n) || !strstr(v, "secs"))
                ev->oha_marks++;
            continue;
        }
        if (bracket_row(l, &in, &in_n, &rest, &tab) && count_of(in, in_n, &x)) {
            for (size_t j = 0; j < sizeof rust_errors / sizeof rust_errors[0]; j++)
                if (strstr(rest, rust_errors[j]))
                    ev->oha_marks++;
            for (size_t j = 0; j < sizeof go_methods / sizeof go_methods[0]; j++)
                if (str_starts(rest, go_methods[j]) &&
                    (str_starts(rest + strlen(go_methods[j]), "\"http") ||
                     str_starts(rest + strlen(go_methods[j]), "http")))
                    ev->hey_marks++;
            ev->hey_marks += tab;
            continue;
        }
        const char *s = str_skip_blank(l->s);
        if (str_starts(s, "req write:") || str_starts(s, "resp wait:") || str_starts(s, "resp read:")) {
            ev->hey_marks++;
            continue;
        }
        if (is_program(l, "hey", &cmd))
            ev->hey_marks++;
        else if (is_program(l, "oha", &cmd))
            ev->oha_marks++;
    }
}
