/* run.c - the run model: construction, lookup, canonical dump. */
#include "run.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "units.h"

struct run *run_new(const char *tool, const char *format)
{
    struct run *r = xcalloc(1, sizeof(*r));
    r->tool = tool ? xstrdup(tool) : NULL;
    r->format = format ? xstrdup(format) : NULL;
    double *heads[] = {
        &r->requests, &r->rps, &r->duration_s, &r->lat_avg, &r->lat_min,
        &r->lat_med, &r->lat_max, &r->lat_stdev, &r->failed_requests,
        &r->failed_pct, &r->bytes_received, &r->bytes_sent, &r->iterations,
        &r->vus, &r->vus_max, &r->threads, &r->connections, &r->target_rate, &r->non2xx,
        &r->checks_passed, &r->checks_failed,
    };
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
        *heads[i] = RUN_NA;
    return r;
}

void run_free(struct run *r)
{
    if (!r)
        return;
    free(r->tool);
    free(r->format);
    free(r->tool_version);
    free(r->command);
    free(r->url);
    free(r->label);
    free(r->latency_metric);
    free(r->conflict);
    for (size_t i = 0; i < r->nfigures; i++) {
        free(r->figures[i].metric);
        free(r->figures[i].stat);
        free(r->figures[i].text);
    }
    free(r->figures);
    for (size_t i = 0; i < r->npcts; i++) {
        free(r->pcts[i].metric);
        free(r->pcts[i].text);
    }
    free(r->pcts);
    for (size_t i = 0; i < r->nthresholds; i++) {
        free(r->thresholds[i].metric);
        free(r->thresholds[i].expr);
        free(r->thresholds[i].text);
    }
    free(r->thresholds);
    for (size_t i = 0; i < r->nchecks; i++) {
        free(r->checks[i].name);
        free(r->checks[i].group);
    }
    free(r->checks);
    for (size_t i = 0; i < r->ncounts; i++) {
        free(r->counts[i].kind);
        free(r->counts[i].message);
    }
    free(r->counts);
    for (size_t i = 0; i < r->nparams; i++) {
        free(r->params[i].key);
        free(r->params[i].value);
    }
    free(r->params);
    for (size_t i = 0; i < r->nbuckets; i++)
        free(r->buckets[i].metric);
    free(r->buckets);
    for (size_t i = 0; i < r->nhists; i++) {
        free(r->hists[i].metric);
        free(r->hists[i].encoding);
        free(r->hists[i].data);
    }
    free(r->hists);
    free(r->series);
    free(r);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void run_set(char **field, const char *value)
{
    char *old = *field;
    *field = dup_or_null(value);
    free(old);
}

void run_setn(char **field, const char *value, size_t n)
{
    char *old = *field;
    *field = xstrndup(value, n);
    free(old);
}

void run_add_figure(struct run *r, const char *metric, const char *stat,
                    double value, const char *unit, const char *text)
{
    /* A figure printed twice (a duplicated section) is one figure when
     * both say the same; when they disagree, the run records the conflict
     * and keeps the first, and parse_check refuses it. */
    for (size_t i = 0; i < r->nfigures; i++) {
        struct run_figure *f = &r->figures[i];
        if (f->stat[0] == stat[0] && strcmp(f->stat, stat) == 0 && strcmp(f->metric, metric) == 0) {
            int same = (isnan(f->value) && isnan(value)) || f->value == value;
            if (!same && !r->conflict) {
                char a[64], b[64];
                struct buf m = BUF_INIT;
                buf_printf(&m, "%s %s is printed twice with different values (%s, then %s)",
                           metric, stat, f->text ? f->text : units_format(a, sizeof a, f->value),
                           text ? text : units_format(b, sizeof b, value));
                r->conflict = buf_detach(&m, NULL);
            }
            return;
        }
    }
    ARRAY_GROW(r->figures, r->nfigures, r->capfigures);
    struct run_figure *f = &r->figures[r->nfigures++];
    f->metric = xstrdup(metric);
    f->stat = xstrdup(stat);
    f->value = value;
    f->unit = unit;
    f->text = dup_or_null(text);
}

void run_add_percentile(struct run *r, const char *metric, double pct,
                        double value, const char *unit, const char *text, int64_t count)
{
    for (size_t i = 0; i < r->npcts; i++) {
        struct run_percentile *p = &r->pcts[i];
        if (p->percentile == pct && strcmp(p->metric, metric) == 0) {
            p->value = value;
            p->unit = unit;
            p->count = count;
            run_set(&p->text, text);
            return;
        }
    }
    ARRAY_GROW(r->pcts, r->npcts, r->cappcts);
    struct run_percentile *p = &r->pcts[r->npcts++];
    p->metric = xstrdup(metric);
    p->percentile = pct;
    p->value = value;
    p->unit = unit;
    p->text = dup_or_null(text);
    p->count = count;
}

void run_add_threshold(struct run *r, const char *metric, const char *expr, int ok,
                       const char *text)
{
    ARRAY_GROW(r->thresholds, r->nthresholds, r->capthresholds);
    struct run_threshold *t = &r->thresholds[r->nthresholds++];
    t->metric = xstrdup(metric);
    t->expr = dup_or_null(expr);
    t->ok = ok;
    t->text = dup_or_null(text);
}

void run_add_check(struct run *r, const char *name, const char *group,
                   int64_t passes, int64_t fails)
{
    ARRAY_GROW(r->checks, r->nchecks, r->capchecks);
    struct run_check *c = &r->checks[r->nchecks++];
    c->name = xstrdup(name);
    c->group = xstrdup(group ? group : "");
    c->passes = passes;
    c->fails = fails;
}

void run_add_count(struct run *r, const char *kind, const char *message, double count)
{
    ARRAY_GROW(r->counts, r->ncounts, r->capcounts);
    struct run_count *c = &r->counts[r->ncounts++];
    c->kind = dup_or_null(kind);
    c->message = dup_or_null(message);
    c->count = count;
}

void run_add_param(struct run *r, const char *key, const char *value)
{
    for (size_t i = 0; i < r->nparams; i++) {
        if (strcmp(r->params[i].key, key) == 0) {
            run_set(&r->params[i].value, value);
            return;
        }
    }
    ARRAY_GROW(r->params, r->nparams, r->capparams);
    struct run_param *p = &r->params[r->nparams++];
    p->key = xstrdup(key);
    p->value = xstrdup(value ? value : "");
}

void run_add_bucket(struct run *r, const char *metric, double lower, double upper, double count)
{
    ARRAY_GROW(r->buckets, r->nbuckets, r->capbuckets);
    struct run_bucket *b = &r->buckets[r->nbuckets++];
    b->metric = xstrdup(metric);
    b->lower = lower;
    b->upper = upper;
    b->count = count;
}

void run_add_histogram(struct run *r, const char *metric, const char *unit, double count,
                       double min, double max, double mean, const char *encoding,
                       const void *data, size_t len)
{
    struct run_histogram *h = NULL;
    for (size_t i = 0; i < r->nhists && !h; i++)
        if (strcmp(r->hists[i].metric, metric) == 0)
            h = &r->hists[i];
    if (h) {
        free(h->encoding);
        free(h->data);
    } else {
        ARRAY_GROW(r->hists, r->nhists, r->caphists);
        h = &r->hists[r->nhists++];
        h->metric = xstrdup(metric);
    }
    h->unit = unit;
    h->count = count;
    h->min = min;
    h->max = max;
    h->mean = mean;
    h->encoding = xstrdup(encoding);
    h->data = xmalloc(len ? len : 1);
    if (len)
        memcpy(h->data, data, len);
    h->len = len;
}

void run_add_second(struct run *r, const struct run_second *s)
{
    ARRAY_GROW(r->series, r->nseries, r->capseries);
    r->series[r->nseries++] = *s;
}

const struct run_histogram *run_histogram_get(const struct run *r, const char *metric)
{
    for (size_t i = 0; i < r->nhists; i++)
        if (strcmp(r->hists[i].metric, metric) == 0)
            return &r->hists[i];
    return NULL;
}

const struct run_figure *run_figure_get(const struct run *r, const char *metric, const char *stat)
{
    for (size_t i = 0; i < r->nfigures; i++)
        if (strcmp(r->figures[i].metric, metric) == 0 && strcmp(r->figures[i].stat, stat) == 0)
            return &r->figures[i];
    return NULL;
}

double run_percentile_get(const struct run *r, const char *metric, double pct)
{
    for (size_t i = 0; i < r->npcts; i++)
        if (r->pcts[i].percentile == pct && strcmp(r->pcts[i].metric, metric) == 0)
            return r->pcts[i].value;
    return RUN_NA;
}

const char *run_param_get(const struct run *r, const char *key)
{
    for (size_t i = 0; i < r->nparams; i++)
        if (strcmp(r->params[i].key, key) == 0)
            return r->params[i].value;
    return NULL;
}

double run_latency_pct(const struct run *r, double pct)
{
    if (!r->latency_metric)
        return RUN_NA;
    return run_percentile_get(r, r->latency_metric, pct);
}

/* --- canonical dump ---------------------------------------------------- */

static void put_num(FILE *fp, const char *key, double v)
{
    char tmp[64];
    if (!run_has(v))
        return; /* absent figures are not listed: NULL is "not printed" */
    fprintf(fp, "%s = %s\n", key, units_format(tmp, sizeof tmp, v));
}

static void put_str(FILE *fp, const char *key, const char *s)
{
    if (s)
        fprintf(fp, "%s = %s\n", key, s);
}

static const char *state_name(enum run_state s)
{
    switch (s) {
    case RUN_STATE_OK: return "ok";
    case RUN_STATE_FAILED: return "failed";
    case RUN_STATE_INCOMPLETE: return "incomplete";
    }
    return "?";
}

void run_dump(FILE *fp, const struct run *r)
{
    char a[64], b[64], c[64];

    put_str(fp, "tool", r->tool);
    put_str(fp, "format", r->format);
    put_str(fp, "tool_version", r->tool_version);
    put_str(fp, "command", r->command);
    put_str(fp, "url", r->url);
    put_str(fp, "label", r->label);
    fprintf(fp, "lines = %d-%d\n", r->first_line, r->last_line);
    fprintf(fp, "state = %s\n", state_name(r->state));
    if (r->published)
        fprintf(fp, "published = 1\n");
    put_num(fp, "requests", r->requests);
    put_num(fp, "rps", r->rps);
    put_num(fp, "duration_s", r->duration_s);
    put_num(fp, "latency_avg_ms", r->lat_avg);
    put_num(fp, "latency_min_ms", r->lat_min);
    put_num(fp, "latency_med_ms", r->lat_med);
    put_num(fp, "latency_max_ms", r->lat_max);
    put_num(fp, "latency_stdev_ms", r->lat_stdev);
    put_num(fp, "failed_requests", r->failed_requests);
    put_num(fp, "failed_pct", r->failed_pct);
    put_num(fp, "bytes_received", r->bytes_received);
    put_num(fp, "bytes_sent", r->bytes_sent);
    put_num(fp, "iterations", r->iterations);
    put_num(fp, "vus", r->vus);
    put_num(fp, "vus_max", r->vus_max);
    put_num(fp, "threads", r->threads);
    put_num(fp, "connections", r->connections);
    put_num(fp, "target_rate", r->target_rate);
    put_num(fp, "non2xx", r->non2xx);
    put_num(fp, "checks_passed", r->checks_passed);
    put_num(fp, "checks_failed", r->checks_failed);
    put_str(fp, "latency_metric", r->latency_metric);
    for (size_t i = 0; i < r->nparams; i++)
        fprintf(fp, "param %s = %s\n", r->params[i].key, r->params[i].value);
    for (size_t i = 0; i < r->nfigures; i++) {
        const struct run_figure *f = &r->figures[i];
        fprintf(fp, "figure %s %s = %s%s%s [%s]\n", f->metric, f->stat,
                units_format(a, sizeof a, f->value), *f->unit ? " " : "", f->unit,
                f->text ? f->text : "");
    }
    for (size_t i = 0; i < r->npcts; i++) {
        const struct run_percentile *p = &r->pcts[i];
        fprintf(fp, "percentile %s %s = %s%s%s [%s]", p->metric,
                units_format(a, sizeof a, p->percentile),
                units_format(b, sizeof b, p->value), *p->unit ? " " : "", p->unit,
                p->text ? p->text : "");
        if (p->count >= 0)
            fprintf(fp, " count=%lld", (long long)p->count);
        fputc('\n', fp);
    }
    for (size_t i = 0; i < r->nthresholds; i++) {
        const struct run_threshold *t = &r->thresholds[i];
        fprintf(fp, "threshold %s %s = %s", t->metric, t->expr ? t->expr : "-",
                t->ok ? "pass" : "fail");
        if (t->text)
            fprintf(fp, " [%s]", t->text);
        fputc('\n', fp);
    }
    for (size_t i = 0; i < r->nchecks; i++) {
        const struct run_check *k = &r->checks[i];
        fprintf(fp, "check %s%s%s = passes %lld fails %lld\n", k->group,
                *k->group ? " :: " : "", k->name, (long long)k->passes, (long long)k->fails);
    }
    for (size_t i = 0; i < r->ncounts; i++) {
        const struct run_count *k = &r->counts[i];
        fprintf(fp, "count %s | %s = %s\n", k->kind ? k->kind : "-",
                k->message ? k->message : "-", units_format(a, sizeof a, k->count));
    }
    for (size_t i = 0; i < r->nbuckets; i++) {
        const struct run_bucket *k = &r->buckets[i];
        fprintf(fp, "bucket %s %s..%s = %s\n", k->metric, units_format(a, sizeof a, k->lower),
                units_format(b, sizeof b, k->upper), units_format(c, sizeof c, k->count));
    }
    for (size_t i = 0; i < r->nhists; i++) {
        const struct run_histogram *h = &r->hists[i];
        char d[64];
        fprintf(fp, "histogram %s = count %s min %s max %s mean %s%s%s [%s, %zu bytes]\n",
                h->metric, units_format(a, sizeof a, h->count), units_format(b, sizeof b, h->min),
                units_format(c, sizeof c, h->max), units_format(d, sizeof d, h->mean),
                *h->unit ? " " : "", h->unit, h->encoding, h->len);
    }
    for (size_t i = 0; i < r->nseries; i++) {
        const struct run_second *s = &r->series[i];
        const double v[] = {s->requests, s->failed, s->p50, s->p90, s->p99, s->vus};
        static const char *const names[] = {"requests", "failed", "p50", "p90", "p99", "vus"};
        fprintf(fp, "second %lld =", (long long)s->second);
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
            fprintf(fp, " %s %s", names[k], run_has(v[k]) ? units_format(a, sizeof a, v[k]) : "-");
        fputc('\n', fp);
    }
}
