/* parse_k6raw.c - k6's raw results: `k6 run --out json=FILE` (formats
 * "k6-ndjson") and `k6 run --out csv=FILE` ("k6-csv"), plain or gzipped,
 * read as a stream in constant memory into one run.
 *
 * What k6 writes (output/json, output/csv in grafana/k6):
 *
 *   --out json: one JSON object per line. The first time a metric is
 *   sampled, a Metric line declares it, then every sample is a Point:
 *     {"type":"Metric","data":{"name":"http_req_duration","type":"trend",
 *      "contains":"time","thresholds":["p(95)<500"],"submetrics":[...]},
 *      "metric":"http_req_duration"}
 *     {"metric":"http_req_duration","type":"Point","data":{"time":
 *      "2025-05-13T13:49:24.529764805+01:00","value":20.319739,"tags":{
 *      "expected_response":"true","status":"200",...}}}
 *   Older k6 (before ~v0.38) put "type" first and "metric" last on Point
 *   lines too, and added "tainted":null and "sub":{...} to Metric lines;
 *   newer k6 may add "metadata":{...} after "tags". Keys are read in any
 *   order. time is Go's RFC3339Nano (trailing zeros dropped, "Z" or
 *   +hh:mm); value is Go's shortest float ("1", "0.301024", "1.5e+06");
 *   strings escape <, >, & as \u003c... (easyjson).
 *
 *   --out csv: a header "metric_name,timestamp,metric_value," then one
 *   column per indexed system tag in name order, then "extra_tags" and,
 *   since ~v0.47, "metadata":
 *     metric_name,timestamp,metric_value,check,error,error_code,
 *     expected_response,group,method,name,proto,scenario,service,status,
 *     subproto,tls_version,url,extra_tags[,metadata]
 *   then one row per sample: "http_req_duration,1747140564,20.319739,,,,true,...".
 *   Columns are found by name, so --system-tags variations read too.
 *   timestamp is unix seconds by default; timeFormat may make it
 *   unix_milli/micro/nano or rfc3339(_nano). Whole-number timestamps are
 *   told apart by their size (up to 11 digits seconds, 12-14 ms, 15-17
 *   µs, longer ns). Go's encoding/csv quotes fields holding , " or
 *   newlines. CSV has no Metric rows: metric types come from k6's
 *   built-in list (metrics/builtin.go), and any other metric is read as
 *   a trend with no unit (its count/sum/min/max/mean and percentiles
 *   are all kept; nothing is lost by that choice).
 *
 * What a run gets. Every number is computed from the points, in the
 * metric's unit (time ms, data bytes), by these rules:
 *   - per metric (in order of first appearance), figures count (points),
 *     sum, min, max, mean; rates also passes (non-zero points) and fails;
 *     gauges also value (the point with the latest time). Trends (type
 *     "trend" in the Metric line; see above for CSV) keep a histogram
 *     (hdr.h, within 0.4%) stored whole, and percentiles 50 75 90 95 99
 *     99.9 99.99 from it, defined as k6 defines them (interpolated).
 *   - http_req_duration{expected_response:true}: the same, over the
 *     http_req_duration points tagged expected_response "true", when
 *     there is at least one.
 *   - requests = sum of http_reqs values; duration_s = latest point time
 *     minus earliest point time (any metric); rps = requests / duration_s
 *     (not set when the duration is 0); latency_metric = http_req_duration,
 *     lat_avg/min/max exact, lat_med its p50 from the histogram;
 *     failed_requests = non-zero http_req_failed points, failed_pct = them
 *     per 100 http_req_failed points; bytes_received/sent = sums of
 *     data_received/data_sent; iterations = sum of iterations; vus = the
 *     latest vus value, vus_max = the largest vus_max value;
 *     checks_passed/failed = non-zero/zero checks points.
 *   - counts: kind "status", message the status tag, count = sum of the
 *     http_reqs values carrying it; kind "error_code=N" (or NULL without
 *     a code), message the error tag, for http_reqs points carrying error
 *     or error_code. checks: per (group, check) tag pair, group without
 *     k6's leading "::". At most 1000 distinct rows of each; further
 *     values add to one row "(other)".
 *   - params: series_start (the first point's time as written), threshold
 *     METRIC (the Metric line's thresholds, "; "-joined); url when every
 *     http_reqs point has the same url tag.
 *   - state failed when failed_pct is 100, or requests is 0 with errors;
 *     incomplete when the last line is cut short (k6 killed: it writes a
 *     newline after every line, so a last line without one was cut). A
 *     cut line is dropped unless its point was read whole before the cut
 *     (time, value and the tags needed, each followed by its delimiter);
 *     the rest is kept. A file cut at a line boundary cannot be told from
 *     the file of a shorter test: there is no end mark, and every point
 *     in it is whole, so its figures are those of that shorter test.
 *   - A file without any Point is refused; so is one without http_reqs
 *     (no request count: parse_check).
 *
 * Time series: one row per second of the test, second 0 starting at the
 * first point of the file: requests (sum of http_reqs values), failed
 * (non-zero http_req_failed points), p50/p90/p99 of that second's
 * http_req_duration points (a histogram per open second), vus (the
 * largest vus value in that second). A row exists for each second with
 * at least one such point. Points arrive roughly in time order (k6
 * stamps a request when it ends and flushes every 200 ms for JSON, 1 s
 * for CSV), so a window of K6RAW_WINDOW seconds behind the newest point
 * stays open; a second falls out (is written) when a point 60 s newer
 * arrives. A point for a second already written still counts in every
 * total and histogram, but not in the series: such points are counted
 * in the figure "series late_points". An earlier point inside the
 * window may give negative seconds. Memory: the window (60 histograms),
 * one histogram per trend metric, the rows (one per second of test), and
 * the tallies above: constant in the file's size.
 *
 * Speed. The input is read in blocks of 256 KiB (input_block: they stay
 * in the core's cache while they are hashed and read), lines in place.
 * A Point line written as k6 writes it is read in one pass (fast_point:
 * literal keys compared as words, string ends from bit masks of quotes,
 * the time's date-to-second and zone cached, the metric found by its
 * name's last word); any other line goes to the general scan (scan_line)
 * as if the one pass had not looked. Neither builds a JSON tree (only
 * the rare Metric lines go to cJSON). When "metric" comes first, as in
 * current k6, both stop after time and value for metrics whose tags are
 * not needed: the rest of such a line is not validated. Numbers whose
 * digits fit in 2^53, with a power of ten up to 22, are converted
 * exactly in one IEEE operation, without strtod.
 *
 * Threads. With BENCHDB_THREADS above 1 (the default on a machine of
 * several cores), the file's SHA-256 is computed on a second thread
 * while this one parses (input.c); the runs are the same, for parsing
 * does not change. A third thread would have nothing to do: SHA-256 is
 * sequential, and with the CPU's SHA instructions (1.7 GB/s) it is
 * already the slower of the two; without them it is slower still. For
 * a gzipped file inflating is the slow part, on this thread (a thread
 * of its own for it is not built). (Splitting the parse by block would need per-part accumulators merged
 * in file order: histograms merge exactly (hdr_merge), but the series
 * window, the first-appearance order of metrics and tallies, and the
 * 1000-row limit of tallies depend on the order points arrive in.) */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "hdr.h"
#include "input.h"
#include "parse.h"

#define K6RAW_MAX_LINE (64u << 20)
#define K6RAW_WINDOW 60
#define K6RAW_MAX_METRICS 10000
#define K6RAW_MAX_ROWS 1000
#define K6RAW_NS 1000000000LL

