/* gen_k6.c - writes a k6 `--out json` file (NDJSON) of about the size
 * asked, deterministically: the metric mix, tags and timestamps of a real
 * k6 run (one iteration: an HTTP request's eight timings, http_reqs,
 * http_req_failed, data_sent/received, iteration_duration, iterations,
 * checks; vus and vus_max each second), 1000 iterations a second, values
 * from a fixed-seed generator. Prints "gen_k6: N requests" on stderr: the
 * http_reqs count an import must find. Usage: gen_k6 MEGABYTES > file.ndjson */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;

static double uniform(void)
{
    /* xorshift64*: fast, deterministic, good enough for test data */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (double)((state * 0x2545f4914f6cdd1dull) >> 11) / 9007199254740992.0;
}

/* A latency-like value in ms: mostly near `med`, with a long tail. */
static double latency(double med)
{
    double u = uniform(), v = uniform();
    double z = sqrt(-2 * log(u + 1e-12)) * cos(6.283185307179586 * v);
    return med * exp(0.5 * z);
}

static const char *const metrics[][3] = {
    {"http_reqs", "counter", "default"},          {"http_req_duration", "trend", "time"},
    {"http_req_blocked", "trend", "time"},        {"http_req_connecting", "trend", "time"},
    {"http_req_tls_handshaking", "trend", "time"}, {"http_req_sending", "trend", "time"},
    {"http_req_waiting", "trend", "time"},        {"http_req_receiving", "trend", "time"},
    {"http_req_failed", "rate", "default"},       {"data_sent", "counter", "data"},
    {"data_received", "counter", "data"},         {"iteration_duration", "trend", "time"},
    {"iterations", "counter", "default"},         {"checks", "rate", "default"},
    {"vus", "gauge", "default"},                  {"vus_max", "gauge", "default"},
};

static void declare(const char *const m[3])
{
    printf("{\"type\":\"Metric\",\"data\":{\"name\":\"%s\",\"type\":\"%s\",\"contains\":\"%s\","
           "\"thresholds\":[],\"submetrics\":null},\"metric\":\"%s\"}\n",
           m[0], m[1], m[2], m[0]);
}

static char stamp[64];

static void set_time(long long ns)
{
    long long s = ns / 1000000000LL, frac = ns % 1000000000LL;
    int hh = (int)(s / 3600 % 24), mm = (int)(s / 60 % 60), ss = (int)(s % 60);
    snprintf(stamp, sizeof stamp, "2025-05-12T%02d:%02d:%02d.%09lld+02:00", hh, mm, ss, frac);
}

static void point(const char *metric, double value, const char *tags)
{
    printf("{\"type\":\"Point\",\"data\":{\"time\":\"%s\",\"value\":%.6f,\"tags\":{%s}},"
           "\"metric\":\"%s\"}\n", stamp, value, tags, metric);
}

int main(int argc, char **argv)
{
    long long want = (argc > 1 ? atoll(argv[1]) : 100) * 1000000LL;
    long long written = 0;
    static char buf[1 << 20];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    for (size_t i = 0; i < sizeof metrics / sizeof metrics[0]; i++)
        declare(metrics[i]);
    const char *paths[] = {"/items", "/items/42", "/users", "/health"};
    long long ns = 10LL * 3600 * 1000000000LL;
    long long iter = 0;
    while (written < want) {
        const char *path = paths[iter % 4];
        int failed = uniform() < 0.003;
        const char *status = failed ? "503" : "200";
        char http[512], plain[128];
        snprintf(http, sizeof http,
                 "\"expected_response\":\"%s\",\"group\":\"\",\"method\":\"GET\",\"name\":"
                 "\"http://127.0.0.1:8000%s\",\"proto\":\"HTTP/1.1\",\"scenario\":\"default\","
                 "\"status\":\"%s\",\"tls_version\":\"\",\"url\":\"http://127.0.0.1:8000%s\"",
                 failed ? "false" : "true", path, status, path);
        snprintf(plain, sizeof plain, "\"group\":\"\",\"scenario\":\"default\"");
        set_time(ns);
        if (iter % 1000 == 0) {
            point("vus", 50 + (double)(iter / 1000 % 50), "");
            point("vus_max", 100, "");
        }
        double wait = latency(12), send = latency(0.02), recv = latency(0.05);
        point("http_reqs", 1, http);
        point("http_req_duration", send + wait + recv, http);
        point("http_req_blocked", latency(0.004), http);
        point("http_req_connecting", 0, http);
        point("http_req_tls_handshaking", 0, http);
        point("http_req_sending", send, http);
        point("http_req_waiting", wait, http);
        point("http_req_receiving", recv, http);
        point("http_req_failed", failed, http);
        point("checks", !failed, "\"check\":\"status is 200\",\"group\":\"\",\"scenario\":\"default\"");
        point("data_sent", 96, plain);
        point("data_received", 1024 + (double)(iter % 7) * 3, plain);
        point("iteration_duration", wait + 1.2, plain);
        point("iterations", 1, plain);
        written += 16 * 300; /* about: checked below */
        iter++;
        ns += 1000000; /* 1000 iterations a second */
        if (iter % 4096 == 0) {
            fflush(stdout);
            long pos = ftell(stdout);
            if (pos > 0)
                written = pos;
        }
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("gen_k6: stdout");
        return 1;
    }
    fprintf(stderr, "gen_k6: %lld requests\n", iter);
    return 0;
}
