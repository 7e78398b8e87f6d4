/* stats.c - median and spread of repeated runs; the Mann-Whitney U test.
 *
 * The U test is the one benchstat uses to say whether two sets of
 * benchmark results differ: it needs no normality, only ranks. With n
 * values per side the smallest two-sided p-value it can give is
 * 2 / C(2n, n): 0.1 for 3 against 3, 0.0079 for 5 against 5. */
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

/* Number of ways to get rank sum statistic U = u with sizes m, n:
 * the classic recurrence f(u; m, n) = f(u - n; m - 1, n) + f(u; m, n - 1),
 * computed for all u at once. Returns an array of m*n+1 counts. */
static double *u_distribution(size_t m, size_t n)
{
    size_t max = m * n;
    /* dp[i][j][u] built row by row in i (0..m), for j (0..n). */
    double *prev = xcalloc((n + 1) * (max + 1), sizeof(double));
    double *cur = xcalloc((n + 1) * (max + 1), sizeof(double));
#define AT(a, j, u) (a)[(j) * (max + 1) + (u)]
    for (size_t j = 0; j <= n; j++)
        AT(prev, j, 0) = 1; /* i = 0: only U = 0 */
    for (size_t i = 1; i <= m; i++) {
        memset(cur, 0, (n + 1) * (max + 1) * sizeof(double));
        AT(cur, 0, 0) = 1; /* j = 0: only U = 0 */
        for (size_t j = 1; j <= n; j++)
            for (size_t u = 0; u <= i * j; u++)
                AT(cur, j, u) = (u >= j ? AT(prev, j, u - j) : 0) + AT(cur, j - 1, u);
        double *t = prev;
        prev = cur;
        cur = t;
    }
    double *res = xmalloc((max + 1) * sizeof(double));
    for (size_t u = 0; u <= max; u++)
        res[u] = AT(prev, n, u);
#undef AT
    free(prev);
    free(cur);
    return res;
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
    int ties = 0;
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            if (sa[i] > sb[j])
                u += 1;
            else if (sa[i] == sb[j]) {
                u += 0.5;
                ties = 1;
            }
        }
    if (u_out)
        *u_out = u;
    double mn = (double)m * (double)n;
    if (!ties && m <= 25 && n <= 25) {
        /* Exact: P(U <= min(u, mn - u)) doubled, from the distribution. */
        double *f = u_distribution(m, n);
        double total = 0, tail = 0, lo = fmin(u, mn - u);
        for (size_t k = 0; k <= m * n; k++) {
            total += f[k];
            if ((double)k <= lo)
                tail += f[k];
        }
        free(f);
        p = fmin(1.0, 2 * tail / total);
        goto out;
    }
    /* Normal approximation with tie correction: rank all values. */
    {
        size_t N = m + n;
        double *all = xmalloc(N * sizeof(double));
        memcpy(all, sa, m * sizeof(double));
        memcpy(all + m, sb, n * sizeof(double));
        qsort(all, N, sizeof(double), cmp_double);
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
