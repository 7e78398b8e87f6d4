/* parse_k6.c - k6's end-of-test text summary -> runs.
 *
 * What k6 prints (grafana/k6 ui/summary.go before v0.30, js/summary.js
 * "legacy" from v0.30, internal/js/summary.js for the v1 layout):
 *
 *   $ k6 run script.js                                   (the user's command)
 *             /\      |‾‾| /‾‾/   /‾‾/                    (banner)
 *     execution: local
 *        script: script.js
 *        output: -
 *     scenarios: (100.00%) 1 scenario, 5 max VUs, 50s max duration (incl. graceful stop):
 *              * default: Up to 5 looping VUs for 20s over 3 stages (gracefulRampDown: 30s, ...)
 *   running (20.0s), 0/5 VUs, 55746 complete and 0 interrupted iterations
 *   default ✓ [======================================] 0/5 VUs  20s
 *
 * then the legacy summary (k6 0.2x-0.5x):
 *
 *        █ group name                                  (groups, nested by 2 spaces)
 *          ✓ check that always passed
 *          ✗ check that failed
 *           ↳  99% — ✓ 179 / ✗ 1
 *        checks.........................: 100.00% ✓ 55746       ✗ 0
 *        data_received..................: 8.6 MB  432 kB/s      (Counter: count rate/s)
 *        http_req_duration..............: avg=1.03ms min=-439056ns med=779.47µs ...
 *          { expected_response:true }...: avg=1.03ms ...       (sub-metric)
 *      ✗ http_req_failed................: 0.00%   ✓ 0  ✗ 55746 (Rate; mark = threshold)
 *        vus............................: 1       min=1  max=5 (Gauge: value min= max=)
 *
 * (from k6 0.5x a Rate prints "0.00% 0 out of 996" instead of "✓ 0 ✗ 996"), or
 * the v1 summary:
 *
 *     █ THRESHOLDS
 *       http_req_duration
 *       ✓ 'p(95)<5000' p(95)=555.99ms
 *     █ TOTAL RESULTS
 *       checks_total.......: 872424  1255.626467/s
 *       checks_succeeded...: 100.00% 872424 out of 872424
 *       ✓ check name
 *       HTTP                                              (section headings)
 *       http_req_duration..: avg=146.61ms ...
 *     █ SCENARIO: left                                    (--summary-mode=full)
 *       ↳ GROUP: crocodiles results
 *
 * Mapping. Every metric line gives figures named as k6 names them:
 * metric "http_req_duration", a sub-metric line under it
 * "http_req_duration{expected_response:true}" (the tag text as printed,
 * blanks inside the braces trimmed). Stats: Trend "avg" "min" "max"
 * "count" ...; Counter "count" and "rate"; Gauge "value" "min" "max"; Rate
 * "rate" (percent) and its counts: "passes" and "fails" in the ✓/✗ form,
 * "passes" and "total" in the "N out of M" form. Percentile stats ("med"
 * as 50, "p(N)" as N) go to the percentiles, never to the figures. Times
 * become ms, data bytes (k6's SI units: 1 kB = 1000 B), rates per second.
 * A Trend printed without units (a custom Trend, or Web Vitals CLS) keeps
 * its numbers as printed with unit "". Figures of a v1 full-mode block are
 * prefixed by the block: "scenario:left/http_reqs",
 * "scenario:left/group:crocodiles results/http_req_duration",
 * "group:name/..." for a top-level group section.
 *
 * Headline fields come from unprefixed metrics only: requests/rps from
 * http_reqs; lat_avg/min/med/max from http_req_duration (k6 prints no
 * stdev); failed_pct is http_req_failed's printed rate and failed_requests
 * its true-count (for this Rate ✓ counts FAILED requests; "N out of M"
 * means N failed of M); checks_passed/failed from "checks" (legacy; with
 * "N out of M" checks_failed is M - N) or checks_succeeded/checks_failed
 * (v1: the N of each); bytes from data_received/data_sent; iterations,
 * vus, vus_max from their metrics; duration_s from the progress line
 * "running (1m10.0s), ..." or old k6's "done [===] 1m11.9s / 10m0s".
 * state is failed when http_req_failed is 100.00%. Thresholds: legacy k6
 * marks the metric line (expr NULL), v1 prints the expression and the
 * observed value. Checks carry their legacy group path ("a::b") or, in v1,
 * their block ("" for TOTAL RESULTS, "scenario:left/group:x"). Params come
 * from the header: execution, script, output, scenarios, max_vus,
 * max_duration, scenario.<name> (the description as printed) and
 * executor.<name> (the executor k6's fixed description wording names);
 * command is the "k6 run" line when printed. k6 prints no version or URL.
 *
 * Mangled copies (talk slides, chat pastes) are read as well: marks lost or
 * replaced ("0.00% v 0 x 34380", "100.00% / 32196 / 0", "0.00% 0 / 31005";
 * the first number is the ✓ count, the second the ✗ count; a lone number
 * as in "0.00% (0)" is the ✓ count), lost indentation, dots padded with
 * blanks ("{ expected_response:true } ... :"), values split by a terminal
 * wrap ("max=3<spaces>1.53s" is 31.53s), text glued to the last value
 * ("max=100Process finished"), header lines hard-wrapped at 80 columns.
 *
 * Several summaries in one file give several runs: a banner, a command, a
 * "█ THRESHOLDS" or "█ TOTAL RESULTS" after results, a metric printed
 * twice or (legacy) a check after the metrics starts the next run. A
 * summary without http_reqs is read but refused by parse_text().
 *
 * Cut short. The legacy summary ends with its metrics, sorted by name
 * (summary.js summarizeMetrics, ui/summary.go before it); k6 always has
 * vus_max, so a legacy summary is whole once vus_max, or a metric whose
 * name sorts after it (ws_..., a custom metric), was read. A v1 summary
 * (internal/js/summary.js) prints THRESHOLDS, TOTAL RESULTS, then in full
 * mode a block per group and per scenario; a block's metric sections end
 * with NETWORK, whose lines are data_received and data_sent (sorted by
 * name). And k6 v1 draws its progress bars a last time after the summary
 * ("running (11m34.8s), 0000/1000 VUs, ...", the run's duration): the
 * corpus' captures end with it. So a v1 summary is whole once the last
 * block read has its NETWORK data_sent line, the progress line was read
 * and, where SCENARIO blocks are printed and the header states the number
 * of scenarios, there are that many. A summary that is not whole is
 * incomplete (which wins over failed). Every figure k6 prints is on one
 * line, so its figures are kept; a failed check whose "↳ N% — ✓ x / ✗ y"
 * line was cut off is dropped. What cannot be told: a legacy summary cut
 * right after vus_max when metrics sorting after it follow, or when the
 * capture prints the progress line after the summary; a v1 summary cut
 * after a NETWORK section when BROWSER, GRPC or WEBSOCKET sections or
 * (full mode without a header) more blocks follow. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "k6_common.h"
#include "parse.h"
#include "units.h"

#define MARK_OK "\xe2\x9c\x93"    /* ✓ */
#define MARK_FAIL "\xe2\x9c\x97"  /* ✗ */
#define BLOCK_MARK "\xe2\x96\x88" /* █ */
#define SUB_MARK "\xe2\x86\xb3"   /* ↳ */
#define EM_DASH "\xe2\x80\x94"    /* — */

