/* unit_human.c - human units: the labels charts, slides and tables print. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "human.h"

static int failures;

static void expect(const char *got, const char *want, const char *what)
{
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "%s: got \"%s\", want \"%s\"\n", what, got, want);
        failures++;
    }
}

int main(void)
{
    char b[64];
    static const struct human_units ru = {"\xd0\xba", "\xd0\x9c", "\xd0\x93"};
    /* Counts: significant digits, never fewer than the mantissa's integer digits. */
    expect(human_count(b, sizeof b, 1241.222484, 2, NULL), "1.2k", "1241 @2");
    expect(human_count(b, sizeof b, 1241.222484, 2, &ru), "1.2\xd0\xba", "1241 @2 ru");
    expect(human_count(b, sizeof b, 104379.61, 2, NULL), "104k", "104379 @2");
    expect(human_count(b, sizeof b, 104379.61, 3, NULL), "104k", "104379 @3");
    expect(human_count(b, sizeof b, 68133.61, 3, NULL), "68.1k", "68133 @3");
    expect(human_count(b, sizeof b, 484.821487, 2, NULL), "485", "484.8 @2");
    expect(human_count(b, sizeof b, 999.6, 3, NULL), "1k", "999.6 @3");
    expect(human_count(b, sizeof b, 999999, 3, NULL), "1M", "999999 @3");
    expect(human_count(b, sizeof b, 1714.936389, 3, NULL), "1.71k", "1714 @3");
    expect(human_count(b, sizeof b, 0, 3, NULL), "0", "0");
    expect(human_count(b, sizeof b, 0.456, 2, NULL), "0.46", "0.456 @2");
    expect(human_count(b, sizeof b, 32196, 4, NULL), "32.2k", "32196 @4");
    expect(human_count(b, sizeof b, 1054145, 4, NULL), "1.054M", "1054145 @4");
    expect(human_count(b, sizeof b, (double)NAN, 3, NULL), "n/a", "NaN");
    /* Times in ms. */
    expect(human_ms(b, sizeof b, 0.037, 2), "37 \xc2\xb5s", "37 us");
    expect(human_ms(b, sizeof b, 411.52, 2), "412 ms", "411.52 ms @2");
    expect(human_ms(b, sizeof b, 1590, 2), "1.6 s", "1590 ms @2");
    expect(human_ms(b, sizeof b, 36.55, 2), "37 ms", "36.55 ms @2");
    expect(human_ms(b, sizeof b, 0.00085, 2), "850 ns", "850 ns");
    expect(human_ms(b, sizeof b, 999.96, 3), "1 s", "999.96 ms @3");
    expect(human_ms(b, sizeof b, 1590, 4), "1.59 s", "1590 ms @4");
    expect(human_ms(b, sizeof b, 70200, 3), "70.2 s", "70.2 s");
    /* Percentages and changes. */
    expect(human_percent(b, sizeof b, 100, 3), "100%", "100%");
    expect(human_percent(b, sizeof b, 55.5223, 3), "55.5%", "55.5%");
    expect(human_change(b, sizeof b, -55.522357), "\xe2\x86\x93" "55.5%", "-55.5");
    expect(human_change(b, sizeof b, -23.677588), "\xe2\x86\x93" "23.7%", "-23.7");
    expect(human_change(b, sizeof b, -51.521359), "\xe2\x86\x93" "51.5%", "-51.5");
    expect(human_change(b, sizeof b, 12.04), "\xe2\x86\x91" "12.0%", "+12.0");
    expect(human_change(b, sizeof b, 0.01), "0.0%", "0");
    /* Axis ticks: one unit for all, decimals as needed. */
    char t[8][32];
    double a[] = {0, 20000, 40000, 60000};
    human_ticks(t, a, 4, HUMAN_COUNT, NULL);
    expect(t[0], "0", "tick 0");
    expect(t[1], "20k", "tick 20k");
    expect(t[3], "60k", "tick 60k");
    double c[] = {0, 500, 1000, 1500};
    human_ticks(t, c, 4, HUMAN_MS, NULL);
    expect(t[1], "0.5 s", "tick 0.5 s");
    expect(t[2], "1.0 s", "tick 1.0 s");
    double d[] = {0, 2500, 5000, 7500};
    human_ticks(t, d, 4, HUMAN_COUNT, NULL);
    expect(t[1], "2.5k", "tick 2.5k");
    expect(t[2], "5.0k", "tick 5.0k");
    double e[] = {0, 0.02, 0.04};
    human_ticks(t, e, 3, HUMAN_MS, NULL);
    expect(t[2], "40 \xc2\xb5s", "tick 40 us");
    /* Bar labels: never alike for different values, never fewer decimals
     * than the ticks in their unit. wrk2's 2,000.67 and 1,999.82 requests/s
     * were "2k" and "2k" beside a "2.0k" tick. */
    char l[4][32];
    double w2[] = {2000.67, 1999.82};
    double w2t[] = {0, 500, 1000, 1500, 2000};
    human_labels(l, w2, 2, HUMAN_COUNT, 3, w2t, 5, NULL);
    expect(l[0], "2,000.7", "wrk2 2000.67");
    expect(l[1], "1,999.8", "wrk2 1999.82");
    /* The lihil rows differ at 3 digits: as human_count() writes them. */
    double li[] = {104379.61, 68133.61, 17177.5};
    double lit[] = {0, 25000, 50000, 75000, 100000, 125000};
    human_labels(l, li, 3, HUMAN_COUNT, 3, lit, 6, NULL);
    expect(l[0], "104k", "lihil 104379");
    expect(l[1], "68.1k", "lihil 68133");
    expect(l[2], "17.2k", "lihil 17177");
    /* One alike at 3 digits, told apart at 4, so written at 5, in full. */
    double near[] = {104379.61, 104420.2, 68133.61};
    human_labels(l, near, 3, HUMAN_COUNT, 3, lit, 6, NULL);
    expect(l[0], "104,380", "104379.61 near 104420.2");
    expect(l[1], "104,420", "104420.2 near 104379.61");
    expect(l[2], "68,134", "68133.61 beside them");
    /* A lone value beside ticks with a decimal: the tick's decimals. */
    double one[] = {2000.4};
    human_labels(l, one, 1, HUMAN_COUNT, 3, w2t, 5, NULL);
    expect(l[0], "2.0k", "2000.4 beside 2.0k");
    /* Equal values stay equal; NaN is n/a. */
    double eq[] = {1500, 1500, (double)NAN};
    human_labels(l, eq, 3, HUMAN_COUNT, 3, NULL, 0, NULL);
    expect(l[0], "1.5k", "1500");
    expect(l[1], "1.5k", "1500 again");
    expect(l[2], "n/a", "NaN label");
    /* Times: digits added in the same unit, trailing zeros dropped. */
    double ms[] = {6.401, 6.404, 8.463, 6.41};
    human_labels(l, ms, 4, HUMAN_MS, 3, NULL, 0, NULL);
    expect(l[0], "6.401 ms", "6.401 ms near 6.404");
    expect(l[1], "6.404 ms", "6.404 ms near 6.401");
    expect(l[2], "8.463 ms", "8.463 ms");
    expect(l[3], "6.41 ms", "6.41 ms");
    human_labels(l, ms + 2, 2, HUMAN_MS, 3, NULL, 0, NULL);
    expect(l[0], "8.46 ms", "8.463 ms, 3 digits do");
    expect(l[1], "6.41 ms", "6.41 ms, 3 digits do");
    double mst[] = {0, 2, 4, 6, 8, 10};
    double ms2[] = {6.4, 8.463};
    human_labels(l, ms2, 2, HUMAN_MS, 3, mst, 6, NULL);
    expect(l[0], "6.4 ms", "6.4 ms, ticks without decimals");
    expect(l[1], "8.46 ms", "8.463 ms @3");
    return failures ? 1 : 0;
}
