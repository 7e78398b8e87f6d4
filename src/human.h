/* human.h - numbers for people: 1.2k, 46.4k, 450 ms, 37 µs, ↓55.5%.
 *
 * Used on chart labels, axes, slides and terminal tables. Every function
 * writes into the caller's buffer and returns it; NaN prints as "n/a".
 * Canonical units in (run.h): counts and rates as they are, time in ms.
 *
 * Rounding is to significant digits, then the unit is chosen from the
 * rounded value, so 999.6 at three digits is "1k", never "1000". Trailing
 * zeros are dropped ("1.2k", not "1.20k").
 *
 * The thousands suffixes can be localised (a Russian deck writes "1.2к");
 * time units stay as SI writes them. */
#ifndef BENCHDB_HUMAN_H
#define BENCHDB_HUMAN_H

#include <stddef.h>

struct human_units {
    const char *k, *M, *G; /* suffixes for 10^3, 10^6, 10^9 */
};

/* "k", "M", "G". */
extern const struct human_units human_si;

/* What kind of quantity a value is, for choosing its unit. */
enum human_kind {
    HUMAN_COUNT,   /* requests, requests/s: 1.2k */
    HUMAN_MS,      /* time in ms: 37 µs, 450 ms, 1.6 s */
    HUMAN_PERCENT, /* 0..100: 55.5% */
};

/* v rounded to `sig` significant digits (1..9) with a suffix: 1241.2 -> "1.2k"
 * (sig 2), 104379.61 -> "104k" (sig 3). u NULL: human_si. */
char *human_count(char *buf, size_t size, double v, int sig, const struct human_units *u);
/* Time in ms with a unit: 0.037 -> "37 µs", 411.52 -> "412 ms", 1590 -> "1.59 s". */
char *human_ms(char *buf, size_t size, double ms, int sig);
/* A percentage: 55.52 -> "55.5%", 100 -> "100%", 0.004 -> "0.004%". */
char *human_percent(char *buf, size_t size, double pct, int sig);
/* Any of the above by kind. */
char *human_value(char *buf, size_t size, enum human_kind kind, double v, int sig,
                  const struct human_units *u);

/* A relative change in percent, one decimal, with its direction:
 * -55.52 -> "↓55.5%", 12.04 -> "↑12.0%", 0 -> "0.0%". */
char *human_change(char *buf, size_t size, double pct);

/* Labels for axis ticks t[0..n), all in one unit chosen from the largest
 * magnitude, with as many decimals as the ticks need and no more:
 * {0, 20000, 40000} -> "0" "20k" "40k"; {0, 500, 1000, 1500} ms -> "0 s"
 * "0.5 s" "1.0 s" "1.5 s". Zero is always "0". */
void human_ticks(char (*out)[32], const double *t, size_t n, enum human_kind kind,
                 const struct human_units *u);

/* Labels for values read side by side (a chart's bars), as human_value()
 * writes them at `sig` digits, but never alike for values that differ:
 * digits are added (up to 7) until every two different values read
 * differently, and then one more, so that the difference shows; counts of
 * thousands that need it are then written in full: {2000.67, 1999.82}
 * -> "2,000.7" "1,999.8", where 3 digits gave "2k" twice. A label in the
 * unit of the axis ticks t[0..nt) shows at least their decimals ("2.0k"
 * beside a "2.0k" tick, not "2k"); nt 0: no ticks. NaN: "n/a". */
void human_labels(char (*out)[32], const double *v, size_t n, enum human_kind kind, int sig,
                  const double *ticks, size_t nticks, const struct human_units *u);

#endif
