/* unit_loadtools.c - the ab, h2load, bombardier, vegeta and autocannon
 * parsers on layouts the corpus has no real sample of (written from each
 * tool's printing code), and their helpers: command lines, JSON in text.
 * Returns non-zero when any check fails. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jsontext.h"
#include "parse.h"
#include "toolcmd.h"
#include "units.h"

static int failures;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                              \
        }                                                                            \
    } while (0)

#define CHECK_NUM(got, want)                                                              \
    do {                                                                                  \
        double g_ = (got), w_ = (want);                                                   \
        if (!(g_ == w_ || (isnan(g_) && isnan(w_)))) {                                    \
            fprintf(stderr, "%s:%d: %s is %.17g, want %.17g\n", __FILE__, __LINE__, #got, \
                    g_, w_);                                                              \
            failures++;                                                                   \
        }                                                                                 \
    } while (0)

#define CHECK_STR(got, want)                                                                  \
    do {                                                                                      \
        const char *g_ = (got), *w_ = (want);                                                 \
        if (!(g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_)) {                                   \
            fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got,   \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                  \
            failures++;                                                                       \
        }                                                                                     \
    } while (0)

/* Parses text with the named parser; detection must pick that parser. */
static int parse_as(const char *name, const char *input, struct parse_result *pr)
{
    struct text t;
    text_split(&t, input, strlen(input));
    const struct parser *p = parser_find(name);
    const struct parser *d = parser_detect(&t);
    CHECK(p != NULL);
    if (d != p)
        fprintf(stderr, "detected %s for a %s input\n", d ? d->name : "nothing", name);
    CHECK(d == p);
    parse_result_init(pr);
    int rc = p ? parse_text(p, &t, pr) : -1;
    text_free(&t);
    return rc;
}

static void test_toolcmd(void)
{
    static const struct toolcmd_prog ab[] = {{"ab", 0}, {NULL, 0}};
    static const struct toolcmd_prog vg[] = {{"vegeta", 0}, {NULL, 0}};
    static const struct toolcmd_prog bb[] = {{"bombardier", 1}, {NULL, 0}};
    size_t len;
    const char *c = toolcmd_find("root@host:~# sudo ab -n 10 -c 2 http://x/ ", ab, &len);
    CHECK(c != NULL);
    if (c)
        CHECK(len == strlen("sudo ab -n 10 -c 2 http://x/") && strncmp(c, "sudo ab", 7) == 0);
    CHECK(toolcmd_find("I ran ab -n 10 yesterday", ab, &len) == NULL);
    CHECK(toolcmd_find("ab", ab, &len) == NULL);
    CHECK(toolcmd_find("the lab -n 3", ab, &len) == NULL);
    c = toolcmd_find("`> C:\\tools\\bombardier-windows-amd64.exe -c 200 https://h/`", bb, &len);
    CHECK(c != NULL && c[0] == 'C' && c[len - 1] == '/');

    const char *line = "$ echo 'GET http://h:8080/a' | vegeta attack -rate=100/1s -duration 30s | vegeta report";
    c = toolcmd_find(line, vg, &len);
    CHECK(c != NULL && strncmp(c, "echo", 4) == 0);
    char v[64];
    CHECK(c && toolcmd_option(c, len, "rate", v, sizeof v) == 1);
    CHECK_STR(v, "100/1s");
    CHECK(c && toolcmd_option(c, len, "duration", v, sizeof v) == 1);
    CHECK_STR(v, "30s");
    CHECK(c && toolcmd_option(c, len, "timeout", v, sizeof v) == 0);
    CHECK(c && toolcmd_url(c, len, v, sizeof v) == 1);
    CHECK_STR(v, "http://h:8080/a");
    CHECK(toolcmd_url("bombardier --url=https://a/b -c 2", 34, v, sizeof v) == 1);
    CHECK_STR(v, "https://a/b");
}

