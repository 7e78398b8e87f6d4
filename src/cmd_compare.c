/* cmd_compare.c - `benchdb compare A B`: two sets of runs, metric by
 * metric, with the change in percent and, with three or more runs a side,
 * whether the change is real (Mann-Whitney U, as benchstat prints it). A
 * regression gate for CI with --fail-above. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "cmd.h"
#include "compat.h"
#include "diag.h"
#include "k6_common.h"
#include "select.h"
#include "stats.h"
#include "store.h"
#include "units.h"
#include "utf8.h"

const char cmd_compare_usage[] =
    "usage: benchdb compare [options] A B\n"
    "\n"
    "Compares two sets of runs. A and B are each run ids (3, 3-7, 3,5,9), a\n"
    "campaign, or a label; with --by COLUMN they are values of that column of\n"
    "`summary` (compare granian gunicorn --by server). The selection options\n"
    "narrow both sides (--scenario, --where, --tag ...).\n"
    "\n"
    "For each metric (requests/s, latency avg/p50/p90/p95/p99/max, failed %,\n"
    "requests/s per vCPU, tail ratio p99/p50, rate achieved against the target)\n"
    "it prints the median of each side, the change from A to B in percent and\n"
    "whether that is better or worse. With at least 3 runs on each side it runs\n"
    "the Mann-Whitney U test and prints ~ where the difference is not\n"
    "significant (p >= --alpha, default 0.05), as benchstat does; note that 3\n"
    "runs a side can never reach p < 0.1, 5 runs a side reach p = 0.008.\n"
    "Runs marked failed are left out of the medians and counted apart. The\n"
    "change in failed % is in percentage points (0% to 50% is +50 pp).\n"
    "\n"
    "Before comparing, it checks that the runs share server hardware, load\n"
    "host CPU and vCPUs, load tool and parameters and scenario, and warns\n"
    "naming each difference; a value known for some runs and unknown for\n"
    "others is a difference too.\n"
    "\n"
    "Options:\n"
    "  --by COLUMN        A and B are values of this summary column\n"
    "  --fail-above PCT   exit 4 when a metric got worse by more than PCT percent\n"
    "                     (a significant change, or any change below 3 runs a side),\n"
    "                     failed % rose by more than PCT points, or every run of B\n"
    "                     failed while A has runs that did not\n"
    "  --strict           differences in conditions are an error (exit 1)\n"
    "  --alpha P          significance level (default 0.05)\n"
    "  --md               a Markdown table\n"
    "  --json             JSON\n" SELECT_USAGE;

struct metric {
    const char *key;   /* JSON name */
    const char *name;  /* table name */
    const char *unit;  /* printed after values */
    int higher_better;
    int points;        /* the change is B - A in points, not in percent */
    double (*get)(const struct stored_run *sr);
};

static double m_rps(const struct stored_run *sr) { const struct run *r = sr->run; return r->rps; }
static double m_avg(const struct stored_run *sr) { const struct run *r = sr->run; return r->lat_avg; }
static double m_p50(const struct stored_run *sr) { const struct run *r = sr->run; return run_has(run_latency_pct(r, 50)) ? run_latency_pct(r, 50) : r->lat_med; }
static double m_p90(const struct stored_run *sr) { const struct run *r = sr->run; return run_latency_pct(r, 90); }
static double m_p95(const struct stored_run *sr) { const struct run *r = sr->run; return run_latency_pct(r, 95); }
static double m_p99(const struct stored_run *sr) { const struct run *r = sr->run; return run_latency_pct(r, 99); }
static double m_max(const struct stored_run *sr) { const struct run *r = sr->run; return r->lat_max; }
static double m_failed(const struct stored_run *sr) { const struct run *r = sr->run; return r->failed_pct; }

static double m_per_vcpu(const struct stored_run *sr)
{
    return sr->meta.host.vcpus > 0 ? sr->run->rps / sr->meta.host.vcpus : RUN_NA;
}
static double m_tail(const struct stored_run *sr)
{
    double p50 = run_latency_pct(sr->run, 50), p99 = run_latency_pct(sr->run, 99);
    return run_has(p50) && run_has(p99) && p50 != 0 ? p99 / p50 : RUN_NA;
}
static double m_rate(const struct stored_run *sr)
{
    return k6_rate_achieved(sr->run);
}

