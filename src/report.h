/* report.h - runs -> a render-neutral report: which runs, in which rows
 * and order, each row's value of the chosen metric, its change against
 * the row before, the best row and a baseline, each run's colour, and
 * the series the charts draw. No drawing and no wording here: charts
 * (chart.h), tables (render.h) and slides (slides.h) read a report.
 *
 * Ranking rule: a row whose runs all failed (run.h's RUN_STATE_FAILED:
 * every request failed), or that has no value of the metric, is not
 * ranked. A row of several runs of which some failed is ranked on the
 * others alone (its value, range and failed_pct leave the failed runs
 * out) and counts them in nfailed, so every output can say "1 of 3 runs
 * failed". It keeps its place in the listing -- at the end when rows are
 * ordered by the metric -- but gets no rank and no change percentages,
 * and "the row before" a ranked row is the ranked row before it.
 *
 * Ownership: report_build() takes the runs (array and contents) and the
 * report owns them until report_free() (NULL is a no-op). */
#ifndef BENCHDB_REPORT_H
#define BENCHDB_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "human.h"
#include "store.h"

enum report_what {
    RM_RPS,      /* requests per second, as printed */
    RM_REQUESTS, /* completed requests */
    RM_LATENCY,  /* a percentile of the run's headline latency */
    RM_AVG, RM_MIN, RM_MAX, RM_STDEV, /* latency statistics */
    RM_FAILED,   /* failed requests in percent */
    RM_RPS_PER_VCPU, /* requests per second per vCPU of the server host */
    RM_TAIL,     /* tail ratio: latency p99 / p50 */
    RM_RATE_ACHIEVED, /* requests/s against the rate asked for, percent */
};

struct report_metric {
    enum report_what what;
    double p;      /* RM_LATENCY: the percentile, 0 < p <= 100 */
    char name[16]; /* canonical name: "rps", "p90", "p99.9", "avg" */
    enum human_kind kind;
    int higher_better;
};

/* "rps", "requests", "p50".."p99.999" (also "median"), "avg", "min",
 * "max", "stdev", "failed". 0, or -1 (nothing printed). */
int report_metric_parse(const char *text, struct report_metric *m);
/* For messages: the names report_metric_parse() takes. */
const char *report_metric_names(void);
/* The metric's value for one run; NaN when the output did not print it. */
double report_metric_value(const struct report_metric *m, const struct stored_run *sr);

/* One second of a run's time series, as the over-time chart draws it. */
struct report_point {
    double t;               /* seconds since the series' start */
    double rps;             /* requests completed in that second */
    double failed;          /* of them, failed */
    double p50, p90, p99;   /* latency in ms; NaN: none that second */
};

struct report_series {
    struct report_point *pts;
    size_t n;
};

/* The series loader: the one place that knows where per-second data
 * lives. Raw k6 data (--out json/csv) is summarised into the `run_second`
 * table; store_run_load() fills run->series (struct run_second) and this
 * copies it (second -> t, requests -> rps, failed, p50/p90/p99).
 * 0, or -1 (printed). */
int report_series_load(const struct stored_run *sr, struct report_series *out);
void report_series_free(struct report_series *s);

/* One run as the report reads it. The caller fills sr, excerpt and series;
 * report_build() fills the rest. */
struct report_run {
    struct stored_run sr;
    char *excerpt;           /* the run's lines of its raw output, cleaned; NULL: not kept */
    int excerpt_lines;       /* lines in excerpt */
    struct report_series series;
    /* Filled by report_build(). */
    char *label;             /* sr.label, made unique within the report */
    int color;               /* palette index: one per distinct stack */
    int failed;              /* every request failed */
    double value;            /* the metric */
};

/* Cuts lines first..last (1-based, inclusive) out of a raw output, cleaned
 * as the parsers saw them (colours, CR, compose prefixes removed), joined
 * with '\n'. *nlines gets the count. The caller frees. */
char *report_excerpt(const char *raw, size_t len, int first, int last, int *nlines);

/* Loads the runs the filter matches, in the store's order, each with its
 * raw-output excerpt and its series. *out is NULL when none matched.
 * 0, or -1 (printed). */
int report_load_runs(struct store *st, const struct store_filter *f, struct report_run **out,
                     size_t *n);

enum report_order { REPORT_ORDER_METRIC, REPORT_ORDER_RUN, REPORT_ORDER_LABEL };

struct compat_phrases;

struct report_opts {
    struct report_metric metric;
    const char *by;       /* NULL or "series": one row per series of repeated runs (the
                           * default); "run": one row per run; else a key, see
                           * report_by_names() */
    enum report_order order;
    int reverse;          /* ranked rows in the opposite order */
    const char *baseline; /* a row's label, or NULL */
    const struct compat_phrases *phrases; /* words of the different-conditions
                                           * notes; NULL: English */
};

/* 0 when `by` is a grouping key, -1 (nothing printed) when not. */
int report_by_check(const char *by);
const char *report_by_names(void);

struct report_row {
    char *label;
    size_t *runs;         /* indices into report.runs, in run-id order */
    size_t nruns;
    size_t nvalues;       /* runs that gave the value (not failed, printed) */
    double value;         /* the median of those runs' values; NaN: none */
    double lo, hi;        /* their smallest and largest */
    double cv;            /* their coefficient of variation; NaN below 2 values */
    int noisy;            /* cv > 5%: the runs disagree too much to rank on */
    size_t nfailed;       /* runs that failed (run.h's RUN_STATE_FAILED) */
    double failed_pct;    /* the highest failed_pct among the runs that did not fail (all
                           * its runs when every one failed); NaN: none printed */
    int failed;           /* every run of the row failed: nfailed == nruns */
    int rank;             /* 1, 2, ... for ranked rows; 0: not ranked */
    double vs_prev, vs_best, vs_base; /* change in percent; NaN: not applicable */
    int color;            /* palette index */
};

struct report {
    struct report_opts opts;
    char *by, *baseline;  /* owned copies of the options */
    struct report_run *runs;
    size_t nruns;
    struct report_row *rows;
    size_t nrows;
    long best, base;      /* row indices; -1: none */
    int ncolors;
    char *run_ids;        /* "8-15" */
    char *campaigns;      /* "PiterPy 2023" (several: joined with ", ") */
    char *tools;          /* "k6 v0.45.0, wrk" */
    /* Conditions that differ among the runs (compat.h): named on every
     * table and chart slide, and printed on the terminal. */
    char **warnings;
    size_t nwarnings;
};

/* Builds the report of runs[0..n) (taken, see above). An unknown baseline
 * or grouping key: -1, printed. */
int report_build(const struct report_opts *o, struct report_run *runs, size_t n,
                 struct report **out);
void report_free(struct report *rep);
void report_run_free(struct report_run *rr);

/* A run has a percentile spectrum when its output printed at least this
 * many percentiles of its headline latency (wrk2's detailed spectrum, a
 * k6 summary with extra trend stats, HdrHistogram output). */
#define REPORT_SPECTRUM_MIN 5
int report_run_has_spectrum(const struct report_run *rr);
/* The percentiles worth a bar in the grouped chart: those among 50, 75,
 * 90, 95, 99, 99.9 that some run printed, at most max, ascending. */
size_t report_bar_percentiles(const struct report *rep, double *out, size_t max);

/* "1-3, 5, 8-15" for ids in any order; the caller frees. */
char *report_id_list(const int64_t *ids, size_t n);

/* Canonical text dump (rows, values, changes, colours), for golden tests. */
void report_dump(FILE *fp, const struct report *rep);

#endif