static inline uint32_t load4(const void *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

static inline uint64_t load8(const void *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

/* a[0..n) == b[0..n) for n >= 8, in 8-byte words (inlined: a constant b
 * becomes immediates; memcmp would be a call). */
static inline int same8(const char *a, const char *b, size_t n)
{
    size_t i;
    for (i = 0; i + 8 < n; i += 8)
        if (load8(a + i) != load8(b + i))
            return 0;
    return load8(a + n - 8) == load8(b + n - 8);
}


/* --- metrics -------------------------------------------------------------- */

enum k6type { K6_COUNTER, K6_GAUGE, K6_RATE, K6_TREND };
enum k6contains { K6_DEFAULT, K6_TIME, K6_DATA };
enum k6role {
    ROLE_NONE, ROLE_REQS, ROLE_DURATION, ROLE_FAILED, ROLE_CHECKS, ROLE_VUS, ROLE_VUS_MAX,
    ROLE_ITERATIONS, ROLE_DATA_RX, ROLE_DATA_TX,
};

/* The tags read, by index; a metric says which it needs (bit mask). */
enum { TAG_STATUS, TAG_ERROR, TAG_ERROR_CODE, TAG_URL, TAG_EXPECTED, TAG_CHECK, TAG_GROUP, NTAGS };
static const struct {
    const char *name;
    size_t len;
} tag_names[NTAGS] = {
    {"status", 6}, {"error", 5}, {"error_code", 10}, {"url", 3},
    {"expected_response", 17}, {"check", 5}, {"group", 5},
};
#define TAGS_ALL ((1u << NTAGS) - 1)

/* k6's built-in metrics (metrics/builtin.go): what CSV does not say. */
static const struct builtin {
    const char *name;
    enum k6type type;
    enum k6contains contains;
    enum k6role role;
} builtins[] = {
    {"vus", K6_GAUGE, K6_DEFAULT, ROLE_VUS},
    {"vus_max", K6_GAUGE, K6_DEFAULT, ROLE_VUS_MAX},
    {"iterations", K6_COUNTER, K6_DEFAULT, ROLE_ITERATIONS},
    {"iteration_duration", K6_TREND, K6_TIME, ROLE_NONE},
    {"dropped_iterations", K6_COUNTER, K6_DEFAULT, ROLE_NONE},
    {"checks", K6_RATE, K6_DEFAULT, ROLE_CHECKS},
    {"group_duration", K6_TREND, K6_TIME, ROLE_NONE},
    {"http_reqs", K6_COUNTER, K6_DEFAULT, ROLE_REQS},
    {"http_req_failed", K6_RATE, K6_DEFAULT, ROLE_FAILED},
    {"http_req_duration", K6_TREND, K6_TIME, ROLE_DURATION},
    {"http_req_blocked", K6_TREND, K6_TIME, ROLE_NONE},
    {"http_req_connecting", K6_TREND, K6_TIME, ROLE_NONE},
    {"http_req_tls_handshaking", K6_TREND, K6_TIME, ROLE_NONE},
    {"http_req_sending", K6_TREND, K6_TIME, ROLE_NONE},
    {"http_req_waiting", K6_TREND, K6_TIME, ROLE_NONE},
    {"http_req_receiving", K6_TREND, K6_TIME, ROLE_NONE},
    {"ws_sessions", K6_COUNTER, K6_DEFAULT, ROLE_NONE},
    {"ws_msgs_sent", K6_COUNTER, K6_DEFAULT, ROLE_NONE},
    {"ws_msgs_received", K6_COUNTER, K6_DEFAULT, ROLE_NONE},
    {"ws_ping", K6_TREND, K6_TIME, ROLE_NONE},
    {"ws_session_duration", K6_TREND, K6_TIME, ROLE_NONE},
    {"ws_connecting", K6_TREND, K6_TIME, ROLE_NONE},
    {"grpc_req_duration", K6_TREND, K6_TIME, ROLE_NONE},
    {"data_sent", K6_COUNTER, K6_DATA, ROLE_DATA_TX},
    {"data_received", K6_COUNTER, K6_DATA, ROLE_DATA_RX},
};

struct metric {
    char *name;
    size_t nlen;
    enum k6type type;
    enum k6contains contains;
    enum k6role role;
    unsigned tags_wanted;
    uint64_t n, nonzero;
    double sum, min, max;
    double last;
    int64_t last_t;
    struct hdr *h; /* trends */
    char *thresholds;
};

static const char *metric_unit(const struct metric *m)
{
    return m->contains == K6_TIME ? UNIT_MS : m->contains == K6_DATA ? UNIT_BYTES : UNIT_COUNT;
}

static unsigned role_tags(enum k6role role)
{
    switch (role) {
    case ROLE_REQS:
        return 1u << TAG_STATUS | 1u << TAG_ERROR | 1u << TAG_ERROR_CODE | 1u << TAG_URL;
    case ROLE_DURATION:
        return 1u << TAG_EXPECTED;
    case ROLE_CHECKS:
        return 1u << TAG_CHECK | 1u << TAG_GROUP;
    default:
        return 0;
    }
}

/* --- a string-keyed index ------------------------------------------------- */

struct smap_ent {
    char *key; /* NULL: free slot */
    size_t klen;
    uint64_t hash;
    size_t idx;
};

struct smap {
    struct smap_ent *e;
    size_t cap, n; /* cap a power of two, at most half full */
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static size_t smap_find(const struct smap *m, const char *k, size_t n, uint64_t h)
{
    if (!m->cap)
        return SIZE_MAX;
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        const struct smap_ent *e = &m->e[i];
        if (!e->key)
            return SIZE_MAX;
        if (e->hash == h && e->klen == n && memcmp(e->key, k, n) == 0)
            return e->idx;
    }
}

static void smap_put(struct smap *m, const char *k, size_t n, uint64_t h, size_t idx)
{
    if (2 * (m->n + 1) > m->cap) {
        struct smap old = *m;
        m->cap = old.cap ? old.cap * 2 : 64;
        m->e = xcalloc(m->cap, sizeof(*m->e));
        m->n = 0;
        for (size_t i = 0; i < old.cap; i++) {
            struct smap_ent *o = &old.e[i];
            if (!o->key)
                continue;
            size_t j = o->hash & (m->cap - 1);
            while (m->e[j].key)
                j = (j + 1) & (m->cap - 1);
            m->e[j] = *o;
            m->n++;
        }
        free(old.e);
    }
    size_t j = h & (m->cap - 1);
    while (m->e[j].key)
        j = (j + 1) & (m->cap - 1);
    m->e[j].key = xmalloc(n + 1);
    memcpy(m->e[j].key, k, n);
    m->e[j].key[n] = '\0';
    m->e[j].klen = n;
    m->e[j].hash = h;
    m->e[j].idx = idx;
    m->n++;
}

static void smap_free(struct smap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->e[i].key);
    free(m->e);
    memset(m, 0, sizeof(*m));
}

/* Counted rows (statuses, errors, checks) by a key; two texts each. */
struct tally_row {
    char *a, *b;
    double n, pass, fail;
};

struct tally {
    struct smap index;
    struct tally_row *rows;
    size_t nrows, caprows;
    size_t other; /* row index + 1 of "(other)", 0 while none */
};

/* The row for key (creating it with texts a, b), or "(other)" once the
 * tally holds K6RAW_MAX_ROWS distinct keys. */
static struct tally_row *tally_get(struct tally *t, const char *key, size_t klen, const char *a,
                                   const char *b)
{
    uint64_t h = hash_bytes(key, klen);
    size_t i = smap_find(&t->index, key, klen, h);
    if (i != SIZE_MAX)
        return &t->rows[i];
    if (t->nrows >= K6RAW_MAX_ROWS) {
        if (!t->other) {
            ARRAY_GROW(t->rows, t->nrows, t->caprows);
            memset(&t->rows[t->nrows], 0, sizeof(t->rows[0]));
            t->rows[t->nrows].a = NULL;
            t->rows[t->nrows].b = xstrdup("(other)");
            t->other = ++t->nrows;
        }
        return &t->rows[t->other - 1];
    }
    ARRAY_GROW(t->rows, t->nrows, t->caprows);
    struct tally_row *r = &t->rows[t->nrows];
    memset(r, 0, sizeof(*r));
    r->a = a ? xstrdup(a) : NULL;
    r->b = b ? xstrdup(b) : NULL;
    smap_put(&t->index, key, klen, h, t->nrows);
    t->nrows++;
    return r;
}

static void tally_free(struct tally *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        free(t->rows[i].a);
        free(t->rows[i].b);
    }
    free(t->rows);
    smap_free(&t->index);
    memset(t, 0, sizeof(*t));
}

/* --- the accumulator ------------------------------------------------------ */

/* A span of a line: plain bytes, JSON-escaped (esc 1) or a CSV field
 * with doubled quotes (esc 2). */
struct span {
    const char *s;
    size_t n;
    int esc;
};

/* One open second of the time series. */
struct slot {
    int64_t sec;
    int used, has_vus;
    double requests, failed, vus;
    struct hdr *h;
};

/* The last time read whole: consecutive points share their date, hour,
 * minute and second (k6 writes about a thousand a second), and their
 * zone, so only the fraction is new. */
struct tcache {
    int valid;
    char head[19]; /* "2025-05-13T13:49:24" */
    char zone[6];  /* "Z" or "+01:00" */
    size_t zlen;
    int64_t secs;
};

#define K6RAW_MCACHE 256 /* metrics by their name's last bytes: a power of two */

struct k6acc {
    const char *format;
    struct run *r;
    struct metric **m;
    size_t nm, capm;
    struct smap mindex;
    struct tally statuses, errors, checks;
    struct hdr *expected; /* http_req_duration{expected_response:true} */
    uint64_t points;
    int have_t;
    int64_t t_first, t_min, t_max;
    char *series_start;
    char *url;
    int url_many;
    struct slot ring[K6RAW_WINDOW];
    int64_t newest, closed; /* newest second seen; seconds up to closed are written */
    uint64_t late;
    struct buf tmp, tmp2, key; /* scratch for unescaped texts */
    struct tcache tc;
    struct mcache {
        struct metric *m;
        size_t n;
        uint64_t tail; /* the 8 bytes of the line ending with the name */
    } mcache[K6RAW_MCACHE];
    size_t nmcache;
};

static void acc_init(struct k6acc *a, const char *format)
{
    memset(a, 0, sizeof(*a));
    a->format = format;
    a->r = run_new("k6", format);
    a->expected = hdr_new();
}

static void acc_free(struct k6acc *a)
{
    for (size_t i = 0; i < a->nm; i++) {
        free(a->m[i]->name);
        hdr_free(a->m[i]->h);
        free(a->m[i]->thresholds);
        free(a->m[i]);
    }
    free(a->m);
    smap_free(&a->mindex);
    tally_free(&a->statuses);
    tally_free(&a->errors);
    tally_free(&a->checks);
    hdr_free(a->expected);
    for (size_t i = 0; i < K6RAW_WINDOW; i++)
        hdr_free(a->ring[i].h);
    free(a->series_start);
    free(a->url);
    buf_free(&a->tmp);
    buf_free(&a->tmp2);
    buf_free(&a->key);
    run_free(a->r);
    memset(a, 0, sizeof(*a));
}

