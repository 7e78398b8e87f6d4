/* parse_k6json.c - k6's JSON end-of-test summaries -> one run.
 *
 * Two shapes (grafana/k6 js/summary-wrapper.js, internal/js/summary.go):
 *
 * handleSummary()'s data, as users write it with JSON.stringify(data):
 *
 *   { "state": {"testRunDurationMs": 8301.648, ...},
 *     "options": {"summaryTrendStats": ["avg", ...], "summaryTimeUnit": "", ...},
 *     "metrics": {
 *       "http_req_duration": {"type": "trend", "contains": "time",
 *                             "values": {"avg": 260.9, "p(95)": 265.19, ...},
 *                             "thresholds": {"p(95)<500": {"ok": true}}},
 *       "http_req_failed": {"type": "rate", "contains": "default",
 *                           "values": {"rate": 0, "passes": 0, "fails": 20}}, ...},
 *     "root_group": {"name": "", "groups": [ ...nested groups... ],
 *                    "checks": [{"name": "...", "passes": 99, "fails": 1}, ...]} }
 *
 * and --summary-export (oldJSONSummary): the same data flattened, each
 * metric holding its stats directly, a Rate's "rate" renamed "value",
 * thresholds as {"p(95)<500": false} where the boolean is !ok — true means
 * the threshold was CROSSED — and root_group's groups and checks as
 * objects keyed by name. No type, contains, state or options.
 *
 * Keys come in Go map order; figures are emitted sorted by metric name,
 * stats in k6's summary order (avg min med max p(N)... count; count rate;
 * value min max; rate passes fails), so identical data gives an identical
 * dump. Units: JSON Trends of time are in ms, data in bytes, rates per
 * second; a Rate's 0..1 becomes percent (scaled as a decimal, so 0.01 is
 * exactly 1). The export carries no "contains": built-in metrics are
 * known to be times (http_req_*, iteration_duration, ...) or data
 * (data_received, data_sent); a custom metric there keeps its numbers
 * with unit "". Percentile stats ("med" as 50, "p(N)") go to the
 * percentiles, everything else to the figures, both under the metric
 * name as k6 keys it ("http_req_duration{expected_response:true}").
 *
 * Headline fields as in the text summary (k6_headline): http_reqs count/rate,
 * http_req_duration avg/min/med/max, http_req_failed rate (percent) and
 * passes (failed requests), checks passes/fails, data_received/sent counts,
 * iterations count, vus and vus_max values; duration_s from
 * state.testRunDurationMs. Checks carry their group path ("a::b"). State
 * failed when http_req_failed is 100%.
 *
 * A summary cut short is not valid JSON: the file is refused.
 *
 * Not read here: k6's raw --out json (NDJSON of {"type":"Point"...}) and
 * --out csv, which have their own parsers; sniff returns 0 for them. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "k6_common.h"
#include "parse.h"
#include "units.h"

static const char UNIT_MS_PER_S[] = "ms/s";

enum mtype { M_TREND, M_COUNTER, M_GAUGE, M_RATE, M_UNKNOWN };
enum mcontains { C_DEFAULT, C_TIME, C_DATA };

/* The text joined back into one buffer, with each line's offset so a
 * cJSON error position becomes a line number. */
struct joined {
    struct buf b;
    size_t *off;
    size_t n;
};

static void join_text(const struct text *t, struct joined *j)
{
    memset(j, 0, sizeof(*j));
    j->off = xcalloc(t->n ? t->n : 1, sizeof(size_t));
    j->n = t->n;
    for (size_t i = 0; i < t->n; i++) {
        j->off[i] = j->b.len;
        buf_add(&j->b, t->lines[i].s, t->lines[i].n);
        buf_addc(&j->b, '\n');
    }
    if (!j->b.data)
        buf_adds(&j->b, "");
}

static void joined_free(struct joined *j)
{
    buf_free(&j->b);
    free(j->off);
}

static int line_at(const struct text *t, const struct joined *j, size_t pos)
{
    size_t i = 0;
    while (i + 1 < j->n && j->off[i + 1] <= pos)
        i++;
    return j->n ? t->lines[i].no : 1;
}

