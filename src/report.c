/* report.c - runs into rows, values, changes and colours (see report.h). */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "compat.h"
#include "diag.h"
#include "k6_common.h"
#include "parse.h"
#include "stats.h"
#include "units.h"

/* --- metrics ------------------------------------------------------------ */

static const struct {
    const char *name;
    enum report_what what;
    enum human_kind kind;
    int higher_better;
} metric_table[] = {
    {"rps", RM_RPS, HUMAN_COUNT, 1},
    {"requests", RM_REQUESTS, HUMAN_COUNT, 1},
    {"avg", RM_AVG, HUMAN_MS, 0},
    {"min", RM_MIN, HUMAN_MS, 0},
    {"max", RM_MAX, HUMAN_MS, 0},
    {"stdev", RM_STDEV, HUMAN_MS, 0},
    {"failed", RM_FAILED, HUMAN_PERCENT, 0},
    {"rps_per_vcpu", RM_RPS_PER_VCPU, HUMAN_COUNT, 1},
    {"tail_ratio", RM_TAIL, HUMAN_COUNT, 0},
    {"rate_achieved", RM_RATE_ACHIEVED, HUMAN_PERCENT, 1},
};

const char *report_metric_names(void)
{
    return "rps, requests, p50, p75, p90, p95, p99, p99.9 (any pN), median, avg, min, max, "
           "stdev, failed, rps_per_vcpu, tail_ratio (p99/p50), rate_achieved (% of the "
           "target rate)";
}

int report_metric_parse(const char *text, struct report_metric *m)
{
    memset(m, 0, sizeof(*m));
    for (size_t i = 0; i < sizeof metric_table / sizeof metric_table[0]; i++) {
        if (strcasecmp(text, metric_table[i].name) == 0) {
            m->what = metric_table[i].what;
            m->kind = metric_table[i].kind;
            m->higher_better = metric_table[i].higher_better;
            snprintf(m->name, sizeof m->name, "%s", metric_table[i].name);
            return 0;
        }
    }
    double p;
    if (strcasecmp(text, "median") == 0 || strcasecmp(text, "med") == 0) {
        p = 50;
    } else if ((text[0] == 'p' || text[0] == 'P') && text[1] >= '0' && text[1] <= '9') {
        /* "p90", "p99.9": the number as written, exactly. */
        if (units_number(text + 1, strlen(text + 1), 0, &p) != UNITS_OK || p <= 0 || p > 100)
            return -1;
    } else {
        return -1;
    }
    char tmp[32];
    m->what = RM_LATENCY;
    m->p = p;
    m->kind = HUMAN_MS;
    m->higher_better = 0;
    snprintf(m->name, sizeof m->name, "p%s", units_format(tmp, sizeof tmp, p));
    return 0;
}

double report_metric_value(const struct report_metric *m, const struct stored_run *sr)
{
    const struct run *r = sr->run;
    double p50, p99;
    switch (m->what) {
    case RM_RPS:
        return r->rps;
    case RM_REQUESTS:
        return r->requests;
    case RM_LATENCY:
        if (m->p == 50 && !run_has(run_latency_pct(r, 50)))
            return r->lat_med;
        return run_latency_pct(r, m->p);
    case RM_AVG:
        return r->lat_avg;
    case RM_MIN:
        return r->lat_min;
    case RM_MAX:
        return r->lat_max;
    case RM_STDEV:
        return r->lat_stdev;
    case RM_FAILED:
        return r->failed_pct;
    case RM_RPS_PER_VCPU:
        /* the same columns as summary's rps_per_vcpu, tail_ratio, rate_achieved_pct */
        return sr->meta.host.vcpus > 0 ? r->rps / sr->meta.host.vcpus : RUN_NA;
    case RM_TAIL:
        p50 = run_latency_pct(r, 50);
        p99 = run_latency_pct(r, 99);
        return run_has(p50) && run_has(p99) && p50 != 0 ? p99 / p50 : RUN_NA;
    case RM_RATE_ACHIEVED:
        return k6_rate_achieved(r);
    }
    return RUN_NA;
}