#define MAXITEMS 32
#define MAXDEPTH 16

static const char UNIT_MS_PER_S[] = "ms/s"; /* a Counter of time, per second */

/* A group title seen at some indentation: legacy "█ name" or v1 "↳ GROUP: name". */
struct k6_group {
    int indent;
    char *name;
};

struct k6_state {
    struct run *run;
    int has_metrics;       /* a metric line was read into run */
    int has_total;         /* a metric of the TOTAL block (unprefixed) was read */
    int has_header;        /* header lines (execution:, scenarios:) were read */
    int v1;                /* a v1 section title was read */
    int in_thresholds;     /* inside "█ THRESHOLDS" */
    int dangling_heading;  /* line of a v1 section heading with no metric yet */
    int legacy_end;        /* vus_max or a metric sorting after it was read */
    char section[32];      /* the v1 section heading metrics are under */
    int block_net;         /* the last v1 block has its NETWORK data_sent */
    int scenario_blocks;   /* "█ SCENARIO:" blocks read */
    int scenarios;         /* the header's number of scenarios, or 0 */
    int nscenario_lines;   /* "* name: description" lines read of them */
    char **seen;           /* metric names read, for "printed twice" */
    size_t nseen, capseen;
    char parent[512];      /* last metric that was not a sub-metric */
    char thr_metric[1100]; /* metric of the v1 threshold lines that follow */
    char thr_parent[512];
    char base[512];        /* v1 block title: "", "scenario:x/", "group:x/" */
    char block[1024];      /* base plus nested v1 groups */
    struct k6_group groups[MAXDEPTH]; /* legacy or v1 nested groups */
    size_t ngroups;
    long pending_check;    /* index of a ✗ check waiting for its ↳ line */
    int pending_line;      /* ... and the line it was read on */
    double checks_total;   /* legacy "checks: N out of M": M */
    /* The last progress line: emitted with the run. */
    int have_progress;
    const char *progress_metric; /* "running", or "done" for old k6's bar */
    double elapsed_ms;
    char elapsed_text[64];
    char progress_vus[64];
    char progress_complete[64], progress_interrupted[64];
    int have_done_iters;
    char done_iters[64];
    /* A header line that k6 wrapped at 80 columns, waiting for its tail. */
    struct buf header;
    int header_no;
};

/* --- small helpers ------------------------------------------------------ */

static int starts_mark(const char *s, const char *mark)
{
    size_t n = strlen(mark);
    return strncmp(s, mark, n) == 0 && (s[n] == ' ' || s[n] == '\t');
}

static size_t indent_of(const struct line *l)
{
    return (size_t)(str_skip_blank(l->s) - l->s);
}

static void copy_trim(char *dst, size_t size, const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/* a then b into dst, cut to fit as snprintf(dst, size, "%s%s", a, b)
 * would: the names of every metric line are put together this way, and
 * the format machinery costs more than the copy. */
static void join2(char *dst, size_t size, const char *a, const char *b)
{
    const char *part[2] = {a, b};
    size_t o = 0;
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(part[i]);
        if (n > size - 1 - o)
            n = size - 1 - o;
        memcpy(dst + o, part[i], n);
        o += n;
    }
    dst[o] = '\0';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* k6's data units (humanizeBytes: B kB MB GB TB PB EB ZB YB), alone or
 * per second: the second word of "8.6 MB" and of "432 kB/s". */
static int is_data_unit(const char *s, size_t n)
{
    static const char *const units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    if (n >= 2 && s[n - 2] == '/' && s[n - 1] == 's')
        n -= 2;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strlen(units[i]) == n && memcmp(units[i], s, n) == 0)
            return 1;
    return 0;
}

/* A value as k6 humanizes it: a duration ("1.59s", "-439056ns",
 * "1m30s"), a size ("13 MB"), or a plain number ("627.813234"). */
static int scan_value(const char *s, size_t n, double *v, const char **unit)
{
    int rc = units_duration_ms(s, n, v);
    if (rc != UNITS_BAD) { /* a NaN too ("nanms"): add_stat refuses it */
        *unit = UNIT_MS;
        return rc;
    }
    /* k6 prints sizes as "<number> <unit>" (humanizeBytes), never "100P" */
    const char *sp = memchr(s, ' ', n);
    if (sp && is_data_unit(sp + 1, n - (size_t)(sp + 1 - s)) && units_bytes(s, n, 1000, v) == UNITS_OK) {
        *unit = UNIT_BYTES;
        return UNITS_OK;
    }
    rc = units_number(s, n, 0, v);
    if (rc != UNITS_BAD)
        *unit = UNIT_COUNT;
    return rc;
}

/* The longest readable start of a value with text glued to it
 * ("100Process" from "max=100Process finished"): the rest must start
 * with a letter. Returns the length read, or 0. */
static size_t scan_value_prefix(const char *s, size_t n, double *v, const char **unit)
{
    for (size_t j = n; j-- > 1;)
        if (is_letter(s[j]) && scan_value(s, j, v, unit) == UNITS_OK)
            return j;
    return 0;
}

/* A per-second value: "2786.225052/s", "432 kB/s", "0/s". */
static int scan_rate(const char *s, size_t n, double *v, const char **unit)
{
    if (n < 3 || s[n - 2] != '/' || s[n - 1] != 's')
        return UNITS_BAD;
    int rc = scan_value(s, n - 2, v, unit);
    if (rc == UNITS_BAD)
        return rc;
    if (strcmp(*unit, UNIT_BYTES) == 0)
        *unit = UNIT_BYTES_PER_S;
    else if (strcmp(*unit, UNIT_MS) == 0)
        *unit = UNIT_MS_PER_S;
    else
        *unit = UNIT_PER_S;
    return rc;
}

/* --- the current run ---------------------------------------------------- */

static void groups_clear(struct k6_state *k)
{
    for (size_t i = 0; i < k->ngroups; i++)
        free(k->groups[i].name);
    k->ngroups = 0;
}

/* Drops groups at indentation >= indent: what follows is not inside them. */
static void groups_pop(struct k6_state *k, int indent)
{
    while (k->ngroups > 0 && k->groups[k->ngroups - 1].indent >= indent)
        free(k->groups[--k->ngroups].name);
}

static void groups_push(struct k6_state *k, int indent, const char *name)
{
    groups_pop(k, indent);
    if (k->ngroups == MAXDEPTH)
        free(k->groups[--k->ngroups].name);
    k->groups[k->ngroups].indent = indent;
    k->groups[k->ngroups].name = xstrdup(name);
    k->ngroups++;
}

/* The v1 block prefix: base title plus nested "↳ GROUP:" titles. */
static void block_update(struct k6_state *k)
{
    size_t o = (size_t)snprintf(k->block, sizeof k->block, "%s", k->base);
    for (size_t i = 0; i < k->ngroups && o < sizeof k->block; i++)
        o += (size_t)snprintf(k->block + o, sizeof k->block - o, "group:%s/", k->groups[i].name);
}