/* Appends the UTF-8 of code point c. */
static void put_utf8(struct buf *b, unsigned c)
{
    char u[4];
    if (c < 0x80) {
        buf_addc(b, (char)c);
    } else if (c < 0x800) {
        u[0] = (char)(0xc0 | c >> 6);
        u[1] = (char)(0x80 | (c & 0x3f));
        buf_add(b, u, 2);
    } else if (c < 0x10000) {
        u[0] = (char)(0xe0 | c >> 12);
        u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        u[2] = (char)(0x80 | (c & 0x3f));
        buf_add(b, u, 3);
    } else {
        u[0] = (char)(0xf0 | c >> 18);
        u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
        u[3] = (char)(0x80 | (c & 0x3f));
        buf_add(b, u, 4);
    }
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* The text of a span into b (reset first), unescaped; NUL-terminated.
 * A bad JSON escape is kept as written. */
static const char *span_text(struct buf *b, struct span sp)
{
    buf_reset(b);
    if (!sp.esc) {
        buf_add(b, sp.s, sp.n);
        return buf_str(b);
    }
    for (size_t i = 0; i < sp.n; i++) {
        char c = sp.s[i];
        if (sp.esc == 2) {
            buf_addc(b, c);
            if (c == '"' && i + 1 < sp.n && sp.s[i + 1] == '"')
                i++;
            continue;
        }
        if (c != '\\' || i + 1 >= sp.n) {
            buf_addc(b, c);
            continue;
        }
        char e = sp.s[++i];
        unsigned u, lo;
        switch (e) {
        case 'b': buf_addc(b, '\b'); break;
        case 'f': buf_addc(b, '\f'); break;
        case 'n': buf_addc(b, '\n'); break;
        case 'r': buf_addc(b, '\r'); break;
        case 't': buf_addc(b, '\t'); break;
        case 'u':
            if (i + 4 < sp.n + 0 && hex4(sp.s + i + 1, &u) == 0) {
                i += 4;
                if (u >= 0xd800 && u < 0xdc00 && i + 6 < sp.n && sp.s[i + 1] == '\\' &&
                    sp.s[i + 2] == 'u' && hex4(sp.s + i + 3, &lo) == 0 && lo >= 0xdc00 &&
                    lo < 0xe000) {
                    u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                    i += 6;
                } else if (u >= 0xd800 && u < 0xe000) {
                    u = 0xfffd; /* a lone surrogate */
                }
                put_utf8(b, u);
            } else {
                buf_addc(b, '\\');
                buf_addc(b, e);
            }
            break;
        default: buf_addc(b, e); break; /* \" \\ \/ */
        }
    }
    return buf_str(b);
}

static int span_eq(struct span sp, const char *lit)
{
    size_t n = strlen(lit);
    return !sp.esc && sp.n == n && memcmp(sp.s, lit, n) == 0;
}

static const struct builtin *builtin_find(const char *name)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return &builtins[i];
    return NULL;
}

/* The metric called name[0..n) (escaped as sp says), made on first use:
 * typed from k6's built-ins, else an untyped trend until a Metric line
 * says otherwise. NULL when there are too many metrics. */
static struct metric *metric_get(struct k6acc *a, struct span sp)
{
    const char *name = sp.s;
    size_t n = sp.n;
    if (sp.esc) {
        span_text(&a->tmp2, sp);
        name = a->tmp2.data;
        n = a->tmp2.len;
    }
    uint64_t h = hash_bytes(name, n);
    size_t i = smap_find(&a->mindex, name, n, h);
    if (i != SIZE_MAX)
        return a->m[i];
    if (a->nm >= K6RAW_MAX_METRICS)
        return NULL;
    struct metric *m = xcalloc(1, sizeof(*m));
    m->name = xstrndup(name, n);
    m->nlen = n;
    m->min = m->max = m->last = RUN_NA;
    const struct builtin *b = builtin_find(m->name);
    m->type = b ? b->type : K6_TREND;
    m->contains = b ? b->contains : K6_DEFAULT;
    m->role = b ? b->role : ROLE_NONE;
    m->tags_wanted = role_tags(m->role);
    if (m->type == K6_TREND)
        m->h = hdr_new();
    ARRAY_GROW(a->m, a->nm, a->capm);
    a->m[a->nm] = m;
    smap_put(&a->mindex, name, n, h, a->nm);
    a->nm++;
    return m;
}

/* --- the time series window ----------------------------------------------- */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static struct slot *slot_of(struct k6acc *a, int64_t sec)
{
    int64_t i = sec % K6RAW_WINDOW;
    return &a->ring[i < 0 ? i + K6RAW_WINDOW : i];
}

static void close_second(struct k6acc *a, int64_t sec)
{
    struct slot *s = slot_of(a, sec);
    if (!s->used || s->sec != sec)
        return;
    struct run_second row = {
        .second = sec, .requests = s->requests, .failed = s->failed,
        .p50 = RUN_NA, .p90 = RUN_NA, .p99 = RUN_NA, .vus = s->has_vus ? s->vus : RUN_NA,
    };
    if (s->h && s->h->count) {
        row.p50 = hdr_percentile(s->h, 50);
        row.p90 = hdr_percentile(s->h, 90);
        row.p99 = hdr_percentile(s->h, 99);
        hdr_reset(s->h);
    }
    run_add_second(a->r, &row);
    s->used = 0;
}

/* Writes every open second up to `upto`, in order. */
static void close_upto(struct k6acc *a, int64_t upto)
{
    if (upto <= a->closed)
        return;
    int64_t from = a->closed + 1;
    if (from < a->newest - K6RAW_WINDOW + 1)
        from = a->newest - K6RAW_WINDOW + 1; /* nothing open before */
    int64_t to = upto < a->newest ? upto : a->newest;
    for (int64_t s = from; s <= to; s++)
        close_second(a, s);
    a->closed = upto;
}

/* The open slot of second sec, moving the window forward; NULL when sec
 * was written already. `use`: claim the slot (a series point). */
static struct slot *window(struct k6acc *a, int64_t sec, int use)
{
    if (sec <= a->closed) {
        if (use)
            a->late++;
        return NULL;
    }
    if (sec > a->newest) {
        close_upto(a, sec - K6RAW_WINDOW);
        a->newest = sec;
    }
    if (!use)
        return NULL;
    struct slot *s = slot_of(a, sec);
    if (!s->used) {
        s->used = 1;
        s->sec = sec;
        s->requests = s->failed = 0;
        s->has_vus = 0;
    }
    return s;
}

/* --- one point ------------------------------------------------------------ */

struct point {
    struct span metric;
    int have_metric, have_t, have_v;
    struct span tstr;
    int64_t t;
    double v;
    unsigned have_tags;
    struct span tags[NTAGS];
    struct metric *m;
};

static int tag(const struct point *p, int i)
{
    return (p->have_tags >> i) & 1 && p->tags[i].n > 0;
}

/* Tallies of http_reqs points: status codes, errors, and whether they
 * all have one url. Texts are built in the scratch buffers: nothing is
 * allocated per point unless a new row starts. */
static void count_status_error(struct k6acc *a, const struct point *p)
{
    if (tag(p, TAG_STATUS)) {
        const char *st = span_text(&a->tmp, p->tags[TAG_STATUS]);
        tally_get(&a->statuses, st, a->tmp.len, "status", st)->n += p->v;
    }
    if (tag(p, TAG_ERROR) || tag(p, TAG_ERROR_CODE)) {
        const char *kind = NULL, *msg = NULL;
        if (tag(p, TAG_ERROR_CODE)) {
            span_text(&a->tmp, p->tags[TAG_ERROR_CODE]);
            buf_reset(&a->tmp2);
            buf_printf(&a->tmp2, "error_code=%s", a->tmp.data);
            kind = a->tmp2.data;
        }
        if (tag(p, TAG_ERROR))
            msg = span_text(&a->tmp, p->tags[TAG_ERROR]);
        buf_reset(&a->key);
        buf_adds(&a->key, kind ? kind : "");
        buf_addc(&a->key, '\x1f');
        buf_adds(&a->key, msg ? msg : "");
        tally_get(&a->errors, a->key.data, a->key.len, kind, msg)->n += p->v;
    }
    if (tag(p, TAG_URL) && !a->url_many) {
        const char *u = span_text(&a->tmp, p->tags[TAG_URL]);
        if (!a->url)
            a->url = xstrdup(u);
        else if (strcmp(a->url, u) != 0)
            a->url_many = 1;
    }
}

static void count_check(struct k6acc *a, const struct point *p)
{
    const char *g = tag(p, TAG_GROUP) ? span_text(&a->tmp, p->tags[TAG_GROUP]) : "";
    const char *name = tag(p, TAG_CHECK) ? span_text(&a->tmp2, p->tags[TAG_CHECK]) : "";
    /* k6's group path is "::outer::inner"; the root group is "". */
    if (strncmp(g, "::", 2) == 0)
        g += 2;
    buf_reset(&a->key);
    buf_adds(&a->key, g);
    buf_addc(&a->key, '\x1f');
    buf_adds(&a->key, name);
    struct tally_row *row = tally_get(&a->checks, a->key.data, a->key.len, g, name);
    if (p->v != 0)
        row->pass++;
    else
        row->fail++;
}

/* Adds one complete point (metric resolved) to everything. */
static void add_point(struct k6acc *a, struct point *p)
{
    struct metric *m = p->m;
    double v = p->v;
    a->points++;
    if (!a->have_t) {
        a->have_t = 1;
        a->t_first = a->t_min = a->t_max = p->t;
        a->series_start = xstrdup(span_text(&a->tmp, p->tstr));
        a->newest = 0;
        a->closed = -K6RAW_WINDOW;
    } else {
        if (p->t < a->t_min)
            a->t_min = p->t;
        if (p->t > a->t_max)
            a->t_max = p->t;
    }
    if (m->n == 0) {
        m->min = m->max = v;
    } else {
        if (v < m->min)
            m->min = v;
        if (v > m->max)
            m->max = v;
    }
    if (m->n == 0 || p->t >= m->last_t) {
        m->last = v;
        m->last_t = p->t;
    }
    m->n++;
    m->sum += v;
    if (v != 0)
        m->nonzero++;
    if (m->h)
        hdr_add(m->h, v);

    int64_t sec = floor_div(p->t - a->t_first, K6RAW_NS);
    int series = m->role == ROLE_REQS || m->role == ROLE_DURATION || m->role == ROLE_FAILED ||
                 m->role == ROLE_VUS;
    struct slot *s = window(a, sec, series);
    switch (m->role) {
    case ROLE_REQS:
        count_status_error(a, p);
        if (s)
            s->requests += v;
        break;
    case ROLE_DURATION:
        if (tag(p, TAG_EXPECTED) && span_eq(p->tags[TAG_EXPECTED], "true"))
            hdr_add(a->expected, v);
        if (s) {
            if (!s->h)
                s->h = hdr_new();
            hdr_add(s->h, v);
        }
        break;
    case ROLE_FAILED:
        if (s && v != 0)
            s->failed++;
        break;
    case ROLE_CHECKS:
        count_check(a, p);
        break;
    case ROLE_VUS:
        if (s && (!s->has_vus || v > s->vus)) {
            s->vus = v;
            s->has_vus = 1;
        }
        break;
    default:
        break;
    }
}

