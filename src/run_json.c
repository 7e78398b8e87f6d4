/* run_json.c - one stored run as a JSON object: what `show --json` prints
 * and `export --json` writes, so both say the same thing the same way.
 * Numbers are written in their shortest exact form (units_format); a
 * figure the output did not print is null. */
#include "run_json.h"

#include <math.h>
#include <string.h>

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

static cJSON *jhost(const struct meta_host *h)
{
    if (meta_host_empty(h))
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    jstr(o, "name", h->name);
    jstr(o, "cpu_model", h->cpu_model);
    jnum(o, "vcpus", h->vcpus);
    jnum(o, "ram_mb", h->ram_mb);
    jstr(o, "virtualization", h->virtualization);
    jstr(o, "os", h->os);
    jstr(o, "kernel", h->kernel);
    jstr(o, "arch", h->arch);
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

    cJSON *stk = cJSON_AddObjectToObject(o, "stack");
    jstr(stk, "language", m->stack.language);
    jstr(stk, "language_version", m->stack.language_version);
    jstr(stk, "framework", m->stack.framework);
    jstr(stk, "framework_version", m->stack.framework_version);
    jstr(stk, "server", m->stack.server);
    jstr(stk, "server_version", m->stack.server_version);
    jnum(stk, "workers", m->stack.workers);
    jstr(stk, "event_loop", m->stack.event_loop);
    jstr(stk, "serializer", m->stack.serializer);
    jstr(stk, "proxy", m->stack.proxy);
    jstr(stk, "database", m->stack.database);
    cJSON_AddItemToObject(o, "host", jhost(&m->host));
    cJSON_AddItemToObject(o, "load_host", jhost(&m->load_host));

    cJSON *tool = cJSON_AddObjectToObject(o, "tool");
    jstr(tool, "name", r->tool);
    jstr(tool, "format", r->format);
    jstr(tool, "version", r->tool_version);
    jstr(tool, "command", r->command);
    jstr(tool, "url", r->url);
    jnum(tool, "threads", r->threads);
    jnum(tool, "connections", r->connections);
    jnum(tool, "vus", r->vus);
    jnum(tool, "vus_max", r->vus_max);
    jnum(tool, "target_rate", r->target_rate);
    cJSON *params = cJSON_AddObjectToObject(tool, "params");
    for (size_t i = 0; i < r->nparams; i++)
        jstr(params, r->params[i].key, r->params[i].value);

    cJSON *h = cJSON_AddObjectToObject(o, "figures");
    jnum(h, "requests", r->requests);
    jnum(h, "rps", r->rps);
    jnum(h, "duration_s", r->duration_s);
    jnum(h, "latency_avg_ms", r->lat_avg);
    jnum(h, "latency_min_ms", r->lat_min);
    jnum(h, "latency_med_ms", r->lat_med);
    jnum(h, "latency_max_ms", r->lat_max);
    jnum(h, "latency_stdev_ms", r->lat_stdev);
    jnum(h, "failed_requests", r->failed_requests);
    jnum(h, "failed_pct", r->failed_pct);
    jnum(h, "non2xx", r->non2xx);
    jnum(h, "bytes_received", r->bytes_received);
    jnum(h, "bytes_sent", r->bytes_sent);
    jnum(h, "iterations", r->iterations);
    jnum(h, "checks_passed", r->checks_passed);
    jnum(h, "checks_failed", r->checks_failed);
    jstr(h, "latency_metric", r->latency_metric);

    cJSON *figs = cJSON_AddArrayToObject(o, "metrics");
    for (size_t i = 0; i < r->nfigures; i++) {
        cJSON *f = cJSON_CreateObject();
        jstr(f, "metric", r->figures[i].metric);
        jstr(f, "stat", r->figures[i].stat);
        jnum(f, "value", r->figures[i].value);
        jstr(f, "unit", r->figures[i].unit);
        jstr(f, "printed", r->figures[i].text);
        cJSON_AddItemToArray(figs, f);
    }
    cJSON *pcts = cJSON_AddArrayToObject(o, "percentiles");
    for (size_t i = 0; i < r->npcts; i++) {
        cJSON *f = cJSON_CreateObject();
        jstr(f, "metric", r->pcts[i].metric);
        jnum(f, "percentile", r->pcts[i].percentile);
        jnum(f, "value", r->pcts[i].value);
        jstr(f, "unit", r->pcts[i].unit);
        jstr(f, "printed", r->pcts[i].text);
        if (r->pcts[i].count >= 0)
            jnum(f, "total_count", (double)r->pcts[i].count);
        cJSON_AddItemToArray(pcts, f);
    }
    cJSON *ths = cJSON_AddArrayToObject(o, "thresholds");
    for (size_t i = 0; i < r->nthresholds; i++) {
        cJSON *f = cJSON_CreateObject();
        jstr(f, "metric", r->thresholds[i].metric);
        jstr(f, "expression", r->thresholds[i].expr);
        cJSON_AddBoolToObject(f, "ok", r->thresholds[i].ok);
        jstr(f, "observed", r->thresholds[i].text);
        cJSON_AddItemToArray(ths, f);
    }
    cJSON *chs = cJSON_AddArrayToObject(o, "checks");
    for (size_t i = 0; i < r->nchecks; i++) {
        cJSON *f = cJSON_CreateObject();
        jstr(f, "group", r->checks[i].group);
        jstr(f, "name", r->checks[i].name);
        jnum(f, "passes", r->checks[i].passes < 0 ? RUN_NA : (double)r->checks[i].passes);
        jnum(f, "fails", r->checks[i].fails < 0 ? RUN_NA : (double)r->checks[i].fails);
        cJSON_AddItemToArray(chs, f);
    }
    cJSON *cnts = cJSON_AddArrayToObject(o, "counts");
    for (size_t i = 0; i < r->ncounts; i++) {
        cJSON *f = cJSON_CreateObject();
        jstr(f, "kind", r->counts[i].kind);
        jstr(f, "message", r->counts[i].message);
        jnum(f, "count", r->counts[i].count);
        cJSON_AddItemToArray(cnts, f);
    }
    cJSON *bks = cJSON_AddArrayToObject(o, "buckets");
    for (size_t i = 0; i < r->nbuckets; i++) {
        cJSON *f = cJSON_CreateObject();
        jstr(f, "metric", r->buckets[i].metric);
        jnum(f, "lower", r->buckets[i].lower);
        jnum(f, "upper", r->buckets[i].upper);
        jnum(f, "count", r->buckets[i].count);
        cJSON_AddItemToArray(bks, f);
    }
    cJSON *hists = cJSON_AddArrayToObject(o, "distributions");
    for (size_t i = 0; i < r->nhists; i++) {
        cJSON *f = cJSON_CreateObject();
        jstr(f, "metric", r->hists[i].metric);
        jstr(f, "unit", r->hists[i].unit);
        jnum(f, "count", r->hists[i].count);
        jnum(f, "min", r->hists[i].min);
        jnum(f, "mean", r->hists[i].mean);
        jnum(f, "max", r->hists[i].max);
        cJSON_AddItemToArray(hists, f);
    }
    cJSON *secs = cJSON_AddArrayToObject(o, "timeline");
    for (size_t i = 0; i < r->nseries; i++) {
        const struct run_second *t = &r->series[i];
        cJSON *f = cJSON_CreateObject();
        jnum(f, "second", (double)t->second);
        jnum(f, "requests", t->requests);
        jnum(f, "failed", t->failed);
        jnum(f, "p50_ms", t->p50);
        jnum(f, "p90_ms", t->p90);
        jnum(f, "p99_ms", t->p99);
        jnum(f, "vus", t->vus);
        cJSON_AddItemToArray(secs, f);
    }
    cJSON *tags = cJSON_AddObjectToObject(o, "tags");
    for (size_t i = 0; i < m->ntags; i++)
        jstr(tags, m->tags[i].key, m->tags[i].value);

    return o;
}