static const struct metric metrics[] = {
    {"rps", "requests/s", "", 1, 0, m_rps},
    {"latency_avg_ms", "latency avg", " ms", 0, 0, m_avg},
    {"latency_p50_ms", "latency p50", " ms", 0, 0, m_p50},
    {"latency_p90_ms", "latency p90", " ms", 0, 0, m_p90},
    {"latency_p95_ms", "latency p95", " ms", 0, 0, m_p95},
    {"latency_p99_ms", "latency p99", " ms", 0, 0, m_p99},
    {"latency_max_ms", "latency max", " ms", 0, 0, m_max},
    /* From 0% to 50% failed is no percentage of 0: the change in points. */
    {"failed_pct", "failed", " %", 0, 1, m_failed},
    {"rps_per_vcpu", "rps per vCPU", "", 1, 0, m_per_vcpu},
    {"tail_ratio", "tail p99/p50", "", 0, 0, m_tail},
    {"rate_achieved_pct", "rate achieved", " %", 1, 0, m_rate},
};
#define NMETRICS (sizeof metrics / sizeof metrics[0])

struct side {
    const char *arg;
    char *what;  /* "campaign X", "label X", "runs 3-7" */
    struct stored_run *runs;
    size_t n, cap;
    int failed;  /* runs left out: every request failed */
};

/* Every run of the side failed: no figure to compare, and worse than any. */
static int all_failed(const struct side *s)
{
    return s->n > 0 && s->failed == (int)s->n;
}

struct row {
    const struct metric *m;
    struct stats_summary a, b;
    double change;  /* percent, B against A (points for failed %) */
    double p;       /* NaN: no test */
    int significant; /* 1 also when no test ran (below 3 runs a side) */
    int worse;
};

/* --- choosing each side ---------------------------------------------------- */

struct load_ctx {
    struct store *st;
    struct side *side;
    int error;
};

static int load_row(const struct store_row *row, void *arg)
{
    struct load_ctx *lc = arg;
    struct side *s = lc->side;
    ARRAY_GROW(s->runs, s->n, s->cap);
    if (store_run_load(lc->st, row->run_id, &s->runs[s->n]) <= 0) {
        lc->error = 1;
        return -1;
    }
    s->n++;
    return 0;
}

static int count_row(const struct store_row *row, void *arg)
{
    (void)row;
    (*(int *)arg)++;
    return 1; /* one is enough */
}

/* Parses "3", "3-7", "3,5,9-11" into ids; 0 when it is not that shape. */
static int parse_ids(const char *a, int64_t **ids, size_t *n)
{
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    const char *p = a;
    while (*p) {
        char *end;
        long long lo = strtoll(p, &end, 10), hi = lo;
        if (end == p || lo <= 0)
            goto no;
        if (*end == '-') {
            const char *q = end + 1;
            hi = strtoll(q, &end, 10);
            if (end == q || hi < lo || hi - lo > 100000)
                goto no;
        }
        for (long long v = lo; v <= hi; v++) {
            ARRAY_GROW(*ids, *n, cap);
            (*ids)[(*n)++] = v;
        }
        if (*end == ',')
            end++;
        else if (*end)
            goto no;
        p = end;
    }
    return *n > 0;
no:
    free(*ids);
    *ids = NULL;
    *n = 0;
    return 0;
}