/* --- scanning numbers and times ------------------------------------------- */

static const double pow10_exact[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* A JSON number (or a CSV value, which is one too) at p: returns the end,
 * or NULL. Mantissas up to 2^53 with a power of ten up to 22 are exact in
 * one IEEE operation (Clinger's fast path); anything else goes to strtod,
 * which rounds correctly too. */
static const char *scan_number(const char *p, const char *e, double *out)
{
    const char *st = p;
    uint64_t m = 0;
    int nd = 0, e10 = 0, many = 0, neg = 0;
    if (p < e && (*p == '-' || *p == '+')) {
        neg = *p == '-';
        p++;
    }
    if (p >= e || (unsigned)(*p - '0') > 9)
        return NULL;
    for (; p < e && (unsigned)(*p - '0') <= 9; p++) {
        if (nd < 19) {
            m = m * 10 + (unsigned)(*p - '0');
            if (m)
                nd++;
        } else {
            e10++;
            many = 1;
        }
    }
    if (p < e && *p == '.') {
        p++;
        if (p >= e || (unsigned)(*p - '0') > 9)
            return NULL;
        for (; p < e && (unsigned)(*p - '0') <= 9; p++) {
            if (nd < 19) {
                m = m * 10 + (unsigned)(*p - '0');
                if (m)
                    nd++;
                e10--;
            } else {
                many = 1;
            }
        }
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        int eneg = 0, ex = 0;
        p++;
        if (p < e && (*p == '-' || *p == '+'))
            eneg = *p++ == '-';
        if (p >= e || (unsigned)(*p - '0') > 9)
            return NULL;
        for (; p < e && (unsigned)(*p - '0') <= 9; p++)
            if (ex < 100000)
                ex = ex * 10 + (*p - '0');
        e10 += eneg ? -ex : ex;
    }
    if (!many && m <= (1ULL << 53) && e10 >= -22 && e10 <= 22) {
        double d = (double)m;
        d = e10 < 0 ? d / pow10_exact[-e10] : d * pow10_exact[e10];
        *out = neg ? -d : d;
        return p;
    }
    char tmp[400];
    size_t n = (size_t)(p - st);
    if (n >= sizeof tmp)
        return NULL;
    memcpy(tmp, st, n);
    tmp[n] = '\0';
    *out = strtod(tmp, NULL);
    if (!isfinite(*out))
        return NULL;
    return p;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if ((unsigned)(s[i] - '0') > 9)
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The fraction at s[i..n) after a '.': nanoseconds (digits past the ninth
 * ignored) and the index past the digits, or SIZE_MAX for no digit. */
static size_t rfc3339_frac(const char *s, size_t i, size_t n, int64_t *frac)
{
    int k = 0;
    int64_t f = 0;
    if (n - i >= 8) {
        /* Eight digits at once (k6 writes nine): each byte 0x30..0x39. */
        uint64_t w = load8(s + i);
        if (((w & 0xf0f0f0f0f0f0f0f0ULL) |
             (((w + 0x0606060606060606ULL) & 0xf0f0f0f0f0f0f0f0ULL) >> 4)) ==
            0x3333333333333333ULL) {
            w -= 0x3030303030303030ULL;
            w = w * 10 + (w >> 8); /* byte pairs: 2-digit values, little-endian */
            w = (((w & 0x000000ff000000ffULL) * (100 + (1000000ULL << 32))) +
                 (((w >> 16) & 0x000000ff000000ffULL) * (1 + (10000ULL << 32)))) >> 32;
            f = (int64_t)(uint32_t)w;
            k = 8;
            i += 8;
        }
    }
    for (; i < n && (unsigned)(s[i] - '0') <= 9; i++)
        if (k < 9) {
            f = f * 10 + (s[i] - '0');
            k++;
        }
    if (k == 0)
        return SIZE_MAX;
    for (; k < 9; k++)
        f *= 10;
    *frac = f;
    return i;
}

/* "2025-05-13T13:49:24.529764805+01:00" (RFC 3339, any number of
 * fraction digits, Z or an offset): whole seconds since the epoch, the
 * fraction in ns, and where the zone starts. Years 1970 to 2200 only: the
 * difference of any two such times fits in 64 bits of nanoseconds (Go's
 * zero time, year 1, is refused). 0 or -1. */
static int rfc3339_parts(const char *s, size_t n, int64_t *secs, int64_t *frac, size_t *zone)
{
    int y, mo, d, h, mi, sec, oh = 0, om = 0;
    if (n < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        s[13] != ':' || s[16] != ':')
        return -1;
    if (digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
        digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) || digits(s + 17, 2, &sec))
        return -1;
    if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
        sec > 60)
        return -1;
    size_t i = 19;
    *frac = 0;
    if (s[i] == '.' && (i = rfc3339_frac(s, i + 1, n, frac)) == SIZE_MAX)
        return -1;
    if (i >= n)
        return -1;
    *zone = i;
    int sign = 0;
    if (s[i] == 'Z' || s[i] == 'z') {
        i++;
    } else if (s[i] == '+' || s[i] == '-') {
        sign = s[i] == '-' ? -1 : 1;
        if (n - i < 6 || s[i + 3] != ':' || digits(s + i + 1, 2, &oh) ||
            digits(s + i + 4, 2, &om) || oh > 23 || om > 59)
            return -1;
        i += 6;
    } else {
        return -1;
    }
    if (i != n)
        return -1;
    *secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
            sign * (oh * 3600 + om * 60);
    if (*secs < 0)
        return -1; /* 1970-01-01 with a positive offset */
    return 0;
}

/* An RFC 3339 time (as rfc3339_parts) into nanoseconds since the epoch. */
static int parse_rfc3339(const char *s, size_t n, int64_t *ns)
{
    int64_t secs, frac;
    size_t zone;
    if (rfc3339_parts(s, n, &secs, &frac, &zone) < 0)
        return -1;
    *ns = secs * K6RAW_NS + frac;
    return 0;
}

/* parse_rfc3339 with the cache: the same answer for the same text. */
static int parse_rfc3339_cached(struct tcache *c, const char *s, size_t n, int64_t *ns)
{
    int64_t secs, frac = 0;
    size_t i = 19;
    if (c->valid && n >= 20 && same8(s, c->head, 19)) {
        if (s[i] == '.')
            i = rfc3339_frac(s, i + 1, n, &frac);
        if (i < n && n - i == c->zlen &&
            (c->zlen == 1   ? s[i] == c->zone[0]
             : c->zlen == 6 ? load4(s + i) == load4(c->zone) && s[i + 4] == c->zone[4] &&
                                  s[i + 5] == c->zone[5]
                            : memcmp(s + i, c->zone, c->zlen) == 0)) {
            *ns = c->secs * K6RAW_NS + frac;
            return 0;
        }
    }
    if (rfc3339_parts(s, n, &secs, &frac, &i) < 0)
        return -1;
    c->valid = n - i <= sizeof c->zone;
    memcpy(c->head, s, 19);
    c->zlen = n - i;
    if (c->valid)
        memcpy(c->zone, s + i, c->zlen);
    c->secs = secs;
    *ns = secs * K6RAW_NS + frac;
    return 0;
}

/* --- reading lines in blocks ---------------------------------------------- */

/* Lines are read in place in the input's blocks (input_block); a line
 * the block's end cuts continues in the next block, and one longer than
 * half a block is gathered in `big` instead (up to K6RAW_MAX_LINE). */
struct lreader {
    struct input *in;
    const char *blk;
    size_t len, off; /* unread bytes are blk[off..len) */
    int eof;
    int no; /* number of the line last returned */
    struct buf big;
};

static void lr_init(struct lreader *lr, struct input *in)
{
    static const char none[INPUT_PAD]; /* a block's padding, before the first */
    memset(lr, 0, sizeof(*lr));
    lr->in = in;
    lr->blk = none;
}

static void lr_free(struct lreader *lr)
{
    buf_free(&lr->big);
}

/* The next block, keeping blk[off..len). 0, or -1 on a read error. */
static int lr_refill(struct lreader *lr)
{
    size_t keep = lr->len - lr->off;
    long k = input_block(lr->in, keep, &lr->blk);
    if (k < 0)
        return -1;
    if ((size_t)k == keep)
        lr->eof = 1;
    lr->len = (size_t)k;
    lr->off = 0;
    return 0;
}

/* A line longer than half a block: gathered in lr->big from blk[off..)
 * on, through its newline or the end of the input. As lr_next. */
static int lr_long(struct lreader *lr, const char **s, size_t *n, int *cut)
{
    buf_reset(&lr->big);
    buf_add(&lr->big, lr->blk + lr->off, lr->len - lr->off);
    lr->off = lr->len;
    for (;;) {
        if (lr_refill(lr) < 0)
            return -1;
        const char *nl = memchr(lr->blk, '\n', lr->len);
        size_t end = nl ? (size_t)(nl - lr->blk) : lr->len;
        buf_add(&lr->big, lr->blk, end);
        lr->off = nl ? end + 1 : end;
        if (lr->big.len >= K6RAW_MAX_LINE)
            return -2;
        if (nl || lr->eof) {
            *s = lr->big.data;
            *n = lr->big.len;
            *cut = !nl;
            return 1;
        }
    }
}

/* The next line without its "\n" (and "\r"): 1, 0 at the end, -1 on a
 * read error (printed), -2 when a line is longer than K6RAW_MAX_LINE.
 * *cut: the line ended the input without a newline. The line stays
 * valid until the next call. */
static int lr_next(struct lreader *lr, const char **s, size_t *n, int *cut)
{
    size_t scanned = lr->off;
    for (;;) {
        const char *nl = memchr(lr->blk + scanned, '\n', lr->len - scanned);
        int rc = 1;
        if (nl) {
            *s = lr->blk + lr->off;
            *n = (size_t)(nl - *s);
            *cut = 0;
            lr->off = (size_t)(nl - lr->blk) + 1;
        } else if (lr->eof) {
            if (lr->off >= lr->len)
                return 0;
            *s = lr->blk + lr->off;
            *n = lr->len - lr->off;
            *cut = 1;
            lr->off = lr->len;
        } else if (lr->len - lr->off > INPUT_BLOCK / 2) {
            if ((rc = lr_long(lr, s, n, cut)) < 0)
                return rc;
        } else {
            scanned = lr->len - lr->off;
            if (lr_refill(lr) < 0)
                return -1;
            continue;
        }
        lr->no++;
        if (*n > 0 && (*s)[*n - 1] == '\r')
            (*n)--;
        if (lr->no == 1 && *n >= 3 && memcmp(*s, "\xef\xbb\xbf", 3) == 0) {
            *s += 3;
            *n -= 3;
        }
        return 1;
    }
}

/* --- NDJSON --------------------------------------------------------------- */

static const char *jws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p;
}

