/* parse_oha.c - oha's text summary and its -j/--json output -> runs.
 *
 * TEXT ("oha"). What oha prints (hatoo/oha src/printer.rs, print_summary):
 *
 *   Summary:
 *     Success rate:\t100.00%                 (2020 oha: the ratio, 1.0000)
 *     Total:\t5.9440 secs                    (oha >= 1.5: its time scale:
 *     Slowest:\t0.0148 secs                   ns us ms sec "10 sec" min
 *     Fastest:\t0.0006 secs                   "10 min" hr, or --time-unit)
 *     Average:\t0.0015 secs
 *     Requests/sec:\t3364.7592
 *
 *     Total data:\t38.28 MiB                 (byte_unit, binary: B KiB MiB)
 *     Size/request:\t1.96 KiB                (NaN with no response)
 *     Size/sec:\t6.44 MiB
 *
 *   Response time histogram:
 *     0.002 [19800] |■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■   (newer: "2.000 ms [19800] |")
 *
 *   Response time distribution:              (before 1.0: Latency distribution:)
 *     10.00% in 0.0014 secs                  (before 1.0: 10% in 1.9994 secs)
 *
 *   Response time histogram (2xx only):      (--stats-success-breakdown; and
 *   Response time distribution (2xx only):    the "(4xx + 5xx only)" pair)
 *
 *   Details (average, fastest, slowest):
 *     DNS+dialup:\t0.0086 secs, 0.0039 secs, 0.0097 secs
 *     DNS-lookup:\t0.0009 secs, 0.0009 secs, 0.0010 secs
 *
 *   Status code distribution:
 *     [200] 20000 responses
 *
 *   Error distribution:                      (only when any)
 *     [20] aborted due to deadline
 *
 * The layout is hey's (oha began as its look-alike) and is read by
 * hey_common.c. It is kept as parse_hey.c says, with these differences:
 *   - "Success rate" is a figure of metric "summary" in percent (the
 *     2020 ratio x100), "Size/sec" a figure in B/s.
 *   - The (2xx only) and (4xx + 5xx only) sections are buckets and
 *     percentiles of metrics "latency_2xx" and "latency_4xx_5xx".
 *   - oha times each scale: every value is read with the unit printed
 *     beside it; histogram marks without a unit (oha < 1.5) are seconds.
 *
 * Requests and failures (oha's result_data.rs): requests = the status
 * rows' sum + the error rows' sum when either is printed (oha's len(),
 * which its Requests/sec divides by Total). Failures are oha's own: its
 * success rate counts every response as a success and leaves out
 * "aborted due to deadline" (the requests cut off when -z ends). So
 * failed_requests = the error rows' sum without that row, and failed_pct
 * = 100 - the printed success rate, computed on the printed decimal (when
 * not printed: failed_requests over responses + failed_requests). non2xx
 * = the responses outside 2xx, kept apart from the failures. A run where
 * no request got a response, or with a success rate of 0, is marked
 * failed.
 *
 * An "oha ..." command line printed just before gives command, url and
 * params requests (-n), connections (-c, also the headline), duration
 * (-z), rate (-q: oha's total rate limit, also target_rate), method (-m),
 * http2_parallel (-p).
 *
 * A run ends at the first line that is none of oha's: a "Memory:" section
 * someone pasted after the summary, prose, a code fence. Such lines are
 * not oha's figures and are not kept.
 *
 * Cut short: oha prints the status code distribution last (then, when
 * any, a blank line and the error distribution). hey_common.c says when a
 * run is whole; one that is not is incomplete and gets no figure derived
 * from its rows (requests, failed_requests, non2xx); failed_pct still
 * comes from the printed success rate.
 *
 * JSON ("oha-json"). oha -j prints one object (printer.rs, print_json):
 *   summary {successRate (ratio), total, slowest, fastest, average (s),
 *     requestsPerSec, totalData, sizePerRequest (null with no response),
 *     sizePerSec}
 *   responseTimeHistogram {"<seconds>": count}, latencyPercentiles
 *     {"p10": s ... "p99.99": s} (older oha: p10 ... p99 only),
 *   firstByteHistogram, firstBytePercentiles (newer oha),
 *   ...Successful / ...NotSuccessful variants (--stats-success-breakdown),
 *   rps {mean, stddev, max, min, percentiles {"p10": /s ...}},
 *   details {DNSDialup, DNSLookup, firstByte: {average, fastest, slowest}},
 *   statusCodeDistribution {"200": n}, errorDistribution {"text": n}.
 * serde writes NaN and infinities as null: such values are not stored.
 * Figures: metric "summary" with the JSON key as stat (successRate in
 * percent, times in ms); metric "rps" (mean, stddev, max, min, /s) and
 * its percentiles; each details key as a metric (average, fastest,
 * slowest, ms). Histograms are buckets and percentiles of metrics
 * "latency", "first_byte", "latency_2xx", "latency_4xx_5xx". Numbers are
 * converted from their shortest decimal form (what serde printed), so
 * 0.000036298 s is exactly 0.036298 ms. Headline fields and failures as
 * for the text. The oha object may be nested in a wrapper (a CI runner's
 * {"stdout": {"value": {...}}}): the first object holding an oha summary
 * is read. Several JSON documents in one file give one run each; lines
 * outside them (prose, code fences) are skipped. A document cut short is
 * not valid JSON: the file is refused. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "hey_common.h"
#include "jsontext.h"
#include "parse.h"
#include "units.h"

/* --- text -------------------------------------------------------------- */