static int load_side(struct store *st, const struct selection *sel, const char *by, struct side *s)
{
    struct store_filter f = sel->f;
    struct store_cond *conds = xcalloc(sel->nconds + 1, sizeof(*conds));
    int64_t *ids = NULL;
    size_t nids = 0;
    int rc = -1;
    if (sel->nconds)
        memcpy(conds, sel->conds, sel->nconds * sizeof(*conds));
    f.conds = conds;
    f.nconds = sel->nconds;
    struct store_cond extra = {0};
    struct buf what = BUF_INIT;

    if (by) {
        struct buf text = BUF_INIT;
        buf_printf(&text, "%s=%s", by, s->arg);
        int ok = store_cond_parse(st, buf_str(&text), &extra);
        buf_free(&text);
        if (ok < 0)
            goto out;
        conds[f.nconds++] = extra;
        buf_printf(&what, "%s = %s", by, s->arg);
    } else if (parse_ids(s->arg, &ids, &nids)) {
        f.ids = ids;
        f.nids = nids;
        buf_printf(&what, "run%s %s", nids == 1 ? "" : "s", s->arg);
    } else {
        /* A campaign, else a label. */
        int found = 0;
        struct store_filter probe = f;
        probe.campaign = s->arg;
        if (store_list(st, &probe, count_row, &found) < 0)
            goto out;
        if (found) {
            f.campaign = s->arg;
            buf_printf(&what, "campaign %s", s->arg);
        } else {
            struct buf text = BUF_INIT;
            buf_printf(&text, "label=%s", s->arg);
            int ok = store_cond_parse(st, buf_str(&text), &extra);
            buf_free(&text);
            if (ok < 0)
                goto out;
            conds[f.nconds++] = extra;
            buf_printf(&what, "label %s", s->arg);
        }
    }
    struct load_ctx lc = {st, s, 0};
    if (store_list(st, &f, load_row, &lc) < 0 || lc.error)
        goto out;
    if (s->n == 0) {
        error("compare: %s matches no run%s", s->arg,
              by ? "" : " (not a run id, campaign or label)");
        goto out;
    }
    s->what = buf_detach(&what, NULL);
    rc = 0;
out:
    buf_free(&what);
    store_cond_free(&extra);
    free(conds);
    free(ids);
    return rc;
}

/* --- computing ---------------------------------------------------------------- */

static void compute(const struct side *a, const struct side *b, double alpha, struct row *rows)
{
    double *va = xcalloc(a->n + 1, sizeof(double)), *vb = xcalloc(b->n + 1, sizeof(double));
    for (size_t k = 0; k < NMETRICS; k++) {
        struct row *r = &rows[k];
        size_t na = 0, nb = 0;
        r->m = &metrics[k];
        for (size_t i = 0; i < a->n; i++)
            if (a->runs[i].run->state != RUN_STATE_FAILED)
                va[na++] = r->m->get(&a->runs[i]);
        for (size_t i = 0; i < b->n; i++)
            if (b->runs[i].run->state != RUN_STATE_FAILED)
                vb[nb++] = r->m->get(&b->runs[i]);
        stats_summarize(va, na, &r->a);
        stats_summarize(vb, nb, &r->b);
        r->change = (double)NAN;
        if (r->m->points && r->a.n && r->b.n)
            r->change = r->b.median - r->a.median;
        else if (r->a.n && r->b.n && r->a.median != 0)
            r->change = (r->b.median - r->a.median) / fabs(r->a.median) * 100;
        else if (r->a.n && r->b.n && r->a.median == 0 && r->b.median == 0)
            r->change = 0;
        r->p = (double)NAN;
        r->significant = 1;
        if (r->a.n >= 3 && r->b.n >= 3) {
            r->p = stats_mann_whitney(va, na, vb, nb, NULL);
            r->significant = r->p < alpha;
        }
        r->worse = !isnan(r->change) && (r->m->higher_better ? r->change < 0 : r->change > 0);
    }
    free(va);
    free(vb);
}

static const char *verdict(const struct row *r)
{
    if (isnan(r->change))
        return "";
    if (!r->significant)
        return "~";
    if (r->change == 0)
        return "same";
    return r->worse ? "worse" : "better";
}

static void fmt_value(char *out, size_t n, const struct stats_summary *s, const char *unit)
{
    char a[64];
    if (!s->n) {
        snprintf(out, n, "-");
        return;
    }
    units_format(a, sizeof a, s->median);
    if (s->n > 1 && !isnan(s->cv))
        snprintf(out, n, "%s%s ±%.1f%%", a, unit, s->cv * 100);
    else
        snprintf(out, n, "%s%s", a, unit);
}

