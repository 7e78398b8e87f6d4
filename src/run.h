/* run.h - the run model: what one load-test output says, tool-neutral.
 *
 * A parser turns one output into one or more runs; the store writes them;
 * reports read them back. No I/O here.
 *
 * Numbers are doubles in the canonical units of units.h (ms, bytes, per
 * second, percent). NaN means "the output did not print it": a figure
 * the output did not print is never invented. RUN_NA is that NaN.
 *
 * Ownership: a run owns every string and array it points to. run_new()
 * makes an empty run; run_free() releases it (NULL is a no-op). Adders copy
 * their string arguments. */
#ifndef BENCHDB_RUN_H
#define BENCHDB_RUN_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RUN_NA ((double)NAN)
#define run_has(x) (!isnan(x))

/* Unit names stored beside each figure (never owned: static strings). */
#define UNIT_MS "ms"
#define UNIT_BYTES "B"
#define UNIT_BYTES_PER_S "B/s"
#define UNIT_PER_S "/s"
#define UNIT_PERCENT "%"
#define UNIT_COUNT ""

/* One printed figure of one metric: k6's "http_req_blocked avg=555.89µs"
 * is {metric "http_req_blocked", stat "avg", value 0.55589, unit "ms",
 * text "555.89µs"}. Names are as the tool prints them. */
struct run_figure {
    char *metric;
    char *stat;
    double value;
    const char *unit;
    char *text; /* the token as printed, after cleaning */
};

/* One percentile of one metric: p(90) of http_req_duration is
 * {metric "http_req_duration", percentile 90, value 1590, unit "ms"}.
 * k6's "med" is stored as percentile 50. `count` is the cumulative count
 * where the tool prints one (wrk2's spectrum TotalCount), else -1. */
struct run_percentile {
    char *metric;
    double percentile;
    double value;
    const char *unit;
    char *text;
    int64_t count;
};

/* A threshold: k6 v1 prints the expression ("p(95)<5000"), legacy k6 only
 * a pass/fail mark on the metric line (expr NULL). */
struct run_threshold {
    char *metric;
    char *expr;   /* NULL when not printed */
    int ok;       /* 1 passed, 0 failed */
    char *text;   /* the observed value as printed ("p(95)=556"), or NULL */
};

/* A k6 check. passes/fails are -1 where the output does not say. */
struct run_check {
    char *name;
    char *group; /* "" at the top level; nested groups joined with "::" */
    int64_t passes;
    int64_t fails;
};

/* A counted item: socket errors by kind (kind "read", message NULL), an
 * error distribution row (kind NULL or a class, message the text), a
 * status code row (kind "status", message "200" or "2xx"). */
struct run_count {
    char *kind;
    char *message;
    double count;
};

/* A tool parameter as the output states it ("threads" = "2",
 * "url" = "http://localhost:8000", "executor" = "ramping-vus"). */
struct run_param {
    char *key;
    char *value;
};

/* A histogram bucket where the tool prints one (hey, oha). Bounds in
 * the metric's unit; lower is NaN when the tool prints only the mark. */
struct run_bucket {
    char *metric;
    double lower;
    double upper;
    double count;
};

/* A whole distribution, kept where the output holds every point (k6
 * --out json/csv): the histogram serialised as `encoding` says (hdr.h's
 * HDR_ENCODING), with its exact count, min, max and mean beside it so
 * that queries need not decode it. Any percentile can be asked later. */
struct run_histogram {
    char *metric;      /* "http_req_duration", "http_req_duration{expected_response:true}" */
    const char *unit;  /* UNIT_MS, UNIT_BYTES, UNIT_COUNT */
    double count, min, max, mean;
    char *encoding;
    unsigned char *data;
    size_t len;
};

/* One second of a run's time series (raw point data). Second 0 starts at
 * the series' first point; points that arrive out of order may fall in
 * negative seconds. NaN: nothing of that kind in that second. */
struct run_second {
    int64_t second;
    double requests;      /* requests completed in that second */
    double failed;        /* of them, failed */
    double p50, p90, p99; /* latency percentiles of that second (ms) */
    double vus;           /* active virtual users (or connections) */
};