static void test_jsontext(void)
{
    const char *in = "log: {\"a\": 1, \"b\": {\"c\": \"}\"},\n \"d\":  ,\n \"e\": 0.50}\ntrailer {";
    struct text t;
    text_split(&t, in, strlen(in));
    size_t i = 0;
    struct jsontext jt;
    CHECK(jsontext_next(&t, &i, &jt) == 1);
    CHECK(jt.first == 0 && jt.last == 2 && !jt.truncated);
    cJSON *root = jsontext_parse(&jt);
    CHECK(root != NULL);
    double x;
    char text[32];
    CHECK(jsontext_num(root, "a", 3, &x, text, sizeof text) == UNITS_OK);
    CHECK_NUM(x, 1000);
    CHECK(jsontext_num(root, "d", 0, &x, NULL, 0) == UNITS_BAD); /* no value: null */
    CHECK(jsontext_num(root, "e", 2, &x, text, sizeof text) == UNITS_OK);
    CHECK_NUM(x, 50);
    CHECK_STR(text, "0.5");
    cJSON_Delete(root);
    jsontext_free(&jt);
    /* "trailer {": a '{' at the end of a line that never closes */
    CHECK(jsontext_next(&t, &i, &jt) == 1);
    CHECK(jt.truncated);
    jsontext_free(&jt);
    CHECK(jsontext_next(&t, &i, &jt) == 0);
    text_free(&t);
}

/* ab -S prints "min avg max" columns and no percentiles; ab's trunk adds
 * lines. */
static void test_ab_layouts(void)
{
    const char *in =
        "This is ApacheBench, Version 2.3 <$Revision: 1913912 $>\n"
        "Benchmarking h (be patient).....done\n\n\n"
        "Server Software:        nginx\n"
        "Server Hostname:        h\n"
        "Server Port:            80\n\n"
        "Document Path:          /\n"
        "Document Length:        Variable\n\n"
        "Number of workers:      2\n"
        "Concurrency Level:      4\n"
        "Concurrency achieved:   4\n"
        "Rampup delay:           0 [ms]\n"
        "Time taken for tests:   1.500 seconds\n"
        "Number of requests:     100\n"
        "Complete requests:      100\n"
        "Failed requests:        12\n"
        "   (Connect: 2, Receive: 0, Length: 10, Exceptions: 0)\n"
        "Non-2xx responses:      7\n"
        "Total transferred:      1000 bytes\n"
        "HTML transferred:       500 bytes\n"
        "Requests per second:    66.67 [#/sec] (mean)\n"
        "Time per request:       60.000 [ms] (mean)\n"
        "Time per request:       15.000 [ms] (mean, across all concurrent requests)\n"
        "Transfer rate:          0.65 [Kbytes/sec] received\n\n"
        "Connection Times (ms)\n"
        "              min   avg   max\n"
        "Connect:        0    1    3\n"
        "Processing:    10   50  120\n"
        "Waiting:        9   49  119\n"
        "Total:         10   51  121\n";
    struct parse_result pr;
    CHECK(parse_as("ab", in, &pr) == 0);
    CHECK(pr.nruns == 1);
    if (pr.nruns == 1) {
        const struct run *r = pr.runs[0];
        CHECK_NUM(r->threads, 2);
        CHECK_NUM(r->connections, 4);
        CHECK_NUM(r->duration_s, 1.5);
        CHECK_NUM(r->lat_min, 10);
        CHECK_NUM(r->lat_avg, 51);
        CHECK_NUM(r->lat_max, 121);
        CHECK_NUM(r->lat_med, RUN_NA);
        /* Connect 2 + Exceptions 0 + max(Receive 0 + Length 10, Non-2xx 7) */
        CHECK_NUM(r->failed_requests, 12);
        CHECK_NUM(r->failed_pct, 12);
        CHECK_STR(run_param_get(r, "document_length"), "Variable");
        CHECK(run_figure_get(r, "document_length", "value") == NULL);
        CHECK(run_figure_get(r, "rampup_delay", "value") != NULL);
        CHECK(r->npcts == 0);
    }
    parse_result_free(&pr);

    /* A garbled Connection Times row is refused at its line. */
    const char *bad = "Server Software: x\nComplete requests: 5\nRequests per second: 1.00 [#/sec] (mean)\n"
                      "Time per request: 1.000 [ms] (mean)\n"
                      "Connection Times (ms)\n  min mean[+/-sd] median max\nTotal: 1 2 3\n";
    CHECK(parse_as("ab", bad, &pr) < 0);
    CHECK(pr.err_line == 7);
    parse_result_free(&pr);
}

