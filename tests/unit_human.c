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
    return failures ? 1 : 0;
}