/* Legacy group path "outer::inner", or the v1 block without its slash. */
static void check_group(struct k6_state *k, char *dst, size_t size)
{
    if (k->v1) {
        snprintf(dst, size, "%s", k->block);
        size_t n = strlen(dst);
        if (n > 0 && dst[n - 1] == '/')
            dst[n - 1] = '\0';
        return;
    }
    size_t o = 0;
    dst[0] = '\0';
    for (size_t i = 0; i < k->ngroups && o < size; i++)
        o += (size_t)snprintf(dst + o, size - o, "%s%s", i ? "::" : "", k->groups[i].name);
}

static void state_reset(struct k6_state *k)
{
    run_free(k->run);
    k->run = NULL;
    for (size_t i = 0; i < k->nseen; i++)
        free(k->seen[i]);
    k->nseen = 0;
    groups_clear(k);
    k->has_metrics = k->has_total = k->has_header = k->v1 = k->in_thresholds = 0;
    k->dangling_heading = 0;
    k->legacy_end = k->block_net = k->scenario_blocks = k->scenarios = 0;
    k->nscenario_lines = 0;
    k->section[0] = '\0';
    k->parent[0] = k->thr_metric[0] = k->thr_parent[0] = k->base[0] = k->block[0] = '\0';
    k->pending_check = -1;
    k->checks_total = RUN_NA;
    k->have_progress = k->have_done_iters = 0;
}

static struct run *cur(struct k6_state *k, const struct line *l)
{
    if (!k->run) {
        k->run = run_new("k6", "k6-text");
        k->run->first_line = l->no;
        k->run->last_line = l->no;
    }
    return k->run;
}

static void touch(struct k6_state *k, const struct line *l)
{
    struct run *r = cur(k, l);
    if (l->no > r->last_line)
        r->last_line = l->no;
}

static int seen_before(struct k6_state *k, const char *key)
{
    for (size_t i = 0; i < k->nseen; i++)
        if (strcmp(k->seen[i], key) == 0)
            return 1;
    return 0;
}

/* Whether the summary read holds its end (see "Cut short" above). */
static int summary_whole(const struct k6_state *k)
{
    if (k->dangling_heading)
        return 0; /* ends on a heading */
    if (!k->v1)
        return k->legacy_end;
    return k->block_net && k->have_progress &&
           (k->scenario_blocks == 0 || k->scenarios == 0 || k->scenario_blocks == k->scenarios);
}

/* Emits the run when it holds a summary; otherwise drops it. */
static void finish(struct k6_state *k, struct parse_result *pr)
{
    struct run *r = k->run;
    if (r && k->has_metrics) {
        if (k->have_progress) {
            r->duration_s = k->elapsed_ms / 1000.0;
            run_add_figure(r, k->progress_metric, "elapsed", k->elapsed_ms, UNIT_MS, k->elapsed_text);
            const char *slash = strchr(k->progress_vus, '/');
            double x;
            if (slash) {
                char vus[64];
                snprintf(vus, sizeof vus, "%.*s", (int)(slash - k->progress_vus), k->progress_vus);
                if (units_number(vus, strlen(vus), 0, &x) == UNITS_OK)
                    run_add_figure(r, "running", "vus", x, UNIT_COUNT, vus);
                if (units_number(slash + 1, strlen(slash + 1), 0, &x) == UNITS_OK)
                    run_add_figure(r, "running", "vus_max", x, UNIT_COUNT, slash + 1);
            }
            if (units_number(k->progress_complete, strlen(k->progress_complete), 0, &x) == UNITS_OK)
                run_add_figure(r, "running", "complete_iterations", x, UNIT_COUNT, k->progress_complete);
            if (units_number(k->progress_interrupted, strlen(k->progress_interrupted), 0, &x) == UNITS_OK)
                run_add_figure(r, "running", "interrupted_iterations", x, UNIT_COUNT,
                               k->progress_interrupted);
        }
        if (k->have_done_iters) {
            double x;
            if (units_number(k->done_iters, strlen(k->done_iters), 0, &x) == UNITS_OK)
                run_add_figure(r, "done", "iterations", x, UNIT_COUNT, k->done_iters);
        }
        /* Legacy "checks: 100.00% 1328 out of 1328": failed = M - N. */
        if (run_has(k->checks_total) && run_has(r->checks_passed) && !run_has(r->checks_failed))
            r->checks_failed = k->checks_total - r->checks_passed;
        if (seen_before(k, "http_req_duration"))
            run_set(&r->latency_metric, "http_req_duration");
        if (k->pending_check >= 0 && (size_t)k->pending_check == r->nchecks - 1 &&
            k->pending_line == r->last_line) {
            /* the last line: a failed check cut before its "↳ N% — ✓ x / ✗ y" */
            struct run_check *c = &r->checks[--r->nchecks];
            free(c->name);
            free(c->group);
        }
        if (run_has(r->failed_pct) && r->failed_pct == 100)
            r->state = RUN_STATE_FAILED;
        if (!summary_whole(k))
            r->state = RUN_STATE_INCOMPLETE; /* see "Cut short" above */
        parse_emit(pr, r);
        k->run = NULL;
    }
    state_reset(k);
}

/* --- header ------------------------------------------------------------- */

/* k6's executor descriptions (GetDescription in k6's lib/executor) name
 * the executor by their fixed wording. */
static const char *executor_of(const char *desc)
{
    if (str_starts(desc, "Up to ") && strstr(desc, " looping VUs for "))
        return "ramping-vus";
    if (str_starts(desc, "Up to ") && strstr(desc, " iterations/s for "))
        return "ramping-arrival-rate";
    if (strstr(desc, " looping VUs for "))
        return "constant-vus";
    if (strstr(desc, " iterations/s for "))
        return "constant-arrival-rate";
    if (strstr(desc, " iterations shared among "))
        return "shared-iterations";
    if (strstr(desc, " iterations for each of "))
        return "per-vu-iterations";
    if (str_starts(desc, "Externally controlled"))
        return "externally-controlled";
    return NULL;
}

/* The iterations/s a lone constant-arrival-rate scenario was asked for
 * ("100.00 iterations/s for 30s (maxVUs: ...)": k6 prints the rate per
 * second whatever its timeUnit) is the run's target_rate. A ramping
 * arrival rate has no single target, and with several scenarios the
 * run's rate is not one scenario's: target_rate stays NaN then. */
static void target_rate(struct k6_state *k, const char *ex, const char *desc)
{
    struct run *r = k->run;
    struct tok t[2];
    double x;
    if (k->scenarios != 1 || k->nscenario_lines != 1) {
        r->target_rate = RUN_NA;
        return;
    }
    if (!ex || strcmp(ex, "constant-arrival-rate") != 0)
        return;
    if (tok_split(desc, strlen(desc), t, 2) >= 2 && tok_eq(t[1], "iterations/s") &&
        units_number(t[0].s, t[0].n, 0, &x) == UNITS_OK && x > 0)
        r->target_rate = x;
}

