/* cmd_show.c - `benchdb show ID`: every figure and all metadata of a run,
 * as text or JSON, or (--raw) the stored output byte for byte. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "store.h"
#include "units.h"
#include "utf8.h"

const char cmd_show_usage[] =
    "usage: benchdb show [--json | --raw] ID\n"
    "\n"
    "Prints everything stored about run ID: metadata (campaign, scenario,\n"
    "stack, server and load hosts, load tool, tags), its source (file, SHA-256,\n"
    "lines), the headline figures, and every figure, percentile, threshold,\n"
    "check and count the output printed, in documented units (ms, bytes, /s).\n"
    "\n"
    "Options:\n"
    "  --json   the same as one JSON object\n"
    "  --raw    the stored output file, byte for byte\n";

/* --- text --------------------------------------------------------------- */

static void kv(const char *key, const char *value)
{
    if (!value)
        return;
    struct buf b = BUF_INIT;
    buf_adds(&b, "  ");
    utf8_pad(&b, key, 18, 0);
    buf_adds(&b, value);
    puts(buf_str(&b));
    buf_free(&b);
}

static void kvnum(const char *key, double v, const char *unit)
{
    char tmp[64], line[96];
    if (isnan(v))
        return;
    snprintf(line, sizeof line, "%s%s%s", units_format(tmp, sizeof tmp, v), unit ? " " : "",
             unit ? unit : "");
    kv(key, line);
}

static void show_host(const char *title, const struct meta_host *h)
{
    if (meta_host_empty(h))
        return;
    printf("%s\n", title);
    kv("name", h->name);
    kv("cpu", h->cpu_model);
    kvnum("vcpus", h->vcpus, NULL);
    kvnum("ram", h->ram_mb, "MiB");
    kv("virtualization", h->virtualization);
    kv("os", h->os);
    kv("kernel", h->kernel);
    kv("arch", h->arch);
}

static void show_text(const struct stored_run *sr)
{
    const struct run *r = sr->run;
    const struct meta *m = &sr->meta;
    char tmp[64], a[64], lines[64];

    printf("run %lld\n", (long long)sr->run_id);
    kv("label", sr->label);
    kv("campaign", sr->campaign);
    kv("scenario", sr->scenario);
    kv("state", r->state == RUN_STATE_FAILED       ? "failed (every request failed)"
                : r->state == RUN_STATE_INCOMPLETE ? "incomplete (cut-short output)"
                                                   : "ok");
    kv("notes", sr->notes);
    printf("source\n");
    kv("file", sr->source_file);
    snprintf(lines, sizeof lines, "%d-%d (run %d of the file)", r->first_line, r->last_line, sr->seq);
    kv("lines", lines);
    kv("format", r->format);
    kv("sha256", sr->sha256);
    kvnum("size", (double)sr->source_size, "B");
    if (sr->gzipped)
        kv("gzipped", "yes");
    if (!sr->has_raw)
        kv("raw", "not kept (raw point data)");
    kv("imported", sr->imported_at);
    if (!meta_stack_empty(&m->stack)) {
        printf("stack\n");
        kv("language", m->stack.language);
        kv("language version", m->stack.language_version);
        kv("framework", m->stack.framework);
        kv("framework version", m->stack.framework_version);
        kv("server", m->stack.server);
        kv("server version", m->stack.server_version);
        kvnum("workers", m->stack.workers, NULL);
        kv("event loop", m->stack.event_loop);
        kv("serializer", m->stack.serializer);
        kv("proxy", m->stack.proxy);
        kv("database", m->stack.database);
    }
    show_host("server host", &m->host);
    show_host("load host", &m->load_host);
    printf("load tool\n");
    kv("tool", r->tool);
    kv("version", r->tool_version);
    kv("command", r->command);
    kv("url", r->url);
    kvnum("threads", r->threads, NULL);
    kvnum("connections", r->connections, NULL);
    kvnum("vus", r->vus, NULL);
    kvnum("vus max", r->vus_max, NULL);
    kvnum("target rate", r->target_rate, "/s");
    for (size_t i = 0; i < r->nparams; i++)
        kv(r->params[i].key, r->params[i].value);
    printf("figures\n");
    kvnum("requests", r->requests, NULL);
    kvnum("requests/s", r->rps, NULL);
    kvnum("duration", r->duration_s, "s");
    kvnum("latency avg", r->lat_avg, "ms");
    kvnum("latency min", r->lat_min, "ms");
    kvnum("latency med", r->lat_med, "ms");
    kvnum("latency max", r->lat_max, "ms");
    kvnum("latency stdev", r->lat_stdev, "ms");
    for (size_t i = 0; i < r->npcts; i++) {
        const struct run_percentile *p = &r->pcts[i];
        if (!r->latency_metric || strcmp(p->metric, r->latency_metric) != 0)
            continue;
        snprintf(tmp, sizeof tmp, "latency p%s", units_format(a, sizeof a, p->percentile));
        kvnum(tmp, p->value, p->unit);
    }
    kvnum("failed requests", r->failed_requests, NULL);
    kvnum("failed", r->failed_pct, "%");
    kvnum("non-2xx/3xx", r->non2xx, NULL);
    kvnum("bytes received", r->bytes_received, "B");
    kvnum("bytes sent", r->bytes_sent, "B");
    kvnum("iterations", r->iterations, NULL);
    kvnum("checks passed", r->checks_passed, NULL);
    kvnum("checks failed", r->checks_failed, NULL);

    if (r->nfigures) {
        printf("every figure printed (metric, stat, value, as printed)\n");
        for (size_t i = 0; i < r->nfigures; i++) {
            const struct run_figure *f = &r->figures[i];
            struct buf b = BUF_INIT;
            buf_adds(&b, "  ");
            utf8_pad(&b, f->metric, 44, 0);
            buf_addc(&b, ' ');
            utf8_pad(&b, f->stat, 8, 0);
            buf_printf(&b, " %s%s%s", units_format(tmp, sizeof tmp, f->value), *f->unit ? " " : "",
                       f->unit);
            if (f->text)
                buf_printf(&b, "  (%s)", f->text);
            puts(buf_str(&b));
            buf_free(&b);
        }
    }
    if (r->npcts) {
        printf("percentiles (metric, percentile, value, as printed)\n");
        for (size_t i = 0; i < r->npcts; i++) {
            const struct run_percentile *p = &r->pcts[i];
            struct buf b = BUF_INIT;
            buf_adds(&b, "  ");
            utf8_pad(&b, p->metric, 44, 0);
            buf_printf(&b, " p%-8s %s%s%s", units_format(a, sizeof a, p->percentile),
                       units_format(tmp, sizeof tmp, p->value), *p->unit ? " " : "", p->unit);
            if (p->text)
                buf_printf(&b, "  (%s)", p->text);
            if (p->count >= 0)
                buf_printf(&b, "  count %lld", (long long)p->count);
            puts(buf_str(&b));
            buf_free(&b);
        }
    }
    if (r->nthresholds) {
        printf("thresholds\n");
        for (size_t i = 0; i < r->nthresholds; i++) {
            const struct run_threshold *t = &r->thresholds[i];
            printf("  %s %s %s%s%s\n", t->ok ? "pass" : "FAIL", t->metric, t->expr ? t->expr : "",
                   t->text ? "  " : "", t->text ? t->text : "");
        }
    }
    if (r->nchecks) {
        printf("checks\n");
        for (size_t i = 0; i < r->nchecks; i++) {
            const struct run_check *k = &r->checks[i];
            char ps[32], fs[32];
            snprintf(ps, sizeof ps, k->passes < 0 ? "-" : "%lld", (long long)k->passes);
            snprintf(fs, sizeof fs, k->fails < 0 ? "-" : "%lld", (long long)k->fails);
            printf("  %s%s%s  passes %s fails %s\n", k->group, *k->group ? " :: " : "", k->name,
                   ps, fs);
        }
    }
    if (r->ncounts) {
        printf("counts (kind, message, count)\n");
        for (size_t i = 0; i < r->ncounts; i++) {
            const struct run_count *k = &r->counts[i];
            printf("  %s  %s  %s\n", k->kind ? k->kind : "-", k->message ? k->message : "-",
                   units_format(tmp, sizeof tmp, k->count));
        }
    }
    if (r->nbuckets) {
        printf("histogram (metric, lower, upper, count)\n");
        for (size_t i = 0; i < r->nbuckets; i++) {
            const struct run_bucket *k = &r->buckets[i];
            char c[64];
            printf("  %s  %s  %s  %s\n", k->metric, units_format(a, sizeof a, k->lower),
                   units_format(tmp, sizeof tmp, k->upper), units_format(c, sizeof c, k->count));
        }
    }
    if (m->ntags) {
        printf("tags\n");
        for (size_t i = 0; i < m->ntags; i++)
            kv(m->tags[i].key, m->tags[i].value);
    }
}