/* The string at p (at its opening quote): its contents into sp, the end
 * past the closing quote returned; NULL when there is none. */
static const char *jstring(const char *p, const char *e, struct span *sp)
{
    if (p >= e || *p != '"')
        return NULL;
    const char *st = ++p;
    for (;;) {
        const char *q = memchr(p, '"', (size_t)(e - p));
        if (!q)
            return NULL;
        const char *b = q;
        while (b > st && b[-1] == '\\')
            b--;
        if ((q - b) % 2 == 0) {
            sp->s = st;
            sp->n = (size_t)(q - st);
            sp->esc = memchr(st, '\\', sp->n) != NULL;
            return q + 1;
        }
        p = q + 1;
    }
}

/* Past any JSON value at p, or NULL. Nesting is followed, not checked. */
static const char *jskip(const char *p, const char *e)
{
    struct span sp;
    double d;
    if (p >= e)
        return NULL;
    switch (*p) {
    case '"':
        return jstring(p, e, &sp);
    case '{':
    case '[': {
        int depth = 0;
        while (p < e) {
            char c = *p;
            if (c == '"') {
                if (!(p = jstring(p, e, &sp)))
                    return NULL;
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return p + 1;
            p++;
        }
        return NULL;
    }
    case 't':
        return e - p >= 4 && memcmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f':
        return e - p >= 5 && memcmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n':
        return e - p >= 4 && memcmp(p, "null", 4) == 0 ? p + 4 : NULL;
    default:
        return scan_number(p, e, &d);
    }
}

/* After a member: past the ',' (0), past the closing '}' (1), or -1. */
static int jnext(const char **pp, const char *e)
{
    const char *p = jws(*pp, e);
    if (p < e && *p == ',') {
        *pp = p + 1;
        return 0;
    }
    if (p < e && *p == '}') {
        *pp = p + 1;
        return 1;
    }
    return -1;
}

/* "key": at p; the key into k and p moved past the colon. */
static const char *jkey(const char *p, const char *e, struct span *k)
{
    p = jws(p, e);
    if (!(p = jstring(p, e, k)))
        return NULL;
    p = jws(p, e);
    if (p >= e || *p != ':')
        return NULL;
    p = jws(p + 1, e);
    return p < e ? p : NULL;
}

static const char *scan_tags(const char *p, const char *e, struct point *pt, unsigned wanted)
{
    struct span k, v;
    if (p >= e || *p != '{')
        return NULL;
    p++;
    if (jws(p, e) < e && *jws(p, e) == '}')
        return jws(p, e) + 1;
    for (;;) {
        if (!(p = jkey(p, e, &k)))
            return NULL;
        if (*p != '"') {
            if (!(p = jskip(p, e)))
                return NULL;
        } else {
            if (!(p = jstring(p, e, &v)))
                return NULL;
            for (int i = 0; i < NTAGS; i++)
                if ((wanted >> i & 1) && k.n == tag_names[i].len &&
                    memcmp(k.s, tag_names[i].name, k.n) == 0) {
                    pt->tags[i] = v;
                    pt->have_tags |= 1u << i;
                    break;
                }
        }
        int r = jnext(&p, e);
        if (r < 0)
            return NULL;
        if (r)
            return p;
    }
}

enum { SCAN_BAD = -1, SCAN_OK = 0, SCAN_DONE = 1 };

/* The "data" object of a Point at p. SCAN_DONE: everything needed was
 * read and the rest of the line may be left (metric known, no tags
 * wanted). *why says what is wrong on SCAN_BAD. */
static int scan_data(struct k6acc *a, const char **pp, const char *e, struct point *pt,
                     const char **why)
{
    const char *p = *pp;
    struct span k, ts;
    unsigned wanted = TAGS_ALL;
    if (pt->have_metric && !pt->m) {
        if (!(pt->m = metric_get(a, pt->metric)))
            return *why = "more metrics than benchdb keeps (10000)", SCAN_BAD;
    }
    if (pt->m)
        wanted = pt->m->tags_wanted;
    if (p >= e || *p != '{')
        return *why = "\"data\" is not an object", SCAN_BAD;
    p++;
    if (jws(p, e) < e && *jws(p, e) == '}') {
        *pp = jws(p, e) + 1;
        return SCAN_OK;
    }
    for (;;) {
        if (!(p = jkey(p, e, &k)))
            return *why = "bad JSON in \"data\"", SCAN_BAD;
        if (span_eq(k, "time")) {
            if (!(p = jstring(p, e, &ts)) || ts.esc || parse_rfc3339(ts.s, ts.n, &pt->t) < 0)
                return *why = "\"time\" is not an RFC 3339 time of 1970 to 2200", SCAN_BAD;
            pt->tstr = ts;
            pt->have_t = 1;
        } else if (span_eq(k, "value")) {
            if (!(p = scan_number(p, e, &pt->v)))
                return *why = "\"value\" is not a number", SCAN_BAD;
            pt->have_v = 1;
        } else if (span_eq(k, "tags") && wanted && *p == '{') {
            if (!(p = scan_tags(p, e, pt, wanted)))
                return *why = "bad JSON in \"tags\"", SCAN_BAD;
        } else if (!(p = jskip(p, e))) {
            return *why = "bad JSON in \"data\"", SCAN_BAD;
        }
        int r = jnext(&p, e);
        if (r < 0)
            return *why = "bad JSON in \"data\"", SCAN_BAD;
        /* A comma after the member: it was whole, even on a cut line. */
        if (r == 0 && pt->m && !wanted && pt->have_t && pt->have_v)
            return SCAN_DONE;
        if (r) {
            *pp = p;
            return SCAN_OK;
        }
    }
}

enum { LINE_POINT, LINE_METRIC };

/* One NDJSON line: LINE_POINT with pt complete (metric resolved),
 * LINE_METRIC, or SCAN_BAD with *why. */
static int scan_line(struct k6acc *a, const char *s, size_t n, struct point *pt, const char **why)
{
    const char *p = s, *e = s + n;
    enum { T_NONE, T_POINT, T_METRIC, T_OTHER } type = T_NONE;
    struct span k, v, data = {0};
    int have_data = 0, data_read = 0;

    pt->have_metric = pt->have_t = pt->have_v = 0;
    pt->have_tags = 0;
    pt->m = NULL;
    p = jws(p, e);
    if (p >= e || *p != '{')
        return *why = "not a JSON object", SCAN_BAD;
    p++;
    for (;;) {
        if (!(p = jkey(p, e, &k)))
            return *why = "bad JSON", SCAN_BAD;
        if (span_eq(k, "type")) {
            if (!(p = jstring(p, e, &v)))
                return *why = "\"type\" is not a string", SCAN_BAD;
            type = span_eq(v, "Point") ? T_POINT : span_eq(v, "Metric") ? T_METRIC : T_OTHER;
        } else if (span_eq(k, "metric")) {
            if (!(p = jstring(p, e, &pt->metric)))
                return *why = "\"metric\" is not a string", SCAN_BAD;
            pt->have_metric = 1;
        } else if (span_eq(k, "data") && type == T_POINT) {
            int r = scan_data(a, &p, e, pt, why);
            if (r == SCAN_BAD)
                return SCAN_BAD;
            if (r == SCAN_DONE)
                return LINE_POINT;
            data_read = 1;
        } else if (span_eq(k, "data")) {
            const char *st = p;
            if (!(p = jskip(p, e)))
                return *why = "bad JSON in \"data\"", SCAN_BAD;
            data.s = st;
            data.n = (size_t)(p - st);
            have_data = 1;
        } else if (!(p = jskip(p, e))) {
            return *why = "bad JSON", SCAN_BAD;
        }
        int r = jnext(&p, e);
        if (r < 0)
            return *why = "bad JSON", SCAN_BAD;
        if (r)
            break;
    }
    if (jws(p, e) != e)
        return *why = "text after the JSON object", SCAN_BAD;
    if (type == T_METRIC)
        return LINE_METRIC;
    if (type != T_POINT)
        return *why = "neither a Metric nor a Point line", SCAN_BAD;
    if (!pt->have_metric)
        return *why = "a Point without \"metric\"", SCAN_BAD;
    if (!data_read) { /* "data" came before "type" */
        if (!have_data)
            return *why = "a Point without \"data\"", SCAN_BAD;
        const char *dp = data.s;
        if (scan_data(a, &dp, data.s + data.n, pt, why) == SCAN_BAD)
            return SCAN_BAD;
    }
    if (!pt->m && !(pt->m = metric_get(a, pt->metric)))
        return *why = "more metrics than benchdb keeps (10000)", SCAN_BAD;
    if (!pt->have_t)
        return *why = "a Point without \"time\"", SCAN_BAD;
    if (!pt->have_v)
        return *why = "a Point without \"value\"", SCAN_BAD;
    return LINE_POINT;
}

/* A Metric line declares a metric's type, unit and thresholds. */
static int read_metric_line(struct k6acc *a, const char *s, size_t n, const char **why)
{
    static const char *const types[] = {"counter", "gauge", "rate", "trend"};
    int rc = -1;
    cJSON *root = cJSON_ParseWithLength(s, n);
    cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
    cJSON *name = cJSON_GetObjectItemCaseSensitive(data, "name");
    cJSON *type = cJSON_GetObjectItemCaseSensitive(data, "type");
    cJSON *contains = cJSON_GetObjectItemCaseSensitive(data, "contains");
    cJSON *ths = cJSON_GetObjectItemCaseSensitive(data, "thresholds");
    if (!root || !cJSON_IsObject(data) || !cJSON_IsString(name) || !cJSON_IsString(type)) {
        *why = "a Metric line without data.name and data.type";
        goto out;
    }
    int t = -1;
    for (int i = 0; i < 4; i++)
        if (strcmp(type->valuestring, types[i]) == 0)
            t = i;
    if (t < 0) {
        *why = "a Metric of an unknown type (not counter, gauge, rate or trend)";
        goto out;
    }
    struct span sp = {name->valuestring, strlen(name->valuestring), 0};
    struct metric *m = metric_get(a, sp);
    if (!m) {
        *why = "more metrics than benchdb keeps (10000)";
        goto out;
    }
    m->type = (enum k6type)t;
    const char *c = cJSON_IsString(contains) ? contains->valuestring : "default";
    m->contains = strcmp(c, "time") == 0 ? K6_TIME : strcmp(c, "data") == 0 ? K6_DATA : K6_DEFAULT;
    if (m->type == K6_TREND && !m->h)
        m->h = hdr_new();
    if (m->type != K6_TREND && m->h && m->n == 0) {
        hdr_free(m->h);
        m->h = NULL;
    }
    if (cJSON_IsArray(ths) && cJSON_GetArraySize(ths) > 0) {
        struct buf b = BUF_INIT;
        cJSON *th;
        cJSON_ArrayForEach(th, ths)
        {
            if (!cJSON_IsString(th))
                continue;
            buf_printf(&b, "%s%s", b.len ? "; " : "", th->valuestring);
        }
        free(m->thresholds);
        m->thresholds = b.len ? buf_detach(&b, NULL) : NULL;
        buf_free(&b);
    }
    rc = 0;
out:
    cJSON_Delete(root);
    return rc;
}

/* --- NDJSON: k6's own Point lines in one pass ----------------------------- */

/* Strings are the bulk of a Point line (tag names and values): their
 * ends are found from bit masks of the line's quotes and of its
 * backslashes and newlines, 64 bytes at a time (SSE2, part of every
 * x86-64), or else 8 bytes at a time in plain C (GCC or clang, little
 * endian), or byte by byte. K6RAW_NO_SSE2 and K6RAW_NO_SWAR turn the
 * first two off (to test the others). */
#if defined(__SSE2__) && !defined(K6RAW_NO_SSE2)
#include <emmintrin.h>
#define K6RAW_MASKS 1
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    !defined(K6RAW_NO_SWAR)
#define K6RAW_SWAR 1
#define SWAR_ONES 0x0101010101010101ULL
#define SWAR_HIGH 0x8080808080808080ULL

/* The high bit of every byte of w equal to c; the lowest one set is
 * exact (a borrow may flag bytes above a match, never below). */
static inline uint64_t swar_eq(uint64_t w, uint64_t c)
{
    uint64_t x = w ^ (SWAR_ONES * c);
    return (x - SWAR_ONES) & ~x & SWAR_HIGH;
}
#endif

/* Where fast_string looks: bit i of quotes (special) is set when base[i]
 * is '"' (a backslash or a newline), for i < 64. */
struct qcur {
    const char *base;
    uint64_t quotes, special;
};

#ifdef K6RAW_MASKS
static inline void qcur_load(struct qcur *c, const char *p)
{
    const __m128i q = _mm_set1_epi8('"'), b = _mm_set1_epi8('\\'), n = _mm_set1_epi8('\n');
    uint64_t qm = 0, sm = 0;
    for (int i = 0; i < 4; i++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
        qm |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, q)) << (16 * i);
        sm |= (uint64_t)(uint32_t)_mm_movemask_epi8(
                  _mm_or_si128(_mm_cmpeq_epi8(v, b), _mm_cmpeq_epi8(v, n)))
              << (16 * i);
    }
    c->base = p;
    c->quotes = qm;
    c->special = sm;
}
#endif

