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

/* The exact two-sided p-value by brute force: every split of the pooled
 * values into m and n, U counted pair by pair (ties a half), the share of
 * splits whose U is at least as far from mn/2 as the observed one. */
static double brute_p(const double *a, size_t m, const double *b, size_t n)
{
    double pool[12], x[12], y[12], u0 = 0;
    size_t N = m + n, extreme = 0, total = 0;
    for (size_t i = 0; i < m; i++)
        pool[i] = a[i];
    for (size_t i = 0; i < n; i++)
        pool[m + i] = b[i];
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++)
            u0 += a[i] > b[j] ? 1 : a[i] == b[j] ? 0.5 : 0;
    for (unsigned mask = 0; mask < 1u << N; mask++) {
        size_t nx = 0, ny = 0;
        for (size_t i = 0; i < N; i++) {
            if (mask >> i & 1)
                x[nx++] = pool[i];
            else
                y[ny++] = pool[i];
        }
        if (nx != m)
            continue;
        double uu = 0;
        for (size_t i = 0; i < nx; i++)
            for (size_t j = 0; j < ny; j++)
                uu += x[i] > y[j] ? 1 : x[i] == y[j] ? 0.5 : 0;
        total++;
        if (fabs(uu - (double)(m * n) / 2) >= fabs(u0 - (double)(m * n) / 2) - 1e-9)
            extreme++;
    }
    return (double)extreme / (double)total;
}

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

    /* Ties, exact: midranks. 3 vs 3, a = {100,101,102}, b = {101,102,103}:
     * pooled ranks 1, 2.5, 2.5, 4.5, 4.5, 6; a's rank sum 8, mean 10.5.
     * Of the C(6,3) = 20 choices of three, 10 have a rank sum at least 2.5
     * from 10.5 (1 at 6, 4 at 8, 4 at 13, 1 at 15): p = 0.5 (the normal
     * approximation said 0.369). */
    double t3a[] = {100, 101, 102}, t3b[] = {101, 102, 103};
    NEAR(stats_mann_whitney(t3a, 3, t3b, 3, &u), 0.5, 1e-12);
    CHECK_EQ(u, 2);
    /* 5 vs 5: {0,0,0,2,4} vs {2,5,4,4,6}: 14 of 252 arrangements, p =
     * 1/18 = 0.0556, not significant (the normal approximation: 0.041). */
    double t5a[] = {0, 0, 0, 2, 4}, t5b[] = {2, 5, 4, 4, 6};
    NEAR(stats_mann_whitney(t5a, 5, t5b, 5, &u), 14.0 / 252, 1e-12);
    NEAR(stats_mann_whitney(t5b, 5, t5a, 5, &u), 14.0 / 252, 1e-12);
    CHECK_EQ(u, 22.5);
    /* 4 vs 4, a = {1,2,2,3}, b = {2,3,4,5}: U_a = 2.5, 14 of 70: p = 0.2. */
    double at[] = {1, 2, 2, 3}, bt[] = {2, 3, 4, 5};
    NEAR(stats_mann_whitney(at, 4, bt, 4, &u), 0.2, 1e-12);
    CHECK_EQ(u, 2.5);
    /* Every tie, every size up to 6 + 6, against brute force: all C(N, m)
     * splits of the pooled values, U counted pair by pair. */
    for (unsigned seed = 1; seed <= 40; seed++) {
        double a[6], b[6];
        size_t m = 1 + seed % 6, n = 1 + (seed * 7) % 6;
        unsigned x = seed;
        for (size_t i = 0; i < m; i++)
            a[i] = (double)((x = x * 1103515245u + 12345u) >> 16 & 3);
        for (size_t i = 0; i < n; i++)
            b[i] = (double)((x = x * 1103515245u + 12345u) >> 16 & 3) + 1;
        NEAR(stats_mann_whitney(a, m, b, n, &u), brute_p(a, m, b, n), 1e-12);
    }

    /* Above 50 values, the normal approximation with tie correction.
     * a = i mod 7, b = i mod 7 + 1, i = 0..29: U_a = 330.5, mn = 900;
     * pooled counts of 0..7: 5, 10, 9, 8, 8, 8, 8, 4, so T = sum t^3 - t
     * = 120 + 990 + 720 + 4 * 504 + 60 = 3906; var = mn/12 (N + 1 - T /
     * (N (N - 1))) = 75 (61 - 3906/3540) = 4492.2458;
     * z = (|330.5 - 450| - 0.5) / sqrt(var) = 1.77548, p = 0.075819. */
    double na[30], nb[30];
    for (int i = 0; i < 30; i++) {
        na[i] = i % 7;
        nb[i] = i % 7 + 1;
    }
    NEAR(stats_mann_whitney(na, 30, nb, 30, &u), 0.0758190541678, 1e-10);
    CHECK_EQ(u, 330.5);

    /* empty side */
    CHECK(isnan(stats_mann_whitney(a3, 0, b3, 3, &u)));
    return check_failures ? 1 : 0;
}
