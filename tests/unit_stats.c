/* unit_stats.c - series statistics and the Mann-Whitney U test against
 * answers computed by hand (and, for the U test, from the tables every
 * statistics textbook prints). */
#include <math.h>

#include "check.h"
#include "stats.h"

#define NEAR(got, want, eps)                                                  \
    do {                                                                      \
        double g_ = (got), w_ = (want);                                       \
        if (!(fabs(g_ - w_) <= (eps))) {                                      \
            fprintf(stderr, "%s:%d: %s = %.10g, want %.10g\n", __FILE__, __LINE__, #got, g_, w_); \
            check_failures++;                                                 \
        }                                                                     \
    } while (0)

int main(void)
{
    struct stats_summary s;

    /* 5 runs: median 102, mean 101.6, sd = sqrt(((-1.6)^2+0.4^2+(-3.6)^2+2.4^2+2.4^2)/4)
     * = sqrt((2.56+0.16+12.96+5.76+5.76)/4) = sqrt(6.8) */
    double rps[] = {100, 102, 98, 104, 104};
    stats_summarize(rps, 5, &s);
    CHECK(s.n == 5);
    CHECK_EQ(s.median, 102);
    NEAR(s.mean, 101.6, 1e-12);
    CHECK_EQ(s.min, 98);
    CHECK_EQ(s.max, 104);
    NEAR(s.stddev, sqrt(6.8), 1e-12);
    NEAR(s.cv, sqrt(6.8) / 101.6, 1e-12);

    /* even count: the mean of the middle two; NaN entries ignored */
    double even[] = {4, (double)NAN, 1, 3, 2};
    stats_summarize(even, 5, &s);
    CHECK(s.n == 4);
    CHECK_EQ(s.median, 2.5);
    /* one value: no spread */
    double one[] = {7};
    stats_summarize(one, 1, &s);
    CHECK(s.n == 1 && s.median == 7 && isnan(s.stddev) && isnan(s.cv));
    stats_summarize(one, 0, &s);
    CHECK(s.n == 0 && isnan(s.median));

    /* Mann-Whitney, exact. 3 vs 3 fully separated: U = 0, p = 2 * 1/20 = 0.1
     * (C(6,3) = 20 arrangements, one as extreme on each side). */
    double u;
    double a3[] = {1, 2, 3}, b3[] = {4, 5, 6};
    NEAR(stats_mann_whitney(a3, 3, b3, 3, &u), 0.1, 1e-12);
    CHECK_EQ(u, 0);
    /* 5 vs 5 fully separated: p = 2 / C(10,5) = 2/252 */
    double a5[] = {10, 11, 12, 13, 14}, b5[] = {20, 21, 22, 23, 24};
    NEAR(stats_mann_whitney(a5, 5, b5, 5, &u), 2.0 / 252, 1e-12);
    NEAR(stats_mann_whitney(b5, 5, a5, 5, &u), 2.0 / 252, 1e-12);
    CHECK_EQ(u, 25);
    /* 4 vs 4: a = {1, 2, 5, 6}, b = {3, 4, 7, 8}. Pairs with a > b: 5>3,
     * 5>4, 6>3, 6>4, so U_a = 4 (U_b = 12). Arrangements of (4,4) with
     * U = 0..4: 1, 1, 2, 3, 5 = 12 of C(8,4) = 70; two-sided p = 24/70
     * (tables: P(U <= 4) = 0.171). */
    double a4[] = {1, 2, 5, 6}, b4[] = {3, 4, 7, 8};
    NEAR(stats_mann_whitney(a4, 4, b4, 4, &u), 24.0 / 70, 1e-12);
    CHECK_EQ(u, 4);
    /* identical samples: p = 1 */
    NEAR(stats_mann_whitney(a5, 5, a5, 5, &u), 1.0, 1e-12);

    /* Normal approximation (ties present). a = {1,2,2,3}, b = {2,3,4,5}:
     * U_a = pairs: 1:0; 2:0.5+0; 2:0.5; 3:1+0.5 -> 2.5; mn = 16, mean 8,
     * ties: value 2 three times (t=3: 24), value 3 twice (t=2: 6), N = 8:
     * var = 16/12 * (9 - 30/56) = 11.2857142857; z = (5.5 - 0.5)/sqrt(var)
     * = 1.48835, p = erfc(z/sqrt2) = 0.13666 */
    double at[] = {1, 2, 2, 3}, bt[] = {2, 3, 4, 5};
    NEAR(stats_mann_whitney(at, 4, bt, 4, &u), erfc((5.0 / sqrt(16.0 / 12 * (9 - 30.0 / 56))) / sqrt(2.0)), 1e-12);
    CHECK_EQ(u, 2.5);
    NEAR(stats_mann_whitney(at, 4, bt, 4, &u), 0.1366, 5e-4);

    /* empty side */
    CHECK(isnan(stats_mann_whitney(a3, 0, b3, 3, &u)));
    return check_failures ? 1 : 0;
}