/* --- series and excerpts --------------------------------------------------- */

int report_series_load(const struct stored_run *sr, struct report_series *out)
{
    const struct run *r = sr->run;
    out->pts = NULL;
    out->n = 0;
    if (!r->nseries)
        return 0;
    out->pts = xcalloc(r->nseries, sizeof(*out->pts));
    for (size_t i = 0; i < r->nseries; i++) {
        const struct run_second *s = &r->series[i];
        out->pts[i] = (struct report_point){(double)s->second, s->requests, s->failed,
                                            s->p50, s->p90, s->p99};
    }
    out->n = r->nseries;
    return 0;
}

void report_series_free(struct report_series *s)
{
    free(s->pts);
    s->pts = NULL;
    s->n = 0;
}

char *report_excerpt(const char *raw, size_t len, int first, int last, int *nlines)
{
    struct text t;
    struct buf b = BUF_INIT;
    int n = 0;
    text_split(&t, raw, len);
    for (size_t i = 0; i < t.n; i++) {
        const struct line *l = &t.lines[i];
        if (l->no < first || (last > 0 && l->no > last))
            continue;
        if (n)
            buf_addc(&b, '\n');
        buf_add(&b, l->s, l->n);
        n++;
    }
    text_free(&t);
    *nlines = n;
    return buf_detach(&b, NULL);
}

/* --- loading ------------------------------------------------------------------ */

struct id_list {
    int64_t *ids;
    size_t n, cap;
};

static int collect_id(const struct store_row *row, void *arg)
{
    struct id_list *l = arg;
    ARRAY_GROW(l->ids, l->n, l->cap);
    l->ids[l->n++] = row->run_id;
    return 0;
}

int report_load_runs(struct store *st, const struct store_filter *f, struct report_run **out,
                     size_t *nout)
{
    struct id_list ids = {NULL, 0, 0};
    struct report_run *runs = NULL;
    struct buf raw = BUF_INIT;
    int64_t raw_source = -1;
    int have_raw = 0, rc = -1;
    size_t n = 0;

    *out = NULL;
    *nout = 0;
    if (store_list(st, f, collect_id, &ids) < 0)
        goto out;
    runs = xcalloc(ids.n ? ids.n : 1, sizeof(*runs));
    for (size_t i = 0; i < ids.n; i++) {
        struct report_run *rr = &runs[n];
        int found = store_run_load(st, ids.ids[i], &rr->sr);
        if (found < 0)
            goto out;
        if (found == 0)
            continue; /* deleted meanwhile */
        n++;
        /* Runs of one file share its source: read it once. */
        if (rr->sr.source_id != raw_source) {
            buf_reset(&raw);
            have_raw = rr->sr.has_raw ? store_source_raw(st, rr->sr.source_id, &raw) : 0;
            if (have_raw < 0)
                goto out;
            raw_source = rr->sr.source_id;
        }
        if (have_raw > 0)
            rr->excerpt = report_excerpt(buf_str(&raw), raw.len, rr->sr.run->first_line,
                                         rr->sr.run->last_line, &rr->excerpt_lines);
        if (report_series_load(&rr->sr, &rr->series) < 0)
            goto out;
    }
    *out = runs;
    *nout = n;
    runs = NULL;
    rc = 0;
out:
    if (runs) {
        for (size_t i = 0; i < n; i++)
            report_run_free(&runs[i]);
        free(runs);
    }
    buf_free(&raw);
    free(ids.ids);
    return rc;
}

/* --- grouping keys ------------------------------------------------------- */

static const char *const by_keys[] = {
    "series", "run", "label", "framework", "server", "stack", "language", "serializer", "event_loop",
    "scenario", "campaign", "tool", "host", NULL,
};

const char *report_by_names(void)
{
    return "series (the default: repeated runs of one configuration), run, label, framework, "
           "server, stack (framework + server), language, serializer, event_loop, scenario, "
           "campaign, tool, host, tag:KEY";
}