static const struct hey_flag oha_flags[] = {
    {"n", "requests", HEY_HEAD_NONE},
    {"c", "connections", HEY_HEAD_CONNECTIONS},
    {"z", "duration", HEY_HEAD_NONE},
    {"q", "rate", HEY_HEAD_TARGET_RATE},
    {"m", "method", HEY_HEAD_NONE},
    {"p", "http2_parallel", HEY_HEAD_NONE},
    {NULL, NULL, HEY_HEAD_NONE},
};

static const struct hey_tool oha_tool = {
    .tool = "oha",
    .format = "oha",
    .program = "oha",
    .flags = oha_flags,
    .not_failure = "aborted due to deadline",
    .status_failures = 0,
};

static int oha_parse(const struct text *t, struct parse_result *pr)
{
    return hey_text_parse(t, pr, &oha_tool);
}

/* Without a mark of either tool the text is hey's (the same layout), so
 * oha scores a little lower there. */
static int oha_sniff(const struct text *t)
{
    struct hey_evidence ev;
    hey_text_evidence(t, &ev);
    int base = ev.summary && ev.rps ? 75 : ev.sections >= 2 || (ev.sections && ev.rows) ? 55 : 0;
    if (!base)
        return 0;
    if (ev.hey_marks && !ev.oha_marks)
        return 10;
    if (ev.oha_marks && !ev.hey_marks)
        return 95;
    return base;
}

const struct parser parser_oha = {
    .name = "oha",
    .tool = "oha",
    .summary = "oha text summary (old and new layouts, every time scale)",
    .sniff = oha_sniff,
    .parse = oha_parse,
    .parse_stream = NULL,
};

/* --- JSON -------------------------------------------------------------- */

/* The shortest decimal that reads back as v: what serde_json printed. */
static const char *num_text(char *buf, size_t size, double v)
{
    return units_format(buf, size, v);
}

/* v (in the JSON's unit) times 10^pow10, exactly as a decimal. */
static double scaled(double v, int pow10, char *text, size_t size)
{
    double out;
    num_text(text, size, v);
    if (units_scaled(text, strlen(text), 0, pow10, 1, &out) != UNITS_OK)
        return RUN_NA;
    return out;
}

struct json_ctx {
    struct run *run;
    struct parse_result *pr;
    int line; /* first line of the document, for messages */
};

/* A number member, or NaN when absent or null; -1 when of another type. */
static int member_num(struct json_ctx *c, const cJSON *obj, const char *key, const char *where,
                      double *v)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    *v = RUN_NA;
    if (!m || cJSON_IsNull(m))
        return 0;
    if (!cJSON_IsNumber(m))
        return parse_fail(c->pr, c->line, "oha-json: %s.%s is not a number", where, key);
    *v = m->valuedouble;
    return 1;
}

static int read_summary(struct json_ctx *c, const cJSON *s, struct hey_counts *counts)
{
    static const struct { const char *key; int pow10; const char *unit; } keys[] = {
        {"successRate", 2, UNIT_PERCENT}, {"total", 3, UNIT_MS},
        {"slowest", 3, UNIT_MS},          {"fastest", 3, UNIT_MS},
        {"average", 3, UNIT_MS},          {"requestsPerSec", 0, UNIT_PER_S},
        {"totalData", 0, UNIT_BYTES},     {"sizePerRequest", 0, UNIT_BYTES},
        {"sizePerSec", 0, UNIT_BYTES_PER_S},
    };
    struct run *r = c->run;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        double v;
        char text[64];
        int rc = member_num(c, s, keys[i].key, "summary", &v);
        if (rc < 0)
            return -1;
        if (rc == 0)
            continue;
        double x = scaled(v, keys[i].pow10, text, sizeof text);
        run_add_figure(r, "summary", keys[i].key, x, keys[i].unit, text);
        switch (i) {
        case 0: hey_counts_success(counts, x, text, 2); break;
        case 1: r->duration_s = v; break;
        case 2: r->lat_max = x; break;
        case 3: r->lat_min = x; break;
        case 4: r->lat_avg = x; break;
        case 5: r->rps = x; break;
        case 6: r->bytes_received = x; break;
        default: break;
        }
    }
    return 0;
}

