/* unit_k6raw_fast.c - k6 raw's one-pass reader of Point lines against its
 * general scan.
 *
 * parse_k6raw.c reads the Point lines k6 writes in one pass (fast_point)
 * and hands every other line to the general scan (scan_line), which must
 * then read it as if the one-pass reader had not looked. A line starting
 * with a space is never taken by the one-pass reader, and JSON allows the
 * space: so a file and its copy with a space before every line must give
 * the same run, or the same refusal (same message, same line). Checked on
 * the k6raw fixtures; on every one-byte change (a byte deleted, replaced,
 * or inserted, from the bytes that matter to JSON, numbers and lines) of
 * Point lines of both layouts and of their neighbours; and on a generated
 * file of several blocks (lines cut by a block's end) with varied lines,
 * read with BENCHDB_THREADS 1 and 2. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse_testlib.h"
#include "input.h"
#include "parse.h"
#include "run.h"

static const struct parser *ndjson;
static int ncompared;

/* Reads data[0..len) as import does; the dump of the run, or the
 * refusal with its line, into out. */
static void parse_dump(const char *data, size_t len, struct buf *out)
{
    struct parse_result pr;
    char *copy = xmalloc(len ? len : 1); /* fmemopen's buffer is not const */
    char *dump = NULL;
    size_t dlen = 0;
    FILE *fp;

    parse_result_init(&pr);
    buf_reset(out);
    memcpy(copy, data, len);
    fp = fmemopen(copy, len ? len : 1, "rb");
    if (!fp) {
        buf_adds(out, "fmemopen failed");
        goto out;
    }
    if (!len)
        fgetc(fp); /* an empty stream */
    struct input *in = input_from_stream(fp, "t", 1);
    int rc = ndjson->parse_stream(in, &pr);
    input_close(in);
    if (rc == 0)
        rc = parse_check(&pr);
    if (rc < 0) {
        buf_printf(out, "refused at line %d: %s\n", pr.err_line, pr.err);
        goto out;
    }
    FILE *ms = open_memstream(&dump, &dlen);
    for (size_t i = 0; ms && i < pr.nruns; i++)
        run_dump(ms, pr.runs[i]);
    if (ms)
        fclose(ms);
    buf_add(out, dump, dlen);
out:
    free(dump);
    free(copy);
    parse_result_free(&pr);
}

/* data with a space before every line (after a byte order mark, which
 * is read only at the very start). */
static void spaced(const char *data, size_t len, struct buf *out)
{
    size_t bom = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    buf_reset(out);
    buf_add(out, data, bom);
    for (size_t i = bom; i < len; i++) {
        if (i == bom || data[i - 1] == '\n')
            buf_addc(out, ' ');
        buf_addc(out, data[i]);
    }
}

/* The file read both ways must give the same answer. */
static void same_both_ways(const char *what, const char *data, size_t len)
{
    struct buf a = BUF_INIT, b = BUF_INIT, sp = BUF_INIT;
    parse_dump(data, len, &a);
    spaced(data, len, &sp);
    parse_dump(sp.data ? sp.data : "", sp.len, &b);
    ncompared++;
    if (a.len != b.len || memcmp(buf_str(&a), buf_str(&b), a.len) != 0) {
        fprintf(stderr, "%s: the one-pass reader and the general scan differ\n", what);
        fprintf(stderr, "--- input ---\n%.*s\n--- one pass ---\n%s--- general ---\n%s", (int)len,
                data, buf_str(&a), buf_str(&b));
        test_failures++;
    }
    buf_free(&a);
    buf_free(&b);
    buf_free(&sp);
}

static const char *const fixtures[] = {
    "k6raw/ndjson__MiguelFerreira18_Comparing_JSON_and_ProtoBuf__data-head-metric-first.ndjson",
    "k6raw/ndjson__grafana_k6-learn__slides-type-first-tainted-sub.ndjson",
    "k6raw/synthetic__errors-groups-escapes-out-of-order.ndjson",
    "k6raw/synthetic__log-line-inside.ndjson",
    "k6raw/synthetic__metric-lines-only.ndjson",
    "k6raw/synthetic__truncated-last-line.ndjson",
};

/* Around the changed line: Metric lines, and points before and after. */
static const char before[] =
    "{\"type\":\"Metric\",\"data\":{\"name\":\"http_reqs\",\"type\":\"counter\",\"contains\":"
    "\"default\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"http_reqs\"}\n"
    "{\"type\":\"Metric\",\"data\":{\"name\":\"http_req_duration\",\"type\":\"trend\",\"contains\":"
    "\"time\",\"thresholds\":[\"p(95)<500\"],\"submetrics\":null},\"metric\":\"http_req_duration\"}\n"
    "{\"type\":\"Point\",\"data\":{\"time\":\"2025-05-13T12:00:00.000000001Z\",\"value\":1,\"tags\":"
    "{\"status\":\"200\",\"url\":\"http://a/\"}},\"metric\":\"http_reqs\"}\n";