int report_by_check(const char *by)
{
    if (strncmp(by, "tag:", 4) == 0)
        return by[4] ? 0 : -1;
    for (size_t i = 0; by_keys[i]; i++)
        if (strcmp(by, by_keys[i]) == 0)
            return 0;
    return -1;
}

/* The series a run belongs to: the same definition as the series_key of
 * the `summary` view (schema/003_series.sql): campaign, label, stack,
 * scenario, server host, tool, connections (else VUs), threads, target
 * rate. The caller frees. */
static char *series_key(const struct report_run *rr)
{
    const struct stored_run *sr = &rr->sr;
    const struct run *r = sr->run;
    char *stack, *host, a[64], b[64], c[64];
    struct buf k = BUF_INIT;
    meta_stack_identity(&sr->meta.stack, &stack);
    meta_host_identity(&sr->meta.host, &host);
    buf_printf(&k, "%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s",
               sr->campaign ? sr->campaign : "", sr->label, stack,
               sr->scenario ? sr->scenario : "", host, r->tool,
               units_format(a, sizeof a, run_has(r->connections) ? r->connections : r->vus_max),
               units_format(b, sizeof b, r->threads), units_format(c, sizeof c, r->target_rate));
    free(stack);
    free(host);
    return buf_detach(&k, NULL);
}

/* The run's value of grouping key `by`, or NULL when it has none. The
 * caller frees. */
static char *by_value(const struct report_run *rr, const char *by)
{
    const struct meta *m = &rr->sr.meta;
    const char *v = NULL;
    if (strcmp(by, "label") == 0)
        v = rr->sr.label;
    else if (strcmp(by, "framework") == 0)
        v = m->stack.framework;
    else if (strcmp(by, "server") == 0)
        v = m->stack.server;
    else if (strcmp(by, "language") == 0)
        v = m->stack.language;
    else if (strcmp(by, "serializer") == 0)
        v = m->stack.serializer;
    else if (strcmp(by, "event_loop") == 0)
        v = m->stack.event_loop;
    else if (strcmp(by, "scenario") == 0)
        v = rr->sr.scenario;
    else if (strcmp(by, "campaign") == 0)
        v = rr->sr.campaign;
    else if (strcmp(by, "tool") == 0)
        v = rr->sr.run->tool;
    else if (strcmp(by, "host") == 0)
        v = m->host.name ? m->host.name : m->host.cpu_model;
    else if (strcmp(by, "series") == 0)
        return series_key(rr);
    else if (strcmp(by, "stack") == 0) {
        if (!m->stack.framework && !m->stack.server)
            return NULL;
        struct buf b = BUF_INIT;
        buf_adds(&b, m->stack.framework ? m->stack.framework : "?");
        if (m->stack.server) {
            buf_adds(&b, " + ");
            buf_adds(&b, m->stack.server);
        }
        return buf_detach(&b, NULL);
    } else if (strncmp(by, "tag:", 4) == 0) {
        for (size_t i = 0; i < m->ntags; i++)
            if (strcmp(m->tags[i].key, by + 4) == 0)
                v = m->tags[i].value;
    }
    return v ? xstrdup(v) : NULL;
}

/* --- building ------------------------------------------------------------ */

static int cmp_run_id(const void *a, const void *b)
{
    const struct report_run *x = a, *y = b;
    return x->sr.run_id < y->sr.run_id ? -1 : x->sr.run_id > y->sr.run_id;
}

/* Sort context for rows (qsort has none: a file-level pointer, set only
 * around the qsort call). */
static const struct report *sort_rep;