enum run_state {
    RUN_STATE_OK = 0,     /* an output that ran and reported */
    RUN_STATE_FAILED,     /* every request failed (k6 http_req_failed 100%, ...) */
    RUN_STATE_INCOMPLETE, /* the output was cut short; only what it fully holds */
};

struct run {
    /* What produced it. */
    char *tool;          /* "k6", "wrk", ... */
    char *format;        /* parser name: "k6-text", "k6-summary-json", "wrk" */
    char *tool_version;  /* when printed, else NULL */
    char *command;       /* the command line when printed, else NULL */
    char *url;           /* the target when printed, else NULL */
    char *label;         /* the parser's name for the run (a published table's
                          * row name), else NULL; import uses it when the
                          * metadata gives no label */
    int published;       /* 1: a published table of someone else's results */
    int first_line;      /* 1-based line range of the run in its source */
    int last_line;
    enum run_state state;

    /* Headline figures, filled by the parser from what was printed. */
    double requests;        /* completed requests (k6 http_reqs, wrk "N requests") */
    double rps;             /* requests per second as printed */
    double duration_s;      /* test duration as printed */
    double lat_avg, lat_min, lat_med, lat_max, lat_stdev; /* ms */
    double failed_requests; /* requests that failed, as the tool counts them */
    double failed_pct;      /* percent of requests that failed (0..100) */
    double bytes_received, bytes_sent;
    double iterations;
    double vus, vus_max;
    double threads, connections;
    double target_rate;     /* requests/s the tool was asked for (wrk2 -R) */
    double non2xx;
    double checks_passed, checks_failed;

    /* Which metric's percentiles are "the latency" of this run:
     * "http_req_duration" for k6, "latency" for wrk. */
    char *latency_metric;

    /* Set when the output printed one figure twice with different values
     * (a duplicated section that disagrees): parse_check refuses the run. */
    char *conflict;

    struct run_figure *figures;       size_t nfigures, capfigures;
    struct run_percentile *pcts;      size_t npcts, cappcts;
    struct run_threshold *thresholds; size_t nthresholds, capthresholds;
    struct run_check *checks;         size_t nchecks, capchecks;
    struct run_count *counts;         size_t ncounts, capcounts;
    struct run_param *params;         size_t nparams, capparams;
    struct run_bucket *buckets;       size_t nbuckets, capbuckets;
    struct run_histogram *hists;      size_t nhists, caphists;
    struct run_second *series;        size_t nseries, capseries;
};

struct run *run_new(const char *tool, const char *format);
void run_free(struct run *r);

/* Replace a string field (frees the old value, copies the new, NULL ok). */
void run_set(char **field, const char *value);
void run_setn(char **field, const char *value, size_t n);

void run_add_figure(struct run *r, const char *metric, const char *stat,
                    double value, const char *unit, const char *text);
void run_add_percentile(struct run *r, const char *metric, double pct,
                        double value, const char *unit, const char *text, int64_t count);
void run_add_threshold(struct run *r, const char *metric, const char *expr, int ok,
                       const char *text);
void run_add_check(struct run *r, const char *name, const char *group,
                   int64_t passes, int64_t fails);
void run_add_count(struct run *r, const char *kind, const char *message, double count);
void run_add_param(struct run *r, const char *key, const char *value);
void run_add_bucket(struct run *r, const char *metric, double lower, double upper, double count);
/* Copies data[0..len). A second histogram of the same metric replaces the first. */
void run_add_histogram(struct run *r, const char *metric, const char *unit, double count,
                       double min, double max, double mean, const char *encoding,
                       const void *data, size_t len);
void run_add_second(struct run *r, const struct run_second *s);

/* Lookups: NULL / NaN when absent. */
const struct run_figure *run_figure_get(const struct run *r, const char *metric, const char *stat);
double run_percentile_get(const struct run *r, const char *metric, double pct);
const char *run_param_get(const struct run *r, const char *key);
const struct run_histogram *run_histogram_get(const struct run *r, const char *metric);

/* Headline latency percentile (of latency_metric), NaN when absent. */
double run_latency_pct(const struct run *r, double pct);

/* Canonical text dump, one "key = value" line per field in fixed order,
 * used by golden tests and `benchdb show`. Stable across versions. */
void run_dump(FILE *fp, const struct run *r);

#endif
