/* unit_hey.c - the hey parser on layouts the golden files do not hold:
 * the older report.print() output (a Note line, a blank after each
 * detail label, status codes with errors), an errors-only output, two
 * outputs with their command lines, a "Summary:" in prose, bad values,
 * and every prefix of the real outputs. */
#include "parse_testlib.h"

/* The lines older hey prints from report.print() (rakyll/hey print.go). */
static const char old_layout[] =
    "$ hey -n 105 -c=10 -z 5s -q 20 -m GET http://127.0.0.1:8080/\n"
    "Summary:\n"
    "  Total:\t0.5000 secs\n"
    "  Slowest:\t0.0100 secs\n"
    "  Fastest:\t0.0010 secs\n"
    "  Average:\t0.0050 secs\n"
    "  Requests/sec:\t200.0000\n"
    "  Total data:\t1000 bytes\n"
    "  Size/request:\t10 bytes\n"
    "\n"
    "Note:  Distributions are for first 1000000 results.\n"
    "Response time histogram:\n"
    "  0.001 [1]\t|\xe2\x88\x8e\n"
    "  0.010 [99]\t|\xe2\x88\x8e\xe2\x88\x8e\xe2\x88\x8e\n"
    "\n"
    "Latency distribution:\n"
    "  10% in 0.0020 secs\n"
    "  50% in 0.0050 secs\n"
    "  99% in 0.0090 secs\n"
    "\n"
    "Details (average, fastest, slowest):\n"
    "  DNS+dialup:\t 0.0001 secs, 0.0010 secs, 0.0100 secs\n"
    "  resp wait:\t 0.0040 secs, 0.0009 secs, 0.0099 secs\n"
    "\n"
    "Status code distribution:\n"
    "  [200]\t90 responses\n"
    "  [503]\t10 responses\n"
    "\n"
    "Error distribution:\n"
    "  [5]\tGet http://127.0.0.1:8080/: dial tcp 127.0.0.1:8080: getsockopt: connection refused\n"
    "\n"
    "% hey -m POST 'http://127.0.0.1:8080/post'\n"
    "\n"
    "Error distribution:\n"
    "  [50]\tPost http://127.0.0.1:8080/post: EOF\n";

static void test_old_layout(void)
{
    struct parse_result pr;
    CHECK(test_parse_str("hey", old_layout, 1, &pr) == 0);
    CHECK(pr.nruns == 2);
    if (pr.nruns == 2) {
        const struct run *r = pr.runs[0];
        CHECK(r->first_line == 1 && r->last_line == 30);
        CHECK(strcmp(r->url, "http://127.0.0.1:8080/") == 0);
        CHECK(strcmp(run_param_get(r, "requests"), "105") == 0);
        CHECK(strcmp(run_param_get(r, "concurrency"), "10") == 0 && r->connections == 10);
        CHECK(strcmp(run_param_get(r, "duration"), "5s") == 0);
        CHECK(strcmp(run_param_get(r, "rate_per_worker"), "20") == 0);
        CHECK(strcmp(run_param_get(r, "method"), "GET") == 0);
        CHECK(r->duration_s == 0.5 && r->rps == 200 && r->bytes_received == 1000);
        CHECK(r->lat_min == 1 && r->lat_max == 10 && r->lat_avg == 5 && r->lat_med == 5);
        /* failed: the 5 errors and the 10 responses of 503 */
        CHECK(r->requests == 105 && r->failed_requests == 15 && r->non2xx == 10);
        CHECK(r->failed_pct == 100.0 * 15 / 105);
        CHECK(r->state == RUN_STATE_OK);
        CHECK(test_fig(r, "DNS+dialup", "average") == 0.1);
        CHECK(test_fig(r, "resp wait", "slowest") == 9.9);
        CHECK(r->nbuckets == 2 && r->buckets[1].upper == 10 && r->buckets[1].count == 99);
        CHECK(r->ncounts == 3);

        r = pr.runs[1]; /* only errors: nothing answered */
        CHECK(r->first_line == 32 && r->last_line == 35);
        CHECK(strcmp(run_param_get(r, "method"), "POST") == 0);
        CHECK(strcmp(r->url, "http://127.0.0.1:8080/post") == 0);
        CHECK(r->requests == 50 && r->failed_requests == 50 && r->failed_pct == 100);
        CHECK(r->state == RUN_STATE_FAILED && !run_has(r->non2xx));
    }
    parse_result_free(&pr);
}

static void test_prose_and_errors(void)
{
    struct parse_result pr;
    /* a Summary: header in prose holds nothing: no run */
    CHECK(test_parse_str("hey", "Summary:\nThe results were good.\n", 1, &pr) < 0);
    CHECK(strstr(pr.err, "no complete load-test output") != NULL);
    parse_result_free(&pr);
    CHECK(test_parse_str("hey", "Summary:\n  Total:\tabc secs\n", 1, &pr) < 0 && pr.err_line == 2);
    parse_result_free(&pr);
    CHECK(test_parse_str("hey", "Details (average, fastest, slowest):\n  DNS+dialup:\t0.0001 secs, x, 0.0100 secs\n", 1, &pr) < 0 &&
          pr.err_line == 2);
    parse_result_free(&pr);
    /* the zero rows hey prints for percentiles it never reached; a 3xx
     * is a non-2xx response but not a failure (the blank line hey prints
     * after its status rows shows they are all there) */
    CHECK(test_parse_str("hey", "Latency distribution:\n  10% in 0.5000 secs\n  0% in 0.0000 secs\n"
                                "Status code distribution:\n  [200]\t3 responses\n  [302]\t1 responses\n\n",
                         1, &pr) == 0);
    CHECK(pr.nruns == 1 && pr.runs[0]->npcts == 1 && pr.runs[0]->requests == 4);
    CHECK(pr.nruns == 1 && pr.runs[0]->non2xx == 1 && pr.runs[0]->failed_requests == 0);
    parse_result_free(&pr);
}

int main(void)
{
    static const char *const fixtures[] = {
        "hey/caasmo_restinpieces__indented-truncated.txt",
        "hey/hatoo_oha__issue4-hey-error-distribution-fragment.txt",
        "hey/live__hey__404.txt",
        "hey/live__hey__closed_port_errors.txt",
        "hey/live__hey__z2s_c10.txt",
        "hey/rakyll_hey__issue257-dialup-avg-lt-fastest.txt",
        "hey/rakyll_hey__issue266-tabs-zero-percentiles.txt",
        "hey/rakyll_hey__pr207-blockquoted-tabs.txt",
    };
    test_old_layout();
    test_prose_and_errors();
    test_prefixes("hey", old_layout, strlen(old_layout));
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        size_t n;
        char *s = test_fixture(fixtures[i], &n);
        if (s)
            test_prefixes("hey", s, n);
        free(s);
    }
    return test_done("unit_hey");
}
