/* unit_oha.c - the oha parsers on what the golden files do not hold: the
 * newest text (time scales, "10 sec", units on histogram marks, the 2xx
 * breakdown, NaN and -inf, deadline errors, the exact complement of the
 * success rate), the command line, and JSON with nulls, newer keys,
 * several documents among prose, and bad JSON. */
#include "parse_testlib.h"

/* print_summary of oha >= 1.5 with --stats-success-breakdown. */
static const char newest[] =
    "$ oha -n 100 -c 50 -q 2000 -z 30s --no-tui http://127.0.0.1:3000/\n"
    "Summary:\n"
    "  Success rate:\t97.94%\n"
    "  Total:\t1.2345 10 sec\n"
    "  Slowest:\t71.2335 ms\n"
    "  Fastest:\t1.4770 ms\n"
    "  Average:\t7.2251 ms\n"
    "  Requests/sec:\t2,766.4371\n"
    "\n"
    "  Total data:\t108.02 KiB\n"
    "  Size/request:\t4 B\n"
    "  Size/sec:\t10.80 KiB\n"
    "\n"
    "Response time histogram:\n"
    "   1.477 ms [1]     |\n"
    "   8.453 ms [23334] |\xe2\x96\xa0\xe2\x96\xa0\n"
    "\n"
    "Response time distribution:\n"
    "  10.00% in 3.0548 ms\n"
    "  50.00% in 4.6533 ms\n"
    "  99.99% in 70.7674 ms\n"
    "\n"
    "Response time histogram (2xx only):\n"
    "   1.477 ms [1] |\n"
    "\n"
    "Response time distribution (2xx only):\n"
    "  50.00% in 4.6000 ms\n"
    "\n"
    "\n"
    "Details (average, fastest, slowest):\n"
    "  DNS+dialup:\t5.5153 ms, 3.1604 ms, 8.3341 ms\n"
    "  DNS-lookup:\t14.5000 us, 5.2000 us, 80.4000 us\n"
    "\n"
    "Status code distribution:\n"
    "  [200] 95 responses\n"
    "\n"
    "Error distribution:\n"
    "  [3] aborted due to deadline\n"
    "  [2] connection closed before message completed\n"
    "Summary:\n"
    "  Success rate:\tNaN%\n"
    "  Total:\t0.0100 sec\n"
    "  Slowest:\t-inf ns\n"
    "  Size/request:\tNaN\n"
    "\n"
    "Error distribution:\n"
    "  [7] error trying to connect: tcp connect error: Connection refused (os error 111)\n";

static void test_newest_text(void)
{
    struct parse_result pr;
    struct text t;
    text_split(&t, newest, strlen(newest));
    CHECK(parser_detect(&t) == parser_find("oha"));
    text_free(&t);
    CHECK(test_parse_str("oha", newest, 1, &pr) == 0);
    CHECK(pr.nruns == 2);
    if (pr.nruns == 2) {
        const struct run *r = pr.runs[0];
        CHECK(r->first_line == 1 && r->last_line == 39);
        CHECK(strcmp(r->url, "http://127.0.0.1:3000/") == 0);
        CHECK(r->connections == 50 && r->target_rate == 2000);
        CHECK(strcmp(run_param_get(r, "duration"), "30s") == 0);
        CHECK(strcmp(run_param_get(r, "requests"), "100") == 0);
        CHECK(r->duration_s == 12.345 && test_fig(r, "summary", "Total") == 12345);
        CHECK(r->lat_max == 71.2335 && r->lat_min == 1.477 && r->lat_avg == 7.2251);
        CHECK(r->rps == 2766.4371);
        CHECK(r->bytes_received == 108.02 * 1024 && test_fig(r, "summary", "Size/sec") == 11059.2);
        CHECK(test_fig(r, "summary", "Success rate") == 97.94);
        CHECK(r->requests == 100 && r->failed_requests == 2 && r->non2xx == 0);
        CHECK(r->failed_pct == 2.06); /* 100 - 97.94 on the decimals */
        CHECK(r->lat_med == 4.6533);
        CHECK(run_percentile_get(r, "latency_2xx", 50) == 4.6);
        CHECK(r->nbuckets == 3 && r->buckets[0].upper == 1.477 && r->buckets[1].count == 23334);
        CHECK(strcmp(r->buckets[2].metric, "latency_2xx") == 0);
        CHECK(test_fig(r, "DNS-lookup", "slowest") == 0.0804);
        CHECK(r->state == RUN_STATE_OK);

        r = pr.runs[1];
        CHECK(r->first_line == 40 && r->last_line == 47);
        CHECK(!run_has(r->lat_max) && isnan(test_fig(r, "summary", "Slowest")));
        CHECK(isnan(test_fig(r, "summary", "Size/request")));
        CHECK(r->duration_s == 0.01);
        CHECK(r->requests == 7 && r->failed_requests == 7 && r->failed_pct == 100);
        CHECK(r->state == RUN_STATE_FAILED);
    }
    parse_result_free(&pr);
}

static void test_text_errors(void)
{
    struct parse_result pr;
    CHECK(test_parse_str("oha", "Summary:\n  Success rate:\t100.00%\n  Total:\t1.0 fortnights\n", 1, &pr) < 0);
    CHECK(pr.err_line == 3);
    parse_result_free(&pr);
    CHECK(test_parse_str("oha", "Summary:\n  Total data:\t3 parsecs\n", 1, &pr) < 0 && pr.err_line == 2);
    parse_result_free(&pr);
}

