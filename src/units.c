/* units.c - exact decimal scanning of load-tool numbers and units.
 *
 * The approach: read the printed digits into an integer mantissa and a
 * power of ten, apply the unit as an exact integer factor and a power of
 * ten, and let strtod() round the resulting decimal once. So "1.59s" is
 * 159e1 ms = 1590 exactly, never 1590.0000000000002. */
#include "units.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

struct dec {
    uint64_t mant;   /* up to 19 significant digits */
    int exp;         /* value = mant * 10^exp */
    int neg;
    int inexact;     /* more digits than the mantissa holds */
    double approx;   /* strtod of the text when inexact */
};

static int is_nan_word(const char *s, size_t n, size_t *used)
{
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    if (n - i >= 3 && strncasecmp(s + i, "nan", 3) == 0) {
        *used = i + 3;
        return 1;
    }
    return 0;
}

/* Scans a decimal at s[0..n). Sets *used to the bytes consumed. Returns
 * UNITS_OK, UNITS_NAN or UNITS_BAD. */
static int scan_dec(const char *s, size_t n, int allow_thousands, struct dec *d, size_t *used)
{
    size_t i = 0;
    int digits = 0, sig = 0, seen_point = 0;
    char text[128];
    size_t tl = 0;

    memset(d, 0, sizeof(*d));
    if (is_nan_word(s, n, used))
        return UNITS_NAN;
    if (i < n && (s[i] == '-' || s[i] == '+')) {
        d->neg = s[i] == '-';
        text[tl++] = s[i];
        i++;
    }
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits++;
            if (sig < 19 && (sig > 0 || c != '0')) {
                d->mant = d->mant * 10 + (uint64_t)(c - '0');
                sig++;
                if (seen_point)
                    d->exp--;
            } else if (sig >= 19) {
                d->inexact = 1;
                if (!seen_point)
                    d->exp++;
            } else if (seen_point) {
                d->exp--; /* leading zero after the point */
            }
            if (tl >= sizeof(text) - 16)
                return UNITS_BAD; /* a hundred digits is not a measurement */
            text[tl++] = c;
        } else if (c == '.' && !seen_point) {
            /* A point must be followed by a digit to belong to the number. */
            if (i + 1 >= n || !isdigit((unsigned char)s[i + 1]))
                break;
            seen_point = 1;
            if (tl >= sizeof(text) - 16)
                return UNITS_BAD;
            text[tl++] = c;
        } else if (c == ',' && allow_thousands && !seen_point && digits > 0 &&
                   i + 3 < n && isdigit((unsigned char)s[i + 1]) && isdigit((unsigned char)s[i + 2]) &&
                   isdigit((unsigned char)s[i + 3]) &&
                   (i + 4 >= n || !isdigit((unsigned char)s[i + 4]))) {
            continue; /* thousands separator: skip */
        } else {
            break;
        }
    }
    if (digits == 0)
        return UNITS_BAD;
    /* Exponent, as JSON-ish numbers may carry ("1.5e-05"). */
    if (i + 1 < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        int eneg = 0, e = 0, ed = 0;
        if (j < n && (s[j] == '-' || s[j] == '+')) {
            eneg = s[j] == '-';
            j++;
        }
        while (j < n && isdigit((unsigned char)s[j]) && ed < 5) {
            e = e * 10 + (s[j] - '0');
            j++;
            ed++;
        }
        if (ed > 0) {
            d->exp += eneg ? -e : e;
            i = j;
            if (d->inexact)
                tl += (size_t)snprintf(text + tl, sizeof(text) - tl, "e%d", eneg ? -e : e);
        }
    }
    if (d->inexact) {
        text[tl] = '\0';
        d->approx = strtod(text, NULL);
    }
    *used = i;
    return UNITS_OK;
}