/* bombardier -o json, pretty-printed (by jq) over many lines. */
static void test_bombardier_json(void)
{
    const char *in =
        "$ bombardier -c 10 -d 5s -l -o json http://h/ | jq .\n"
        "{\n"
        "  \"spec\": {\"numberOfConnections\": 10, \"testType\": \"timed\",\n"
        "    \"testDurationSeconds\": 5, \"method\": \"GET\", \"url\": \"http://h/\",\n"
        "    \"body\": \"\", \"stream\": false, \"timeoutSeconds\": 2, \"client\": \"fasthttp\", \"rate\": 500},\n"
        "  \"result\": {\"bytesRead\": 1000, \"bytesWritten\": 200, \"timeTakenSeconds\": 5.0021,\n"
        "    \"req1xx\": 0, \"req2xx\": 90, \"req3xx\": 0, \"req4xx\": 0, \"req5xx\": 6, \"others\": 4,\n"
        "    \"errors\": [{\"description\": \"timeout\", \"count\": 4}],\n"
        "    \"latency\": {\"mean\": 1500.5, \"stddev\": 20, \"max\": 90000,\n"
        "      \"percentiles\": {\"50\": 1200, \"75\": 1500, \"90\": 2000, \"99\": 9000}},\n"
        "    \"rps\": {\"mean\": 19.99, \"stddev\": 1.5, \"max\": 25, \"percentiles\": {\"50\": 20.000000}}\n"
        "  }\n"
        "}\n";
    struct parse_result pr;
    CHECK(parse_as("bombardier-json", in, &pr) == 0);
    CHECK(pr.nruns == 1);
    if (pr.nruns == 1) {
        const struct run *r = pr.runs[0];
        CHECK_STR(r->command, "bombardier -c 10 -d 5s -l -o json http://h/ | jq .");
        CHECK(r->first_line == 1 && r->last_line == 13);
        CHECK_NUM(r->requests, 100);
        CHECK_NUM(r->failed_requests, 10);
        CHECK_NUM(r->failed_pct, 10);
        CHECK_NUM(r->non2xx, 6);
        CHECK_NUM(r->duration_s, 5.0021);
        CHECK_NUM(r->lat_avg, 1.5005);
        CHECK_NUM(r->lat_med, 1.2);
        CHECK_NUM(r->lat_max, 90);
        CHECK_NUM(r->rps, 19.99);
        CHECK_NUM(r->target_rate, 500);
        CHECK_NUM(run_percentile_get(r, "latency", 99), 9);
        CHECK_NUM(run_percentile_get(r, "rps", 50), 20);
        CHECK_STR(run_param_get(r, "testDurationSeconds"), "5");
    }
    parse_result_free(&pr);
}

/* vegeta report, then report -type=hist. */
static void test_vegeta_hist(void)
{
    const char *in =
        "vegeta attack -rate=50/1m -duration=60s < targets | tee r.bin | vegeta report\n"
        "Requests      [total, rate, throughput]         50, 0.83, 0.83\n"
        "Duration      [total, attack, wait]             1m0.1s, 1m0s, 100ms\n"
        "Latencies     [min, mean, 50, 90, 95, 99, max]  1ms, 2ms, 2ms, 3ms, 3ms, 4ms, 5ms\n"
        "Bytes In      [total, mean]                     500, 10.00\n"
        "Bytes Out     [total, mean]                     0, 0.00\n"
        "Success       [ratio]                           100.00%\n"
        "Status Codes  [code:count]                      200:50\n"
        "Error Set:\n"
        "\n"
        "Bucket         #   %       Histogram\n"
        "[0s,    2ms]   30  60.00%  #############################################\n"
        "[2ms,   +Inf]  20  40.00%  ##############################\n";
    struct parse_result pr;
    CHECK(parse_as("vegeta", in, &pr) == 0);
    CHECK(pr.nruns == 1);
    if (pr.nruns == 1) {
        const struct run *r = pr.runs[0];
        CHECK_NUM(r->target_rate, 50.0 / 60.0);
        CHECK_NUM(r->duration_s, 60.1);
        CHECK(r->first_line == 1 && r->last_line == 13);
        CHECK(r->nbuckets == 2);
        if (r->nbuckets == 2) {
            CHECK_NUM(r->buckets[0].upper, 2);
            CHECK_NUM(r->buckets[1].count, 20);
            CHECK(isinf(r->buckets[1].upper));
        }
    }
    parse_result_free(&pr);
}

