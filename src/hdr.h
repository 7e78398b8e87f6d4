/* hdr.h - a log-linear histogram of doubles (in the style of HdrHistogram)
 * with a bounded relative error, fixed memory, exact count/sum/min/max,
 * and a compact serialisation.
 *
 * Buckets: every power of two from 2^HDR_EXP_MIN to 2^HDR_EXP_MAX is cut
 * into HDR_SUB equal sub-buckets, so a bucket [L, L*(1+1/128)) is at most
 * 0.79% wide and its midpoint lies within 0.39% of any value in it. In
 * milliseconds that covers 2^-20 ms (0.95 ns) to 2^40 ms (12.7 days); in
 * bytes up to 1 TiB. Two more buckets catch the rest:
 *   bucket 0         values below 2^HDR_EXP_MIN: zero, negatives (k6 has
 *                    printed negative durations), sub-nanosecond values;
 *                    answered as 0 (clamped into [min, max])
 *   bucket LAST      values from 2^HDR_EXP_MAX up; answered as max
 * count, sum, min and max are kept exactly beside the buckets, so the
 * mean, the minimum and the maximum are exact, and any percentile is
 * clamped into [min, max].
 *
 * Percentiles are k6's (and numpy's default): p of n sorted values is
 * x[floor(i)] + (x[ceil(i)] - x[floor(i)]) * frac(i), i = p/100 * (n-1),
 * with x[k] read from the bucket holding rank k (x[0] = min and
 * x[n-1] = max exactly). Each x[k] is within 0.39% of the true value
 * (for values at least 2^HDR_EXP_MIN), and so is their interpolation.
 *
 * Ownership: hdr_new() allocates a histogram (about 60 KiB: keep it off
 * the stack) that hdr_free() releases (NULL is a no-op). */
#ifndef BENCHDB_HDR_H
#define BENCHDB_HDR_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define HDR_SUB_BITS 7
#define HDR_SUB (1 << HDR_SUB_BITS)
#define HDR_EXP_MIN (-20)
#define HDR_EXP_MAX 40
#define HDR_NBUCKETS ((HDR_EXP_MAX - HDR_EXP_MIN) * HDR_SUB + 2)

/* The encoding name stored beside serialised histograms. */
#define HDR_ENCODING "benchdb-hdr1"

struct hdr {
    uint64_t count;
    double sum, min, max; /* min/max NaN while empty */
    uint32_t lo, hi;      /* lowest and highest non-empty bucket; lo > hi while empty */
    uint64_t b[HDR_NBUCKETS];
};

struct hdr *hdr_new(void);
void hdr_free(struct hdr *h);
/* Empties h (only the used range of buckets is touched). */
void hdr_reset(struct hdr *h);

/* Adds one value (n times). NaN is ignored: it is no measurement. */
void hdr_add(struct hdr *h, double v);
void hdr_add_n(struct hdr *h, double v, uint64_t n);
/* dst += src. */
void hdr_merge(struct hdr *dst, const struct hdr *src);

/* NaN when empty. */
double hdr_mean(const struct hdr *h);
/* Percentile p in 0..100 as described above; NaN when empty. */
double hdr_percentile(const struct hdr *h, double p);

/* Bucket geometry: index of v, and the bounds [lower, upper) of bucket i
 * (bucket 0: [-inf, 2^EXP_MIN), the last: [2^EXP_MAX, +inf)). */
uint32_t hdr_index(double v);
void hdr_bounds(uint32_t i, double *lower, double *upper);

/* Serialisation (HDR_ENCODING), appended to out:
 *   "BH" 0x01                 magic and version
 *   u8  sub-bucket bits (7)   varint-zigzag EXP_MIN, varint-zigzag EXP_MAX
 *   varint count              then min, max, sum as IEEE-754 doubles, little-endian
 *   runs until the end:       varint skip (empty buckets since the previous
 *                             run), varint n (>= 1), n varint counts (each >= 1)
 * Varints are LEB128 (7 bits per byte, low first). */
void hdr_encode(const struct hdr *h, struct buf *out);
/* Reads what hdr_encode wrote into h (reset first). 0, or -1 when the
 * bytes are not a valid encoding of this geometry (h is then empty). */
int hdr_decode(struct hdr *h, const void *data, size_t len);

#endif