static void fmt_change(char *out, size_t n, const struct row *r)
{
    const char *unit = r->m->points ? " pp" : "%";
    if (isnan(r->change))
        snprintf(out, n, "-");
    else if (!r->significant)
        snprintf(out, n, "~ (p=%.3f n=%zu+%zu)", r->p, r->a.n, r->b.n);
    else if (!isnan(r->p))
        snprintf(out, n, "%+.2f%s (p=%.3f n=%zu+%zu)", r->change, unit, r->p, r->a.n, r->b.n);
    else
        snprintf(out, n, "%+.2f%s (n=%zu+%zu)", r->change, unit, r->a.n, r->b.n);
}

/* --- output -------------------------------------------------------------------- */

static void print_text(const struct side *a, const struct side *b, const struct row *rows,
                       const struct compat *cw)
{
    struct buf l = BUF_INIT;
    char va[96], vb[96], ch[96];
    printf("A: %s (%zu run%s)\nB: %s (%zu run%s)\n\n", a->what, a->n, a->n == 1 ? "" : "s",
           b->what, b->n, b->n == 1 ? "" : "s");
    utf8_pad(&l, "metric", 14, 0);
    utf8_pad(&l, "A (median ±cv)", 24, 1);
    utf8_pad(&l, "B (median ±cv)", 24, 1);
    buf_adds(&l, "   change");
    puts(buf_str(&l));
    for (size_t k = 0; k < NMETRICS; k++) {
        const struct row *r = &rows[k];
        if (!r->a.n && !r->b.n)
            continue;
        fmt_value(va, sizeof va, &r->a, r->m->unit);
        fmt_value(vb, sizeof vb, &r->b, r->m->unit);
        fmt_change(ch, sizeof ch, r);
        buf_reset(&l);
        utf8_pad(&l, r->m->name, 14, 0);
        utf8_pad(&l, va, 24, 1);
        utf8_pad(&l, vb, 24, 1);
        buf_adds(&l, "   ");
        utf8_pad(&l, ch, 30, 0);
        buf_adds(&l, "  ");
        buf_adds(&l, verdict(r));
        while (l.len && l.data[l.len - 1] == ' ')
            l.data[--l.len] = '\0';
        puts(buf_str(&l));
    }
    if (a->failed || b->failed)
        printf("\nleft out, every request failed: %d run%s of A, %d of B\n", a->failed,
               a->failed == 1 ? "" : "s", b->failed);
    if (all_failed(a) != all_failed(b))
        printf("%s: every run failed: worse\n", all_failed(b) ? "B" : "A");
    if (cw->n) {
        printf("\nwarning: these runs were not made under the same conditions:\n");
        for (size_t i = 0; i < cw->n; i++)
            printf("  - %s\n", cw->msgs[i]);
    }
    buf_free(&l);
}

static void print_md(const struct side *a, const struct side *b, const struct row *rows,
                     const struct compat *cw)
{
    char va[96], vb[96], ch[96];
    printf("| metric | A: %s (n=%zu) | B: %s (n=%zu) | change | |\n|---|---:|---:|---|---|\n",
           a->what, a->n, b->what, b->n);
    for (size_t k = 0; k < NMETRICS; k++) {
        const struct row *r = &rows[k];
        if (!r->a.n && !r->b.n)
            continue;
        fmt_value(va, sizeof va, &r->a, r->m->unit);
        fmt_value(vb, sizeof vb, &r->b, r->m->unit);
        fmt_change(ch, sizeof ch, r);
        printf("| %s | %s | %s | %s | %s |\n", r->m->name, va, vb, ch, verdict(r));
    }
    if (all_failed(a) != all_failed(b))
        printf("\n**%s: every run failed: worse**\n", all_failed(b) ? "B" : "A");
    if (cw->n) {
        printf("\n> **Warning:** these runs were not made under the same conditions:\n");
        for (size_t i = 0; i < cw->n; i++)
            printf("> - %s\n", cw->msgs[i]);
    }
}

static cJSON *json_stats(const struct stats_summary *s)
{
    cJSON *o = cJSON_CreateObject();
    char tmp[64];
    const struct { const char *k; double v; } f[] = {
        {"median", s->median}, {"mean", s->mean}, {"min", s->min}, {"max", s->max},
        {"stddev", s->stddev}, {"cv", s->cv}};
    cJSON_AddNumberToObject(o, "n", (double)s->n);
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        if (isnan(f[i].v))
            cJSON_AddNullToObject(o, f[i].k);
        else
            cJSON_AddRawToObject(o, f[i].k, units_format(tmp, sizeof tmp, f[i].v));
    }
    return o;
}

