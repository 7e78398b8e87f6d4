/* check.h - tiny assertion helpers for the unit tests: each failed check
 * prints where and what, and the test's main() returns the failure count. */
#ifndef BENCHDB_CHECK_H
#define BENCHDB_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            check_failures++;                                                 \
        }                                                                     \
    } while (0)

/* Exact equality of doubles: the point of units.c is that 1.59s is 1590. */
#define CHECK_EQ(got, want)                                                   \
    do {                                                                      \
        double g_ = (got), w_ = (want);                                       \
        if (!(g_ == w_)) {                                                    \
            fprintf(stderr, "%s:%d: %s = %.17g, want %.17g\n", __FILE__, __LINE__, #got, g_, w_); \
            check_failures++;                                                 \
        }                                                                     \
    } while (0)

#define CHECK_STR(got, want)                                                  \
    do {                                                                      \
        const char *g_ = (got), *w_ = (want);                                 \
        if (!g_ || strcmp(g_, w_) != 0) {                                     \
            fprintf(stderr, "%s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got, \
                    g_ ? g_ : "(null)", w_);                                  \
            check_failures++;                                                 \
        }                                                                     \
    } while (0)

#endif