static cJSON *parse_json(const struct joined *j, const char **end)
{
    return cJSON_ParseWithLengthOpts(j->b.data, j->b.len + 1, end, 1);
}

/* A raw-output line {"type":"Point"|"Metric",...} of --out json. */
static int is_ndjson_line(const struct line *l)
{
    cJSON *o = cJSON_ParseWithLength(l->s, l->n);
    int yes = 0;
    if (cJSON_IsObject(o)) {
        const cJSON *ty = cJSON_GetObjectItemCaseSensitive(o, "type");
        yes = cJSON_IsString(ty) && (strcmp(ty->valuestring, "Point") == 0 ||
                                     strcmp(ty->valuestring, "Metric") == 0);
    }
    cJSON_Delete(o);
    return yes;
}

static int k6json_sniff(const struct text *t)
{
    size_t first = 0;
    while (first < t->n && line_blank(&t->lines[first]))
        first++;
    if (first == t->n || *str_skip_blank(t->lines[first].s) != '{')
        return 0;
    if (is_ndjson_line(&t->lines[first]))
        return 0;
    struct joined j;
    join_text(t, &j);
    const char *end = NULL;
    cJSON *root = parse_json(&j, &end);
    int score = 0;
    if (cJSON_IsObject(root)) {
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "metrics");
        if (cJSON_IsObject(m) &&
            (cJSON_HasObjectItem(root, "root_group") || cJSON_HasObjectItem(root, "state") ||
             cJSON_HasObjectItem(m, "http_reqs") || cJSON_HasObjectItem(m, "iterations")))
            score = 95;
    } else if (!root && strstr(j.b.data, "\"metrics\"") && strstr(j.b.data, "\"root_group\"")) {
        score = 50; /* broken or cut short: let the parser say where */
    }
    cJSON_Delete(root);
    joined_free(&j);
    return score;
}

/* --- metric kinds ------------------------------------------------------- */

static const char *const time_metrics[] = {
    "http_req_duration", "http_req_blocked", "http_req_connecting", "http_req_tls_handshaking",
    "http_req_sending", "http_req_waiting", "http_req_receiving", "iteration_duration",
    "group_duration", "ws_session_duration", "ws_connecting", "ws_ping", "grpc_req_duration",
    "browser_http_req_duration", "browser_web_vital_fcp", "browser_web_vital_lcp",
    "browser_web_vital_fid", "browser_web_vital_inp", "browser_web_vital_ttfb",
};
static const char *const data_metrics[] = {
    "data_received", "data_sent", "browser_data_received", "browser_data_sent",
};

/* What a built-in metric holds, from its name (sub-metrics as their parent). */
static enum mcontains contains_by_name(const char *name)
{
    size_t n = strcspn(name, "{");
    for (size_t i = 0; i < sizeof time_metrics / sizeof time_metrics[0]; i++)
        if (strlen(time_metrics[i]) == n && strncmp(time_metrics[i], name, n) == 0)
            return C_TIME;
    for (size_t i = 0; i < sizeof data_metrics / sizeof data_metrics[0]; i++)
        if (strlen(data_metrics[i]) == n && strncmp(data_metrics[i], name, n) == 0)
            return C_DATA;
    return C_DEFAULT;
}

/* The export has no type: Rate has passes/fails, Counter count+rate,
 * Trend avg/med/percentiles, Gauge value+min+max. */
static enum mtype type_by_stats(const cJSON *v)
{
    if (cJSON_HasObjectItem(v, "passes") || cJSON_HasObjectItem(v, "fails"))
        return M_RATE;
    if (cJSON_HasObjectItem(v, "avg") || cJSON_HasObjectItem(v, "med"))
        return M_TREND;
    if (cJSON_HasObjectItem(v, "count") && cJSON_HasObjectItem(v, "rate"))
        return M_COUNTER;
    if (cJSON_HasObjectItem(v, "value"))
        return M_GAUGE;
    for (const cJSON *c = v->child; c; c = c->next)
        if (c->string && str_starts(c->string, "p("))
            return M_TREND;
    return M_UNKNOWN;
}