static int paren_balance(const char *s)
{
    int b = 0;
    for (; *s; s++)
        b += *s == '(' ? 1 : *s == ')' ? -1 : 0;
    return b;
}

/* "scenarios: (100.00%) 1 scenario, 5 max VUs, 50s max duration (incl. graceful stop):"
 * and "* default: Up to 5 looping VUs for 20s over 3 stages (...)". */
static void header_flush(struct k6_state *k)
{
    if (!k->header.len)
        return;
    struct run *r = k->run;
    char *s = k->header.data;
    if (r && str_starts(s, "scenarios:")) {
        char *v = s + (str_skip_blank(s + 10) - s);
        size_t n = strlen(v);
        if (n > 0 && v[n - 1] == ':')
            v[--n] = '\0';
        run_add_param(r, "scenarios", v);
        struct tok t[24];
        size_t nt = tok_split(v, n, t, 24);
        for (size_t i = 0; i + 2 < nt && i + 2 < 24; i++) {
            char val[64];
            if (tok_eq(t[i + 1], "max") && (tok_eq(t[i + 2], "VUs,") || tok_eq(t[i + 2], "VUs"))) {
                snprintf(val, sizeof val, "%.*s", (int)t[i].n, t[i].s);
                run_add_param(r, "max_vus", val);
            } else if (tok_eq(t[i + 1], "max") && str_starts(t[i + 2].s, "duration")) {
                snprintf(val, sizeof val, "%.*s", (int)t[i].n, t[i].s);
                run_add_param(r, "max_duration", val);
            }
            double x;
            if ((tok_eq(t[i + 1], "scenario,") || tok_eq(t[i + 1], "scenarios,")) &&
                units_number(t[i].s, t[i].n, 0, &x) == UNITS_OK && x >= 1 && x < 1e6)
                k->scenarios = (int)x;
        }
    } else if (r && s[0] == '*') {
        const char *name = str_skip_blank(s + 1);
        const char *colon = strstr(name, ": ");
        if (colon) {
            char key[256];
            const char *desc = str_skip_blank(colon + 1);
            snprintf(key, sizeof key, "scenario.%.*s", (int)(colon - name), name);
            run_add_param(r, key, desc);
            const char *ex = executor_of(desc);
            if (ex) {
                snprintf(key, sizeof key, "executor.%.*s", (int)(colon - name), name);
                run_add_param(r, key, ex);
            }
            k->nscenario_lines++;
            target_rate(k, ex, desc);
        }
    }
    buf_reset(&k->header);
}

/* "key: value" of the header block; returns the value or NULL. */
static const char *header_key(const char *s, const char *key)
{
    size_t n = strlen(key);
    if (strncmp(s, key, n) != 0 || s[n] != ':' || (s[n + 1] != ' ' && s[n + 1] != '\0'))
        return NULL;
    return str_skip_blank(s + n + 1);
}

/* The banner: "/\      |‾‾| /‾‾/   /‾‾/", " / __________ \  |__| ...". */
static int is_banner(const char *s)
{
    return strstr(s, "\xe2\x80\xbe\xe2\x80\xbe") != NULL || strstr(s, "/ __________ \\") != NULL ||
           strstr(s, "/\\  /  \\") != NULL;
}

/* Header lines; returns 1 when the line was one. */
static int header_line(struct k6_state *k, const struct line *l, const char *s,
                       struct parse_result *pr)
{
    static const char *const simple[] = {"execution", "script", "output"};
    const char *v;
    int is_scen = str_starts(s, "scenarios:") || (s[0] == '*' && s[1] == ' ' && strstr(s, ": "));
    int is_simple = 0;
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
        if (header_key(s, simple[i]))
            is_simple = 1;
    int is_old = header_key(s, "duration") != NULL || header_key(s, "vus") != NULL;
    if (!is_scen && !is_simple && !is_old)
        return 0;
    /* A "* name:" line only counts inside a header. */
    if (s[0] == '*' && !k->has_header)
        return 0;
    if (k->has_metrics)
        finish(k, pr);
    header_flush(k);
    touch(k, l);
    k->has_header = 1;
    struct run *r = k->run;
    if (is_scen) {
        buf_adds(&k->header, s);
        k->header_no = l->no;
        if (paren_balance(s) <= 0)
            header_flush(k);
        return 1;
    }
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
        if ((v = header_key(s, simple[i])) != NULL)
            run_add_param(r, simple[i], v);
    /* k6 before v0.27: "duration: -,  iterations: 1" and "vus: 1, max: 100". */
    if (is_old) {
        struct tok t[8];
        size_t nt = tok_split(s, strlen(s), t, 8);
        for (size_t i = 0; i + 1 < nt && i + 1 < 8; i += 2) {
            char key[32], val[64];
            size_t kn = t[i].n && t[i].s[t[i].n - 1] == ':' ? t[i].n - 1 : t[i].n;
            size_t vn = t[i + 1].n && t[i + 1].s[t[i + 1].n - 1] == ',' ? t[i + 1].n - 1 : t[i + 1].n;
            snprintf(key, sizeof key, "%.*s", (int)kn, t[i].s);
            snprintf(val, sizeof val, "%.*s", (int)vn, t[i + 1].s);
            if (strcmp(val, "-") == 0)
                continue;
            run_add_param(r, strcmp(key, "max") == 0 ? "max_vus" : key, val);
        }
    }
    return 1;
}

/* A line that ran k6: "$ k6 run x.js", " k6 run --out json=r.json x.js",
 * a prompt "...git:(master) k6 run full.js      6:18PM", or quoted
 * "Starting up command 'taskset -c 0-3 k6 run ... x.js' and attaching". */
static int command_line(const char *s, char *cmd, size_t size)
{
    const char *k = s;
    while ((k = strstr(k, "k6 run")) != NULL) {
        if (k[6] == ' ' || k[6] == '\0')
            break;
        k++;
    }
    if (!k)
        return 0;
    const char *start = k, *end = s + strlen(s);
    /* the words before k6: nothing, a prompt, or an opening quote */
    const char *q = NULL;
    for (const char *p = s; p < k; p++)
        if (*p == '\'' || *p == '"')
            q = p;
    if (q) {
        const char *close = strchr(k, *q);
        if (!close)
            return 0;
        start = q + 1;
        end = close;
    } else if (k > s) {
        const char *b = k;
        while (b > s && b[-1] == ' ')
            b--;
        if (b > s && b[-1] != '$' && b[-1] != '#' && b[-1] != '>' && b[-1] != '%' && b[-1] != ')')
            return 0; /* prose that mentions k6 run */
    }
    /* right-aligned prompt decorations after a wide gap */
    const char *gap = strstr(start, "    ");
    if (gap && gap < end)
        end = gap;
    while (end > start && end[-1] == ' ')
        end--;
    snprintf(cmd, size, "%.*s", (int)(end - start), start);
    return 1;
}

/* --- progress ----------------------------------------------------------- */

