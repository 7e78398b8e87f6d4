/* stats.c - median and spread of repeated runs; the Mann-Whitney U test.
 *
 * The U test is the one benchstat uses to say whether two sets of
 * benchmark results differ: it needs no normality, only ranks. With n
 * values per side the smallest two-sided p-value it can give is
 * 2 / C(2n, n): 0.1 for 3 against 3, 0.0079 for 5 against 5.
 *
 * Benchmark figures tie often (wrk prints two decimals, latencies are
 * rounded to a tenth of a millisecond), and the normal approximation is
 * poor for small samples with ties: 0 0 0 2 4 against 2 5 4 4 6 gives
 * p = 0.041 where the exact answer is 0.056. So small samples get the
 * exact permutation distribution of the rank sum with midranks. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Copies the non-NaN values of v, sorted; returns how many. */
static size_t sorted_values(const double *v, size_t n, double **out)
{
    double *s = xmalloc((n ? n : 1) * sizeof(double));
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i]))
            s[k++] = v[i];
    qsort(s, k, sizeof(double), cmp_double);
    *out = s;
    return k;
}

void stats_summarize(const double *v, size_t n, struct stats_summary *out)
{
    double *s;
    size_t k = sorted_values(v, n, &s);
    out->n = k;
    out->median = out->mean = out->min = out->max = out->stddev = out->cv = (double)NAN;
    if (k > 0) {
        double sum = 0;
        for (size_t i = 0; i < k; i++)
            sum += s[i];
        out->mean = sum / (double)k;
        out->min = s[0];
        out->max = s[k - 1];
        out->median = k % 2 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }
    if (k > 1) {
        double ss = 0;
        for (size_t i = 0; i < k; i++)
            ss += (s[i] - out->mean) * (s[i] - out->mean);
        out->stddev = sqrt(ss / (double)(k - 1));
        if (out->mean != 0)
            out->cv = out->stddev / fabs(out->mean);
    }
    free(s);
}

/* Exact two-sided p-value of the rank sum of a side of m values among N,
 * under the permutation distribution: every choice of m of the N pooled
 * values is equally likely. r2[] holds the doubled midranks of the pooled
 * values (ties share the mean of their ranks, so doubled they are whole
 * numbers), w2 the doubled rank sum of a. Counts the choices whose rank
 * sum lies at least as far from its mean m (N + 1) / 2 as w2 does, by
 * dynamic programming over (values taken, doubled sum): N * m * N (N + 1)
 * steps. Counts stay exact in a double up to C(50, 25) < 2^53. */
static double exact_p(const long *r2, size_t N, size_t m, long w2)
{
    size_t maxsum = N * (N + 1); /* all N doubled ranks */
    double *ways = xcalloc((m + 1) * (maxsum + 1), sizeof(double));
#define WAYS(k, s) ways[(k) * (maxsum + 1) + (s)]
    WAYS(0, 0) = 1;
    for (size_t i = 0; i < N; i++) {
        size_t top = i + 1 < m ? i + 1 : m;
        for (size_t k = top; k >= 1; k--) /* downward: each value taken once */
            for (size_t s = (size_t)r2[i]; s <= maxsum; s++)
                WAYS(k, s) += WAYS(k - 1, s - (size_t)r2[i]);
    }
    long mean2 = (long)(m * (N + 1)); /* doubled mean of the rank sum */
    long dev = labs(w2 - mean2);
    double extreme = 0, total = 0;
    for (size_t s = 0; s <= maxsum; s++) {
        total += WAYS(m, s);
        if (labs((long)s - mean2) >= dev)
            extreme += WAYS(m, s);
    }
#undef WAYS
    free(ways);
    return fmin(1.0, extreme / total);
}

/* Largest pooled sample given the exact test; above it, the normal
 * approximation (which at N = 50 is within 0.01 of the exact p). */
#define EXACT_MAX_N 50

/* a[0..m) and b[0..n) in one sorted array; the caller frees it. */
static double *pooled(const double *a, size_t m, const double *b, size_t n)
{
    double *all = xmalloc((m + n) * sizeof(double));
    memcpy(all, a, m * sizeof(double));
    memcpy(all + m, b, n * sizeof(double));
    qsort(all, m + n, sizeof(double), cmp_double);
    return all;
}

double stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb, double *u_out)
{
    double *sa, *sb;
    size_t m = sorted_values(a, na, &sa), n = sorted_values(b, nb, &sb);
    double p = (double)NAN;
    if (u_out)
        *u_out = (double)NAN;
    if (m == 0 || n == 0)
        goto out;

    /* U of a: pairs (x in a, y in b) with x > y, ties counting a half. */
    double u = 0;
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            if (sa[i] > sb[j])
                u += 1;
            else if (sa[i] == sb[j])
                u += 0.5;
        }
    if (u_out)
        *u_out = u;
    double mn = (double)m * (double)n;
    if (m + n <= EXACT_MAX_N) {
        size_t N = m + n;
        double *all = pooled(sa, m, sb, n);
        long *r2 = xmalloc(N * sizeof(long));
        /* Doubled midranks: values i..j-1 (0-based) share ranks i+1..j,
         * whose mean doubled is i + 1 + j. */
        long w2 = 0;
        for (size_t i = 0; i < N;) {
            size_t j = i;
            while (j < N && all[j] == all[i])
                j++;
            for (size_t k = i; k < j; k++)
                r2[k] = (long)(i + 1 + j);
            for (size_t k = 0; k < m; k++)
                if (sa[k] == all[i])
                    w2 += (long)(i + 1 + j);
            i = j;
        }
        p = exact_p(r2, N, m, w2);
        free(all);
        free(r2);
        goto out;
    }
    /* Normal approximation with tie correction: rank all values. */
    {
        size_t N = m + n;
        double *all = pooled(sa, m, sb, n);
        double tie_term = 0;
        for (size_t i = 0; i < N;) {
            size_t j = i;
            while (j < N && all[j] == all[i])
                j++;
            double t = (double)(j - i);
            tie_term += t * t * t - t;
            i = j;
        }
        free(all);
        double mean = mn / 2;
        double var = mn / 12.0 * (((double)N + 1) - tie_term / ((double)N * ((double)N - 1)));
        if (var <= 0) {
            p = 1;
            goto out;
        }
        double z = (fabs(u - mean) - 0.5) / sqrt(var);
        if (z < 0)
            z = 0;
        p = fmin(1.0, erfc(z / sqrt(2.0)));
    }
out:
    free(sa);
    free(sb);
    return p;
}