static int cmp_rows(const void *a, const void *b)
{
    const struct report_row *x = a, *y = b;
    const struct report *rep = sort_rep;
    int xr = !x->failed && run_has(x->value); /* will be ranked */
    int yr = !y->failed && run_has(y->value);
    int c = 0;
    switch (rep->opts.order) {
    case REPORT_ORDER_METRIC:
        /* Ranked rows first, best first; then failed ones; then those
         * without a value. */
        if (xr != yr)
            return xr ? -1 : 1;
        if (!xr && x->failed != y->failed)
            return x->failed ? -1 : 1;
        if (xr && x->value != y->value) {
            c = x->value < y->value ? -1 : 1;
            if (rep->opts.metric.higher_better)
                c = -c;
            return rep->opts.reverse ? -c : c;
        }
        break;
    case REPORT_ORDER_LABEL:
        c = strcasecmp(x->label, y->label);
        if (c)
            return rep->opts.reverse ? -c : c;
        break;
    case REPORT_ORDER_RUN:
        break;
    }
    /* Ties and REPORT_ORDER_RUN: the first run's id. */
    int64_t ix = rep->runs[x->runs[0]].sr.run_id, iy = rep->runs[y->runs[0]].sr.run_id;
    c = ix < iy ? -1 : ix > iy;
    return rep->opts.order == REPORT_ORDER_RUN && rep->opts.reverse ? -c : c;
}

/* Labels shown for runs: a label two runs share gets the scenario when
 * that tells them apart, else the run id. */
static void unique_labels(struct report *rep)
{
    for (size_t i = 0; i < rep->nruns; i++) {
        struct report_run *a = &rep->runs[i];
        size_t same = 0, same_scenario = 0;
        for (size_t k = 0; k < rep->nruns; k++) {
            const struct report_run *b = &rep->runs[k];
            if (k == i || strcmp(a->sr.label, b->sr.label) != 0)
                continue;
            same++;
            if (a->sr.scenario && b->sr.scenario && strcmp(a->sr.scenario, b->sr.scenario) == 0)
                same_scenario++;
        }
        struct buf b = BUF_INIT;
        buf_adds(&b, a->sr.label);
        if (same && a->sr.scenario && !same_scenario)
            buf_printf(&b, " (%s)", a->sr.scenario);
        else if (same)
            buf_printf(&b, " #%lld", (long long)a->sr.run_id);
        a->label = buf_detach(&b, NULL);
    }
}

/* Two series sharing a label are told apart by what differs between
 * them: the scenario, the connections, the tool, else the first run id. */
static void unique_row_labels(struct report *rep)
{
    for (size_t i = 0; i < rep->nrows; i++) {
        struct report_row *a = &rep->rows[i];
        const struct stored_run *ra = &rep->runs[a->runs[0]].sr;
        int same = 0, scen = 0, conn = 0, tool = 0;
        for (size_t k = 0; k < rep->nrows; k++) {
            const struct stored_run *rb = &rep->runs[rep->rows[k].runs[0]].sr;
            if (k == i || strcmp(ra->label, rb->label) != 0)
                continue;
            same = 1;
            scen |= (ra->scenario && rb->scenario && strcmp(ra->scenario, rb->scenario) != 0);
            conn |= ra->run->connections != rb->run->connections;
            tool |= strcmp(ra->run->tool, rb->run->tool) != 0;
        }
        if (!same)
            continue;
        struct buf b = BUF_INIT;
        char n[64];
        if (scen)
            buf_printf(&b, "%s (%s)", ra->label, ra->scenario);
        else if (conn && run_has(ra->run->connections))
            buf_printf(&b, "%s (%s conn.)", ra->label, units_format(n, sizeof n, ra->run->connections));
        else if (tool)
            buf_printf(&b, "%s (%s)", ra->label, ra->run->tool);
        else
            buf_printf(&b, "%s #%lld", ra->label, (long long)ra->run_id);
        free(a->label);
        a->label = buf_detach(&b, NULL);
    }
}

/* Index of s in the list, adding it when new. */
static int intern(char ***list, size_t *n, size_t *cap, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*list)[i], s) == 0)
            return (int)i;
    ARRAY_GROW(*list, *n, *cap);
    (*list)[*n] = xstrdup(s);
    return (int)(*n)++;
}

static void free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

static char *join_list(char **list, size_t n)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_adds(&b, ", ");
        buf_adds(&b, list[i]);
    }
    return buf_detach(&b, NULL);
}

