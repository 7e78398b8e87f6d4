/* unit_hdr.c - the log-linear histogram: bucket geometry, percentiles of
 * known distributions against the exact ones (k6's definition), exact
 * count/sum/min/max/mean, merge, and the serialisation round trip. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hdr.h"

static int failures;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                  \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
            failures++;                                                      \
        }                                                                    \
    } while (0)

/* Deterministic generator (64-bit LCG, Knuth's constants): the same
 * values on every machine. */
static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static double uniform01(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0; /* [0, 1) */
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* k6's TrendSink.P over sorted values, p in 0..100. */
static double exact_percentile(const double *v, size_t n, double p)
{
    if (n == 1)
        return v[0];
    double i = p / 100.0 * (double)(n - 1);
    double lo = v[(size_t)floor(i)], hi = v[(size_t)ceil(i)];
    return lo + (hi - lo) * (i - floor(i));
}

static const double pcts[] = {0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100};

/* Adds v[0..n) to a histogram and checks every percentile and the exact
 * statistics against the sorted values. */
static void check_distribution(const char *name, double *v, size_t n)
{
    struct hdr *h = hdr_new();
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        hdr_add(h, v[i]);
        sum += v[i];
    }
    qsort(v, n, sizeof v[0], cmp_double);
    CHECK(h->count == n, "%s: count %llu, want %zu", name, (unsigned long long)h->count, n);
    CHECK(h->min == v[0], "%s: min %.17g, want %.17g", name, h->min, v[0]);
    CHECK(h->max == v[n - 1], "%s: max %.17g, want %.17g", name, h->max, v[n - 1]);
    CHECK(h->sum == sum, "%s: sum %.17g, want %.17g", name, h->sum, sum);
    CHECK(hdr_mean(h) == sum / (double)n, "%s: mean", name);
    for (size_t k = 0; k < sizeof pcts / sizeof pcts[0]; k++) {
        double want = exact_percentile(v, n, pcts[k]);
        double got = hdr_percentile(h, pcts[k]);
        double err = fabs(got - want) / want;
        /* The midpoint of a bucket 1/128 wide is within 1/256 of any value. */
        CHECK(err <= 1.0 / 256 + 1e-12, "%s: p%g = %.17g, exact %.17g, error %.4f%%", name,
              pcts[k], got, want, err * 100);
        CHECK(err <= 0.01, "%s: p%g beyond the 1%% bound", name, pcts[k]);
    }
    hdr_free(h);
}

static void test_geometry(void)
{
    double lo, hi;
    for (int k = 0; k < 100000; k++) {
        /* log-uniform over the whole covered range */
        double v = ldexp(1.0, HDR_EXP_MIN) * pow(2.0, uniform01() * (HDR_EXP_MAX - HDR_EXP_MIN));
        uint32_t i = hdr_index(v);
        hdr_bounds(i, &lo, &hi);
        CHECK(i > 0 && i < HDR_NBUCKETS - 1, "value %.17g in an edge bucket", v);
        CHECK(lo <= v && v < hi, "value %.17g outside its bucket [%.17g, %.17g)", v, lo, hi);
        CHECK((hi - lo) / lo <= 1.0 / HDR_SUB + 1e-15, "bucket %u too wide", i);
    }
    /* Adjacent buckets tile the line without gaps. */
    for (uint32_t i = 1; i + 2 < HDR_NBUCKETS; i++) {
        double l2, h2;
        hdr_bounds(i, &lo, &hi);
        hdr_bounds(i + 1, &l2, &h2);
        if (hi != l2) {
            CHECK(0, "gap between buckets %u and %u", i, i + 1);
            break;
        }
    }
    CHECK(hdr_index(0) == 0, "zero goes to bucket 0");
    CHECK(hdr_index(-3.5) == 0, "negatives go to bucket 0");
    CHECK(hdr_index(1e-9) == 0, "sub-nanosecond values go to bucket 0");
    CHECK(hdr_index(1e300) == HDR_NBUCKETS - 1, "huge values go to the last bucket");
    CHECK(hdr_index((double)INFINITY) == HDR_NBUCKETS - 1, "+inf goes to the last bucket");
    CHECK(hdr_index(1.0) == hdr_index(1.0078125 - 1e-12), "[1, 1+1/128) is one bucket");
    CHECK(hdr_index(1.0078125) == hdr_index(1.0) + 1, "1+1/128 starts the next");
    CHECK(sizeof(struct hdr) < 64 * 1024, "a histogram stays under 64 KiB (%zu)",
          sizeof(struct hdr));
}