static const char after[] =
    "{\"metric\":\"http_reqs\",\"type\":\"Point\",\"data\":{\"time\":\"2025-05-13T12:00:01Z\","
    "\"value\":1,\"tags\":{\"status\":\"200\",\"url\":\"http://a/\"}}}\n"
    "{\"metric\":\"vus\",\"type\":\"Point\",\"data\":{\"time\":\"2025-05-13T12:00:01.5Z\","
    "\"value\":3,\"tags\":{}}}\n";

/* Lines changed byte by byte: both layouts, every role's tags, escapes,
 * numbers and times of every shape k6 writes. */
static const char *const seeds[] = {
    "{\"type\":\"Point\",\"data\":{\"time\":\"2025-05-13T12:00:00.529764805+01:00\",\"value\":20.319739,"
    "\"tags\":{\"expected_response\":\"true\",\"group\":\"\",\"status\":\"200\",\"url\":\"http://a/b\"}},"
    "\"metric\":\"http_req_duration\"}",
    "{\"metric\":\"http_reqs\",\"type\":\"Point\",\"data\":{\"time\":\"2025-05-13T11:00:00.5Z\",\"value\":1,"
    "\"tags\":{\"error\":\"dial: \\\"x\\\"\",\"error_code\":\"1212\",\"status\":\"0\",\"url\":\"http://a/?b=1\\u0026c\"}}}",
    "{\"metric\":\"checks\",\"type\":\"Point\",\"data\":{\"time\":\"2025-05-13T12:00:00Z\",\"value\":0,"
    "\"tags\":{\"check\":\"is \\u003e 0\",\"group\":\"::g\"}}}",
    "{\"metric\":\"vus\",\"type\":\"Point\",\"data\":{\"time\":\"2025-05-13T12:00:00.1Z\",\"value\":1.5e+06,"
    "\"tags\":{}}}",
    "{\"type\":\"Point\",\"data\":{\"time\":\"2025-05-13T12:00:00.123456789123Z\",\"value\":-0.0000001,"
    "\"tags\":{}},\"metric\":\"my_trend\"}",
    "{\"metric\":\"http_req_waiting\",\"type\":\"Point\",\"data\":{\"time\":\"2025-05-13T12:00:00.9-05:30\","
    "\"value\":12345678901234567890,\"tags\":{\"name\":\"n\"}}}",
};

/* The bytes put in: the first five at every place, all at every third. */
static const char changes[] = {'"', '\\', '\n', ',', '}', '\r', ' ', '{', ':', '0', '9', '.', 'e', '-', 'x', '\0'};

/* One-byte changes of seed s, in the middle of a file. */
static void change_bytes(const char *s)
{
    size_t n = strlen(s);
    struct buf f = BUF_INIT;
    char what[64];
    for (size_t i = 0; i <= n; i++) {
        for (int k = -1; k < 2 * (int)sizeof changes; k++) {
            if (k % (int)sizeof changes >= 5 && i % 3 != 0)
                continue;
            buf_reset(&f);
            buf_add(&f, before, sizeof before - 1);
            buf_add(&f, s, i);
            if (k >= 0)
                buf_addc(&f, changes[k % sizeof changes]); /* inserted, or replacing */
            if (i < n)
                buf_add(&f, s + i + (k < 0 || k >= (int)sizeof changes ? 1 : 0),
                        n - i - (k < 0 || k >= (int)sizeof changes ? 1 : 0));
            buf_addc(&f, '\n');
            buf_add(&f, after, sizeof after - 1);
            snprintf(what, sizeof what, "byte %zu, change %d", i, k);
            same_both_ways(what, f.data, f.len);
        }
    }
    buf_free(&f);
}

static uint64_t rng = 88172645463325252ULL;

