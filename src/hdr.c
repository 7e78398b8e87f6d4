/* hdr.c - log-linear histogram: bucket arithmetic on the bits of an
 * IEEE-754 double, percentiles, merge, and the varint serialisation. */
#include "hdr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HDR_LAST ((uint32_t)HDR_NBUCKETS - 1)

struct hdr *hdr_new(void)
{
    struct hdr *h = xcalloc(1, sizeof(*h));
    h->min = h->max = (double)NAN;
    h->lo = HDR_NBUCKETS;
    h->hi = 0;
    return h;
}

void hdr_free(struct hdr *h)
{
    free(h);
}

void hdr_reset(struct hdr *h)
{
    if (h->lo <= h->hi)
        memset(&h->b[h->lo], 0, (size_t)(h->hi - h->lo + 1) * sizeof(h->b[0]));
    h->count = 0;
    h->sum = 0;
    h->min = h->max = (double)NAN;
    h->lo = HDR_NBUCKETS;
    h->hi = 0;
}

/* The exponent and the top HDR_SUB_BITS of the mantissa are the bucket:
 * no logarithm, no loop. Everything below 2^EXP_MIN (zero, negatives,
 * subnormals) is bucket 0; 2^EXP_MAX and above, +inf included, the last. */
uint32_t hdr_index(double v)
{
    static const double lowest = 0x1p-20, highest = 0x1p40;
    _Static_assert(HDR_EXP_MIN == -20 && HDR_EXP_MAX == 40, "keep the limits in step");
    if (!(v >= lowest))
        return 0;
    if (v >= highest)
        return HDR_LAST;
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int e = (int)((bits >> 52) & 0x7ff) - 1023;
    uint32_t sub = (uint32_t)(bits >> (52 - HDR_SUB_BITS)) & (HDR_SUB - 1);
    return 1 + (uint32_t)(e - HDR_EXP_MIN) * HDR_SUB + sub;
}

void hdr_bounds(uint32_t i, double *lower, double *upper)
{
    if (i == 0) {
        *lower = -(double)INFINITY;
        *upper = ldexp(1.0, HDR_EXP_MIN);
        return;
    }
    if (i >= HDR_LAST) {
        *lower = ldexp(1.0, HDR_EXP_MAX);
        *upper = (double)INFINITY;
        return;
    }
    uint32_t k = i - 1;
    int e = (int)(k / HDR_SUB) + HDR_EXP_MIN;
    double s = (double)(k % HDR_SUB);
    *lower = ldexp(1.0 + s / HDR_SUB, e);
    *upper = ldexp(1.0 + (s + 1.0) / HDR_SUB, e);
}

void hdr_add_n(struct hdr *h, double v, uint64_t n)
{
    if (isnan(v) || n == 0)
        return;
    uint32_t i = hdr_index(v);
    h->b[i] += n;
    if (i < h->lo)
        h->lo = i;
    if (i > h->hi)
        h->hi = i;
    if (h->count == 0) {
        h->min = h->max = v;
    } else {
        if (v < h->min)
            h->min = v;
        if (v > h->max)
            h->max = v;
    }
    h->count += n;
    h->sum += n == 1 ? v : v * (double)n;
}

void hdr_add(struct hdr *h, double v)
{
    hdr_add_n(h, v, 1);
}

void hdr_merge(struct hdr *dst, const struct hdr *src)
{
    if (src->count == 0)
        return;
    for (uint32_t i = src->lo; i <= src->hi; i++)
        dst->b[i] += src->b[i];
    if (src->lo < dst->lo)
        dst->lo = src->lo;
    if (src->hi > dst->hi)
        dst->hi = src->hi;
    if (dst->count == 0) {
        dst->min = src->min;
        dst->max = src->max;
    } else {
        if (src->min < dst->min)
            dst->min = src->min;
        if (src->max > dst->max)
            dst->max = src->max;
    }
    dst->count += src->count;
    dst->sum += src->sum;
}

double hdr_mean(const struct hdr *h)
{
    return h->count ? h->sum / (double)h->count : (double)NAN;
}

static double clamp(const struct hdr *h, double v)
{
    return v < h->min ? h->min : v > h->max ? h->max : v;
}

/* The value standing for bucket i: its midpoint (bucket 0: zero, the last
 * bucket: the maximum), never outside [min, max]. */
static double bucket_value(const struct hdr *h, uint32_t i)
{
    if (i == 0)
        return clamp(h, 0.0);
    if (i >= HDR_LAST)
        return h->max;
    double lo, hi;
    hdr_bounds(i, &lo, &hi);
    return clamp(h, lo + (hi - lo) / 2);
}

/* The value of 0-based rank r among the sorted values. */
static double value_at_rank(const struct hdr *h, uint64_t r)
{
    if (r == 0)
        return h->min;
    if (r >= h->count - 1)
        return h->max;
    uint64_t cum = 0;
    for (uint32_t i = h->lo; i <= h->hi; i++) {
        cum += h->b[i];
        if (cum > r)
            return bucket_value(h, i);
    }
    return h->max;
}