/* The colour key of a run: its stack's identity. A run whose metadata
 * names no stack -- a row of a published table: metadata comes per file,
 * never per row (doc/formats/published.md) -- takes the stack of the runs
 * that share its label when they all have one and the same, so the table's
 * "necro" row gets the colour of the measured necro run; else its label.
 * The caller frees. */
static char *color_key(const struct report *rep, const struct report_run *rr)
{
    char *key = NULL;
    if (!meta_stack_empty(&rr->sr.meta.stack)) {
        meta_stack_identity(&rr->sr.meta.stack, &key);
        return key;
    }
    for (size_t i = 0; i < rep->nruns; i++) {
        const struct report_run *o = &rep->runs[i];
        if (o == rr || meta_stack_empty(&o->sr.meta.stack) || strcmp(o->sr.label, rr->sr.label) != 0)
            continue;
        char *k = NULL;
        meta_stack_identity(&o->sr.meta.stack, &k);
        if (key && strcmp(key, k) != 0) { /* two stacks share the label: neither */
            free(k);
            free(key);
            key = NULL;
            break;
        }
        free(key);
        key = k;
    }
    if (!key) {
        struct buf b = BUF_INIT;
        buf_printf(&b, "label:%s", rr->sr.label);
        key = buf_detach(&b, NULL);
    }
    return key;
}

/* Colours: one per distinct stack, in the order stacks first appear
 * among the runs by id, so a stack has the same colour in every chart. */
static void assign_colors(struct report *rep)
{
    char **keys = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < rep->nruns; i++) {
        struct report_run *rr = &rep->runs[i];
        char *key = color_key(rep, rr);
        rr->color = intern(&keys, &n, &cap, key);
        free(key);
    }
    rep->ncolors = (int)n;
    free_list(keys, n);
}

static void describe(struct report *rep)
{
    char **camps = NULL, **tools = NULL;
    size_t nc = 0, cc = 0, nt = 0, ct = 0;
    int64_t *ids = xcalloc(rep->nruns ? rep->nruns : 1, sizeof(int64_t));
    for (size_t i = 0; i < rep->nruns; i++) {
        const struct report_run *rr = &rep->runs[i];
        ids[i] = rr->sr.run_id;
        if (rr->sr.campaign)
            intern(&camps, &nc, &cc, rr->sr.campaign);
        struct buf b = BUF_INIT;
        buf_adds(&b, rr->sr.run->tool);
        if (rr->sr.run->tool_version)
            buf_printf(&b, " %s", rr->sr.run->tool_version);
        intern(&tools, &nt, &ct, buf_str(&b));
        buf_free(&b);
    }
    rep->run_ids = report_id_list(ids, rep->nruns);
    rep->campaigns = join_list(camps, nc);
    rep->tools = join_list(tools, nt);
    free(ids);
    free_list(camps, nc);
    free_list(tools, nt);
}

static double change(double v, double ref)
{
    if (!run_has(v) || !run_has(ref) || ref == 0)
        return RUN_NA;
    return (v - ref) / ref * 100;
}

/* Finds the baseline row: exact label, then the only case-insensitive
 * match, then the only row whose label starts with it. */
static long find_baseline(const struct report *rep, const char *want)
{
    long hit = -1;
    for (size_t i = 0; i < rep->nrows; i++)
        if (strcmp(rep->rows[i].label, want) == 0)
            return (long)i;
    for (int pass = 0; pass < 2; pass++) {
        hit = -1;
        int many = 0;
        for (size_t i = 0; i < rep->nrows; i++) {
            const char *l = rep->rows[i].label;
            int ok = pass == 0 ? strcasecmp(l, want) == 0 : strncasecmp(l, want, strlen(want)) == 0;
            if (ok) {
                many += hit >= 0;
                hit = (long)i;
            }
        }
        if (hit >= 0 && !many)
            return hit;
        if (many)
            return -2;
    }
    return -1;
}

