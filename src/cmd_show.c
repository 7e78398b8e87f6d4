/* cmd_show.c - `benchdb show ID`: every figure and all metadata of a run,
 * as text or JSON, or (--raw) the stored output byte for byte. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "run_json.h"
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
    if (r->nhists) {
        printf("stored distributions (metric, count, min, mean, max; `benchdb percentile`)\n");
        for (size_t i = 0; i < r->nhists; i++) {
            const struct run_histogram *h = &r->hists[i];
            char c[64], mn[64], me[64], mx[64];
            printf("  %s  %s  %s %s %s %s\n", h->metric, units_format(c, sizeof c, h->count),
                   units_format(mn, sizeof mn, h->min), units_format(me, sizeof me, h->mean),
                   units_format(mx, sizeof mx, h->max), *h->unit ? h->unit : "");
        }
    }
    if (r->nseries) {
        printf("timeline: %zu seconds, %lld to %lld (the timeline view has them)\n", r->nseries,
               (long long)r->series[0].second, (long long)r->series[r->nseries - 1].second);
    }
    if (m->ntags) {
        printf("tags\n");
        for (size_t i = 0; i < m->ntags; i++)
            kv(m->tags[i].key, m->tags[i].value);
    }
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
    while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
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
        cJSON *o = run_json(&sr);
        char *text = cJSON_Print(o);
        puts(text);
        cJSON_free(text);
        cJSON_Delete(o);
    } else {
        show_text(&sr);
    }
    stored_run_free(&sr);
    return rc;
}
