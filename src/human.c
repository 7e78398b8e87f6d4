/* human.c - numbers for people (see human.h). */
#include "human.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const struct human_units human_si = {"k", "M", "G"};

/* v rounded to sig significant digits. */
static double round_sig(double v, int sig)
{
    if (v == 0 || !isfinite(v))
        return v;
    double e = floor(log10(fabs(v)));
    double scale = pow(10, (double)sig - 1 - e);
    double r = round(v * scale) / scale;
    return r;
}

/* Prints x with `sig` significant digits, trailing zeros dropped. */
static void print_sig(char *buf, size_t size, double x, int sig)
{
    int dec = 0;
    if (x != 0) {
        int e = (int)floor(log10(fabs(x)) + 1e-9);
        dec = sig - 1 - e;
        if (dec < 0)
            dec = 0;
        if (dec > 9)
            dec = 9;
    }
    snprintf(buf, size, "%.*f", dec, x);
    if (strchr(buf, '.')) {
        size_t n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, size, "0");
}

static int clamp_sig(int sig)
{
    return sig < 1 ? 1 : sig > 9 ? 9 : sig;
}

/* Digits before the point of |x| (at least 1). */
static int int_digits(double x)
{
    x = fabs(x);
    return x < 1 ? 1 : (int)floor(log10(x) + 1e-9) + 1;
}