static void make_rows(struct report *rep)
{
    char **keys = NULL;
    size_t nkeys = 0, capkeys = 0;
    int by_run = rep->by && strcmp(rep->by, "run") == 0;
    int by_series = !rep->by || strcmp(rep->by, "series") == 0;

    rep->rows = xcalloc(rep->nruns ? rep->nruns : 1, sizeof(struct report_row));
    for (size_t i = 0; i < rep->nruns; i++) {
        struct report_run *rr = &rep->runs[i];
        size_t ri;
        if (by_run) {
            ri = rep->nrows++;
            rep->rows[ri].label = xstrdup(rr->label);
            rep->rows[ri].color = rr->color;
        } else {
            char *v = by_value(rr, by_series ? "series" : rep->by);
            size_t before = nkeys;
            ri = (size_t)intern(&keys, &nkeys, &capkeys, v ? v : "(none)");
            if (nkeys > before) {
                rep->nrows++;
                /* A series is named by its runs' label, in its stack's colour. */
                rep->rows[ri].label = xstrdup(by_series ? rr->sr.label : keys[ri]);
                rep->rows[ri].color = by_series ? rr->color : (int)ri;
            }
            free(v);
        }
        struct report_row *row = &rep->rows[ri];
        row->runs = xrealloc(row->runs, (row->nruns + 1) * sizeof(size_t));
        row->runs[row->nruns++] = i;
    }
    if (!by_run && !by_series)
        rep->ncolors = (int)nkeys;
    free_list(keys, nkeys);
    if (by_series)
        unique_row_labels(rep);

    /* Values: the median of the runs that did not fail and printed it.
     * A failed run counts in nfailed, never in the value or failed_pct:
     * a group with one failed run of three is not "100% failed", it is
     * ranked on its other two and says "1 of 3 runs failed". */
    for (size_t r = 0; r < rep->nrows; r++) {
        struct report_row *row = &rep->rows[r];
        double *vals = xcalloc(row->nruns, sizeof(double));
        size_t nv = 0;
        row->nfailed = 0;
        for (size_t k = 0; k < row->nruns; k++)
            row->nfailed += rep->runs[row->runs[k]].failed;
        row->failed = row->nfailed == row->nruns;
        row->failed_pct = RUN_NA;
        for (size_t k = 0; k < row->nruns; k++) {
            const struct report_run *rr = &rep->runs[row->runs[k]];
            double fp = rr->sr.run->failed_pct;
            if (rr->failed && !row->failed)
                continue;
            if (run_has(fp) && (!run_has(row->failed_pct) || fp > row->failed_pct))
                row->failed_pct = fp;
            if (!rr->failed && run_has(rr->value))
                vals[nv++] = rr->value;
        }
        row->nvalues = nv;
        row->cv = RUN_NA;
        if (nv) {
            struct stats_summary st;
            stats_summarize(vals, nv, &st);
            row->value = st.median;
            row->lo = st.min;
            row->hi = st.max;
            row->cv = st.cv;
            row->noisy = run_has(st.cv) && st.cv > 0.05;
        } else if (row->failed) {
            /* Shown (marked failed), never ranked: the value as printed. */
            row->value = rep->runs[row->runs[0]].value;
            row->lo = row->hi = row->value;
        } else {
            row->value = row->lo = row->hi = RUN_NA;
        }
        row->vs_prev = row->vs_best = row->vs_base = RUN_NA;
        free(vals);
    }
}

int report_build(const struct report_opts *o, struct report_run *runs, size_t n,
                 struct report **out)
{
    struct report *rep = xcalloc(1, sizeof(*rep));
    rep->opts = *o;
    rep->by = o->by ? xstrdup(o->by) : NULL;
    rep->baseline = o->baseline ? xstrdup(o->baseline) : NULL;
    rep->opts.by = rep->by;
    rep->opts.baseline = rep->baseline;
    rep->runs = runs;
    rep->nruns = n;
    rep->best = rep->base = -1;
    *out = NULL;