static const char json_docs[] =
    "Two runs:\n"
    "```json\n"
    "{\n"
    "  \"summary\": {\n"
    "    \"successRate\": 0.5,\n"
    "    \"total\": 2.5,\n"
    "    \"slowest\": 0.25,\n"
    "    \"fastest\": 0.000001,\n"
    "    \"average\": 0.1,\n"
    "    \"requestsPerSec\": 4.0,\n"
    "    \"totalData\": 0,\n"
    "    \"sizePerRequest\": null,\n"
    "    \"sizePerSec\": 0.0\n"
    "  },\n"
    "  \"responseTimeHistogram\": {\"0.000001\": 1, \"0.25\": 4},\n"
    "  \"latencyPercentiles\": {\"p50\": 0.1, \"p99.9\": 0.25, \"p99.99\": null},\n"
    "  \"firstByteHistogram\": {},\n"
    "  \"firstBytePercentiles\": {\"p50\": 0.05},\n"
    "  \"rps\": {\"mean\": 4, \"stddev\": null, \"max\": 8, \"min\": 0, \"percentiles\": {\"p50\": 4}},\n"
    "  \"details\": {\"DNSDialup\": {\"average\": 0.001, \"fastest\": null, \"slowest\": 0.002},\n"
    "              \"firstByte\": {\"average\": 0.05, \"fastest\": 0.01, \"slowest\": 0.2}},\n"
    "  \"statusCodeDistribution\": {\"200\": 3, \"500\": 2},\n"
    "  \"errorDistribution\": {\"connection reset\": 5, \"aborted due to deadline\": 1}\n"
    "}\n"
    "```\n"
    "and {\"not\": \"this\"} in prose.\n"
    "{\"summary\": {\"successRate\": 1, \"requestsPerSec\": 10},\n"
    " \"statusCodeDistribution\": {}, \"errorDistribution\": {}}\n";

static void test_json(void)
{
    struct parse_result pr;
    struct text t;
    text_split(&t, json_docs, strlen(json_docs));
    CHECK(parser_detect(&t) == parser_find("oha-json"));
    text_free(&t);
    CHECK(test_parse_str("oha-json", json_docs, 1, &pr) == 0);
    CHECK(pr.nruns == 2);
    if (pr.nruns == 2) {
        const struct run *r = pr.runs[0];
        CHECK(r->first_line == 3 && r->last_line == 24);
        CHECK(r->duration_s == 2.5 && r->lat_max == 250 && r->lat_min == 0.001 && r->lat_avg == 100);
        CHECK(!run_figure_get(r, "summary", "sizePerRequest"));
        CHECK(r->requests == 11 && r->failed_requests == 5 && r->non2xx == 2);
        CHECK(r->failed_pct == 50 && r->state == RUN_STATE_OK);
        CHECK(run_percentile_get(r, "latency", 99.9) == 250);
        CHECK(!run_has(run_percentile_get(r, "latency", 99.99)));
        CHECK(run_percentile_get(r, "first_byte", 50) == 50);
        CHECK(run_percentile_get(r, "rps", 50) == 4);
        CHECK(test_fig(r, "rps", "min") == 0 && !run_figure_get(r, "rps", "stddev"));
        CHECK(test_fig(r, "firstByte", "slowest") == 200 && !run_figure_get(r, "DNSDialup", "fastest"));
        CHECK(r->nbuckets == 2 && r->buckets[0].upper == 0.001);
        CHECK(r->lat_med == 100);

        r = pr.runs[1];
        CHECK(r->first_line == 27 && r->last_line == 28);
        CHECK(r->rps == 10 && r->requests == 0 && r->failed_pct == 0);
    }
    parse_result_free(&pr);

    CHECK(test_parse_str("oha-json", "text\n{\"summary\": {\"successRate\": 1,\n  \"total\": }\n}\n", 1, &pr) < 0);
    CHECK(pr.err_line == 3);
    parse_result_free(&pr);
    CHECK(test_parse_str("oha-json", "{\"summary\": {\"successRate\": \"all\"}}\n", 1, &pr) < 0 && pr.err_line == 1);
    parse_result_free(&pr);
    CHECK(test_parse_str("oha-json", "{\"stdout\": {\"summary\": 1}}\n", 1, &pr) < 0);
    parse_result_free(&pr);
}

int main(void)
{
    static const char *const fixtures[] = {
        "oha/hatoo_oha__issue100-misaligned-histogram.txt",
        "oha/hatoo_oha__pr5-early-error-distribution.txt",
        "oha/retrokiller543_tosic-http__axum-bench-tabs.txt",
        "oha/seed003__necro-oha.txt",
    };
    static const char *const json_fixtures[] = {
        "oha/denosaurs_bench__bun-hello-oha-json.json",
        "oha/pwrdrvr_crush-test__lambda-wrapper-oha-json-p99.9-deadline.json",
    };
    test_newest_text();
    test_text_errors();
    test_json();
    test_prefixes("oha", newest, strlen(newest));
    test_prefixes("oha-json", json_docs, strlen(json_docs));
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        size_t n;
        char *s = test_fixture(fixtures[i], &n);
        if (s)
            test_prefixes("oha", s, n);
        free(s);
    }
    for (size_t i = 0; i < sizeof json_fixtures / sizeof json_fixtures[0]; i++) {
        size_t n;
        char *s = test_fixture(json_fixtures[i], &n);
        if (s)
            test_prefixes("oha-json", s, n);
        free(s);
    }
    return test_done("unit_oha");
}