/* "running (2m03.8s), 000/100 VUs, 1769 complete and 0 interrupted iterations" */
static int progress_line(struct k6_state *k, const struct line *l, const char *s,
                         struct parse_result *pr)
{
    if (!str_starts(s, "running ("))
        return 0;
    const char *close = strchr(s, ')');
    double ms;
    if (!close || units_duration_ms(s + 9, (size_t)(close - s - 9), &ms) != UNITS_OK)
        return 0;
    if (k->has_metrics && k->have_progress)
        finish(k, pr); /* the next run's progress */
    touch(k, l);
    k->have_progress = 1;
    k->progress_metric = "running";
    k->elapsed_ms = ms;
    snprintf(k->elapsed_text, sizeof k->elapsed_text, "%.*s", (int)(close - s - 9), s + 9);
    k->progress_vus[0] = k->progress_complete[0] = k->progress_interrupted[0] = '\0';
    struct tok t[16];
    size_t nt = tok_split(close + 1, strlen(close + 1), t, 16);
    for (size_t i = 0; i < nt && i < 16; i++) {
        if (i + 1 < nt && i + 1 < 16 && (tok_eq(t[i + 1], "VUs,") || tok_eq(t[i + 1], "VUs")))
            snprintf(k->progress_vus, sizeof k->progress_vus, "%.*s", (int)t[i].n, t[i].s);
        if (i + 1 < nt && i + 1 < 16 && tok_eq(t[i + 1], "complete"))
            snprintf(k->progress_complete, sizeof k->progress_complete, "%.*s", (int)t[i].n, t[i].s);
        if (i + 1 < nt && i + 1 < 16 && tok_eq(t[i + 1], "interrupted"))
            snprintf(k->progress_interrupted, sizeof k->progress_interrupted, "%.*s", (int)t[i].n, t[i].s);
    }
    return 1;
}

/* k6 before v0.27: "done [=====] 1m11.9s / 10m0s" or "done [=====] 1 / 1". */
static int done_line(struct k6_state *k, const struct line *l, const char *s,
                     struct parse_result *pr)
{
    if (!str_starts(s, "done ["))
        return 0;
    const char *close = strchr(s, ']');
    if (!close)
        return 0;
    struct tok t[4];
    size_t nt = tok_split(close + 1, strlen(close + 1), t, 4);
    if (nt != 3 || !tok_eq(t[1], "/"))
        return 0;
    double ms;
    if (k->has_metrics && (k->have_progress || k->have_done_iters))
        finish(k, pr);
    touch(k, l);
    if (units_duration_ms(t[0].s, t[0].n, &ms) == UNITS_OK) {
        k->have_progress = 1;
        k->progress_metric = "done";
        k->elapsed_ms = ms;
        snprintf(k->elapsed_text, sizeof k->elapsed_text, "%.*s", (int)t[0].n, t[0].s);
        k->progress_vus[0] = k->progress_complete[0] = k->progress_interrupted[0] = '\0';
        char v[64];
        snprintf(v, sizeof v, "%.*s", (int)t[2].n, t[2].s);
        run_add_param(k->run, "max_duration", v);
    } else if (units_number(t[0].s, t[0].n, 0, &ms) == UNITS_OK) {
        k->have_done_iters = 1;
        snprintf(k->done_iters, sizeof k->done_iters, "%.*s", (int)t[0].n, t[0].s);
    }
    return 1;
}

/* "default ✓ [=====] 0/5 VUs  20s", "per_vu_scenario      ✓ [ 100% ] ..." */
static int progress_bar(const char *s)
{
    const char *sp = strpbrk(s, " \t");
    if (!sp || s[0] == '[')
        return 0;
    const char *m = str_skip_blank(sp);
    if (starts_mark(m, MARK_OK) || starts_mark(m, MARK_FAIL))
        m = str_skip_blank(m + 3);
    return m[0] == '[' && strchr(m, ']') != NULL;
}

/* "INFO[0046] ...", "WARN[0001] ...", "ERRO[0691] ...", logfmt "time=..." */
static int log_line(const char *s)
{
    static const char *const lv[] = {"INFO[", "WARN[", "ERRO[", "DEBU[", "FATA[", "PANI[", "time=\""};
    for (size_t i = 0; i < sizeof lv / sizeof lv[0]; i++)
        if (str_starts(s, lv[i]))
            return 1;
    return 0;
}

/* --- metrics ------------------------------------------------------------ */

/* One value of a metric line: "avg=1.03ms" is {stat "avg", text "1.03ms"};
 * "8.6 MB" is {stat "", text "8.6 MB"}. */
struct item {
    char stat[32];
    char text[128];
};

/* Splits the value part into items. A word without "=" after a stat
 * value that starts with a digit is the rest of a number a terminal
 * wrap split ("max=3" ... "1.53s"); a data unit joins the number before
 * it ("8.6" "MB"). Returns the number of items. */
static size_t split_items(const char *v, struct item *it, size_t max)
{
    struct tok t[64];
    size_t nt = tok_split(v, strlen(v), t, 64), n = 0;
    if (nt > 64)
        nt = 64;
    for (size_t i = 0; i < nt; i++) {
        const char *eq = memchr(t[i].s, '=', t[i].n);
        struct item *last = n ? &it[n - 1] : NULL;
        if (!eq || eq == t[i].s) {
            if (last && is_data_unit(t[i].s, t[i].n)) {
                size_t o = strlen(last->text);
                snprintf(last->text + o, sizeof last->text - o, " %.*s", (int)t[i].n, t[i].s);
                continue;
            }
            if (last && last->stat[0] && (is_digit(t[i].s[0]) || t[i].s[0] == '.')) {
                size_t o = strlen(last->text);
                snprintf(last->text + o, sizeof last->text - o, "%.*s", (int)t[i].n, t[i].s);
                continue;
            }
        }
        if (n == max)
            break;
        struct item *c = &it[n++];
        if (eq && eq != t[i].s) {
            snprintf(c->stat, sizeof c->stat, "%.*s", (int)(eq - t[i].s), t[i].s);
            snprintf(c->text, sizeof c->text, "%.*s", (int)(t[i].n - (size_t)(eq + 1 - t[i].s)), eq + 1);
        } else {
            c->stat[0] = '\0';
            snprintf(c->text, sizeof c->text, "%.*s", (int)t[i].n, t[i].s);
        }
    }
    return n;
}

/* Headline fields from an unprefixed metric's figure: k6_headline's, and
 * what only the text summary prints (checks total; v1's checks_succeeded
 * and checks_failed, passes being their counts). */
static void headline(struct k6_state *k, const char *metric, const char *stat, double v,
                     const char *unit)
{
    struct run *r = k->run;
    if (strcmp(metric, "checks") == 0 && strcmp(stat, "total") == 0)
        k->checks_total = v;
    else if (strcmp(metric, "checks_succeeded") == 0 && strcmp(stat, "passes") == 0)
        r->checks_passed = v;
    else if (strcmp(metric, "checks_failed") == 0 && strcmp(stat, "passes") == 0)
        r->checks_failed = v;
    else
        k6_headline(r, metric, stat, v, strcmp(unit, UNIT_MS) == 0);
}