static enum mtype type_by_word(const char *w)
{
    if (strcmp(w, "trend") == 0)
        return M_TREND;
    if (strcmp(w, "counter") == 0)
        return M_COUNTER;
    if (strcmp(w, "gauge") == 0)
        return M_GAUGE;
    if (strcmp(w, "rate") == 0)
        return M_RATE;
    return M_UNKNOWN;
}

/* Sort rank of a stat within its metric, in k6's summary order. */
static int stat_rank(enum mtype ty, const char *s)
{
    static const char *const order[][5] = {
        [M_TREND] = {"avg", "min", "med", "max", NULL},
        [M_COUNTER] = {"count", "rate", NULL},
        [M_GAUGE] = {"value", "min", "max", NULL},
        [M_RATE] = {"rate", "value", "passes", "fails", NULL},
        [M_UNKNOWN] = {NULL},
    };
    for (int i = 0; order[ty][i]; i++)
        if (strcmp(order[ty][i], s) == 0)
            return i;
    if (ty == M_TREND && k6_stat_percentile(s) >= 0)
        return 10;
    if (ty == M_TREND && strcmp(s, "count") == 0)
        return 20;
    return 30;
}

struct stat_ent {
    const char *key;
    double v;
    int rank;
    double pct;
};

static int stat_cmp(const void *a, const void *b)
{
    const struct stat_ent *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->pct != y->pct)
        return x->pct < y->pct ? -1 : 1;
    return strcmp(x->key, y->key);
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The line of the first "name" key in the joined text (1 when absent): where
 * a metric's figures are printed, for an error message. */
static int key_line(const struct text *t, const struct joined *j, const char *name)
{
    struct buf key = BUF_INIT;
    buf_printf(&key, "\"%s\"", name);
    const char *at = strstr(buf_str(&j->b), buf_str(&key));
    int no = at ? line_at(t, j, (size_t)(at - j->b.data)) : 1;
    buf_free(&key);
    return no;
}

/* --- one metric --------------------------------------------------------- */

static const char *unit_for(enum mcontains c, int per_s)
{
    if (c == C_TIME)
        return per_s ? UNIT_MS_PER_S : UNIT_MS;
    if (c == C_DATA)
        return per_s ? UNIT_BYTES_PER_S : UNIT_BYTES;
    return per_s ? UNIT_PER_S : UNIT_COUNT;
}

/* Reads metric `name` into r: NULL, or what is wrong with one of its
 * headline figures (k6_headline_bad), written into err. */
