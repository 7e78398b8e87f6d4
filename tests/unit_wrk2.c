/* unit_wrk2.c - the wrk2 parser on what the golden files cannot show:
 * fragments that import refuses (no request count), the newer
 * calibration format, several outputs and -R spellings in one file, a
 * wrk2 run without -L, bad spectrum rows, and every prefix of the real
 * outputs (no crash, no leak under the sanitizers). */
#include "parse_testlib.h"

static const char two_runs[] =
    "$ wrk -t2 -c16 -d10s -R 5k http://127.0.0.1:8080/\n"
    "Running 10s test @ http://127.0.0.1:8080/\n"
    "  2 threads and 16 connections\n"
    "  Thread calibration: mean lat.: 1.234ms, rate sampling interval: 10ms\n"
    "  Thread calibration: mean lat.: 0.987ms, rate sampling interval: 12ms\n"
    "  Thread Stats   Avg      Stdev     Max   +/- Stdev\n"
    "    Latency     1.10ms  512.00us   4.99ms   70.00%\n"
    "    Req/Sec     2.60k   300.00     3.10k    65.00%\n"
    "  49990 requests in 10.00s, 6.00MB read\n"
    "Requests/sec:   4999.00\n"
    "Transfer/sec:    614.40KB\n"
    "\n"
    "some prose between two runs\n"
    "$ wrk2 -t1 -c1 -d5s --rate=300 http://127.0.0.1:8080/x\n"
    "Running 5s test @ http://127.0.0.1:8080/x\n"
    "  1 threads and 1 connections\n"
    "  Thread Stats   Avg      Stdev     Max   +/- Stdev\n"
    "    Latency     1.00ms    0.10ms   2.00ms   90.00%\n"
    "    Req/Sec   300.00      1.00   301.00     99.00%\n"
    "  Latency Distribution (HdrHistogram - Recorded Latency)\n"
    " 50.000%    1.00ms\n"
    " 99.000%    1.90ms\n"
    "100.000%    2.00ms\n"
    "\n"
    "  Detailed Percentile spectrum:\n"
    "       Value   Percentile   TotalCount 1/(1-Percentile)\n"
    "\n"
    "       0.500     0.000000            1         1.00\n"
    "       1.001     0.500000          750         2.00\n"
    "       2.001     1.000000         1499          inf\n"
    "#[Mean    =        1.003, StdDeviation   =        0.101]\n"
    "#[Max     =        2.000, Total count    =         1499]\n"
    "#[Buckets =           27, SubBuckets     =         2048]\n"
    "----------------------------------------------------------\n"
    "  1500 requests in 5.00s, 100.00KB read\n"
    "  Non-2xx or 3xx responses: 15\n"
    "Requests/sec:    300.00\n"
    "Transfer/sec:     20.00KB\n";

static void test_two_runs(void)
{
    struct parse_result pr;
    CHECK(test_parse_str("wrk2", two_runs, 1, &pr) == 0);
    CHECK(pr.nruns == 2);
    if (pr.nruns == 2) {
        const struct run *a = pr.runs[0], *b = pr.runs[1];
        CHECK(a->first_line == 1 && a->last_line == 11);
        CHECK(a->target_rate == 5000);
        CHECK(strcmp(run_param_get(a, "rate"), "5k") == 0);
        CHECK(test_fig(a, "thread_calibration_1", "mean_lat") == 1.234);
        CHECK(test_fig(a, "thread_calibration_2", "rate_sampling_interval") == 12);
        CHECK(a->lat_avg == 1.1 && a->lat_max == 4.99 && a->lat_stdev == 0.512);
        CHECK(!run_has(a->lat_med) && a->npcts == 0);
        CHECK(a->requests == 49990 && a->rps == 4999);
        CHECK(b->first_line == 14 && b->last_line == 38);
        CHECK(b->target_rate == 300 && strcmp(b->command, "wrk2 -t1 -c1 -d5s --rate=300 http://127.0.0.1:8080/x") == 0);
        /* the spectrum wins where it has the percentile; 99 comes from the distribution */
        CHECK(run_percentile_get(b, "latency", 50) == 1.001);
        CHECK(run_percentile_get(b, "latency", 99) == 1.9);
        CHECK(run_percentile_get(b, "latency", 100) == 2.001);
        CHECK(test_fig(b, "latency_distribution", "100.000%") == 2);
        CHECK(b->lat_med == 1.001 && b->lat_avg == 1.003 && b->lat_stdev == 0.101 && b->lat_max == 2);
        CHECK(test_fig(b, "latency", "avg") == 1);
        CHECK(b->non2xx == 15 && b->failed_requests == 15 && b->failed_pct == 1);
        for (size_t i = 0; i < b->npcts; i++)
            if (b->pcts[i].percentile == 50)
                CHECK(b->pcts[i].count == 750);
    }
    parse_result_free(&pr);
}

