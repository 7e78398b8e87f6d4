/* stats.h - the statistics of repeated runs: median, spread, and a rank
 * test for "is this difference real", as benchstat does it.
 *
 * All functions take plain arrays of doubles and ignore NaN entries
 * (a figure a run did not print). They allocate nothing the caller frees. */
#ifndef BENCHDB_STATS_H
#define BENCHDB_STATS_H

#include <stddef.h>

struct stats_summary {
    size_t n;        /* values that are not NaN */
    double median;
    double mean;
    double min, max;
    double stddev;   /* sample standard deviation (n - 1); NaN when n < 2 */
    double cv;       /* stddev / mean; NaN when n < 2 or mean is 0 */
};

void stats_summarize(const double *v, size_t n, struct stats_summary *out);

/* Two-sided Mann-Whitney U test of a against b. Exact p-value when the
 * two sides hold at most 50 values together: the permutation distribution
 * of the rank sum, tied values sharing their mean rank (midranks), and p
 * the share of arrangements at least as far from the mean as the one
 * observed. Above 50 values, the normal approximation with tie and
 * continuity correction. Returns the p-value, or NaN when a side has no
 * value. *u gets U of side a (pairs a > b, ties counting a half). */
double stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb, double *u);

#endif