/* mant * mul * 10^(exp + pow10), rounded once. */
static double dec_value(const struct dec *d, int pow10, long long mul)
{
    /* Powers of ten a double holds exactly. */
    static const double exact10[] = {
        1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    char text[80];
    if (d->inexact) {
        /* Past 19 digits there is nothing exact to keep; scale the double. */
        double v = d->approx * (double)mul * pow(10.0, pow10);
        return v;
    }
    u128 m = (u128)d->mant * (u128)(mul < 0 ? -mul : mul);
    int neg = d->neg ^ (mul < 0);
    int e = d->exp + pow10;
    /* Most printed numbers: the digits fit in 53 bits and the power of
     * ten is exact, so one multiplication or division, rounded once by
     * IEEE arithmetic, is the correctly rounded value strtod() would give
     * (Clinger's fast path, strtod's own first step). */
    if (m <= ((u128)1 << 53) && e >= -22 && e <= 22) {
        double v = (double)(uint64_t)m;
        v = e >= 0 ? v * exact10[e] : v / exact10[-e];
        return neg ? -v : v;
    }
    char digits[64];
    int nd = 0;
    if (m == 0)
        digits[nd++] = '0';
    while (m > 0) {
        digits[nd++] = (char)('0' + (int)(m % 10));
        m /= 10;
    }
    size_t tl = 0;
    if (neg)
        text[tl++] = '-';
    while (nd > 0)
        text[tl++] = digits[--nd];
    snprintf(text + tl, sizeof(text) - tl, "e%d", e);
    return strtod(text, NULL);
}

/* A scanned value that overflowed a double ("1e400", four hundred
 * digits) is not a measurement: UNITS_BAD, *out untouched. */
static int finite_or_bad(double v, double *out)
{
    if (!isfinite(v))
        return UNITS_BAD;
    *out = v;
    return UNITS_OK;
}

static int skip_spaces(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return (int)i;
}

int units_scaled(const char *s, size_t n, int allow_thousands, int pow10, long long mul, double *out)
{
    struct dec d;
    size_t used;
    int rc = scan_dec(s, n, allow_thousands, &d, &used);
    if (rc == UNITS_NAN) {
        if (used != n)
            return UNITS_BAD;
        *out = (double)NAN;
        return rc;
    }
    if (rc != UNITS_OK || used != n)
        return UNITS_BAD;
    return finite_or_bad(dec_value(&d, pow10, mul), out);
}

int units_number(const char *s, size_t n, int allow_thousands, double *out)
{
    return units_scaled(s, n, allow_thousands, 0, 1, out);
}

struct unit {
    const char *name;
    int pow10;
    long long mul;
};

/* Time units to milliseconds, longest names first where prefixes clash. */
static const struct unit time_units[] = {
    {"ns", -6, 1},
    {"us", -3, 1},
    {"\xc2\xb5s", -3, 1}, /* µs, MICRO SIGN */
    {"\xce\xbcs", -3, 1}, /* μs, GREEK SMALL LETTER MU */
    {"ms", 0, 1},
    {"s", 3, 1},
    {"m", 0, 60000},
    {"h", 0, 3600000},
    {NULL, 0, 0},
};

static const struct unit *match_unit(const struct unit *tab, const char *s, size_t n, size_t *len)
{
    const struct unit *best = NULL;
    size_t best_len = 0;
    for (const struct unit *u = tab; u->name; u++) {
        size_t l = strlen(u->name);
        if (l <= n && l > best_len && memcmp(s, u->name, l) == 0) {
            best = u;
            best_len = l;
        }
    }
    *len = best_len;
    return best;
}

int units_duration_ms(const char *s, size_t n, double *ms)
{
    /* Go's compound durations ("1h2m3.5s") are a sum of parts; each part is
     * scaled exactly, and the parts are summed as decimals of one power. */
    double total = 0;
    size_t i = 0;
    int parts = 0;
    while (i < n) {
        struct dec d;
        size_t used, ul;
        int rc = scan_dec(s + i, n - i, 0, &d, &used);
        if (rc == UNITS_NAN) {
            /* wrk prints "-nanus"; a NaN duration has no value. */
            i += used;
            const struct unit *u = match_unit(time_units, s + i, n - i, &ul);
            if (!u || i + ul != n || parts)
                return UNITS_BAD;
            *ms = (double)NAN;
            return UNITS_NAN;
        }
        if (rc != UNITS_OK)
            return UNITS_BAD;
        i += used;
        const struct unit *u = match_unit(time_units, s + i, n - i, &ul);
        if (!u)
            return UNITS_BAD;
        /* "m" followed by "s" is "ms", matched above as the longer unit. */
        i += ul;
        if (parts == 0 && i == n)
            return finite_or_bad(dec_value(&d, u->pow10, u->mul), ms);
        total += dec_value(&d, u->pow10, u->mul);
        parts++;
    }
    if (parts == 0)
        return UNITS_BAD;
    return finite_or_bad(total, ms);
}

int units_duration_ms_bare(const char *s, size_t n, int bare_pow10, double *ms)
{
    int rc = units_duration_ms(s, n, ms);
    if (rc != UNITS_BAD)
        return rc;
    return units_scaled(s, n, 0, bare_pow10, 1, ms);
}

int units_bytes(const char *s, size_t n, int base, double *bytes)
{
    struct dec d;
    size_t used;
    int rc = scan_dec(s, n, 1, &d, &used);
    if (rc == UNITS_NAN) {
        *bytes = (double)NAN;
        return UNITS_NAN;
    }
    if (rc != UNITS_OK)
        return UNITS_BAD;
    size_t i = (size_t)skip_spaces(s, n, used);
    const char *u = s + i;
    size_t ul = n - i;
    static const char prefixes[] = "KMGTP";
    long long mul = 1;
    int pow10 = 0;
    if (ul == 1 && u[0] == 'B') {
        /* bytes */
    } else if (ul >= 1) {
        char p = (char)toupper((unsigned char)u[0]);
        const char *pos = strchr(prefixes, p);
        if (!pos || p == '\0')
            return UNITS_BAD;
        int k = (int)(pos - prefixes) + 1;
        int binary = base == 1024;
        if (ul == 3 && u[1] == 'i' && u[2] == 'B')
            binary = 1;
        else if (!(ul == 2 && u[1] == 'B') && !(ul == 1))
            return UNITS_BAD;
        if (binary) {
            for (int j = 0; j < k; j++)
                mul *= 1024;
        } else {
            pow10 = 3 * k;
        }
    } else {
        return UNITS_BAD;
    }
    return finite_or_bad(dec_value(&d, pow10, mul), bytes);
}

int units_count(const char *s, size_t n, double *out)
{
    struct dec d;
    size_t used;
    int rc = scan_dec(s, n, 1, &d, &used);
    if (rc == UNITS_NAN) {
        *out = (double)NAN;
        return used == n ? UNITS_NAN : UNITS_BAD;
    }
    if (rc != UNITS_OK)
        return UNITS_BAD;
    int pow10 = 0;
    if (used < n) {
        if (used + 1 != n)
            return UNITS_BAD;
        switch (s[used]) {
        case 'k': case 'K': pow10 = 3; break;
        case 'M': pow10 = 6; break;
        case 'G': pow10 = 9; break;
        default: return UNITS_BAD;
        }
    }
    if (d.neg && d.mant != 0)
        return UNITS_BAD; /* a count or a rate of them is never below zero */
    return finite_or_bad(dec_value(&d, pow10, 1), out);
}

int units_whole(const char *s, size_t n, int allow_thousands, double *out)
{
    double v;
    if (units_number(s, n, allow_thousands, &v) != UNITS_OK)
        return UNITS_BAD;
    /* 2^63 and up do not fit the database's integers; -0 is 0. */
    if (!(v >= 0 && v < 9223372036854775808.0) || v != floor(v))
        return UNITS_BAD;
    *out = v + 0.0;
    return UNITS_OK;
}

int units_percent(const char *s, size_t n, double *out)
{
    double v = 0;
    if (n == 0 || s[n - 1] != '%')
        return UNITS_BAD;
    int rc = units_scaled(s, n - 1, 0, 0, 1, &v);
    if (rc == UNITS_OK && !(v >= 0 && v <= 100))
        return UNITS_BAD; /* a share of a whole: "150.00%", "-5.00%" */
    if (rc != UNITS_BAD)
        *out = v;
    return rc;
}

/* v with prec significant digits ("%.*g") or, fixed, prec decimals. */
static void print_digits(char *buf, size_t size, int fixed, int prec, double v)
{
    if (fixed)
        snprintf(buf, size, "%.*f", prec, v);
    else
        snprintf(buf, size, "%.*g", prec, v);
}

/* Whether v so printed (left in buf) reads back as v. */
static int reads_back(char *buf, size_t size, int fixed, int prec, double v)
{
    print_digits(buf, size, fixed, prec, v);
    return strtod(buf, NULL) == v;
}

/* The fewest digits p in [first, last] with which v, printed as
 * print_digits() does, reads back (that text left in buf), or -1 when
 * none does. With `halving` the answer is found by
 * doubling p, then halving the last interval; without, by counting p up
 * from first. Both give the same p where halving is allowed: away from a
 * power of two (and the largest double) the gap to the next double down
 * equals the gap up, so when p digits read back, p + 1 do too (the
 * closest decimal with one digit more is no farther from v). */
static int fewest(char *buf, size_t size, int fixed, int first, int last, double v,
                  int halving)
{
    if (!halving) {
        for (int p = first; p <= last; p++)
            if (reads_back(buf, size, fixed, p, v))
                return p;
        return -1;
    }
    int lo = first - 1, hi = -1, probed = -1;
    for (int step = 1, p = first; hi < 0; step *= 2, p = first + step - 1) {
        if (p > last)
            p = last;
        probed = p;
        if (reads_back(buf, size, fixed, p, v))
            hi = p;
        else if (p == last)
            return -1;
        else
            lo = p;
    }
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        probed = mid;
        if (reads_back(buf, size, fixed, mid, v))
            hi = mid;
        else
            lo = mid;
    }
    if (probed != hi)
        print_digits(buf, size, fixed, hi, v);
    return hi;
}