/* The closing quote of the JSON string whose contents start at p, or
 * NULL when a newline or e comes first (the line is not whole here).
 * Escapes are stepped over; *esc is set when there is one. Reads up to
 * 64 bytes past e (the block's padding). */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline const char *fast_string(struct qcur *c, const char *p, const char *e, int *esc)
{
    for (;;) {
#if defined(K6RAW_MASKS)
        uintptr_t off = (uintptr_t)p - (uintptr_t)c->base; /* huge when p < base */
        if (off >= 64) {
            qcur_load(c, p);
            off = 0;
        }
        uint64_t q = c->quotes >> off, any = q | c->special >> off;
        if (!any) {
            p = c->base + 64;
            if (p >= e)
                return NULL;
            continue;
        }
        unsigned k = (unsigned)__builtin_ctzll(any);
        p += k;
        if (p >= e)
            return NULL;
        if (q >> k & 1)
            return p;
#elif defined(K6RAW_SWAR)
        (void)c;
        uint64_t w = load8(p);
        uint64_t m = swar_eq(w, '"') | swar_eq(w, '\\') | swar_eq(w, '\n');
        if (!m) {
            p += 8;
            if (p >= e)
                return NULL;
            continue;
        }
        p += __builtin_ctzll(m) >> 3;
        if (p >= e)
            return NULL;
        if (*p == '"')
            return p;
#else
        (void)c;
        while (p < e && *p != '"' && *p != '\\' && *p != '\n')
            p++;
        if (p >= e)
            return NULL;
        if (*p == '"')
            return p;
#endif
        if (*p == '\n' || p + 1 >= e || p[1] == '\n')
            return NULL;
        *esc = 1;
        p += 2;
    }
}

/* The tag a key names (its bytes as written), or -1. */
static int tag_index(const char *k, size_t n)
{
    switch (n) {
    case 3:
        return k[0] == 'u' && k[1] == 'r' && k[2] == 'l' ? TAG_URL : -1;
    case 5:
        if (k[4] == 'r' && load4(k) == load4("erro"))
            return TAG_ERROR;
        if (k[4] != 'k' && k[4] != 'p')
            return -1;
        return load4(k) == load4("chec") ? TAG_CHECK : load4(k) == load4("grou") ? TAG_GROUP : -1;
    case 6:
        return load4(k) == load4("stat") && k[4] == 'u' && k[5] == 's' ? TAG_STATUS : -1;
    case 10:
        return same8(k, "error_code", 10) ? TAG_ERROR_CODE : -1;
    case 17:
        return same8(k, "expected_response", 17) ? TAG_EXPECTED : -1;
    default:
        return -1;
    }
}

/* The metric named s[0..n) (no escapes), through a cache keyed by its
 * length and its last 8 bytes (s is inside a line that has at least 8
 * bytes before it). NULL when there are too many metrics. */
static struct metric *fast_metric(struct k6acc *a, const char *s, size_t n)
{
    uint64_t tail = load8(s + n - 8);
    size_t h = (size_t)((tail ^ n) * 0x9e3779b97f4a7c15ULL >> 56) & (K6RAW_MCACHE - 1);
    struct mcache *c;
    struct metric *m;
    /* Open addressing; the tail word holds the whole name up to 8 bytes
     * (the rest of it is the constant end of "metric":"), the words
     * before it the rest. */
    for (;; h = (h + 1) & (K6RAW_MCACHE - 1)) {
        c = &a->mcache[h];
        if (!c->m)
            break;
        if (c->n == n && c->tail == tail) {
            size_t i = 0;
            for (; i + 8 < n; i += 8)
                if (load8(s + i) != load8(c->m->name + i))
                    break;
            if (i + 8 >= n)
                return c->m;
        }
    }
    struct span sp = {s, n, 0};
    if ((m = metric_get(a, sp)) && a->nmcache < K6RAW_MCACHE / 2) {
        c->m = m;
        c->n = n;
        c->tail = tail;
        a->nmcache++;
    }
    return m;
}

#define LIT(p, lit) same8((p), (lit), sizeof(lit) - 1)

/* scan_number for the plain numbers k6 writes ("1", "20.319739"): up to
 * 19 digits and no exponent converted here, exactly as scan_number
 * would (the same mantissa and power of ten, Clinger's fast path);
 * anything else is left to scan_number. */
static const char *fast_number(const char *p, const char *e, double *out)
{
    const char *st = p;
    uint64_t m = 0;
    unsigned d;
    int nd = 0, nf = 0, neg = *p == '-';
    p += neg;
    while ((d = (unsigned)(*p - '0')) <= 9) {
        m = m * 10 + d;
        nd++;
        p++;
    }
    if (*p == '.') {
        p++;
        while ((d = (unsigned)(*p - '0')) <= 9) {
            m = m * 10 + d;
            nf++;
            p++;
        }
    }
    /* No digit, "1." or an exponent: scan_number says. 19 digits fit in
     * 64 bits, and their power of ten in pow10_exact. */
    if (nd == 0 || p[-1] == '.' || *p == 'e' || *p == 'E' || nd + nf > 19 ||
        m > (1ULL << 53) || p > e)
        return scan_number(st, e, out);
    double v = nf ? (double)m / pow10_exact[nf] : (double)m;
    *out = neg ? -v : v;
    return p;
}

/* The end of a line at p, past its newline ("\n" or "\r\n"), or NULL. */
static const char *fast_eol(const char *p)
{
    return *p == '\n' ? p + 1 : p[0] == '\r' && p[1] == '\n' ? p + 2 : NULL;
}

/* A Point line exactly as k6 writes it, whole, its newline included:
 *   {"type":"Point","data":{"time":T,"value":V,"tags":{TAGS}},"metric":M}
 *   {"metric":M,"type":"Point","data":{"time":T,"value":V,"tags":{TAGS}}}
 * with string tags, in one pass over its bytes (e: the block's end; the
 * block's zero padding never matches). Returns the start of the next
 * line with pt complete, or NULL: then the line is anything else (a
 * Metric line, spaces, other keys, a line the block cuts ...) and the
 * general scan reads it as if this had not looked, for nothing changed.
 * It reads what scan_line would, the same way: keys compared as
 * written, the last of a repeated tag kept; and, as scan_line, when
 * "metric" comes first and the metric wants no tags, the line is not
 * read past the comma after "value". */