char *human_count(char *buf, size_t size, double v, int sig, const struct human_units *u)
{
    static const double scales[] = {1, 1e3, 1e6, 1e9};
    char num[48];
    if (isnan(v)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    if (!u)
        u = &human_si;
    const char *suffixes[] = {"", u->k, u->M, u->G};
    sig = clamp_sig(sig);
    /* The unit from the value rounded as it will print; never fewer digits
     * than the mantissa has before its point (104379 is "104k", not "100k"). */
    int unit = 0;
    double m = v;
    for (int pass = 0; pass < 2; pass++) {
        double a = fabs(pass ? m * scales[unit] : v);
        unit = a >= 1e9 ? 3 : a >= 1e6 ? 2 : a >= 1e3 ? 1 : 0;
        m = v / scales[unit];
        int s = sig > int_digits(m) ? sig : int_digits(m);
        m = round_sig(m, s);
        if (fabs(m) < 1000 || unit == 3)
            break;
    }
    int s = sig > int_digits(m) ? sig : int_digits(m);
    print_sig(num, sizeof num, m, s);
    snprintf(buf, size, "%s%s", num, suffixes[unit]);
    return buf;
}

/* The time unit for a value in ms: name and ms per unit. */
static const char *time_unit(double ms_abs, double *per)
{
    if (ms_abs == 0) {
        *per = 1;
        return "ms";
    }
    if (ms_abs < 0.001) {
        *per = 1e-6;
        return "ns";
    }
    if (ms_abs < 1) {
        *per = 1e-3;
        return "\xc2\xb5s";
    }
    if (ms_abs < 1000) {
        *per = 1;
        return "ms";
    }
    *per = 1000;
    return "s";
}

char *human_ms(char *buf, size_t size, double ms, int sig)
{
    char num[48];
    double per;
    if (isnan(ms)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    sig = clamp_sig(sig);
    double r = round_sig(ms, sig);
    const char *unit = time_unit(fabs(r), &per);
    double m = ms / per;
    int s = sig > int_digits(m) ? sig : int_digits(m);
    m = round_sig(m, s);
    if (fabs(m) >= 1000 && per < 1000) { /* 999.96 ms at 4 digits: 1 s */
        unit = time_unit(fabs(m) * per, &per);
        m = round_sig(ms / per, sig);
        s = sig;
    }
    print_sig(num, sizeof num, m, s);
    snprintf(buf, size, "%s %s", num, unit);
    return buf;
}

char *human_percent(char *buf, size_t size, double pct, int sig)
{
    char num[24]; /* with its '%', fits the 32 bytes of a label */
    if (isnan(pct)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    print_sig(num, sizeof num, round_sig(pct, clamp_sig(sig)), clamp_sig(sig));
    snprintf(buf, size, "%s%%", num);
    return buf;
}

char *human_value(char *buf, size_t size, enum human_kind kind, double v, int sig,
                  const struct human_units *u)
{
    switch (kind) {
    case HUMAN_MS:
        return human_ms(buf, size, v, sig);
    case HUMAN_PERCENT:
        return human_percent(buf, size, v, sig);
    case HUMAN_COUNT:
        break;
    }
    return human_count(buf, size, v, sig, u);
}

char *human_change(char *buf, size_t size, double pct)
{
    if (isnan(pct)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    double r = round(pct * 10) / 10;
    if (r == 0)
        snprintf(buf, size, "0.0%%");
    else
        snprintf(buf, size, "%s%.1f%%", r < 0 ? "\xe2\x86\x93" : "\xe2\x86\x91", fabs(r));
    return buf;
}

/* Decimals needed to print every t[i]/per exactly (to 1e-6), at most 6. */
static int tick_decimals(const double *t, size_t n, double per)
{
    for (int d = 0; d < 6; d++) {
        double m = pow(10, d);
        size_t i;
        for (i = 0; i < n; i++) {
            double x = t[i] / per * m;
            if (fabs(x - round(x)) > 1e-6 * (fabs(x) > 1 ? fabs(x) : 1))
                break;
        }
        if (i == n)
            return d;
    }
    return 6;
}

/* The unit ticks t[0..n) share: ms per unit (or the count's scale) and
 * its name, from the largest magnitude. */
static const char *ticks_unit(const double *t, size_t n, enum human_kind kind,
                              const struct human_units *u, double *per)
{
    double maxabs = 0;
    *per = 1;
    for (size_t i = 0; i < n; i++)
        if (fabs(t[i]) > maxabs)
            maxabs = fabs(t[i]);
    if (kind == HUMAN_MS)
        return time_unit(maxabs, per);
    if (kind == HUMAN_PERCENT)
        return "%";
    if (maxabs >= 1e9) {
        *per = 1e9;
        return u->G;
    }
    if (maxabs >= 1e6) {
        *per = 1e6;
        return u->M;
    }
    if (maxabs >= 1e3) {
        *per = 1e3;
        return u->k;
    }
    return "";
}

void human_ticks(char (*out)[32], const double *t, size_t n, enum human_kind kind,
                 const struct human_units *u)
{
    double per;
    if (!u)
        u = &human_si;
    const char *unit = ticks_unit(t, n, kind, u, &per);
    int dec = tick_decimals(t, n, per);
    for (size_t i = 0; i < n; i++) {
        if (t[i] == 0) {
            snprintf(out[i], 32, "0");
            continue;
        }
        snprintf(out[i], 32, "%.*f%s%s", dec, t[i] / per, kind == HUMAN_MS ? " " : "", unit);
    }
}

/* --- labels side by side ---------------------------------------------------- */

/* v in full, thousands grouped, dec decimals: 2000.67 at 1 -> "2,000.7". */
static char *grouped(char *buf, size_t size, double v, int dec)
{
    char num[64];
    snprintf(num, sizeof num, "%.*f", dec, fabs(v));
    size_t ilen = strcspn(num, "."), o = 0;
    char out[96];
    if (v < 0 && strspn(num, "0.") != strlen(num))
        out[o++] = '-';
    for (size_t i = 0; num[i]; i++) {
        if (i > 0 && i < ilen && (ilen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = num[i];
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
    return buf;
}

/* Decimals printed in a label ("2.05k": 2, "104k": 0). */
static int label_decimals(const char *s)
{
    const char *dot = strchr(s, '.');
    return dot ? (int)strspn(dot + 1, "0123456789") : 0;
}

/* 1 when values that differ (at 7 significant digits, below which a
 * difference is noise of the arithmetic) have different labels. */
static int labels_differ(char (*out)[32], const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (!isnan(v[i]) && !isnan(v[j]) && round_sig(v[i], 7) != round_sig(v[j], 7) &&
                strcmp(out[i], out[j]) == 0)
                return 0;
    return 1;
}

/* The labels at `sig` digits; a label in the ticks' unit shows at least
 * their decimals ("2.0k" on the axis: "2.0k" on the bar, not "2k"). */
static void labels_at(char (*out)[32], const double *v, size_t n, enum human_kind kind, int sig,
                      const char *tunit, double tper, int tdec, const struct human_units *u)
{
    for (size_t i = 0; i < n; i++) {
        human_value(out[i], 32, kind, v[i], sig, u);
        if (isnan(v[i]) || v[i] == 0 || label_decimals(out[i]) >= tdec)
            continue;
        char want[48];
        snprintf(want, sizeof want, "%s%s", kind == HUMAN_MS ? " " : "", tunit);
        size_t ln = strlen(out[i]), wn = strlen(want);
        /* Only a label in the ticks' unit: its suffix is theirs, and what
         * precedes the suffix is all number. */
        if (ln <= wn || strcmp(out[i] + ln - wn, want) != 0 ||
            strspn(out[i], "-0123456789.") != ln - wn)
            continue;
        char padded[96];
        snprintf(padded, sizeof padded, "%.*f%s", tdec, v[i] / tper, want);
        snprintf(out[i], 32, "%.31s", padded);
    }
}

void human_labels(char (*out)[32], const double *v, size_t n, enum human_kind kind, int sig,
                  const double *ticks, size_t nticks, const struct human_units *u)
{
    double tper = 1;
    const char *tunit = "";
    int tdec = 0;
    if (!u)
        u = &human_si;
    sig = clamp_sig(sig);
    if (nticks) {
        tunit = ticks_unit(ticks, nticks, kind, u, &tper);
        tdec = tick_decimals(ticks, nticks, tper);
    }
    int s = sig;
    labels_at(out, v, n, kind, s, tunit, tper, tdec, u);
    while (!labels_differ(out, v, n) && s < 6)
        labels_at(out, v, n, kind, ++s, tunit, tper, tdec, u);
    if (s == sig)
        return;
    /* More digits were needed to tell values apart: one more again, so
     * that their difference reads to two digits, not one unit in the last
     * place. Counts of thousands and more are then written in full
     * ("2,000.7", "1,999.8"): "2.0007k" would be read by no one. */
    s++;
    double vmax = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i]) && fabs(v[i]) > vmax)
            vmax = fabs(v[i]);
    if (kind == HUMAN_COUNT && vmax >= 1000) {
        int dec = s - int_digits(vmax);
        dec = dec < 0 ? 0 : dec > 2 ? 2 : dec;
        for (size_t i = 0; i < n; i++) {
            if (isnan(v[i]))
                snprintf(out[i], 32, "n/a");
            else
                grouped(out[i], 32, v[i], dec);
        }
        return;
    }
    labels_at(out, v, n, kind, s, tunit, tper, tdec, u);
}