/* A figure or, for a percentile stat, a percentile; headline when
 * unprefixed. 0, or -1 via parse_fail (at l) for a value k6 could not have
 * printed: a NaN anywhere (k6 prints none), a headline figure out of its
 * range (k6_headline_bad). */
static int add_stat(struct k6_state *k, const struct line *l, struct parse_result *pr,
                    const char *key, const char *name, const char *stat, double v,
                    const char *unit, const char *text, int trend)
{
    const char *bad = isnan(v) ? "is not a number" : k6_headline_bad(name, stat, v);
    if (bad)
        return parse_fail(pr, l->no, "k6: %s %s \"%s\" %s", name, stat, text, bad);
    double p = trend ? k6_stat_percentile(stat) : -1;
    if (p >= 0)
        run_add_percentile(k->run, key, p, v, unit, text, -1);
    else
        run_add_figure(k->run, key, stat, v, unit, text);
    if (!k->block[0])
        headline(k, name, stat, v, unit);
    return 0;
}

/* Whether an item reads as one of k6's values ("avg=1ms", "0", "2/s", "5%"). */
static int item_is_value(const struct item *it)
{
    double v;
    const char *unit;
    size_t n = strlen(it->text);
    return it->stat[0] || scan_value(it->text, n, &v, &unit) != UNITS_BAD ||
           scan_rate(it->text, n, &v, &unit) != UNITS_BAD || units_percent(it->text, n, &v) != UNITS_BAD;
}

/* Reads value item it[i] of n; a value with text glued to its end is read
 * up to the text and sets *stop, but only when no value follows: a log
 * line glued to the summary's last value ("max=100Process finished") is
 * that, while "34x65 484.82/s" is a damaged count. Returns
 * UNITS_OK/UNITS_NAN or UNITS_BAD. */
static int item_value(struct item *it, size_t i, size_t n, double *v, const char **unit, int *stop)
{
    size_t tn = strlen(it[i].text);
    int rc = scan_value(it[i].text, tn, v, unit);
    if (rc != UNITS_BAD)
        return rc;
    for (size_t j = i + 1; j < n; j++)
        if (item_is_value(&it[j]))
            return UNITS_BAD;
    size_t j = scan_value_prefix(it[i].text, tn, v, unit);
    if (!j)
        return UNITS_BAD;
    it[i].text[j] = '\0';
    *stop = 1;
    return UNITS_OK;
}

/* The counts after a Rate's percentage: "✓ 55746 ✗ 0", "0 out of 996",
 * and the mangled "v 0 x 34380", "/ 32196 / 0", "0 / 31005", "(0)". */
static int rate_counts(struct k6_state *k, const char *key, const char *name,
                       const struct item *it, size_t n, const struct line *l,
                       struct parse_result *pr)
{
    char num[2][128];
    size_t nn = 0;
    int out_of = 0;
    for (size_t i = 1; i < n; i++) {
        const char *s = it[i].text;
        if (it[i].stat[0])
            return parse_fail(pr, l->no, "k6: unexpected \"%s=%s\" in a rate", it[i].stat, s);
        if (strcmp(s, MARK_OK) == 0 || strcmp(s, MARK_FAIL) == 0 || strcmp(s, "v") == 0 ||
            strcmp(s, "x") == 0 || strcmp(s, "/") == 0)
            continue;
        if (strcmp(s, "out") == 0 && i + 1 < n && strcmp(it[i + 1].text, "of") == 0) {
            out_of = 1;
            i++;
            continue;
        }
        size_t sl = strlen(s);
        const char *b = s;
        if (sl >= 2 && s[0] == '(' && s[sl - 1] == ')')
            b++, sl -= 2;
        double x;
        if (nn == 2 || units_number(b, sl, 0, &x) != UNITS_OK)
            return parse_fail(pr, l->no, "k6: cannot read \"%s\" in the rate of %s", s, name);
        snprintf(num[nn++], sizeof num[0], "%.*s", (int)sl, b);
    }
    for (size_t i = 0; i < nn; i++) {
        double x;
        units_number(num[i], strlen(num[i]), 0, &x);
        if (add_stat(k, l, pr, key, name, i == 0 ? "passes" : out_of ? "total" : "fails", x,
                     UNIT_COUNT, num[i], 0) < 0)
            return -1;
    }
    return 0;
}

/* Position of the dot padding of a metric line: the name ends before a
 * run of three or more dots followed (maybe after blanks) by ":" and a
 * blank or the end. Returns the colon, or NULL; *name_end is set. */
static const char *dotted_colon(const char *s, const char **name_end)
{
    for (const char *p = s; *p; p++) {
        if (*p != '.')
            continue;
        const char *q = p;
        while (*q == '.')
            q++;
        if (q - p >= 3) {
            const char *c = str_skip_blank(q);
            if (*c == ':' && (c[1] == ' ' || c[1] == '\t' || c[1] == '\0')) {
                *name_end = p;
                return c;
            }
        }
        p = q - 1;
    }
    return NULL;
}

/* One metric line; returns 1 when read, 0 when the line is not one, -1
 * on an unreadable value. */
static int metric_line(struct k6_state *k, const struct line *l, const char *s,
                       struct parse_result *pr)
{
    int mark = -1;
    if (starts_mark(s, MARK_OK))
        mark = 1;
    else if (starts_mark(s, MARK_FAIL))
        mark = 0;
    if (mark >= 0)
        s = str_skip_blank(s + 3);
    const char *name_end;
    const char *colon = dotted_colon(s, &name_end);
    if (!colon)
        return 0;
    char name[512], full[1100], key[2200];
    copy_trim(name, sizeof name, s, (size_t)(name_end - s));
    if (!name[0])
        return 0;
    const char *v = str_skip_blank(colon + 1);
    if (strcmp(v, "[no data]") == 0)
        return 1;
    struct item it[MAXITEMS];
    size_t n = split_items(v, it, MAXITEMS);
    if (n == 0)
        return 0;
    /* the first value must be one of k6's, else this is prose with dots */
    double x;
    const char *unit;
    int stop = 0;
    struct item first = it[0];
    size_t fn = strlen(first.text);
    int percent = fn > 1 && first.text[fn - 1] == '%' && !first.stat[0];
    if (!percent && units_percent(first.text, fn, &x) == UNITS_BAD &&
        item_value(&first, 0, 1, &x, &unit, &stop) == UNITS_BAD)
        return 0;

    size_t nl = strlen(name);
    if (name[0] == '{' && name[nl - 1] == '}') {
        char tags[512];
        copy_trim(tags, sizeof tags, name + 1, nl - 2);
        snprintf(full, sizeof full, "%s{%s}", k->parent, tags);
    } else {
        join2(full, sizeof full, name, "");
        join2(k->parent, sizeof k->parent, name, "");
    }
    /* A metric printed twice: the next summary begins. */
    join2(key, sizeof key, k->block, full);
    if (seen_before(k, key)) {
        char parent[512];
        snprintf(parent, sizeof parent, "%s", k->parent);
        finish(k, pr);
        snprintf(k->parent, sizeof k->parent, "%s", parent);
        snprintf(key, sizeof key, "%s", full);
    }
    touch(k, l);
    ARRAY_GROW(k->seen, k->nseen, k->capseen);
    k->seen[k->nseen++] = xstrdup(key);
    k->has_metrics = 1;
    k->dangling_heading = 0;
    if (!k->block[0])
        k->has_total = 1;
    if (!k->block[0] && name[0] != '{' && strcmp(full, "vus_max") >= 0)
        k->legacy_end = 1;
    if (strcmp(k->section, "NETWORK") == 0 && strcmp(full, "data_sent") == 0)
        k->block_net = 1;
    if (mark >= 0)
        run_add_threshold(k->run, key, NULL, mark, NULL);