static const char *fast_point(struct k6acc *a, const char *p, const char *e, struct point *pt)
{
    const char *q, *next;
    int esc = 0;
    struct qcur c = {NULL, 0, 0};
    pt->m = NULL;
    pt->have_tags = 0;
    if (LIT(p, "{\"type\":\"Point\",\"data\":{\"time\":\"")) {
        p += 32;
    } else if (LIT(p, "{\"metric\":\"")) {
        if (!(q = fast_string(&c, p + 11, e, &esc)) || esc ||
            !LIT(q, "\",\"type\":\"Point\",\"data\":{\"time\":\"") ||
            !(pt->m = fast_metric(a, p + 11, (size_t)(q - p - 11))))
            return NULL;
        p = q + 33;
    } else {
        return NULL;
    }
    if (!(q = fast_string(&c, p, e, &esc)) || esc ||
        parse_rfc3339_cached(&a->tc, p, (size_t)(q - p), &pt->t) < 0)
        return NULL;
    pt->tstr = (struct span){p, (size_t)(q - p), 0};
    if (!LIT(q, "\",\"value\":") || !(p = fast_number(q + 10, e, &pt->v)) || p >= e)
        return NULL;
    if (pt->m && !pt->m->tags_wanted) {
        if (*p != ',' || !(q = memchr(p, '\n', (size_t)(e - p))))
            return NULL;
        return q + 1;
    }
    if (!LIT(p, ",\"tags\":{"))
        return NULL;
    p += 9;
    if (*p == '}') {
        p++;
    } else {
        for (;;) {
            const char *k = p + 1;
            int i;
            if (*p != '"' || !(q = fast_string(&c, k, e, &esc)) || q[1] != ':' || q[2] != '"')
                return NULL;
            i = tag_index(k, (size_t)(q - k));
            esc = 0;
            p = q + 3;
            if (!(q = fast_string(&c, p, e, &esc)))
                return NULL;
            if (i >= 0) {
                pt->tags[i] = (struct span){p, (size_t)(q - p), esc};
                pt->have_tags |= 1u << i;
            }
            p = q + 2;
            if (q[1] == '}')
                break;
            if (q[1] != ',')
                return NULL;
        }
    }
    if (pt->m) /* "metric" came first: the ends of "data" and of the line */
        return p[0] == '}' && p[1] == '}' ? fast_eol(p + 2) : NULL;
    if (!LIT(p, "},\"metric\":\"") || !(q = fast_string(&c, p + 12, e, &esc)) || esc ||
        q[1] != '}' || !(next = fast_eol(q + 2)) ||
        !(pt->m = fast_metric(a, p + 12, (size_t)(q - p - 12))))
        return NULL;
    return next;
}

/* --- the run -------------------------------------------------------------- */

static const double run_pcts[] = {50, 75, 90, 95, 99, 99.9, 99.99};

static void add_histogram(struct run *r, const char *name, const char *unit, const struct hdr *h)
{
    struct buf enc = BUF_INIT;
    for (size_t i = 0; i < sizeof run_pcts / sizeof run_pcts[0]; i++)
        run_add_percentile(r, name, run_pcts[i], hdr_percentile(h, run_pcts[i]), unit, NULL, -1);
    hdr_encode(h, &enc);
    run_add_histogram(r, name, unit, (double)h->count, h->min, h->max, hdr_mean(h), HDR_ENCODING,
                      enc.data, enc.len);
    buf_free(&enc);
}

static struct metric *role_metric(const struct k6acc *a, enum k6role role)
{
    for (size_t i = 0; i < a->nm; i++)
        if (a->m[i]->role == role && a->m[i]->n > 0)
            return a->m[i];
    return NULL;
}

static int tally_cmp_status(const void *x, const void *y)
{
    const struct tally_row *a = x, *b = y;
    if (!a->a != !b->a) /* "(other)" last */
        return a->a ? -1 : 1;
    size_t la = strlen(a->b), lb = strlen(b->b);
    return la != lb ? (la < lb ? -1 : 1) : strcmp(a->b, b->b);
}

/* The run from everything accumulated; moves it to pr. */
static int finish(struct k6acc *a, struct parse_result *pr, int last_line, int truncated)
{
    struct run *r = a->r;
    if (a->points == 0)
        return parse_fail(pr, last_line > 0 ? last_line : 1, "no k6 data points (%s)",
                          strcmp(a->format, "k6-csv") == 0 ? "rows after the header"
                                                           : "\"type\":\"Point\" lines");
    close_upto(a, a->newest);
    r->first_line = 1;
    r->last_line = last_line;
    run_set(&r->latency_metric, "http_req_duration");

    for (size_t i = 0; i < a->nm; i++) {
        struct metric *m = a->m[i];
        const char *u = metric_unit(m);
        if (m->n == 0)
            continue;
        run_add_figure(r, m->name, "count", (double)m->n, UNIT_COUNT, NULL);
        run_add_figure(r, m->name, "sum", m->sum, u, NULL);
        run_add_figure(r, m->name, "min", m->min, u, NULL);
        run_add_figure(r, m->name, "max", m->max, u, NULL);
        run_add_figure(r, m->name, "mean", m->sum / (double)m->n, u, NULL);
        if (m->type == K6_RATE) {
            run_add_figure(r, m->name, "passes", (double)m->nonzero, UNIT_COUNT, NULL);
            run_add_figure(r, m->name, "fails", (double)(m->n - m->nonzero), UNIT_COUNT, NULL);
        }
        if (m->type == K6_GAUGE)
            run_add_figure(r, m->name, "value", m->last, u, NULL);
        if (m->type == K6_TREND && m->h)
            add_histogram(r, m->name, u, m->h);
        if (m->thresholds) {
            char key[300];
            snprintf(key, sizeof key, "threshold %s", m->name);
            run_add_param(r, key, m->thresholds);
        }
    }
    if (a->expected->count)
        add_histogram(r, "http_req_duration{expected_response:true}", UNIT_MS, a->expected);
    if (a->late)
        run_add_figure(r, "series", "late_points", (double)a->late, UNIT_COUNT, NULL);

    const struct metric *m;
    if ((m = role_metric(a, ROLE_REQS)))
        r->requests = m->sum;
    r->duration_s = (double)(a->t_max - a->t_min) / 1e9;
    if (run_has(r->requests) && r->duration_s > 0)
        r->rps = r->requests / r->duration_s;
    if ((m = role_metric(a, ROLE_DURATION))) {
        r->lat_avg = m->sum / (double)m->n;
        r->lat_min = m->min;
        r->lat_max = m->max;
        if (m->h)
            r->lat_med = hdr_percentile(m->h, 50);
    }
    if ((m = role_metric(a, ROLE_FAILED))) {
        r->failed_requests = (double)m->nonzero;
        r->failed_pct = (double)m->nonzero * 100.0 / (double)m->n;
    }
    if ((m = role_metric(a, ROLE_DATA_RX)))
        r->bytes_received = m->sum;
    if ((m = role_metric(a, ROLE_DATA_TX)))
        r->bytes_sent = m->sum;
    if ((m = role_metric(a, ROLE_ITERATIONS)))
        r->iterations = m->sum;
    if ((m = role_metric(a, ROLE_VUS)))
        r->vus = m->last;
    if ((m = role_metric(a, ROLE_VUS_MAX)))
        r->vus_max = m->max;
    if ((m = role_metric(a, ROLE_CHECKS))) {
        r->checks_passed = (double)m->nonzero;
        r->checks_failed = (double)(m->n - m->nonzero);
    }

    if (a->statuses.nrows > 1)
        qsort(a->statuses.rows, a->statuses.nrows, sizeof(struct tally_row), tally_cmp_status);
    for (size_t i = 0; i < a->statuses.nrows; i++)
        run_add_count(r, "status", a->statuses.rows[i].b, a->statuses.rows[i].n);
    double errors = 0;
    for (size_t i = 0; i < a->errors.nrows; i++) {
        run_add_count(r, a->errors.rows[i].a, a->errors.rows[i].b, a->errors.rows[i].n);
        errors += a->errors.rows[i].n;
    }
    for (size_t i = 0; i < a->checks.nrows; i++) {
        const struct tally_row *c = &a->checks.rows[i];
        run_add_check(r, c->b, c->a ? c->a : "", (int64_t)c->pass, (int64_t)c->fail);
    }

    if (a->series_start)
        run_add_param(r, "series_start", a->series_start);
    if (a->url && !a->url_many)
        run_set(&r->url, a->url);
    /* A second's request and failure counts mean something only when
     * the file has those metrics at all. */
    int has_reqs = role_metric(a, ROLE_REQS) != NULL;
    int has_failed = role_metric(a, ROLE_FAILED) != NULL;
    for (size_t i = 0; i < r->nseries; i++) {
        if (!has_reqs)
            r->series[i].requests = RUN_NA;
        if (!has_failed)
            r->series[i].failed = RUN_NA;
    }

    if ((run_has(r->failed_pct) && r->failed_pct == 100) ||
        (run_has(r->requests) && r->requests == 0 && errors > 0))
        r->state = RUN_STATE_FAILED;
    else if (truncated)
        r->state = RUN_STATE_INCOMPLETE;
    parse_emit(pr, r);
    a->r = NULL;
    return 0;
}

static int read_fail(struct parse_result *pr, struct lreader *lr, int rc)
{
    if (rc == -2)
        return parse_fail(pr, lr->no + 1, "a line longer than %u MiB: not k6 output",
                          K6RAW_MAX_LINE >> 20);
    return -1; /* a read error, printed by input.c */
}