static const char *add_metric(struct run *r, const char *name, const cJSON *m, char *err,
                              size_t errn)
{
    const char *bad = NULL;
    const cJSON *values = cJSON_GetObjectItemCaseSensitive(m, "values");
    int nested = cJSON_IsObject(values);
    enum mtype ty;
    enum mcontains c;
    if (nested) {
        const cJSON *tw = cJSON_GetObjectItemCaseSensitive(m, "type");
        const cJSON *cw = cJSON_GetObjectItemCaseSensitive(m, "contains");
        ty = cJSON_IsString(tw) ? type_by_word(tw->valuestring) : type_by_stats(values);
        if (cJSON_IsString(cw))
            c = strcmp(cw->valuestring, "time") == 0   ? C_TIME
                : strcmp(cw->valuestring, "data") == 0 ? C_DATA
                                                       : C_DEFAULT;
        else
            c = contains_by_name(name);
    } else {
        values = m;
        ty = type_by_stats(values);
        c = contains_by_name(name);
    }

    size_t n = 0;
    for (const cJSON *v = values->child; v; v = v->next)
        n++;
    struct stat_ent *e = xcalloc(n ? n : 1, sizeof(*e));
    size_t ne = 0;
    for (const cJSON *v = values->child; v; v = v->next) {
        if (!v->string || !cJSON_IsNumber(v))
            continue; /* "thresholds" of the export, nulls */
        e[ne].key = v->string;
        e[ne].v = v->valuedouble;
        e[ne].rank = stat_rank(ty, v->string);
        e[ne].pct = ty == M_TREND ? k6_stat_percentile(v->string) : -1;
        ne++;
    }
    qsort(e, ne, sizeof(*e), stat_cmp);
    for (size_t i = 0; i < ne; i++) {
        char text[64];
        const char *stat = e[i].key;
        double v = e[i].v;
        units_format(text, sizeof text, v);
        if (ty == M_RATE && (strcmp(stat, "rate") == 0 || strcmp(stat, "value") == 0)) {
            /* 0..1 as percent, scaled as the decimal the JSON holds */
            double pct;
            if (units_scaled(text, strlen(text), 0, 2, 1, &pct) != UNITS_OK) {
                if (!bad)
                    snprintf(err, errn, "rate %s %s", text, bad = "is not a finite number");
                continue;
            }
            if (!bad && (bad = k6_headline_bad(name, "rate", pct)) != NULL)
                snprintf(err, errn, "rate %s %s", text, bad);
            run_add_figure(r, name, "rate", pct, UNIT_PERCENT, text);
            k6_headline(r, name, "rate", pct, c == C_TIME);
            continue;
        }
        if (ty == M_TREND && e[i].pct >= 0) {
            run_add_percentile(r, name, e[i].pct, v, unit_for(c, 0), text, -1);
        } else {
            const char *unit = unit_for(c, 0);
            if (ty == M_RATE || (ty == M_TREND && strcmp(stat, "count") == 0))
                unit = UNIT_COUNT; /* passes, fails, a Trend's sample count */
            else if (ty == M_COUNTER && strcmp(stat, "rate") == 0)
                unit = unit_for(c, 1);
            run_add_figure(r, name, stat, v, unit, text);
        }
        if (!bad && (bad = k6_headline_bad(name, stat, v)) != NULL)
            snprintf(err, errn, "%s %s %s", stat, text, bad);
        k6_headline(r, name, stat, v, c == C_TIME);
    }
    free(e);

    /* thresholds: {"expr": {"ok": bool}} nested, {"expr": crossed} exported */
    const cJSON *th = cJSON_GetObjectItemCaseSensitive(nested ? m : values, "thresholds");
    if (cJSON_IsObject(th)) {
        for (const cJSON *x = th->child; x; x = x->next) {
            if (!x->string)
                continue;
            if (cJSON_IsObject(x)) {
                const cJSON *ok = cJSON_GetObjectItemCaseSensitive(x, "ok");
                if (cJSON_IsBool(ok))
                    run_add_threshold(r, name, x->string, cJSON_IsTrue(ok), NULL);
            } else if (cJSON_IsBool(x)) {
                run_add_threshold(r, name, x->string, !cJSON_IsTrue(x), NULL);
            }
        }
    }
    return bad ? err : NULL;
}

/* --- groups and checks -------------------------------------------------- */

static void add_check(struct run *r, const cJSON *ck, const char *path)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(ck, "name");
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(ck, "passes");
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(ck, "fails");
    const char *nm = cJSON_IsString(name) ? name->valuestring : ck->string;
    if (!nm)
        return;
    run_add_check(r, nm, path, cJSON_IsNumber(p) ? (int64_t)p->valuedouble : -1,
                  cJSON_IsNumber(f) ? (int64_t)f->valuedouble : -1);
}

/* Checks of a group, then its groups, depth first; arrays (handleSummary)
 * or objects keyed by name (export) alike. */
static void walk_group(struct run *r, const cJSON *g, const char *path, int depth)
{
    if (!cJSON_IsObject(g) || depth > 64)
        return;
    const cJSON *checks = cJSON_GetObjectItemCaseSensitive(g, "checks");
    if (cJSON_IsArray(checks) || cJSON_IsObject(checks))
        for (const cJSON *c = checks->child; c; c = c->next)
            if (cJSON_IsObject(c))
                add_check(r, c, path);
    const cJSON *groups = cJSON_GetObjectItemCaseSensitive(g, "groups");
    if (!cJSON_IsArray(groups) && !cJSON_IsObject(groups))
        return;
    for (const cJSON *sub = groups->child; sub; sub = sub->next) {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(sub, "name");
        const char *nm = cJSON_IsString(name) ? name->valuestring : sub->string ? sub->string : "";
        struct buf p = BUF_INIT;
        buf_printf(&p, "%s%s%s", path, *path ? "::" : "", nm);
        walk_group(r, sub, buf_str(&p), depth + 1);
        buf_free(&p);
    }
}