    if (rep->by && report_by_check(rep->by) < 0) {
        error("--by %s: not a grouping key (keys: %s)", rep->by, report_by_names());
        report_free(rep);
        return -1;
    }
    qsort(rep->runs, rep->nruns, sizeof(struct report_run), cmp_run_id);
    for (size_t i = 0; i < rep->nruns; i++) {
        struct report_run *rr = &rep->runs[i];
        rr->failed = rr->sr.run->state == RUN_STATE_FAILED;
        rr->value = report_metric_value(&rep->opts.metric, &rr->sr);
    }
    unique_labels(rep);
    assign_colors(rep);
    describe(rep);
    make_rows(rep);
    {
        struct compat cw;
        struct stored_run **all = xcalloc(rep->nruns ? rep->nruns : 1, sizeof(*all));
        for (size_t i = 0; i < rep->nruns; i++)
            all[i] = &rep->runs[i].sr;
        compat_check_in(&cw, all, rep->nruns, o->phrases);
        free(all);
        rep->warnings = cw.msgs; /* taken */
        rep->nwarnings = cw.n;
    }

    sort_rep = rep;
    qsort(rep->rows, rep->nrows, sizeof(struct report_row), cmp_rows);
    sort_rep = NULL;

    /* Ranks and changes, over ranked rows only. */
    int rank = 0;
    long prev = -1;
    for (size_t r = 0; r < rep->nrows; r++) {
        struct report_row *row = &rep->rows[r];
        if (row->failed || !run_has(row->value))
            continue;
        row->rank = ++rank;
        int better = rep->best < 0 ||
                     (rep->opts.metric.higher_better ? row->value > rep->rows[rep->best].value
                                                     : row->value < rep->rows[rep->best].value);
        if (better)
            rep->best = (long)r;
        if (prev >= 0)
            row->vs_prev = change(row->value, rep->rows[prev].value);
        prev = (long)r;
    }
    if (rep->baseline) {
        rep->base = find_baseline(rep, rep->baseline);
        if (rep->base < 0) {
            struct buf names = BUF_INIT;
            for (size_t r = 0; r < rep->nrows; r++)
                buf_printf(&names, "%s\"%s\"", r ? ", " : "", rep->rows[r].label);
            error("--baseline %s: %s (rows: %s)", rep->baseline,
                  rep->base == -2 ? "matches several rows" : "no row has this label",
                  buf_str(&names));
            buf_free(&names);
            report_free(rep);
            return -1;
        }
    }
    for (size_t r = 0; r < rep->nrows; r++) {
        struct report_row *row = &rep->rows[r];
        if (!row->rank)
            continue;
        if (rep->best >= 0)
            row->vs_best = change(row->value, rep->rows[rep->best].value);
        if (rep->base >= 0 && rep->rows[rep->base].rank)
            row->vs_base = change(row->value, rep->rows[rep->base].value);
    }
    *out = rep;
    return 0;
}

void report_run_free(struct report_run *rr)
{
    stored_run_free(&rr->sr);
    free(rr->excerpt);
    free(rr->label);
    report_series_free(&rr->series);
}

void report_free(struct report *rep)
{
    if (!rep)
        return;
    for (size_t i = 0; i < rep->nruns; i++)
        report_run_free(&rep->runs[i]);
    free(rep->runs);
    for (size_t r = 0; r < rep->nrows; r++) {
        free(rep->rows[r].label);
        free(rep->rows[r].runs);
    }
    free(rep->rows);
    free(rep->by);
    free(rep->baseline);
    free(rep->run_ids);
    free(rep->campaigns);
    free(rep->tools);
    for (size_t i = 0; i < rep->nwarnings; i++)
        free(rep->warnings[i]);
    free(rep->warnings);
    free(rep);
}

/* --- questions charts ask ------------------------------------------------- */