/* {"0.0003811323": 70407, ...}: buckets with an upper mark in seconds. */
static int read_histogram(struct json_ctx *c, const cJSON *h, const char *metric)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, h) {
        double ms, n;
        if (!e->string || units_scaled(e->string, strlen(e->string), 0, 3, 1, &ms) != UNITS_OK ||
            !cJSON_IsNumber(e))
            return parse_fail(c->pr, c->line, "oha-json: bad %s histogram entry", metric);
        n = e->valuedouble;
        run_add_bucket(c->run, metric, RUN_NA, ms, n);
    }
    return 0;
}

/* {"p10": 0.000393963, ..., "p99.99": ...}: pow10 3 for seconds -> ms. */
static int read_percentiles(struct json_ctx *c, const cJSON *p, const char *metric, int pow10,
                            const char *unit)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, p) {
        double pct;
        char text[64];
        if (!e->string || e->string[0] != 'p' ||
            units_number(e->string + 1, strlen(e->string + 1), 0, &pct) != UNITS_OK)
            return parse_fail(c->pr, c->line, "oha-json: bad %s percentile key", metric);
        if (cJSON_IsNull(e))
            continue; /* NaN: no sample */
        if (!cJSON_IsNumber(e))
            return parse_fail(c->pr, c->line, "oha-json: %s percentile %s is not a number", metric,
                              e->string);
        double x = scaled(e->valuedouble, pow10, text, sizeof text);
        run_add_percentile(c->run, metric, pct, x, unit, text, -1);
    }
    return 0;
}

static int read_rps(struct json_ctx *c, const cJSON *o)
{
    static const char *const stats[] = {"mean", "stddev", "max", "min"};
    for (size_t i = 0; i < sizeof stats / sizeof stats[0]; i++) {
        double v;
        char text[64];
        int rc = member_num(c, o, stats[i], "rps", &v);
        if (rc < 0)
            return -1;
        if (rc)
            run_add_figure(c->run, "rps", stats[i], scaled(v, 0, text, sizeof text), UNIT_PER_S, text);
    }
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "percentiles");
    return cJSON_IsObject(p) ? read_percentiles(c, p, "rps", 0, UNIT_PER_S) : 0;
}

static int read_details(struct json_ctx *c, const cJSON *o)
{
    static const char *const stats[] = {"average", "fastest", "slowest"};
    const cJSON *d;
    cJSON_ArrayForEach(d, o) {
        if (!d->string || !cJSON_IsObject(d))
            continue;
        for (size_t i = 0; i < sizeof stats / sizeof stats[0]; i++) {
            double v;
            char text[64];
            int rc = member_num(c, d, stats[i], d->string, &v);
            if (rc < 0)
                return -1;
            if (rc)
                run_add_figure(c->run, d->string, stats[i], scaled(v, 3, text, sizeof text), UNIT_MS, text);
        }
    }
    return 0;
}

static int read_counts(struct json_ctx *c, const cJSON *o, int status, struct hey_counts *counts)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, o) {
        if (!e->string || !cJSON_IsNumber(e) || e->valuedouble < 0)
            return parse_fail(c->pr, c->line, "oha-json: bad %s entry",
                              status ? "statusCodeDistribution" : "errorDistribution");
        if (status)
            hey_count_status(c->run, counts, e->string, e->valuedouble);
        else
            hey_count_error(c->run, counts, &oha_tool, e->string, e->valuedouble);
    }
    return 0;
}

/* The object holding oha's summary: o itself or one nested in it. */
static const cJSON *find_oha(const cJSON *o)
{
    if (cJSON_IsObject(o)) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, "summary");
        if (cJSON_IsObject(s) && (cJSON_GetObjectItemCaseSensitive(s, "requestsPerSec") ||
                                  cJSON_GetObjectItemCaseSensitive(s, "successRate")))
            return o;
    }
    if (cJSON_IsObject(o) || cJSON_IsArray(o)) {
        const cJSON *e;
        cJSON_ArrayForEach(e, o) {
            const cJSON *f = find_oha(e);
            if (f)
                return f;
        }
    }
    return NULL;
}

