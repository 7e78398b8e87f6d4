/* run_json.c - one stored run as a JSON object: what `show --json` prints
 * and `export --json` writes, so both say the same thing the same way.
 * Numbers are written in their shortest exact form (units_format); a
 * figure the output did not print is null. Each kind of record is written
 * from a table of its fields, whose order is the order of the keys. */
#include "run_json.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "units.h"

static void jstr(cJSON *o, const char *k, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

static void jnum(cJSON *o, const char *k, double v)
{
    char tmp[64];
    if (isnan(v))
        cJSON_AddNullToObject(o, k);
    else
        cJSON_AddRawToObject(o, k, units_format(tmp, sizeof tmp, v));
}

/* How a field of a record is written under its key. */
enum jkind {
    J_STR,   /* char *: null when NULL */
    J_NUM,   /* double: null when NaN */
    J_BOOL,  /* int: a flag, true or false */
    J_I64,   /* int64_t */
    J_COUNT, /* int64_t: null when negative (not printed) */
    J_OPT,   /* int64_t: left out when negative */
};

struct jfield {
    const char *key;
    enum jkind kind;
    size_t off;
};

/* A field of struct `type` written as its type says, so that a table
 * cannot write a field as what it is not. */
#define JF(type, key, member)                                                             \
    {key,                                                                                 \
     _Generic(((type *)0)->member, char *: J_STR, const char *: J_STR, double: J_NUM,     \
              int: J_BOOL, int64_t: J_I64),                                               \
     offsetof(type, member)}
/* An int64_t that is negative where it was not printed, written as kind
 * says (J_COUNT or J_OPT). */
#define JF_COUNT(type, key, kind, member)                                                 \
    {key, _Generic(((type *)0)->member, int64_t: (kind)), offsetof(type, member)}

/* Writes rec's fields in the table's order. */
static void jfields(cJSON *o, const void *rec, const struct jfield *f, size_t n)
{
    for (const struct jfield *end = f + n; f < end; f++) {
        const void *p = (const char *)rec + f->off;
        int64_t i;
        switch (f->kind) {
        case J_STR:
            jstr(o, f->key, *(const char *const *)p);
            break;
        case J_NUM:
            jnum(o, f->key, *(const double *)p);
            break;
        case J_BOOL:
            cJSON_AddBoolToObject(o, f->key, *(const int *)p);
            break;
        case J_I64:
        case J_COUNT:
        case J_OPT:
            i = *(const int64_t *)p;
            if (f->kind == J_OPT && i < 0)
                break;
            jnum(o, f->key, f->kind == J_COUNT && i < 0 ? RUN_NA : (double)i);
            break;
        }
    }
}

#define JFIELDS(o, rec, fields) jfields((o), (rec), (fields), sizeof(fields) / sizeof(fields)[0])

/* An array under key of the n records at rows, size bytes each, one
 * object apiece. */
static void jrows(cJSON *o, const char *key, const void *rows, size_t n, size_t size,
                  const struct jfield *f, size_t nf)
{
    cJSON *a = cJSON_AddArrayToObject(o, key);
    for (size_t i = 0; i < n; i++) {
        cJSON *x = cJSON_CreateObject();
        jfields(x, (const char *)rows + i * size, f, nf);
        cJSON_AddItemToArray(a, x);
    }
}

#define JROWS(o, key, rows, n, fields)                                                    \
    jrows((o), (key), (rows), (n), sizeof *(rows), (fields), sizeof(fields) / sizeof(fields)[0])

static const struct jfield host_fields[] = {
    JF(struct meta_host, "name", name),
    JF(struct meta_host, "cpu_model", cpu_model),
    JF(struct meta_host, "vcpus", vcpus),
    JF(struct meta_host, "ram_mb", ram_mb),
    JF(struct meta_host, "virtualization", virtualization),
    JF(struct meta_host, "os", os),
    JF(struct meta_host, "kernel", kernel),
    JF(struct meta_host, "arch", arch),
};

static const struct jfield stack_fields[] = {
    JF(struct meta_stack, "language", language),
    JF(struct meta_stack, "language_version", language_version),
    JF(struct meta_stack, "framework", framework),
    JF(struct meta_stack, "framework_version", framework_version),
    JF(struct meta_stack, "server", server),
    JF(struct meta_stack, "server_version", server_version),
    JF(struct meta_stack, "workers", workers),
    JF(struct meta_stack, "event_loop", event_loop),
    JF(struct meta_stack, "serializer", serializer),
    JF(struct meta_stack, "proxy", proxy),
    JF(struct meta_stack, "database", database),
};

/* "tool", before its params. */
static const struct jfield tool_fields[] = {
    JF(struct run, "name", tool),
    JF(struct run, "format", format),
    JF(struct run, "version", tool_version),
    JF(struct run, "command", command),
    JF(struct run, "url", url),
    JF(struct run, "threads", threads),
    JF(struct run, "connections", connections),
    JF(struct run, "vus", vus),
    JF(struct run, "vus_max", vus_max),
    JF(struct run, "target_rate", target_rate),
};

/* "figures": the headline figures. */
static const struct jfield headline_fields[] = {
    JF(struct run, "requests", requests),
    JF(struct run, "rps", rps),
    JF(struct run, "duration_s", duration_s),
    JF(struct run, "latency_avg_ms", lat_avg),
    JF(struct run, "latency_min_ms", lat_min),
    JF(struct run, "latency_med_ms", lat_med),
    JF(struct run, "latency_max_ms", lat_max),
    JF(struct run, "latency_stdev_ms", lat_stdev),
    JF(struct run, "failed_requests", failed_requests),
    JF(struct run, "failed_pct", failed_pct),
    JF(struct run, "non2xx", non2xx),
    JF(struct run, "bytes_received", bytes_received),
    JF(struct run, "bytes_sent", bytes_sent),
    JF(struct run, "iterations", iterations),
    JF(struct run, "checks_passed", checks_passed),
    JF(struct run, "checks_failed", checks_failed),
    JF(struct run, "latency_metric", latency_metric),
};

/* "metrics" */
static const struct jfield figure_fields[] = {
    JF(struct run_figure, "metric", metric),
    JF(struct run_figure, "stat", stat),
    JF(struct run_figure, "value", value),
    JF(struct run_figure, "unit", unit),
    JF(struct run_figure, "printed", text),
};

static const struct jfield pct_fields[] = {
    JF(struct run_percentile, "metric", metric),
    JF(struct run_percentile, "percentile", percentile),
    JF(struct run_percentile, "value", value),
    JF(struct run_percentile, "unit", unit),
    JF(struct run_percentile, "printed", text),
    JF_COUNT(struct run_percentile, "total_count", J_OPT, count),
};

static const struct jfield threshold_fields[] = {
    JF(struct run_threshold, "metric", metric),
    JF(struct run_threshold, "expression", expr),
    JF(struct run_threshold, "ok", ok),
    JF(struct run_threshold, "observed", text),
};

static const struct jfield check_fields[] = {
    JF(struct run_check, "group", group),
    JF(struct run_check, "name", name),
    JF_COUNT(struct run_check, "passes", J_COUNT, passes),
    JF_COUNT(struct run_check, "fails", J_COUNT, fails),
};

static const struct jfield count_fields[] = {
    JF(struct run_count, "kind", kind),
    JF(struct run_count, "message", message),
    JF(struct run_count, "count", count),
};

static const struct jfield bucket_fields[] = {
    JF(struct run_bucket, "metric", metric),
    JF(struct run_bucket, "lower", lower),
    JF(struct run_bucket, "upper", upper),
    JF(struct run_bucket, "count", count),
};

/* "distributions": a histogram's figures, not its data. */
static const struct jfield hist_fields[] = {
    JF(struct run_histogram, "metric", metric),
    JF(struct run_histogram, "unit", unit),
    JF(struct run_histogram, "count", count),
    JF(struct run_histogram, "min", min),
    JF(struct run_histogram, "mean", mean),
    JF(struct run_histogram, "max", max),
};

/* "timeline" */
static const struct jfield second_fields[] = {
    JF(struct run_second, "second", second),
    JF(struct run_second, "requests", requests),
    JF(struct run_second, "failed", failed),
    JF(struct run_second, "p50_ms", p50),
    JF(struct run_second, "p90_ms", p90),
    JF(struct run_second, "p99_ms", p99),
    JF(struct run_second, "vus", vus),
};

static cJSON *jhost(const struct meta_host *h)
{
    if (meta_host_empty(h))
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    JFIELDS(o, h, host_fields);
    return o;
}

cJSON *run_json(const struct stored_run *sr)
{
    const struct run *r = sr->run;
    const struct meta *m = &sr->meta;
    cJSON *o = cJSON_CreateObject();
    jnum(o, "run_id", (double)sr->run_id);
    jstr(o, "label", sr->label);
    jstr(o, "campaign", sr->campaign);
    jstr(o, "scenario", sr->scenario);
    jstr(o, "notes", sr->notes);
    jstr(o, "state", r->state == RUN_STATE_FAILED       ? "failed"
                     : r->state == RUN_STATE_INCOMPLETE ? "incomplete"
                                                        : "ok");
    cJSON *src = cJSON_AddObjectToObject(o, "source");
    jstr(src, "file", sr->source_file);
    jstr(src, "sha256", sr->sha256);
    jnum(src, "size_bytes", (double)sr->source_size);
    cJSON_AddBoolToObject(src, "gzipped", sr->gzipped);
    cJSON_AddBoolToObject(src, "raw_kept", sr->has_raw);
    jnum(src, "seq", sr->seq);
    jnum(src, "first_line", r->first_line);
    jnum(src, "last_line", r->last_line);
    jstr(src, "imported_at", sr->imported_at);

    JFIELDS(cJSON_AddObjectToObject(o, "stack"), &m->stack, stack_fields);
    cJSON_AddItemToObject(o, "host", jhost(&m->host));
    cJSON_AddItemToObject(o, "load_host", jhost(&m->load_host));

    cJSON *tool = cJSON_AddObjectToObject(o, "tool");
    JFIELDS(tool, r, tool_fields);
    cJSON *params = cJSON_AddObjectToObject(tool, "params");
    for (size_t i = 0; i < r->nparams; i++)
        jstr(params, r->params[i].key, r->params[i].value);

    JFIELDS(cJSON_AddObjectToObject(o, "figures"), r, headline_fields);
    JROWS(o, "metrics", r->figures, r->nfigures, figure_fields);
    JROWS(o, "percentiles", r->pcts, r->npcts, pct_fields);
    JROWS(o, "thresholds", r->thresholds, r->nthresholds, threshold_fields);
    JROWS(o, "checks", r->checks, r->nchecks, check_fields);
    JROWS(o, "counts", r->counts, r->ncounts, count_fields);
    JROWS(o, "buckets", r->buckets, r->nbuckets, bucket_fields);
    JROWS(o, "distributions", r->hists, r->nhists, hist_fields);
    JROWS(o, "timeline", r->series, r->nseries, second_fields);
    cJSON *tags = cJSON_AddObjectToObject(o, "tags");
    for (size_t i = 0; i < m->ntags; i++)
        jstr(tags, m->tags[i].key, m->tags[i].value);

    return o;
}