static void print_json(const struct side *a, const struct side *b, const struct row *rows,
                       const struct compat *cw)
{
    cJSON *o = cJSON_CreateObject();
    const struct side *sides[2] = {a, b};
    const char *names[2] = {"a", "b"};
    for (int k = 0; k < 2; k++) {
        cJSON *s = cJSON_AddObjectToObject(o, names[k]);
        cJSON_AddStringToObject(s, "selection", sides[k]->what);
        cJSON *ids = cJSON_AddArrayToObject(s, "run_ids");
        for (size_t i = 0; i < sides[k]->n; i++)
            cJSON_AddItemToArray(ids, cJSON_CreateNumber((double)sides[k]->runs[i].run_id));
        cJSON_AddNumberToObject(s, "failed_runs", sides[k]->failed);
        cJSON_AddBoolToObject(s, "all_failed", all_failed(sides[k]));
    }
    cJSON *ms = cJSON_AddArrayToObject(o, "metrics");
    for (size_t k = 0; k < NMETRICS; k++) {
        const struct row *r = &rows[k];
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "metric", r->m->key);
        cJSON_AddBoolToObject(m, "higher_is_better", r->m->higher_better);
        cJSON_AddItemToObject(m, "a", json_stats(&r->a));
        cJSON_AddItemToObject(m, "b", json_stats(&r->b));
        char tmp[64];
        const char *change = r->m->points ? "change_points" : "change_pct";
        if (isnan(r->change))
            cJSON_AddNullToObject(m, change);
        else
            cJSON_AddRawToObject(m, change, units_format(tmp, sizeof tmp, r->change));
        /* No test ran (below 3 runs a side): neither p nor significance. */
        if (isnan(r->p)) {
            cJSON_AddNullToObject(m, "p_value");
            cJSON_AddNullToObject(m, "significant");
        } else {
            cJSON_AddRawToObject(m, "p_value", units_format(tmp, sizeof tmp, r->p));
            cJSON_AddBoolToObject(m, "significant", r->significant);
        }
        cJSON_AddStringToObject(m, "verdict", verdict(r));
        cJSON_AddItemToArray(ms, m);
    }
    cJSON *w = cJSON_AddArrayToObject(o, "warnings");
    for (size_t i = 0; i < cw->n; i++)
        cJSON_AddItemToArray(w, cJSON_CreateString(cw->msgs[i]));
    char *text = cJSON_Print(o);
    puts(text);
    cJSON_free(text);
    cJSON_Delete(o);
}

/* --- the gate ------------------------------------------------------------------ */

/* --fail-above: 1 after naming each way B is worse than A by more than
 * the limit. A metric counts when its change is significant (or untested,
 * below 3 runs a side); failed % counts in points; B with every run
 * failed is worse than A with any run that did not, whatever the limit. */
static int gate(const struct side *a, const struct side *b, const struct row *rows, double limit)
{
    char lim[64];
    int failed = 0;
    units_format(lim, sizeof lim, limit);
    if (all_failed(b) && !all_failed(a)) {
        error("regression: every run of B failed (%d of %zu)", b->failed, b->n);
        failed = 1;
    }
    for (size_t k = 0; k < NMETRICS; k++) {
        const struct row *r = &rows[k];
        if (!r->worse || !r->significant || !(fabs(r->change) > limit))
            continue;
        if (r->m->points)
            error("regression: %s rose by %.2f points, more than --fail-above %s", r->m->name,
                  fabs(r->change), lim);
        else
            error("regression: %s got worse by %.2f%%, more than --fail-above %s%%", r->m->name,
                  fabs(r->change), lim);
        failed = 1;
    }
    return failed;
}

/* --- the command ------------------------------------------------------------------ */

enum { OPT_BY = 1, OPT_FAIL_ABOVE, OPT_STRICT, OPT_ALPHA, OPT_MD, OPT_JSON };