static int read_oha(struct json_ctx *c, const cJSON *o)
{
    static const struct { const char *key, *metric; int percentiles; } series[] = {
        {"responseTimeHistogram", "latency", 0},
        {"latencyPercentiles", "latency", 1},
        {"firstByteHistogram", "first_byte", 0},
        {"firstBytePercentiles", "first_byte", 1},
        {"responseTimeHistogramSuccessful", "latency_2xx", 0},
        {"latencyPercentilesSuccessful", "latency_2xx", 1},
        {"responseTimeHistogramNotSuccessful", "latency_4xx_5xx", 0},
        {"latencyPercentilesNotSuccessful", "latency_4xx_5xx", 1},
    };
    struct hey_counts counts;
    const cJSON *m;
    hey_counts_init(&counts);
    if (read_summary(c, cJSON_GetObjectItemCaseSensitive(o, "summary"), &counts) < 0)
        return -1;
    for (size_t i = 0; i < sizeof series / sizeof series[0]; i++) {
        m = cJSON_GetObjectItemCaseSensitive(o, series[i].key);
        if (!cJSON_IsObject(m))
            continue;
        if ((series[i].percentiles ? read_percentiles(c, m, series[i].metric, 3, UNIT_MS)
                                   : read_histogram(c, m, series[i].metric)) < 0)
            return -1;
    }
    if (cJSON_IsObject(m = cJSON_GetObjectItemCaseSensitive(o, "rps")) && read_rps(c, m) < 0)
        return -1;
    if (cJSON_IsObject(m = cJSON_GetObjectItemCaseSensitive(o, "details")) && read_details(c, m) < 0)
        return -1;
    if (cJSON_IsObject(m = cJSON_GetObjectItemCaseSensitive(o, "statusCodeDistribution"))) {
        counts.has_status = 1;
        if (read_counts(c, m, 1, &counts) < 0)
            return -1;
    }
    if (cJSON_IsObject(m = cJSON_GetObjectItemCaseSensitive(o, "errorDistribution"))) {
        counts.has_errors = 1;
        if (read_counts(c, m, 0, &counts) < 0)
            return -1;
    }
    hey_counts_apply(c->run, &counts, &oha_tool);
    return 0;
}

/* Index of the line holding byte `off` of the joined text. */
static size_t line_at(const size_t *starts, size_t n, size_t off)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static int oha_json_parse(const struct text *t, struct parse_result *pr)
{
    struct buf b = BUF_INIT;
    size_t *starts = xcalloc(t->n + 1, sizeof *starts);
    int rc = -1;

    for (size_t i = 0; i < t->n; i++) {
        starts[i] = b.len;
        buf_add(&b, t->lines[i].s, t->lines[i].n);
        buf_addc(&b, '\n');
    }
    for (size_t i = 0; i < t->n; i++) {
        if (*str_skip_blank(t->lines[i].s) != '{')
            continue; /* prose or a code fence around the JSON */
        const char *end = NULL;
        const char *from = b.data + starts[i];
        cJSON *doc = cJSON_ParseWithLengthOpts(from, b.len - starts[i], &end, 0);
        if (!doc) {
            const char *at = cJSON_GetErrorPtr();
            size_t off = at && at >= b.data && at <= b.data + b.len ? (size_t)(at - b.data) : starts[i];
            parse_fail(pr, t->lines[line_at(starts, t->n, off)].no, "oha-json: not valid JSON");
            goto out;
        }
        size_t last = line_at(starts, t->n, (size_t)(end - b.data) - (end > from ? 1 : 0));
        long over = jsontext_overflow_line(from, (size_t)(end - from));
        if (over >= 0) {
            parse_fail(pr, t->lines[i + (size_t)over].no,
                       "oha-json: a number past the range of a double");
            cJSON_Delete(doc);
            goto out;
        }
        const cJSON *o = find_oha(doc);
        if (o) {
            struct json_ctx c = {run_new("oha", "oha-json"), pr, t->lines[i].no};
            c.run->first_line = t->lines[i].no;
            c.run->last_line = t->lines[last].no;
            if (read_oha(&c, o) < 0) {
                run_free(c.run);
                cJSON_Delete(doc);
                goto out;
            }
            parse_emit(pr, c.run);
        }
        cJSON_Delete(doc);
        i = last;
    }
    rc = 0;
out:
    free(starts);
    buf_free(&b);
    return rc;
}

/* oha -j's summary keys, at any depth of a JSON text. */
static int text_has(const struct text *t, const char *needle)
{
    for (size_t i = 0; i < t->n; i++)
        if (line_find(&t->lines[i], needle))
            return 1;
    return 0;
}

/* Each mark may be on any line: the rarest is looked for first. */
static int oha_json_sniff(const struct text *t)
{
    if (!text_has(t, "\"requestsPerSec\"") ||
        !(text_has(t, "\"successRate\"") || text_has(t, "\"latencyPercentiles\"") ||
          text_has(t, "\"responseTimeHistogram\"")))
        return 0;
    for (size_t i = 0; i < t->n; i++)
        if (*str_skip_blank(t->lines[i].s) == '{')
            return 95;
    return 0;
}

const struct parser parser_oha_json = {
    .name = "oha-json",
    .tool = "oha",
    .summary = "oha -j/--json output (also nested in a wrapper object)",
    .sniff = oha_json_sniff,
    .parse = oha_json_parse,
    .parse_stream = NULL,
};
