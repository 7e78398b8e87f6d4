/* parse_hey.c - hey's summary text -> runs.
 *
 * What hey prints (rakyll/hey requester/print.go, defaultTmpl; older
 * releases print the same lines from report.print()):
 *
 *   Summary:
 *     Total:\t2.0004 secs
 *     Slowest:\t0.0085 secs
 *     Fastest:\t0.0000 secs
 *     Average:\t0.0003 secs
 *     Requests/sec:\t38792.0470
 *
 *     Total data:\t5975123 bytes               (only when bodies were read)
 *     Size/request:\t77 bytes
 *
 *   Response time histogram:
 *     0.000 [1]\t|
 *     0.001 [76192]\t|■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■
 *
 *   Latency distribution:
 *     10% in 0.0001 secs
 *     ...
 *     99% in 0.0016 secs
 *
 *   Details (average, fastest, slowest):
 *     DNS+dialup:\t0.0000 secs, 0.0000 secs, 0.0085 secs
 *     DNS-lookup:\t0.0000 secs, 0.0000 secs, 0.0000 secs
 *     req write:\t0.0000 secs, 0.0000 secs, 0.0052 secs
 *     resp wait:\t0.0002 secs, 0.0000 secs, 0.0085 secs
 *     resp read:\t0.0000 secs, 0.0000 secs, 0.0080 secs
 *
 *   Status code distribution:
 *     [200]\t77599 responses
 *
 *   Error distribution:                          (only when any)
 *     [200]\tGet "http://127.0.0.1:18081/data.json": dial tcp ...: connection refused
 *
 * The text is read by hey_common.c (shared with oha). How it is kept:
 *   - Summary rows are figures of metric "summary", stat the printed label
 *     ("Total", "Requests/sec", "Total data" ...), in ms, B, /s; they give
 *     duration_s, lat_max (Slowest), lat_min (Fastest), lat_avg (Average),
 *     rps (as printed) and bytes_received (Total data).
 *   - Histogram rows are buckets of metric "latency": hey prints only each
 *     bucket's upper mark (lower is NaN), in seconds, stored in ms.
 *   - Latency distribution rows are percentiles of "latency"; lat_med is
 *     the 50% row. With fewer samples than a percentile needs, hey prints
 *     a zero row ("0% in 0.0000 secs") in its place: those are skipped.
 *   - Details rows are figures of metric "DNS+dialup", "DNS-lookup", "req
 *     write", "resp wait", "resp read" with stats average, fastest,
 *     slowest, as printed. hey's template fills DNS+dialup's fastest and
 *     slowest with the whole request's (so its average can be below its
 *     "fastest"); they are kept as printed.
 *   - Status rows are counts (kind "status", message "200"); error rows
 *     are counts with kind NULL and the error text as message.
 *
 * hey prints no request total. requests = the status rows' sum + the
 * error rows' sum when either section is printed: hey's own count of
 * results (numRes), which its Requests/sec divides by the total time
 * (older hey divided the responses only). hey counts no failures itself
 * (it only lists errors), so the rule wrk, h2load and bombardier follow
 * is used: failed_requests = the error rows (no response) + the
 * responses with a status of 400 and up, failed_pct their share of
 * requests. non2xx = the responses outside 2xx. A run
 * where no request got a response, or every request failed (a server
 * answering 404), is marked failed; when nothing got a response its
 * Slowest/Fastest/Average (printed as 0.0000 or NaN, since nothing was
 * timed) are kept as figures but not as headline latencies.
 *
 * A "hey ..." command line printed just before the output gives command,
 * url and params requests (-n), concurrency (-c; also connections: the c
 * workers send one request at a time over a client keeping up to c
 * connections), duration (-z), rate_per_worker (-q: hey's rate limit is
 * per worker), method (-m), timeout (-t). hey -o csv is not this format.
 *
 * Cut short: hey prints the status code distribution last (then errors,
 * when any) and a blank line after the status rows. hey_common.c says
 * when a run is whole; one that is not is incomplete and gets no figure
 * derived from its rows (requests, failed_requests, failed_pct, non2xx). */
#include <string.h>

#include "hey_common.h"
#include "parse.h"

static const struct hey_flag hey_flags[] = {
    {"n", "requests", HEY_HEAD_NONE},
    {"c", "concurrency", HEY_HEAD_CONNECTIONS},
    {"z", "duration", HEY_HEAD_NONE},
    {"q", "rate_per_worker", HEY_HEAD_NONE},
    {"m", "method", HEY_HEAD_NONE},
    {"t", "timeout", HEY_HEAD_NONE},
    {NULL, NULL, HEY_HEAD_NONE},
};

static const struct hey_tool hey_tool = {
    .tool = "hey",
    .format = "hey",
    .program = "hey",
    .flags = hey_flags,
    .not_failure = NULL,
    .status_failures = 1,
};

static int hey_parse(const struct text *t, struct parse_result *pr)
{
    return hey_text_parse(t, pr, &hey_tool);
}

/* oha prints the same layout; what only oha prints (a success rate,
 * units other than secs, Rust error texts ...) hands the text to oha. */
static int hey_sniff(const struct text *t)
{
    struct hey_evidence ev;
    hey_text_evidence(t, &ev);
    int base = ev.summary && ev.rps ? 80 : ev.sections >= 2 || (ev.sections && ev.rows) ? 60 : 0;
    if (!base)
        return 0;
    if (ev.oha_marks && !ev.hey_marks)
        return 10;
    if (ev.hey_marks && !ev.oha_marks)
        return 95;
    return base;
}

const struct parser parser_hey = {
    .name = "hey",
    .tool = "hey",
    .summary = "hey summary text (histogram, latency distribution, details, status and errors)",
    .sniff = hey_sniff,
    .parse = hey_parse,
    .parse_stream = NULL,
};