char *units_format(char *buf, size_t size, double v)
{
    if (isnan(v)) {
        snprintf(buf, size, "NaN");
        return buf;
    }
    if (isinf(v)) {
        snprintf(buf, size, v > 0 ? "Inf" : "-Inf");
        return buf;
    }
    /* A whole number below 1e17 comes out as its digits either way (the
     * shortest %g that reads back, or the plain %.0f that replaces its
     * exponent form below). */
    if (size >= 32 && v == floor(v) && fabs(v) < 1e17) {
        snprintf(buf, size, "%.0f", v);
        return buf;
    }
    /* buf with room for 17 digits is needed to halve: a cut text never
     * reads back. */
    int two;
    double frac = frexp(v, &two);
    int halving = size >= 32 && v != 0 && fabs(frac) != 0.5 && fabs(v) < DBL_MAX;
    fewest(buf, size, 0, 1, 17, v, halving); /* 17 digits always read back */
    /* Prefer plain notation for ordinary magnitudes: 1590 not 1.59e+03. */
    if (strchr(buf, 'e') && fabs(v) >= 1e-6 && fabs(v) < 1e17) {
        char tmp[64];
        if (fewest(tmp, sizeof tmp, 1, 0, 20, v, halving) >= 0)
            snprintf(buf, size, "%s", tmp);
    }
    return buf;
}
