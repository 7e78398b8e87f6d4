/* unit_toolparams.c - the load parameters read from a tool's own argv, as
 * `benchdb run -- TOOL ARGS...` gets them: each tool's option spelling. */
#include <math.h>

#include "check.h"
#include "toolcmd.h"

/* Parses the words of argv and checks each parameter (NaN: unset). */
#define PARAMS(want_known, c, t, v, d, r, ...)                                \
    do {                                                                      \
        const char *argv_[] = {__VA_ARGS__, NULL};                            \
        struct toolcmd_params p_;                                             \
        CHECK(toolcmd_params(argv_, &p_) == (want_known));                    \
        same(p_.connections, c, __LINE__, "connections");                     \
        same(p_.threads, t, __LINE__, "threads");                             \
        same(p_.vus, v, __LINE__, "vus");                                     \
        same(p_.duration_s, d, __LINE__, "duration");                         \
        same(p_.rate, r, __LINE__, "rate");                                   \
    } while (0)

static void same(double got, double want, int line, const char *what)
{
    if (isnan(got) && isnan(want))
        return;
    if (got != want) {
        fprintf(stderr, "%s:%d: %s = %.17g, want %.17g\n", __FILE__, line, what, got, want);
        check_failures++;
    }
}

int main(void)
{
    const double N = (double)NAN;
    /* wrk2: attached short options, -R the target rate */
    PARAMS(1, 100, 2, N, 30, 2000, "wrk2", "-t2", "-c100", "-d30s", "-R2000", "http://x/");
    /* wrk: apart, long, with '=', minutes, a k suffix */
    PARAMS(1, 1000, 4, N, 120, N, "/usr/bin/wrk", "--threads", "4", "--connections=1k", "-d", "2m",
           "--latency", "http://x/");
    /* a bare duration is seconds; an unknown option and its value skipped */
    PARAMS(1, 10, N, N, 10, N, "wrk", "-s", "post.lua", "-c", "10", "-d10", "http://x/");
    /* hey: Go flags; -q per worker times -c workers */
    PARAMS(1, 4, N, N, N, 200, "hey", "-c", "4", "-q", "50", "http://x/");
    PARAMS(1, 8, N, N, 10, 40, "hey", "-z=10s", "--c=8", "-q=5", "-n", "100", "http://x/");
    /* hey's default of 50 workers */
    PARAMS(1, N, N, N, N, 100, "hey", "-q", "2", "http://x/");
    /* -q 0: no limit */
    PARAMS(1, 4, N, N, N, N, "hey", "-c", "4", "-q", "0", "http://x/");
    /* ab: -t in seconds, -n not a parameter */
    PARAMS(1, 10, N, N, 5, N, "ab", "-k", "-n", "1000", "-c10", "-t", "5", "http://x/");
    /* h2load */
    PARAMS(1, 100, 2, N, 10, N, "h2load", "-c", "100", "--threads=2", "-D", "10s", "https://x/");
    /* oha: -q is the total rate */
    PARAMS(1, 50, N, N, 30, 1000, "oha", "-c", "50", "-z", "30s", "-q", "1000", "http://x/");
    /* k6 */
    PARAMS(1, N, N, 10, 30, N, "k6", "run", "--vus", "10", "--duration=30s", "script.js");
    PARAMS(1, N, N, 5, 60, N, "k6", "run", "-u5", "-d", "1m", "script.js");
    /* vegeta: -rate as N or N/period */
    PARAMS(1, N, N, N, 10, 50, "vegeta", "attack", "-rate=50/1s", "-duration=10s");
    PARAMS(1, N, N, N, N, 2, "vegeta", "attack", "-rate", "120/m");
    /* a value missing at the end; an unknown tool */
    PARAMS(1, N, N, N, N, N, "wrk", "http://x/", "-c");
    PARAMS(0, N, N, N, N, N, "curl", "-c", "10", "http://x/");
    return check_failures ? 1 : 0;
}