int report_run_has_spectrum(const struct report_run *rr)
{
    const struct run *r = rr->sr.run;
    size_t n = 0;
    if (!r->latency_metric)
        return 0;
    for (size_t i = 0; i < r->npcts; i++)
        if (strcmp(r->pcts[i].metric, r->latency_metric) == 0 && run_has(r->pcts[i].value))
            n++;
    return n >= REPORT_SPECTRUM_MIN;
}

size_t report_bar_percentiles(const struct report *rep, double *out, size_t max)
{
    static const double wanted[] = {50, 75, 90, 95, 99, 99.9};
    size_t n = 0;
    for (size_t w = 0; w < sizeof wanted / sizeof wanted[0] && n < max; w++) {
        for (size_t i = 0; i < rep->nruns; i++) {
            const struct run *r = rep->runs[i].sr.run;
            double v = run_latency_pct(r, wanted[w]);
            if (wanted[w] == 50 && !run_has(v))
                v = r->lat_med;
            if (run_has(v)) {
                out[n++] = wanted[w];
                break;
            }
        }
    }
    return n;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

char *report_id_list(const int64_t *ids, size_t n)
{
    struct buf b = BUF_INIT;
    int64_t *s = xcalloc(n ? n : 1, sizeof(int64_t));
    if (n)
        memcpy(s, ids, n * sizeof(int64_t));
    qsort(s, n, sizeof(int64_t), cmp_id);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && s[j + 1] <= s[j] + 1)
            j++;
        buf_printf(&b, "%s%lld", b.len ? ", " : "", (long long)s[i]);
        if (s[j] != s[i])
            buf_printf(&b, "%s%lld", s[j] == s[i] + 1 ? ", " : "-", (long long)s[j]);
        i = j + 1;
    }
    free(s);
    if (!b.len)
        buf_adds(&b, "none");
    return buf_detach(&b, NULL);
}

/* --- dump ------------------------------------------------------------------ */

static void dump_num(FILE *fp, const char *key, double v)
{
    char tmp[64];
    if (run_has(v))
        fprintf(fp, " %s=%s", key, units_format(tmp, sizeof tmp, round(v * 1e6) / 1e6));
}

void report_dump(FILE *fp, const struct report *rep)
{
    static const char *const orders[] = {"metric", "run", "label"};
    fprintf(fp, "report metric=%s by=%s order=%s%s baseline=%s\n", rep->opts.metric.name,
            rep->by ? rep->by : "run", orders[rep->opts.order], rep->opts.reverse ? " reverse" : "",
            rep->baseline ? rep->baseline : "-");
    fprintf(fp, "runs %s\ncampaigns %s\ntools %s\ncolors %d\n", rep->run_ids, rep->campaigns,
            rep->tools, rep->ncolors);
    for (size_t i = 0; i < rep->nruns; i++) {
        const struct report_run *rr = &rep->runs[i];
        fprintf(fp, "run %lld \"%s\" color=%d%s", (long long)rr->sr.run_id, rr->label, rr->color,
                rr->failed ? " failed" : "");
        dump_num(fp, "value", rr->value);
        fprintf(fp, " spectrum=%d series=%zu excerpt=%d\n", report_run_has_spectrum(rr),
                rr->series.n, rr->excerpt_lines);
    }
    for (size_t r = 0; r < rep->nrows; r++) {
        const struct report_row *row = &rep->rows[r];
        fprintf(fp, "row %zu \"%s\" rank=%d color=%d runs=%zu", r + 1, row->label, row->rank,
                row->color, row->nruns);
        if (row->failed)
            fprintf(fp, " failed");
        else if (row->nfailed)
            fprintf(fp, " failed_runs=%zu/%zu", row->nfailed, row->nruns);
        dump_num(fp, "value", row->value);
        if (row->nruns > 1) {
            dump_num(fp, "lo", row->lo);
            dump_num(fp, "hi", row->hi);
        }
        dump_num(fp, "vs_prev", row->vs_prev);
        dump_num(fp, "vs_best", row->vs_best);
        dump_num(fp, "vs_base", row->vs_base);
        dump_num(fp, "failed_pct", row->failed_pct);
        fputc('\n', fp);
    }
}
