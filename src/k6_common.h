/* k6_common.h - what k6's text summary (parse_k6.c) and its JSON summaries
 * (parse_k6json.c) read the same way: percentile stat names, and which
 * figures of the built-in metrics are a run's headline fields. */
#ifndef BENCHDB_K6_COMMON_H
#define BENCHDB_K6_COMMON_H

#include "run.h"

/* "med" -> 50, "p(99.99)" -> 99.99; else -1. */
double k6_stat_percentile(const char *stat);

/* Sets the headline field of r that stat of the built-in metric stands
 * for, if any: http_reqs count/rate, http_req_duration avg/min/med/max
 * (only when in_ms: a time in ms), http_req_failed rate (percent) and
 * passes (failed requests), checks passes/fails, data_received/sent and
 * iterations counts, vus and vus_max values. */
void k6_headline(struct run *r, const char *metric, const char *stat, double v, int in_ms);

/* What is wrong with v as stat of the built-in metric, for a parse_fail
 * message ("is not a whole number within 64 bits"), or NULL when nothing
 * is: counts (http_reqs, iterations, data, the counts of checks and
 * http_req_failed, vus) are whole numbers from 0 to 2^63 - 1, rates per
 * second are never negative, the rate of http_req_failed and checks (a
 * percentage) is within 0..100, and no headline figure is
 * NaN or infinite (k6 prints neither). */
const char *k6_headline_bad(const char *metric, const char *stat, double v);

/* Percent of its target_rate a run achieved, as summary's
 * rate_achieved_pct (schema/005): requests/s, or for k6, whose arrival
 * rates are iterations/s, the printed iterations rate. NaN without a
 * target. */
double k6_rate_achieved(const struct run *r);

#endif