/* A wrk2 run without -L: only calibration and -R tell it from wrk. */
static void test_sniff_without_latency(void)
{
    struct text t;
    size_t end = strstr(two_runs, "\nsome prose") - two_runs;
    text_split(&t, two_runs, end);
    CHECK(parser_find("wrk2")->sniff(&t) > parser_find("wrk")->sniff(&t));
    CHECK(parser_detect(&t) == parser_find("wrk2"));
    text_free(&t);
}

static void test_fragments(void)
{
    size_t n;
    char *s = test_fixture("wrk2/askmeegs_istio-benchmark__minutes-fragment.txt", &n);
    struct parse_result pr;
    if (s) {
        /* import refuses it: no request count or rate */
        CHECK(test_parse("wrk2", s, n, 1, &pr) < 0 && pr.err_line == 7);
        parse_result_free(&pr);
        CHECK(test_parse("wrk2", s, n, 0, &pr) == 0 && pr.nruns == 1);
        if (pr.nruns == 1) {
            const struct run *r = pr.runs[0];
            CHECK(run_percentile_get(r, "latency", 50) == 519000); /* 8.65m */
            CHECK(run_percentile_get(r, "latency", 100) == 1172400); /* 19.54m */
            CHECK(run_percentile_get(r, "uncorrected_latency", 99.999) == 30.69);
            CHECK(r->npcts == 16 && r->lat_med == 519000);
            CHECK(r->first_line == 7 && r->last_line == 29);
        }
        parse_result_free(&pr);
        free(s);
    }
    s = test_fixture("wrk2/delimitrou_DeathStarBench__issue265-fork-99pct-header-nanus.txt", &n);
    if (s) {
        CHECK(test_parse("wrk2", s, n, 0, &pr) == 0 && pr.nruns == 1);
        if (pr.nruns == 1) {
            const struct run *r = pr.runs[0];
            CHECK(strcmp(r->url, "http://localhost:5000") == 0);
            CHECK(test_fig(r, "latency", "99%") == 0);
            CHECK(!run_has(r->lat_avg) && !run_has(r->lat_stdev));
            CHECK(r->npcts == 8 && run_percentile_get(r, "latency", 99.999) == 0);
        }
        parse_result_free(&pr);
        free(s);
    }
}

static void test_bad_rows(void)
{
    struct parse_result pr;
    const char *bad_pct =
        "Running 1s test @ http://h/\n"
        "  Detailed Percentile spectrum:\n"
        "       Value   Percentile   TotalCount 1/(1-Percentile)\n"
        "       1.000     1.500000           10          inf\n";
    CHECK(test_parse_str("wrk2", bad_pct, 1, &pr) < 0 && pr.err_line == 4);
    parse_result_free(&pr);
    const char *bad_summary =
        "Running 1s test @ http://h/\n"
        "#[Mean    =        abc, StdDeviation   =        0.101]\n";
    CHECK(test_parse_str("wrk2", bad_summary, 1, &pr) < 0 && pr.err_line == 2);
    parse_result_free(&pr);
    const char *bad_calib =
        "Running 1s test @ http://h/\n"
        "  Thread calibration: mean lat.: fast, rate sampling interval: 10ms\n";
    CHECK(test_parse_str("wrk2", bad_calib, 1, &pr) < 0 && pr.err_line == 2);
    parse_result_free(&pr);
    CHECK(test_parse_str("wrk2", "", 1, &pr) < 0);
    parse_result_free(&pr);
}

int main(void)
{
    static const char *const fixtures[] = {
        "wrk2/giltene_wrk2__readme-u_latency-example1.txt",
        "wrk2/polis-mail-ru_2020-highload-dht__get-nan-reqsec.txt",
        "wrk2/askmeegs_istio-benchmark__minutes-fragment.txt",
        "wrk2/delimitrou_DeathStarBench__issue265-fork-99pct-header-nanus.txt",
    };
    test_two_runs();
    test_sniff_without_latency();
    test_fragments();
    test_bad_rows();
    test_prefixes("wrk2", two_runs, strlen(two_runs));
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        size_t n;
        char *s = test_fixture(fixtures[i], &n);
        if (s)
            test_prefixes("wrk2", s, n);
        free(s);
    }
    return test_done("unit_wrk2");
}