static unsigned pick(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* About `size` bytes of varied lines: both layouts, every role, escaped
 * tags, Metric lines along the way, points out of order and late for the
 * series, blank and CRLF lines; so that blocks cut lines everywhere. */
static void generate(struct buf *f, size_t size)
{
    static const char *const metrics[] = {
        "http_reqs", "http_req_duration", "http_req_failed", "checks", "vus", "vus_max",
        "data_sent", "iterations", "custom_trend", "http_req_blocked",
    };
    static const char *const tags[] = {
        "{}",
        "{\"expected_response\":\"true\",\"group\":\"\",\"method\":\"GET\",\"status\":\"200\","
        "\"url\":\"http://127.0.0.1:8000/items\"}",
        "{\"expected_response\":\"false\",\"error\":\"request timeout\",\"error_code\":\"1050\","
        "\"status\":\"0\",\"url\":\"http://127.0.0.1:8000/items?a=1\\u0026b=2\"}",
        "{\"check\":\"status is 200\",\"group\":\"::setup\",\"scenario\":\"default\"}",
        "{\"check\":\"body \\\"ok\\\"\",\"group\":\"\"}",
        "{\"status\":\"503\",\"url\":\"http://127.0.0.1:8000/other\",\"expected_response\":\"false\"}",
    };
    static const char *const zones[] = {"Z", "+02:00", "-05:30"};
    int64_t ms = 0;
    while (f->len < size) {
        unsigned kind = pick(100);
        const char *m = metrics[pick(sizeof metrics / sizeof metrics[0])];
        const char *t = tags[pick(sizeof tags / sizeof tags[0])];
        char stamp[64], value[32];
        ms += pick(3);
        int64_t at = ms - (pick(50) == 0 ? 70000 : pick(20) == 0 ? 3000 : 0); /* late ones */
        if (at < 0)
            at = 0;
        int zone = (int)pick(3), zh = zone == 1 ? 2 : zone == 2 ? -5 : 0, zm = zone == 2 ? -30 : 0;
        int64_t local = at / 1000 * 60 + (zh * 3600 + zm * 60) + 12 * 3600;
        snprintf(stamp, sizeof stamp, "2025-05-13T%02d:%02d:%02d.%03d%s%s",
                 (int)(local / 3600 % 24), (int)(local / 60 % 60), (int)(local % 60),
                 (int)(at % 1000), pick(4) ? "123456" : "", zones[zone]);
        int count = strcmp(m, "http_reqs") == 0 || strcmp(m, "iterations") == 0;
        switch (count ? 0 : pick(5)) { /* counts are whole */
        case 0: snprintf(value, sizeof value, "%u", 1 + pick(2)); break;
        case 1: snprintf(value, sizeof value, "%u.%06u", pick(500), pick(1000000)); break;
        case 2: snprintf(value, sizeof value, "%ue+0%u", pick(10), pick(8)); break;
        case 3: snprintf(value, sizeof value, "0.%u", pick(1000)); break;
        default: snprintf(value, sizeof value, "%u", 1000 + pick(100)); break;
        }
        if (kind < 2) {
            buf_printf(f, "{\"type\":\"Metric\",\"data\":{\"name\":\"%s\",\"type\":\"%s\",\"contains\":"
                          "\"default\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"%s\"}\n",
                       m, pick(2) ? "trend" : "counter", m);
        } else if (kind < 3) {
            buf_adds(f, pick(2) ? "\n" : "\r\n");
        } else if (kind < 50) {
            buf_printf(f, "{\"type\":\"Point\",\"data\":{\"time\":\"%s\",\"value\":%s,\"tags\":%s},"
                          "\"metric\":\"%s\"}%s",
                       stamp, value, t, m, pick(30) ? "\n" : "\r\n");
        } else {
            buf_printf(f, "{\"metric\":\"%s\",\"type\":\"Point\",\"data\":{\"time\":\"%s\",\"value\":%s,"
                          "\"tags\":%s}}%s",
                       m, stamp, value, t, pick(30) ? "\n" : "\r\n");
        }
    }
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ndjson = parser_find("k6-ndjson");
    CHECK(ndjson != NULL);
    if (!ndjson)
        return 1;

    setenv("BENCHDB_THREADS", "1", 1);
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        size_t len;
        char *data = test_fixture(fixtures[i], &len);
        if (data)
            same_both_ways(fixtures[i], data, len);
        free(data);
    }

    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++)
        change_bytes(seeds[i]);

    /* Several blocks (INPUT_BLOCK), so that their ends cut lines, and
     * the last line cut too; one and two threads. */
    struct buf f = BUF_INIT;
    generate(&f, 3 * INPUT_BLOCK + 12345);
    same_both_ways("generated", f.data, f.len);
    same_both_ways("generated, cut", f.data, f.len - 40);
    setenv("BENCHDB_THREADS", "2", 1);
    same_both_ways("generated, 2 threads", f.data, f.len);
    struct buf one = BUF_INIT, two = BUF_INIT;
    parse_dump(f.data, f.len, &two);
    setenv("BENCHDB_THREADS", "1", 1);
    parse_dump(f.data, f.len, &one);
    if (strncmp(buf_str(&one), "refused", 7) == 0)
        fprintf(stderr, "generated: %s", one.data);
    CHECK(one.len > 1000 && strncmp(one.data, "refused", 7) != 0);
    CHECK(one.len == two.len && memcmp(buf_str(&one), buf_str(&two), one.len) == 0);
    buf_free(&one);
    buf_free(&two);
    buf_free(&f);

    printf("unit_k6raw_fast: %d files read both ways\n", ncompared);
    return test_failures ? 1 : 0;
}