static void test_distributions(void)
{
    enum { N = 100000 };
    double *v = xmalloc(N * sizeof(double));

    /* Uniform latencies 1..100 ms. */
    for (size_t i = 0; i < N; i++)
        v[i] = 1 + 99 * uniform01();
    check_distribution("uniform", v, N);

    /* Exponential, mean 20 ms, plus a 0.5 ms floor. */
    for (size_t i = 0; i < N; i++)
        v[i] = 0.5 - 20 * log(1 - uniform01());
    check_distribution("exponential", v, N);

    /* Log-normal (Box-Muller), median 8 ms, heavy tail: spans decades. */
    for (size_t i = 0; i < N; i++) {
        double u1 = uniform01(), u2 = uniform01();
        double z = sqrt(-2 * log(1 - u1)) * cos(2 * M_PI * u2);
        v[i] = 8 * exp(1.5 * z);
    }
    check_distribution("lognormal", v, N);

    /* Whole milliseconds with many ties (k6's integer values), and a
     * bimodal mix: fast cache hits and slow misses. */
    for (size_t i = 0; i < N; i++)
        v[i] = (double)(1 + (int)(uniform01() * 30));
    check_distribution("integers", v, N);
    for (size_t i = 0; i < N; i++)
        v[i] = uniform01() < 0.9 ? 0.2 + 0.1 * uniform01() : 800 + 400 * uniform01();
    check_distribution("bimodal", v, N);

    /* Nanosecond to hours in one histogram. */
    for (size_t i = 0; i < N; i++)
        v[i] = 1e-6 * pow(10, uniform01() * 13);
    check_distribution("wide", v, N);

    /* One value, two values. */
    v[0] = 42.123;
    check_distribution("single", v, 1);
    v[0] = 10;
    v[1] = 20;
    check_distribution("pair", v, 2);
    free(v);
}

static void test_edges(void)
{
    struct hdr *h = hdr_new();
    CHECK(isnan(hdr_percentile(h, 50)), "empty: percentile is NaN");
    CHECK(isnan(hdr_mean(h)), "empty: mean is NaN");
    hdr_add(h, (double)NAN);
    CHECK(h->count == 0, "NaN is not counted");

    /* Zeros and negatives: exact min/max, percentiles clamped. */
    hdr_add(h, -5);
    hdr_add(h, 0);
    hdr_add(h, 0);
    hdr_add(h, 10);
    CHECK(h->min == -5 && h->max == 10, "min/max exact with negatives");
    CHECK(hdr_percentile(h, 0) == -5, "p0 is the minimum");
    CHECK(hdr_percentile(h, 100) == 10, "p100 is the maximum");
    CHECK(hdr_percentile(h, 50) == 0, "p50 of -5 0 0 10 is 0, got %g", hdr_percentile(h, 50));
    hdr_reset(h);
    CHECK(h->count == 0 && h->lo > h->hi && isnan(h->min), "reset empties");
    for (uint32_t i = 0; i < HDR_NBUCKETS; i++)
        if (h->b[i]) {
            CHECK(0, "reset left bucket %u", i);
            break;
        }

    /* Past the top: answered by the exact maximum. */
    hdr_add(h, 1e13);
    hdr_add(h, 3e13);
    CHECK(hdr_percentile(h, 50) == 2e13, "p50 of two huge values interpolates min and max");
    CHECK(hdr_percentile(h, 99) <= 3e13, "never above the maximum");
    hdr_reset(h);

    /* The same value many times: every percentile is exact (clamped). */
    hdr_add_n(h, 460, 1000);
    CHECK(h->count == 1000 && h->sum == 460000, "add_n counts and sums");
    CHECK(hdr_percentile(h, 37) == 460, "constant: p37 exact");
    hdr_free(h);
}

