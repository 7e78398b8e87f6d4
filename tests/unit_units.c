/* unit_units.c - exact unit scanning: the printed decimal, scaled as a
 * decimal, rounded once. Expected values are the printed numbers with the
 * decimal point moved by hand. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "units.h"

static double dur(const char *s)
{
    double ms = -1;
    int rc = units_duration_ms(s, strlen(s), &ms);
    return rc == UNITS_OK ? ms : rc == UNITS_NAN ? -2 : -3;
}

static double bytes(const char *s, int base)
{
    double b = -1;
    return units_bytes(s, strlen(s), base, &b) == UNITS_OK ? b : -3;
}

static double count(const char *s)
{
    double v = -1;
    return units_count(s, strlen(s), &v) == UNITS_OK ? v : -3;
}

static double num(const char *s, int thousands)
{
    double v = -1;
    return units_number(s, strlen(s), thousands, &v) == UNITS_OK ? v : -3;
}

int main(void)
{
    /* k6 and wrk durations, exactly */
    CHECK_EQ(dur("1.59s"), 1590);
    CHECK_EQ(dur("36.55ms"), 36.55);
    CHECK_EQ(dur("555.89\xc2\xb5s"), 0.55589); /* µ MICRO SIGN */
    CHECK_EQ(dur("555.89\xce\xbcs"), 0.55589); /* μ GREEK MU */
    CHECK_EQ(dur("92.76us"), 0.09276);
    CHECK_EQ(dur("958ns"), 0.000958);
    CHECK_EQ(dur("-439056ns"), -0.439056);
    CHECK_EQ(dur("0s"), 0);
    CHECK_EQ(dur("2.00m"), 120000);
    CHECK_EQ(dur("118.00m"), 7080000);
    CHECK_EQ(dur("1m2.5s"), 62500);
    CHECK_EQ(dur("2m0s"), 120000);
    CHECK_EQ(dur("1h2m3s"), 3723000);
    CHECK_EQ(dur("3m59.927115548s"), 239927.115548);
    CHECK_EQ(dur("1h"), 3600000);
    CHECK_EQ(dur("-nanus"), -2);
    CHECK_EQ(dur("12"), -3);  /* a bare number is not a duration */
    CHECK_EQ(dur("12x"), -3);
    CHECK_EQ(dur(""), -3);
    double ms;
    CHECK(units_duration_ms_bare("0.0003", 6, 3, &ms) == UNITS_OK && ms == 0.3);
    CHECK(units_duration_ms_bare("23275.72ms", 10, 3, &ms) == UNITS_OK && ms == 23275.72);

    /* sizes: k6 is SI, wrk binary, IEC always binary */
    CHECK_EQ(bytes("13 MB", 1000), 13000000);
    CHECK_EQ(bytes("190 kB", 1000), 190000);
    CHECK_EQ(bytes("0 B", 1000), 0);
    CHECK_EQ(bytes("101.72MB", 1024), 106661150.72); /* 10172 * 1048576 / 100 */
    CHECK_EQ(bytes("1.18KB", 1024), 1208.32);
    CHECK_EQ(bytes("0.00B", 1024), 0);
    CHECK_EQ(bytes("416.02 MiB", 1000), 436228587.52); /* 41602 * 1048576 / 100 */
    CHECK_EQ(bytes("30 B", 1000), 30);
    CHECK_EQ(bytes("1.2 TB", 1000), 1.2e12);
    CHECK_EQ(bytes("12 parsecs", 1000), -3);

    /* counts with SI suffixes, thousands separators */
    CHECK_EQ(count("34.24k"), 34240);
    CHECK_EQ(count("0.91M"), 910000);
    CHECK_EQ(count("487.51"), 487.51);
    CHECK_EQ(count("1,086,106,192"), 1086106192);
    CHECK_EQ(count("12q"), -3);
    CHECK_EQ(num("17,886,898.43", 1), 17886898.43);
    CHECK_EQ(num("1,453,431.8677", 1), 1453431.8677);
    CHECK_EQ(num("1,45", 1), -3);      /* not a thousands group */
    CHECK_EQ(num("1,086", 0), -3);     /* separators only when allowed */
    CHECK_EQ(num("484.821487", 0), 484.821487);
    CHECK_EQ(num("1.5e-05", 0), 0.000015);
    CHECK_EQ(num("-3", 0), -3);
    CHECK_EQ(num("9007199254740991", 0), 9007199254740991.0);

    /* percent and NaN */
    double v;
    CHECK(units_percent("71.74%", 6, &v) == UNITS_OK && v == 71.74);
    CHECK(units_percent("-nan%", 5, &v) == UNITS_NAN && isnan(v));
    CHECK(units_percent("71.74", 5, &v) == UNITS_BAD);
    CHECK(units_number("NaN", 3, 0, &v) == UNITS_NAN);

    /* shares outside 0..100 are not percentages */
    CHECK(units_percent("100.00%", 7, &v) == UNITS_OK && v == 100);
    CHECK(units_percent("-0.00%", 6, &v) == UNITS_OK && v == 0);
    CHECK(units_percent("150.00%", 7, &v) == UNITS_BAD);
    CHECK(units_percent("-5.00%", 6, &v) == UNITS_BAD);
    CHECK(units_percent("100.01%", 7, &v) == UNITS_BAD);
    CHECK(units_percent("inf%", 4, &v) == UNITS_BAD);
    CHECK(units_percent("1e400%", 6, &v) == UNITS_BAD);

    /* a value past a double is refused by every scanner, never Inf */
    CHECK(units_number("1e400", 5, 0, &v) == UNITS_BAD);
    CHECK(units_number("-1e400", 6, 0, &v) == UNITS_BAD);
    CHECK(units_number("inf", 3, 0, &v) == UNITS_BAD);
    CHECK_EQ(dur("1e400us"), -3);
    CHECK_EQ(dur("1e306h"), -3);     /* finite digits, infinite once scaled */
    CHECK_EQ(dur("1e308s1e308s"), -3); /* each part finite, the sum not */
    CHECK_EQ(bytes("1e400 MB", 1000), -3);
    CHECK_EQ(bytes("1e307GB", 1024), -3);
    CHECK_EQ(count("1e400k"), -3);
    CHECK_EQ(count("1e308G"), -3);
    CHECK_EQ(num("1e-400", 0), 0); /* underflow is a zero, a number still */

    /* counts are never negative */
    CHECK_EQ(count("-34.24k"), -3);
    CHECK_EQ(count("-0.00"), 0);
    CHECK_EQ(count("+12"), 12);

    /* whole counts within 64 bits */
    CHECK(units_whole("688132", 6, 0, &v) == UNITS_OK && v == 688132);
    CHECK(units_whole("1,086,106,192", 13, 1, &v) == UNITS_OK && v == 1086106192);
    CHECK(units_whole("1,086,106,192", 13, 0, &v) == UNITS_BAD);
    CHECK(units_whole("-0", 2, 0, &v) == UNITS_OK && v == 0 && !signbit(v));
    CHECK(units_whole("9223372036854774784", 19, 0, &v) == UNITS_OK && v == 9223372036854774784.0);
    CHECK(units_whole("9223372036854775808", 19, 0, &v) == UNITS_BAD); /* 2^63 */
    CHECK(units_whole("99999999999999999999999", 23, 0, &v) == UNITS_BAD);
    CHECK(units_whole("-5", 2, 0, &v) == UNITS_BAD);
    CHECK(units_whole("12.5", 4, 0, &v) == UNITS_BAD);
    CHECK(units_whole("1e3", 3, 0, &v) == UNITS_OK && v == 1000);
    CHECK(units_whole("NaN", 3, 0, &v) == UNITS_BAD);
    CHECK(units_whole("34x65", 5, 0, &v) == UNITS_BAD);

    /* a hundred digits is refused, not rounded into nonsense */
    char huge[160];
    memset(huge, '9', 150);
    huge[150] = '\0';
    CHECK(units_number(huge, 150, 0, &v) == UNITS_BAD);
    /* past 19 digits: read approximately */
    CHECK(units_number("123456789012345678901234", 24, 0, &v) == UNITS_OK && v > 1.2e23 && v < 1.3e23);

    /* shortest round-trip formatting */
    char buf[64];
    CHECK_STR(units_format(buf, sizeof buf, 1590), "1590");
    CHECK_STR(units_format(buf, sizeof buf, 0.234), "0.234");
    CHECK_STR(units_format(buf, sizeof buf, 484.821487), "484.821487");
    CHECK_STR(units_format(buf, sizeof buf, 1086106192), "1086106192");
    CHECK_STR(units_format(buf, sizeof buf, (double)NAN), "NaN");
    CHECK_STR(units_format(buf, sizeof buf, 1e-9), "1e-09");
    return check_failures ? 1 : 0;
}