double hdr_percentile(const struct hdr *h, double p)
{
    if (h->count == 0 || isnan(p))
        return (double)NAN;
    if (p <= 0)
        return h->min;
    if (p >= 100)
        return h->max;
    double pos = p / 100.0 * (double)(h->count - 1);
    double fl = floor(pos);
    uint64_t r = (uint64_t)fl;
    double lo = value_at_rank(h, r);
    double frac = pos - fl;
    if (frac == 0)
        return lo;
    double hi = value_at_rank(h, r + 1);
    return lo + (hi - lo) * frac;
}

/* --- serialisation ------------------------------------------------------ */

static void put_varint(struct buf *b, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;
    do {
        unsigned char c = v & 0x7f;
        v >>= 7;
        tmp[n++] = c | (v ? 0x80 : 0);
    } while (v);
    buf_add(b, tmp, n);
}

static uint64_t zigzag(int64_t v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static void put_double(struct buf *b, double d)
{
    uint64_t bits;
    unsigned char tmp[8];
    memcpy(&bits, &d, sizeof bits);
    for (int i = 0; i < 8; i++)
        tmp[i] = (unsigned char)(bits >> (8 * i));
    buf_add(b, tmp, 8);
}

void hdr_encode(const struct hdr *h, struct buf *out)
{
    static const unsigned char magic[] = {'B', 'H', 1, HDR_SUB_BITS};
    buf_add(out, magic, sizeof magic);
    put_varint(out, zigzag(HDR_EXP_MIN));
    put_varint(out, zigzag(HDR_EXP_MAX));
    put_varint(out, h->count);
    put_double(out, h->min);
    put_double(out, h->max);
    put_double(out, h->sum);
    if (h->count == 0)
        return;
    uint32_t next = 0; /* first bucket not yet written */
    uint32_t i = h->lo;
    while (i <= h->hi) {
        if (h->b[i] == 0) {
            i++;
            continue;
        }
        uint32_t end = i;
        while (end <= h->hi && h->b[end] != 0)
            end++;
        put_varint(out, i - next);
        put_varint(out, end - i);
        for (uint32_t k = i; k < end; k++)
            put_varint(out, h->b[k]);
        next = end;
        i = end;
    }
}

struct reader {
    const unsigned char *p, *end;
    int bad;
};

static uint64_t get_varint(struct reader *r)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end) {
            r->bad = 1;
            return 0;
        }
        unsigned char c = *r->p++;
        if (shift == 63 && (c & 0x7e)) {
            r->bad = 1; /* more than 64 bits */
            return 0;
        }
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
    }
    r->bad = 1;
    return 0;
}

static double get_double(struct reader *r)
{
    uint64_t bits = 0;
    double d;
    if (r->end - r->p < 8) {
        r->bad = 1;
        return (double)NAN;
    }
    for (int i = 0; i < 8; i++)
        bits |= (uint64_t)r->p[i] << (8 * i);
    r->p += 8;
    memcpy(&d, &bits, sizeof d);
    return d;
}

int hdr_decode(struct hdr *h, const void *data, size_t len)
{
    struct reader r = {data, (const unsigned char *)data + len, 0};
    uint64_t total = 0;

    hdr_reset(h);
    if (len < 4 || memcmp(data, "BH\x01", 3) != 0 || r.p[3] != HDR_SUB_BITS)
        goto bad;
    r.p += 4;
    if (get_varint(&r) != zigzag(HDR_EXP_MIN) || get_varint(&r) != zigzag(HDR_EXP_MAX))
        goto bad;
    uint64_t count = get_varint(&r);
    double min = get_double(&r), max = get_double(&r), sum = get_double(&r);
    if (r.bad)
        goto bad;
    uint64_t idx = 0;
    while (r.p < r.end) {
        uint64_t skip = get_varint(&r), n = get_varint(&r);
        if (r.bad || n == 0 || skip > HDR_NBUCKETS || n > HDR_NBUCKETS ||
            idx + skip + n > HDR_NBUCKETS)
            goto bad;
        idx += skip;
        for (uint64_t k = 0; k < n; k++, idx++) {
            uint64_t c = get_varint(&r);
            if (r.bad || c == 0 || c > count - total)
                goto bad;
            total += c;
            h->b[idx] = c;
            if (idx < h->lo)
                h->lo = (uint32_t)idx;
            h->hi = (uint32_t)idx;
        }
    }
    if (total != count)
        goto bad;
    if (count > 0 && (isnan(min) || isnan(max) || min > max || isnan(sum)))
        goto bad;
    h->count = count;
    h->min = count ? min : (double)NAN;
    h->max = count ? max : (double)NAN;
    h->sum = count ? sum : 0;
    return 0;
bad:
    /* Buckets written so far lie within lo..hi: reset clears them. */
    hdr_reset(h);
    return -1;
}