static int ndjson_stream(struct input *in, struct parse_result *pr)
{
    struct k6acc a;
    struct lreader lr;
    struct point pt;
    const char *s, *why = NULL;
    size_t n;
    int cut, rc, last = 0, truncated = 0;

    acc_init(&a, "k6-ndjson");
    lr_init(&lr, in);
    for (;;) {
        const char *next;
        while ((next = fast_point(&a, lr.blk + lr.off, lr.blk + lr.len, &pt))) {
            lr.off = (size_t)(next - lr.blk);
            last = ++lr.no;
            add_point(&a, &pt);
        }
        if ((rc = lr_next(&lr, &s, &n, &cut)) <= 0)
            break;
        const char *p = jws(s, s + n);
        if (p == s + n)
            continue;
        last = lr.no;
        int kind = scan_line(&a, s, n, &pt, &why);
        if (kind == LINE_METRIC && read_metric_line(&a, s, n, &why) < 0)
            kind = SCAN_BAD;
        if (kind == SCAN_BAD) {
            if (cut && a.points > 0) { /* k6 stopped mid-line: keep the rest */
                truncated = 1;
                last = lr.no - 1;
                break;
            }
            rc = parse_fail(pr, lr.no, "k6 --out json: %s", why);
            goto out;
        }
        if (kind == LINE_POINT)
            add_point(&a, &pt);
        truncated |= cut; /* read whole before the cut, but cut all the same */
    }
    if (rc < 0) {
        rc = read_fail(pr, &lr, rc);
        goto out;
    }
    rc = finish(&a, pr, last, truncated);
out:
    lr_free(&lr);
    acc_free(&a);
    return rc;
}

static int ndjson_sniff(const struct text *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        if (line_blank(l))
            continue;
        const char *s = str_skip_blank(l->s);
        if (*s != '{' || !line_find(l, "\"data\":"))
            return 0;
        if (line_find(l, "\"type\":\"Point\"") || line_find(l, "\"type\":\"Metric\""))
            return 95;
        return 0;
    }
    return 0;
}

const struct parser parser_k6_ndjson = {
    .name = "k6-ndjson",
    .tool = "k6",
    .summary = "k6 run --out json=FILE: every data point (NDJSON, may be gzipped)",
    .sniff = ndjson_sniff,
    .parse = NULL,
    .parse_stream = ndjson_stream,
};

/* --- CSV ------------------------------------------------------------------ */

#define CSV_MAX_COLS 64

/* Splits one CSV record into fields (at most max kept); the number of
 * fields, or -1 for bad quoting. */
static int csv_split(const char *s, size_t n, struct span *f, int max)
{
    const char *p = s, *e = s + n;
    int k = 0;
    for (;;) {
        struct span fld = {p, 0, 0};
        if (p < e && *p == '"') {
            const char *st = ++p;
            int dq = 0;
            const char *q;
            for (;;) {
                q = memchr(p, '"', (size_t)(e - p));
                if (!q)
                    return -1;
                if (q + 1 < e && q[1] == '"') {
                    dq = 1;
                    p = q + 2;
                    continue;
                }
                break;
            }
            fld.s = st;
            fld.n = (size_t)(q - st);
            fld.esc = dq ? 2 : 0;
            p = q + 1;
            if (p < e && *p != ',')
                return -1;
        } else {
            const char *q = memchr(p, ',', (size_t)(e - p));
            const char *end = q ? q : e;
            fld.n = (size_t)(end - p);
            p = end;
        }
        if (k < max)
            f[k] = fld;
        k++;
        if (p >= e)
            return k;
        p++; /* the comma */
        if (p == e) {
            if (k < max)
                f[k] = (struct span){p, 0, 0};
            return k + 1;
        }
    }
}

/* A CSV timestamp: RFC 3339, or a unix time whose size says its unit. */
static int parse_csv_time(struct span f, int64_t *ns)
{
    const char *s = f.s;
    size_t n = f.n;
    if (memchr(s, 'T', n) || memchr(s, 't', n))
        return parse_rfc3339(s, n, ns);
    size_t i = 0, nd = 0;
    int64_t whole = 0, frac = 0;
    int fd = 0;
    for (; i < n && (unsigned)(s[i] - '0') <= 9; i++, nd++) {
        if (nd >= 19)
            return -1;
        whole = whole * 10 + (s[i] - '0');
    }
    if (nd == 0)
        return -1;
    if (i < n && s[i] == '.') {
        for (i++; i < n && (unsigned)(s[i] - '0') <= 9; i++)
            if (fd < 9) {
                frac = frac * 10 + (s[i] - '0');
                fd++;
            }
    }
    if (i != n)
        return -1;
    int64_t scale = nd <= 11 ? K6RAW_NS : nd <= 14 ? 1000000 : nd <= 17 ? 1000 : 1;
    if (whole > INT64_MAX / scale)
        return -1;
    for (; fd < 9; fd++)
        frac *= 10;
    /* frac is in 1e-9 of the unit; frac * scale < 1e18 fits */
    *ns = whole * scale + frac * scale / K6RAW_NS;
    return 0;
}

struct csv_header {
    int ncols;
    int col[NTAGS]; /* column of each tag, -1 when absent */
};

static int csv_header_read(const char *s, size_t n, struct csv_header *h)
{
    struct span f[CSV_MAX_COLS];
    int k = csv_split(s, n, f, CSV_MAX_COLS);
    if (k < 3 || k > CSV_MAX_COLS || !span_eq(f[0], "metric_name") ||
        !span_eq(f[1], "timestamp") || !span_eq(f[2], "metric_value"))
        return -1;
    h->ncols = k;
    for (int t = 0; t < NTAGS; t++) {
        h->col[t] = -1;
        for (int i = 3; i < k; i++)
            if (f[i].n == tag_names[t].len && memcmp(f[i].s, tag_names[t].name, f[i].n) == 0)
                h->col[t] = i;
    }
    return 0;
}

/* One data row into pt: 0, or -1 with *why. */
static int csv_row(struct k6acc *a, const struct csv_header *h, const char *s, size_t n,
                   struct point *pt, const char **why)
{
    struct span f[CSV_MAX_COLS];
    int k = csv_split(s, n, f, CSV_MAX_COLS);
    if (k < 0)
        return *why = "bad quoting", -1;
    if (k != h->ncols)
        return *why = "not as many fields as the header has columns", -1;
    if (f[0].n == 0)
        return *why = "an empty metric_name", -1;
    if (parse_csv_time(f[1], &pt->t) < 0)
        return *why = "timestamp is not a unix or RFC 3339 time of 1970 to 2200", -1;
    const char *end = scan_number(f[2].s, f[2].s + f[2].n, &pt->v);
    if (!end || end != f[2].s + f[2].n || f[2].esc)
        return *why = "metric_value is not a number", -1;
    if (!(pt->m = metric_get(a, f[0])))
        return *why = "more metrics than benchdb keeps (10000)", -1;
    pt->tstr = f[1];
    pt->have_tags = 0;
    for (int t = 0; t < NTAGS; t++)
        if (h->col[t] >= 0 && (pt->m->tags_wanted >> t & 1)) {
            pt->tags[t] = f[h->col[t]];
            pt->have_tags |= 1u << t;
        }
    return 0;
}

/* Quotes in s[0..n) are balanced (a record may continue on the next line
 * inside quotes). */
static int quotes_balanced(const char *s, size_t n)
{
    size_t q = 0;
    const char *p = s, *e = s + n;
    while ((p = memchr(p, '"', (size_t)(e - p))) != NULL) {
        q++;
        p++;
    }
    return q % 2 == 0;
}

static int csv_stream(struct input *in, struct parse_result *pr)
{
    struct k6acc a;
    struct lreader lr;
    struct point pt;
    struct csv_header hdr;
    struct buf rec = BUF_INIT;
    const char *s, *why = NULL;
    size_t n;
    int cut, rc, last = 0, truncated = 0, have_header = 0;

    acc_init(&a, "k6-csv");
    lr_init(&lr, in);
    while ((rc = lr_next(&lr, &s, &n, &cut)) > 0) {
        int no = lr.no;
        if (n == 0)
            continue;
        if (memchr(s, '"', n) && !quotes_balanced(s, n)) {
            /* A quoted field with a newline: gather the whole record. */
            buf_reset(&rec);
            buf_add(&rec, s, n);
            while (!quotes_balanced(rec.data, rec.len) &&
                   (rc = lr_next(&lr, &s, &n, &cut)) > 0) {
                buf_addc(&rec, '\n');
                buf_add(&rec, s, n);
            }
            if (rc < 0)
                break;
            s = rec.data;
            n = rec.len;
            if (!quotes_balanced(s, n)) {
                cut = 1; /* the input ended inside quotes */
                if (a.points == 0) {
                    rc = parse_fail(pr, no, "k6 --out csv: a quoted field never ends");
                    goto out;
                }
            }
        }
        if (!have_header) {
            if (csv_header_read(s, n, &hdr) < 0) {
                rc = parse_fail(pr, no, "k6 --out csv: the header is not "
                                        "metric_name,timestamp,metric_value,...");
                goto out;
            }
            have_header = 1;
            last = lr.no;
            continue;
        }
        if (csv_row(&a, &hdr, s, n, &pt, &why) < 0) {
            if (cut && a.points > 0) {
                truncated = 1;
                break;
            }
            rc = parse_fail(pr, no, "k6 --out csv: %s", why);
            goto out;
        }
        last = lr.no;
        add_point(&a, &pt);
        truncated |= cut; /* read whole before the cut, but cut all the same */
    }
    if (rc < 0) {
        rc = read_fail(pr, &lr, rc);
        goto out;
    }
    rc = finish(&a, pr, last, truncated);
out:
    buf_free(&rec);
    lr_free(&lr);
    acc_free(&a);
    return rc;
}

static int csv_sniff(const struct text *t)
{
    for (size_t i = 0; i < t->n; i++) {
        if (line_blank(&t->lines[i]))
            continue;
        return str_starts(t->lines[i].s, "metric_name,timestamp,metric_value") ? 95 : 0;
    }
    return 0;
}

const struct parser parser_k6_csv = {
    .name = "k6-csv",
    .tool = "k6",
    .summary = "k6 run --out csv=FILE: every data point (CSV, may be gzipped)",
    .sniff = csv_sniff,
    .parse = NULL,
    .parse_stream = csv_stream,
};