/* --- JSON ------------------------------------------------------------------ */

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

static void show_json(const struct stored_run *sr)
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
    cJSON *tags = cJSON_AddObjectToObject(o, "tags");
    for (size_t i = 0; i < m->ntags; i++)
        jstr(tags, m->tags[i].key, m->tags[i].value);

    char *s = cJSON_Print(o);
    puts(s);
    cJSON_free(s);
    cJSON_Delete(o);
}

int cmd_show(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("show");
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'},
        {"raw", no_argument, NULL, 'r'},
        {NULL, 0, NULL, 0},
    };
    int json = 0, raw = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        if (c == 'j')
            json = 1;
        else if (c == 'r')
            raw = 1;
        else
            return cmd_usage_error(self, "show: unknown option '%s'", argv[optind - 1]);
    }
    if (json && raw)
        return cmd_usage_error(self, "show: --json and --raw do not mix");
    if (optind + 1 != argc)
        return cmd_usage_error(self, "show: expected one run ID");
    char *end;
    long long id = strtoll(argv[optind], &end, 10);
    if (*argv[optind] == '\0' || *end != '\0' || id <= 0)
        return cmd_usage_error(self, "show: '%s' is not a run ID", argv[optind]);

    int rc = cmd_open_store(ctx);
    if (rc != EXIT_OK)
        return rc;
    struct stored_run sr;
    int found = store_run_load(ctx->st, id, &sr);
    if (found < 0)
        return EXIT_DB;
    if (found == 0) {
        error("no run %lld in %s", id, ctx->db_path);
        stored_run_free(&sr);
        return EXIT_FAIL;
    }
    if (raw) {
        struct buf b = BUF_INIT;
        int got = store_source_raw(ctx->st, sr.source_id, &b);
        if (got < 0) {
            rc = EXIT_DB;
        } else if (got == 0) {
            error("run %lld: its source (%s) was raw point data and is not kept", id, sr.source_file);
            rc = EXIT_FAIL;
        } else {
            fwrite(b.data, 1, b.len, stdout);
        }
        buf_free(&b);
    } else if (json) {
        show_json(&sr);
    } else {
        show_text(&sr);
    }
    stored_run_free(&sr);
    return rc;
}