/* --- the parser --------------------------------------------------------- */

static int k6json_parse(const struct text *t, struct parse_result *pr)
{
    struct joined j;
    struct run *r = NULL;
    const char **names = NULL;
    int rc = -1;
    join_text(t, &j);
    const char *end = NULL;
    cJSON *root = parse_json(&j, &end);
    if (!root) {
        size_t pos = end && end >= j.b.data ? (size_t)(end - j.b.data) : 0;
        parse_fail(pr, line_at(t, &j, pos), "k6: not valid JSON here");
        goto out;
    }
    const cJSON *metrics = cJSON_GetObjectItemCaseSensitive(root, "metrics");
    if (!cJSON_IsObject(metrics)) {
        parse_fail(pr, 1, "k6: JSON summary without a \"metrics\" object");
        goto out;
    }

    r = run_new("k6", "k6-summary-json");
    r->first_line = r->last_line = 0;
    for (size_t i = 0; i < t->n; i++)
        if (!line_blank(&t->lines[i])) {
            if (!r->first_line)
                r->first_line = t->lines[i].no;
            r->last_line = t->lines[i].no;
        }

    size_t n = 0;
    for (const cJSON *m = metrics->child; m; m = m->next)
        n++;
    names = xcalloc(n ? n : 1, sizeof(*names));
    size_t nn = 0;
    for (const cJSON *m = metrics->child; m; m = m->next) {
        if (!cJSON_IsObject(m)) {
            parse_fail(pr, 1, "k6: metric \"%s\" is not an object", m->string ? m->string : "?");
            goto out;
        }
        names[nn++] = m->string;
    }
    qsort(names, nn, sizeof(*names), str_cmp);
    for (size_t i = 0; i < nn; i++) {
        char err[256];
        if (add_metric(r, names[i], cJSON_GetObjectItemCaseSensitive(metrics, names[i]), err,
                       sizeof err)) {
            parse_fail(pr, key_line(t, &j, names[i]), "k6: %s %s", names[i], err);
            goto out;
        }
    }
    if (cJSON_HasObjectItem(metrics, "http_req_duration"))
        run_set(&r->latency_metric, "http_req_duration");

    walk_group(r, cJSON_GetObjectItemCaseSensitive(root, "root_group"), "", 0);

    const cJSON *state = cJSON_GetObjectItemCaseSensitive(root, "state");
    const cJSON *dur = cJSON_GetObjectItemCaseSensitive(state, "testRunDurationMs");
    if (cJSON_IsNumber(dur)) {
        char text[64];
        double s;
        units_format(text, sizeof text, dur->valuedouble);
        run_add_figure(r, "state", "testRunDurationMs", dur->valuedouble, UNIT_MS, text);
        if (units_scaled(text, strlen(text), 0, -3, 1, &s) == UNITS_OK)
            r->duration_s = s;
    }
    const cJSON *opts = cJSON_GetObjectItemCaseSensitive(root, "options");
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(opts, "summaryTrendStats");
    if (cJSON_IsArray(ts)) {
        struct buf b = BUF_INIT;
        for (const cJSON *x = ts->child; x; x = x->next)
            if (cJSON_IsString(x))
                buf_printf(&b, "%s%s", b.len ? "," : "", x->valuestring);
        run_add_param(r, "summary_trend_stats", buf_str(&b));
        buf_free(&b);
    }
    const cJSON *tu = cJSON_GetObjectItemCaseSensitive(opts, "summaryTimeUnit");
    if (cJSON_IsString(tu) && tu->valuestring[0])
        run_add_param(r, "summary_time_unit", tu->valuestring);

    if (run_has(r->failed_pct) && r->failed_pct == 100)
        r->state = RUN_STATE_FAILED;
    parse_emit(pr, r);
    r = NULL;
    rc = 0;
out:
    run_free(r);
    free(names);
    cJSON_Delete(root);
    joined_free(&j);
    return rc;
}

const struct parser parser_k6_json = {
    .name = "k6-summary-json",
    .tool = "k6",
    .summary = "k6 JSON summary: --summary-export or handleSummary() data",
    .sniff = k6json_sniff,
    .parse = k6json_parse,
    .parse_stream = NULL,
};