    stop = 0;
    if (it[0].stat[0]) { /* Trend: stat=value ... */
        for (size_t i = 0; i < n && !stop; i++) {
            if (!it[i].stat[0])
                break; /* prose after the values */
            int rc = strcmp(it[i].stat, "count") == 0
                         ? units_number(it[i].text, strlen(it[i].text), 0, &x)
                         : item_value(it, i, n, &x, &unit, &stop);
            if (strcmp(it[i].stat, "count") == 0)
                unit = UNIT_COUNT;
            if (rc == UNITS_BAD)
                return parse_fail(pr, l->no, "k6: cannot read %s=%s of %s", it[i].stat,
                                  it[i].text, full);
            if (add_stat(k, l, pr, key, full, it[i].stat, x, unit, it[i].text, 1) < 0)
                return -1;
        }
        return 1;
    }
    if (percent) { /* Rate */
        if (units_percent(it[0].text, fn, &x) == UNITS_BAD)
            return parse_fail(pr, l->no, "k6: the rate \"%s\" of %s is not a percentage from 0 to 100",
                              it[0].text, full);
        if (add_stat(k, l, pr, key, full, "rate", x, UNIT_PERCENT, it[0].text, 0) < 0)
            return -1;
        return rate_counts(k, key, full, it, n, l, pr) < 0 ? -1 : 1;
    }
    if (item_value(it, 0, n, &x, &unit, &stop) == UNITS_BAD)
        return parse_fail(pr, l->no, "k6: cannot read \"%s\" of %s", it[0].text, full);
    if (n >= 2 && strcmp(it[1].stat, "min") == 0) { /* Gauge: value min= max= */
        if (add_stat(k, l, pr, key, full, "value", x, unit, it[0].text, 0) < 0)
            return -1;
        for (size_t i = 1; i < n && !stop; i++) {
            if (!it[i].stat[0])
                break;
            if (item_value(it, i, n, &x, &unit, &stop) == UNITS_BAD)
                return parse_fail(pr, l->no, "k6: cannot read %s=%s of %s", it[i].stat,
                                  it[i].text, full);
            if (add_stat(k, l, pr, key, full, it[i].stat, x, unit, it[i].text, 0) < 0)
                return -1;
        }
        return 1;
    }
    /* Counter: count rate/s */
    if (add_stat(k, l, pr, key, full, "count", x, unit, it[0].text, 0) < 0)
        return -1;
    if (n >= 2 && !stop) {
        if (scan_rate(it[1].text, strlen(it[1].text), &x, &unit) == UNITS_BAD)
            return parse_fail(pr, l->no, "k6: cannot read the rate \"%s\" of %s", it[1].text, full);
        if (add_stat(k, l, pr, key, full, "rate", x, unit, it[1].text, 0) < 0)
            return -1;
    }
    return 1;
}

/* --- checks, groups, sections, thresholds ------------------------------- */

/* "↳  99% — ✓ 179 / ✗ 1" under a failed check. */
static int check_detail(struct k6_state *k, const struct line *l, const char *s,
                        struct parse_result *pr)
{
    struct tok t[12];
    size_t nt = tok_split(s, strlen(s), t, 12);
    double num[2];
    size_t nn = 0;
    for (size_t i = 1; i < nt && i < 12; i++) {
        double x;
        if (tok_eq(t[i], MARK_OK) || tok_eq(t[i], MARK_FAIL) || tok_eq(t[i], "/") ||
            tok_eq(t[i], EM_DASH) || units_percent(t[i].s, t[i].n, &x) == UNITS_OK)
            continue;
        if (nn == 2 || units_number(t[i].s, t[i].n, 0, &x) != UNITS_OK)
            return parse_fail(pr, l->no, "k6: cannot read the check counts \"%s\"", s);
        num[nn++] = x;
    }
    if (nn != 2)
        return parse_fail(pr, l->no, "k6: cannot read the check counts \"%s\"", s);
    if (k->run && k->pending_check >= 0 && (size_t)k->pending_check < k->run->nchecks) {
        k->run->checks[k->pending_check].passes = (int64_t)num[0];
        k->run->checks[k->pending_check].fails = (int64_t)num[1];
        touch(k, l);
    }
    k->pending_check = -1;
    return 1;
}

/* A legacy check or group after the metrics belongs to the next summary. */
static void legacy_boundary(struct k6_state *k, struct parse_result *pr)
{
    if (k->has_metrics && !k->v1)
        finish(k, pr);
}

/* "█ THRESHOLDS", "█ TOTAL RESULTS", "█ SCENARIO: x", "█ GROUP: x" (v1)
 * or a legacy group "█ name". */
static int block_title(struct k6_state *k, const struct line *l, const char *s,
                       struct parse_result *pr)
{
    if (!starts_mark(s, BLOCK_MARK))
        return 0;
    const char *t = str_skip_blank(s + 3);
    if (strcmp(t, "THRESHOLDS") == 0) {
        if (k->has_metrics || (k->run && k->run->nthresholds))
            finish(k, pr);
        touch(k, l);
        k->v1 = 1;
        k->in_thresholds = 1;
        return 1;
    }
    if (strcmp(t, "TOTAL RESULTS") == 0) {
        if (k->has_total)
            finish(k, pr);
        touch(k, l);
        k->v1 = 1;
        k->in_thresholds = 0;
        k->base[0] = '\0';
        k->section[0] = '\0';
        k->block_net = 0;
        groups_clear(k);
        block_update(k);
        return 1;
    }
    if (k->v1 && (str_starts(t, "SCENARIO: ") || str_starts(t, "GROUP: "))) {
        touch(k, l);
        k->in_thresholds = 0;
        int scen = str_starts(t, "SCENARIO: ");
        k->scenario_blocks += scen;
        k->section[0] = '\0';
        k->block_net = 0;
        snprintf(k->base, sizeof k->base, "%s:%s/", scen ? "scenario" : "group",
                 str_skip_blank(t + (scen ? 10 : 7)));
        groups_clear(k);
        block_update(k);
        return 1;
    }
    legacy_boundary(k, pr);
    touch(k, l);
    groups_push(k, (int)indent_of(l), t);
    k->pending_check = -1;
    return 1;
}

/* v1 "↳ GROUP: name" inside a scenario or group section. */
static int nested_group(struct k6_state *k, const struct line *l, const char *s)
{
    if (!k->v1 || !starts_mark(s, SUB_MARK))
        return 0;
    const char *t = str_skip_blank(s + 3);
    if (!str_starts(t, "GROUP: "))
        return 0;
    touch(k, l);
    groups_push(k, (int)indent_of(l), str_skip_blank(t + 7));
    block_update(k);
    k->section[0] = '\0';
    k->block_net = 0;
    return 1;
}