/* autocannon --json (lib/aggregateResult.js keys), and a box table with
 * the -l percentile table and --renderStatusCodes. */
static void test_autocannon(void)
{
    const char *json =
        "{\"title\":\"t\",\"url\":\"http://localhost:3000\",\"connections\":10,\"sampleInt\":1000,"
        "\"pipelining\":1,\"workers\":0,\"duration\":10.02,\"samples\":10,\"start\":\"2024-01-01T00:00:00.000Z\","
        "\"finish\":\"2024-01-01T00:00:10.020Z\",\"errors\":3,\"timeouts\":1,\"mismatches\":0,\"non2xx\":5,"
        "\"resets\":0,\"1xx\":0,\"2xx\":92,\"3xx\":0,\"4xx\":5,\"5xx\":0,"
        "\"statusCodeStats\":{\"200\":{\"count\":92},\"404\":{\"count\":5}},"
        "\"latency\":{\"average\":1.5,\"mean\":1.5,\"stddev\":0.5,\"min\":1,\"max\":9,\"p0_001\":1,"
        "\"p2_5\":1,\"p50\":1,\"p97_5\":3,\"p99\":4,\"totalCount\":97},"
        "\"requests\":{\"average\":9.7,\"mean\":9.7,\"stddev\":1,\"min\":9007199254740991,\"max\":11,"
        "\"total\":97,\"sent\":100,\"p1\":8,\"p50\":10},"
        "\"throughput\":{\"average\":1000,\"mean\":1000,\"stddev\":10,\"min\":900,\"max\":1100,"
        "\"total\":10000,\"p50\":1000}}\n";
    struct parse_result pr;
    CHECK(parse_as("autocannon-json", json, &pr) == 0);
    CHECK(pr.nruns == 1);
    if (pr.nruns == 1) {
        const struct run *r = pr.runs[0];
        CHECK_NUM(r->requests, 97);
        CHECK_NUM(r->rps, 9.7);
        CHECK_NUM(r->duration_s, 10.02);
        CHECK_NUM(r->lat_avg, 1.5);
        CHECK_NUM(r->lat_med, 1);
        CHECK_NUM(r->lat_min, 1);
        CHECK_NUM(r->failed_requests, 8);
        CHECK_NUM(r->failed_pct, 8);
        CHECK_NUM(r->bytes_received, 10000);
        CHECK_NUM(run_percentile_get(r, "latency", 0.001), 1);
        CHECK_NUM(run_percentile_get(r, "latency", 97.5), 3);
        const struct run_figure *f = run_figure_get(r, "req/sec", "min");
        CHECK(f && isnan(f->value) && strcmp(f->text, "9007199254740991") == 0);
    }
    parse_result_free(&pr);

    const char *text =
        "Running 500 requests test @ http://localhost:3000\n"
        "10 connections with 2 pipelining factor\n\n"
        "\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x90\n"
        "\xe2\x94\x82 Stat    \xe2\x94\x82 2.5% \xe2\x94\x82 50%  \xe2\x94\x82 97.5% \xe2\x94\x82 99%  \xe2\x94\x82 Avg     \xe2\x94\x82 Stdev   \xe2\x94\x82 Max   \xe2\x94\x82\n"
        "\xe2\x94\x82 Latency \xe2\x94\x82 0 ms \xe2\x94\x82 1 ms \xe2\x94\x82 2 ms  \xe2\x94\x82 3 ms \xe2\x94\x82 0.82 ms \xe2\x94\x82 0.51 ms \xe2\x94\x82 12 ms \xe2\x94\x82\n"
        "\xe2\x94\x94\xe2\x94\x80\xe2\x94\x98\n"
        "\xe2\x94\x82 Stat      \xe2\x94\x82 1%      \xe2\x94\x82 2.5%    \xe2\x94\x82 50%     \xe2\x94\x82 97.5%   \xe2\x94\x82 Avg     \xe2\x94\x82 Stdev   \xe2\x94\x82 Min     \xe2\x94\x82\n"
        "\xe2\x94\x82 Req/Sec   \xe2\x94\x82 400     \xe2\x94\x82 400     \xe2\x94\x82 500     \xe2\x94\x82 500     \xe2\x94\x82 480     \xe2\x94\x82 40      \xe2\x94\x82 400     \xe2\x94\x82\n"
        "\xe2\x94\x82 Bytes/Sec \xe2\x94\x82 48.4 kB \xe2\x94\x82 48.4 kB \xe2\x94\x82 60.5 kB \xe2\x94\x82 60.5 kB \xe2\x94\x82 58.1 kB \xe2\x94\x82 4.84 kB \xe2\x94\x82 48.4 kB \xe2\x94\x82\n"
        "\xe2\x94\x82 Code \xe2\x94\x82 Count \xe2\x94\x82\n"
        "\xe2\x94\x82 200  \xe2\x94\x82 480   \xe2\x94\x82\n"
        "\xe2\x94\x82 503  \xe2\x94\x82 20    \xe2\x94\x82\n\n"
        "Req/Bytes counts sampled once per second.\n"
        "# of samples: 1\n\n"
        "\xe2\x94\x82 Percentile \xe2\x94\x82 Latency (ms) \xe2\x94\x82\n"
        "\xe2\x94\x82 0.001      \xe2\x94\x82 0            \xe2\x94\x82\n"
        "\xe2\x94\x82 99.999     \xe2\x94\x82 12           \xe2\x94\x82\n\n"
        "480 2xx responses, 20 non 2xx responses\n"
        "500 requests in 1.04s, 60.5 kB read\n";
    CHECK(parse_as("autocannon", text, &pr) == 0);
    CHECK(pr.nruns == 1);
    if (pr.nruns == 1) {
        const struct run *r = pr.runs[0];
        CHECK_NUM(r->connections, 10);
        CHECK_STR(run_param_get(r, "amount"), "500");
        CHECK_STR(run_param_get(r, "pipelining"), "2");
        CHECK_NUM(r->lat_avg, 0.82);
        CHECK_NUM(r->lat_med, 1);
        CHECK_NUM(r->rps, 480);
        CHECK_NUM(run_percentile_get(r, "bytes/sec", 50), 60500);
        CHECK_NUM(run_percentile_get(r, "latency", 99.999), 12);
        CHECK_NUM(r->failed_requests, 20);
        CHECK_NUM(r->failed_pct, 4);
        CHECK(r->first_line == 1 && r->last_line == 23);
    }
    parse_result_free(&pr);
}