static int same(const struct hdr *a, const struct hdr *b)
{
    if (a->count != b->count || a->lo != b->lo || a->hi != b->hi)
        return 0;
    if (a->count && (a->min != b->min || a->max != b->max || a->sum != b->sum))
        return 0;
    return memcmp(a->b, b->b, sizeof a->b) == 0;
}

static void test_merge_and_serialise(void)
{
    struct hdr *all = hdr_new(), *x = hdr_new(), *y = hdr_new(), *back = hdr_new();
    for (int i = 0; i < 50000; i++) {
        double v = 0.5 - 20 * log(1 - uniform01());
        hdr_add(all, v);
        hdr_add(i % 3 ? x : y, v);
    }
    hdr_add(all, 0);
    hdr_add(y, 0);
    hdr_add(all, 5e12);
    hdr_add(x, 5e12);
    hdr_merge(x, y);
    CHECK(x->count == all->count, "merge: count");
    CHECK(x->min == all->min && x->max == all->max, "merge: min/max");
    CHECK(fabs(x->sum - all->sum) <= 1e-9 * all->sum, "merge: sum");
    CHECK(memcmp(x->b, all->b, sizeof x->b) == 0 && x->lo == all->lo && x->hi == all->hi,
          "merge: buckets equal those of one histogram of everything");
    for (size_t k = 0; k < sizeof pcts / sizeof pcts[0]; k++)
        CHECK(hdr_percentile(x, pcts[k]) == hdr_percentile(all, pcts[k]), "merge: p%g", pcts[k]);

    struct buf enc = BUF_INIT, enc2 = BUF_INIT;
    hdr_encode(all, &enc);
    CHECK(enc.len < 4096, "encoding of 50k exponential values is compact (%zu bytes)", enc.len);
    CHECK(hdr_decode(back, enc.data, enc.len) == 0, "decode");
    CHECK(same(all, back), "round trip keeps every bucket and statistic");
    hdr_encode(back, &enc2);
    CHECK(enc.len == enc2.len && memcmp(enc.data, enc2.data, enc.len) == 0,
          "re-encoding gives the same bytes");

    /* Every proper prefix, and a flipped byte in the header, is refused. */
    for (size_t n = 0; n < enc.len; n++)
        if (hdr_decode(back, enc.data, n) == 0) {
            CHECK(0, "a %zu-byte prefix of %zu decoded", n, enc.len);
            break;
        }
    CHECK(back->count == 0, "a refused decode leaves the histogram empty");
    enc.data[0] = 'X';
    CHECK(hdr_decode(back, enc.data, enc.len) < 0, "bad magic refused");
    enc.data[0] = 'B';
    enc.data[3] = 8;
    CHECK(hdr_decode(back, enc.data, enc.len) < 0, "other geometry refused");
    enc.data[3] = HDR_SUB_BITS;
    /* A count past the total is refused. */
    buf_addc(&enc, 0);
    buf_addc(&enc, 1);
    buf_addc(&enc, 5);
    CHECK(hdr_decode(back, enc.data, enc.len) < 0, "trailing run refused");

    /* Empty histograms round trip too. */
    struct hdr *empty = hdr_new();
    buf_reset(&enc);
    hdr_encode(empty, &enc);
    CHECK(hdr_decode(back, enc.data, enc.len) == 0 && back->count == 0, "empty round trip");
    CHECK(hdr_decode(back, "", 0) < 0, "no bytes refused");

    buf_free(&enc);
    buf_free(&enc2);
    hdr_free(empty);
    hdr_free(all);
    hdr_free(x);
    hdr_free(y);
    hdr_free(back);
}

int main(void)
{
    test_geometry();
    test_distributions();
    test_edges();
    test_merge_and_serialise();
    if (failures) {
        fprintf(stderr, "unit_hdr: %d failure%s\n", failures, failures == 1 ? "" : "s");
        return 1;
    }
    printf("unit_hdr: ok\n");
    return 0;
}