/* "✓ name" / "✗ name" of a check. */
static int check_line(struct k6_state *k, const struct line *l, const char *s,
                      struct parse_result *pr)
{
    int ok;
    if (starts_mark(s, MARK_OK))
        ok = 1;
    else if (starts_mark(s, MARK_FAIL))
        ok = 0;
    else
        return 0;
    const char *name = str_skip_blank(s + 3);
    if (!*name)
        return 0;
    legacy_boundary(k, pr);
    touch(k, l);
    if (!k->v1)
        groups_pop(k, (int)indent_of(l));
    char group[1024];
    check_group(k, group, sizeof group);
    run_add_check(k->run, name, group, -1, ok ? 0 : -1);
    k->pending_check = ok ? -1 : (long)k->run->nchecks - 1;
    k->pending_line = l->no;
    return 1;
}

/* Inside "█ THRESHOLDS": a metric name, or "✓ 'p(95)<5000' p(95)=556". */
static int threshold_line(struct k6_state *k, const struct line *l, const char *s)
{
    int ok = -1;
    if (starts_mark(s, MARK_OK))
        ok = 1;
    else if (starts_mark(s, MARK_FAIL))
        ok = 0;
    touch(k, l);
    if (ok < 0) {
        char name[512], tags[512];
        copy_trim(name, sizeof name, s, strlen(s));
        size_t n = strlen(name);
        if (name[0] == '{' && n >= 2 && name[n - 1] == '}' && k->thr_parent[0]) {
            copy_trim(tags, sizeof tags, name + 1, n - 2);
            snprintf(k->thr_metric, sizeof k->thr_metric, "%s{%s}", k->thr_parent, tags);
        } else {
            snprintf(k->thr_metric, sizeof k->thr_metric, "%s", name);
            size_t pn = strcspn(name, "{");
            snprintf(k->thr_parent, sizeof k->thr_parent, "%.*s", (int)pn, name);
        }
        return 1;
    }
    const char *e = str_skip_blank(s + 3);
    const char *q1 = strchr(e, '\'');
    const char *q2 = strrchr(e, '\'');
    char expr[512], text[256];
    if (q1 && q2 > q1) {
        snprintf(expr, sizeof expr, "%.*s", (int)(q2 - q1 - 1), q1 + 1);
        copy_trim(text, sizeof text, q2 + 1, strlen(q2 + 1));
    } else {
        copy_trim(expr, sizeof expr, e, strlen(e));
        text[0] = '\0';
    }
    run_add_threshold(k->run, k->thr_metric[0] ? k->thr_metric : "?", expr, ok,
                      text[0] ? text : NULL);
    return 1;
}

/* A v1 section heading: "HTTP", "EXECUTION", "NETWORK", "CUSTOM", ... */
static int section_heading(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= 'A' && s[n] <= 'Z') || s[n] == '_' || s[n] == ' ' || is_digit(s[n])))
            return 0;
    return n >= 2;
}

/* --- the parser --------------------------------------------------------- */

static int k6_parse(const struct text *t, struct parse_result *pr)
{
    struct k6_state k;
    int rc = 0;
    memset(&k, 0, sizeof k);
    state_reset(&k);

    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *s = str_skip_blank(l->s);
        char cmd[1024];

        /* the tail of a header line k6's terminal wrapped at 80 columns */
        if (k.header.len) {
            if (*s && !header_key(s, "execution") && !header_key(s, "script") &&
                !header_key(s, "output") && !str_starts(s, "scenarios:") && s[0] != '*' &&
                l->no - k.header_no <= 3) {
                buf_adds(&k.header, s);
                touch(&k, l);
                if (paren_balance(k.header.data) <= 0)
                    header_flush(&k);
                continue;
            }
            header_flush(&k);
        }
        if (!*s)
            continue;
        if (log_line(s))
            continue;
        if (is_banner(s)) {
            if (k.has_metrics || k.has_header)
                finish(&k, pr);
            touch(&k, l);
            continue;
        }
        if (command_line(s, cmd, sizeof cmd)) {
            if (k.run)
                finish(&k, pr);
            touch(&k, l);
            run_set(&k.run->command, cmd);
            continue;
        }
        if (header_line(&k, l, s, pr))
            continue;
        if (progress_line(&k, l, s, pr) || done_line(&k, l, s, pr))
            continue;
        if (block_title(&k, l, s, pr) || nested_group(&k, l, s))
            continue;
        if (starts_mark(s, SUB_MARK)) {
            if (check_detail(&k, l, s, pr) < 0) {
                rc = -1;
                goto out;
            }
            continue;
        }
        if (k.in_thresholds) {
            threshold_line(&k, l, s);
            continue;
        }
        int m = metric_line(&k, l, s, pr);
        if (m < 0) {
            rc = -1;
            goto out;
        }
        if (m)
            continue;
        if (check_line(&k, l, s, pr))
            continue;
        if (progress_bar(s))
            continue;
        if (k.v1 && k.run && section_heading(s)) {
            touch(&k, l);
            k.dangling_heading = l->no;
            snprintf(k.section, sizeof k.section, "%s", s);
            continue;
        }
        /* anything else is text around the output */
    }
    header_flush(&k);
    finish(&k, pr);
out:
    state_reset(&k);
    free(k.seen);
    buf_free(&k.header);
    return rc;
}

/* Confidence: v1 section titles, or dot-padded lines of k6's metrics. */
static int k6_sniff(const struct text *t)
{
    static const char *const names[] = {"http_reqs", "http_req_duration", "iterations",
                                        "iteration_duration", "vus", "vus_max", "data_received",
                                        "data_sent", "checks", "http_req_failed"};
    int dotted = 0, known = 0, titles = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *s = str_skip_blank(t->lines[i].s);
        if (str_starts(s, BLOCK_MARK " TOTAL RESULTS") || str_starts(s, BLOCK_MARK " THRESHOLDS")) {
            titles++;
            continue;
        }
        if (starts_mark(s, MARK_OK) || starts_mark(s, MARK_FAIL))
            s = str_skip_blank(s + 3);
        const char *end;
        const char *c = dotted_colon(s, &end);
        if (!c || end == s)
            continue;
        const char *v = str_skip_blank(c + 1);
        if (!*v)
            continue;
        dotted++;
        for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
            if ((size_t)(end - s) == strlen(names[j]) && strncmp(s, names[j], (size_t)(end - s)) == 0)
                known++;
    }
    if (titles && dotted)
        return 95;
    if (known >= 2)
        return 90;
    if (dotted >= 3)
        return 60;
    if (dotted >= 1)
        return 30;
    return 0;
}

const struct parser parser_k6_text = {
    .name = "k6-text",
    .tool = "k6",
    .summary = "k6 end-of-test summary (legacy 0.2x-0.5x and v1 layouts, full mode blocks)",
    .sniff = k6_sniff,
    .parse = k6_parse,
    .parse_stream = NULL,
};