/* h2load cut short after "finished in": figures kept, connect failures
 * counted. */
static void test_h2load_cut(void)
{
    const char *in = "starting benchmark...\n"
                     "spawning thread #0: 5 total client(s). 50 total requests\n"
                     "spawning thread #1: 5 total client(s). 50 total requests\n"
                     "client could not connect to host\n"
                     "client could not connect to host\n"
                     "finished in 1.50s, 66.67 req/s, 1.00KB/s\n";
    struct parse_result pr;
    CHECK(parse_as("h2load", in, &pr) == 0);
    CHECK(pr.nruns == 1);
    if (pr.nruns == 1) {
        CHECK_NUM(pr.runs[0]->threads, 2);
        CHECK_NUM(pr.runs[0]->connections, 10);
        CHECK_NUM(pr.runs[0]->duration_s, 1.5);
        CHECK_NUM(pr.runs[0]->rps, 66.67);
        CHECK(pr.runs[0]->state == RUN_STATE_INCOMPLETE);
        CHECK(pr.runs[0]->ncounts == 1 && pr.runs[0]->counts[0].count == 2);
    }
    parse_result_free(&pr);
}

int main(void)
{
    test_toolcmd();
    test_jsontext();
    test_ab_layouts();
    test_bombardier_json();
    test_vegeta_hist();
    test_autocannon();
    test_h2load_cut();
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