int cmd_compare(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("compare");
    static const struct option longopts[] = {
        SELECT_LONGOPTS,
        {"by", required_argument, NULL, OPT_BY},
        {"fail-above", required_argument, NULL, OPT_FAIL_ABOVE},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"alpha", required_argument, NULL, OPT_ALPHA},
        {"md", no_argument, NULL, OPT_MD},
        {"json", no_argument, NULL, OPT_JSON},
        {NULL, 0, NULL, 0},
    };
    struct selection sel;
    struct side a = {0}, b = {0};
    struct compat cw = {0};
    struct row rows[NMETRICS];
    const char *by = NULL;
    double fail_above = (double)NAN, alpha = 0.05;
    int strict = 0, md = 0, json = 0, c, rc = EXIT_OK;

    selection_init(&sel);
    opterr = 0;
    while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
        char *end;
        switch (c) {
        case OPT_BY:
            by = optarg;
            break;
        case OPT_FAIL_ABOVE:
            fail_above = strtod(optarg, &end);
            if (*optarg == '\0' || *end != '\0' || !(fail_above >= 0)) {
                rc = cmd_usage_error(self, "--fail-above %s: expected a percentage", optarg);
                goto out;
            }
            break;
        case OPT_STRICT:
            strict = 1;
            break;
        case OPT_ALPHA:
            alpha = strtod(optarg, &end);
            if (*optarg == '\0' || *end != '\0' || !(alpha > 0 && alpha < 1)) {
                rc = cmd_usage_error(self, "--alpha %s: expected a number between 0 and 1", optarg);
                goto out;
            }
            break;
        case OPT_MD:
            md = 1;
            break;
        case OPT_JSON:
            json = 1;
            break;
        default:
            if (c >= SEL_CAMPAIGN && c <= SEL_LIMIT) {
                if (selection_option(&sel, c, optarg) < 0) {
                    rc = EXIT_USAGE;
                    goto out;
                }
                break;
            }
            rc = cmd_usage_error(self, "compare: unknown or incomplete option '%s'", argv[optind - 1]);
            goto out;
        }
    }
    if (argc - optind != 2) {
        rc = cmd_usage_error(self, "compare: expected two sides, A and B");
        goto out;
    }
    if (md && json) {
        rc = cmd_usage_error(self, "compare: --md and --json do not mix");
        goto out;
    }
    a.arg = argv[optind];
    b.arg = argv[optind + 1];
    if ((rc = cmd_open_selection(ctx, &sel)) != EXIT_OK)
        goto out;
    if (load_side(ctx->st, &sel, by, &a) < 0 || load_side(ctx->st, &sel, by, &b) < 0) {
        rc = EXIT_FAIL;
        goto out;
    }
    for (size_t i = 0; i < a.n; i++)
        a.failed += a.runs[i].run->state == RUN_STATE_FAILED;
    for (size_t i = 0; i < b.n; i++)
        b.failed += b.runs[i].run->state == RUN_STATE_FAILED;

    /* Conditions across both sides. */
    struct stored_run **all = xcalloc(a.n + b.n, sizeof(*all));
    for (size_t i = 0; i < a.n; i++)
        all[i] = &a.runs[i];
    for (size_t i = 0; i < b.n; i++)
        all[a.n + i] = &b.runs[i];
    compat_check(&cw, all, a.n + b.n);
    free(all);
    if (cw.n && strict) {
        for (size_t i = 0; i < cw.n; i++)
            error("compare --strict: %s", cw.msgs[i]);
        rc = EXIT_FAIL;
        goto out;
    }
    for (size_t i = 0; i < cw.n; i++)
        warning("%s", cw.msgs[i]);

    compute(&a, &b, alpha, rows);
    if (json)
        print_json(&a, &b, rows, &cw);
    else if (md)
        print_md(&a, &b, rows, &cw);
    else
        print_text(&a, &b, rows, &cw);

    if (!isnan(fail_above) && gate(&a, &b, rows, fail_above))
        rc = EXIT_REGRESSION;
out:
    for (size_t i = 0; i < a.n; i++)
        stored_run_free(&a.runs[i]);
    for (size_t i = 0; i < b.n; i++)
        stored_run_free(&b.runs[i]);
    free(a.runs);
    free(b.runs);
    free(a.what);
    free(b.what);
    compat_free(&cw);
    selection_free(&sel);
    return rc;
}
