/* units.h - numbers with units, as load tools print them.
 *
 * Every scanner converts to one documented unit without floating-point
 * noise: the printed decimal is scaled as a decimal (1.59s -> 1590 ms,
 * 234.00us -> 0.234 ms, 13 MB -> 13000000 B) and only then rounded once to
 * the nearest double. The canonical units, used in the database too:
 *   time      milliseconds
 *   data      bytes
 *   rates     per second
 *   percent   0..100
 *
 * Scanners take a token (pointer and length, not NUL-terminated), return
 * UNITS_OK, UNITS_NAN (the tool printed nan/-nan/NaN: no value), or
 * UNITS_BAD (not this kind of token). They never read past len.
 *
 * A value is always finite: one that overflows a double ("1e400") is
 * UNITS_BAD, as is "inf" (not a number at all). Whether a NaN is
 * acceptable is the parser's call: tools print one for a statistic of
 * nothing (wrk's "-nan%" stdev share, hey's "NaN secs" average), never
 * for a count or a rate (see doc/formats/). */
#ifndef BENCHDB_UNITS_H
#define BENCHDB_UNITS_H

#include <stddef.h>

enum { UNITS_OK = 0, UNITS_NAN = 1, UNITS_BAD = -1 };

/* Plain number: optional sign, digits, optional fraction and exponent.
 * With allow_thousands, "1,086,106,192" and "1,453,431.8677" are read too
 * (groups of exactly three digits after the first comma). */
int units_number(const char *s, size_t n, int allow_thousands, double *out);

/* A number times 10^pow10 times mul, exactly rounded. `s` as above. */
int units_scaled(const char *s, size_t n, int allow_thousands, int pow10,
                 long long mul, double *out);

/* Duration in ms: ns, us, µs, μs, ms, s, m, h, and Go's compound form
 * ("1m2.5s", "2h0m0s", "1m30s"). A bare number is UNITS_BAD. */
int units_duration_ms(const char *s, size_t n, double *ms);

/* Duration with a default unit for bare numbers (hey and oha print
 * "0.0003 secs"; a k6 `--summary-time-unit` table prints bare numbers).
 * `bare_pow10` is the power of ten from the bare unit to ms (seconds: 3). */
int units_duration_ms_bare(const char *s, size_t n, int bare_pow10, double *ms);

/* Data size in bytes: B, kB/KB/K, MB/M, GB/G, TB, PB use `base` (1000 for
 * k6, 1024 for wrk); KiB, MiB, GiB, TiB are always 1024-based. Spaces
 * between number and unit are allowed ("13 MB"). */
int units_bytes(const char *s, size_t n, int base, double *bytes);

/* A count with an optional SI suffix k, M, G (base 1000, as wrk prints
 * Req/Sec "34.24k"), thousands separators allowed. A sign is UNITS_BAD:
 * a count is never negative. */
int units_count(const char *s, size_t n, double *out);

/* A count the database keeps as an integer: a whole number from 0 to
 * 2^63 - 1 ("688132", "-0"), thousands separators with allow_thousands.
 * NaN, a sign other than "-0", a fraction or more is UNITS_BAD. */
int units_whole(const char *s, size_t n, int allow_thousands, double *out);

/* "12.5%" -> 12.5; "-nan%" -> UNITS_NAN. The % sign is required; a share
 * outside 0..100 ("150%", "-5%") is UNITS_BAD. */
int units_percent(const char *s, size_t n, double *out);

/* Shortest text that reads back as exactly v ("1590", "0.234",
 * "484.821487"); "NaN" for NaN. Returns buf. */
char *units_format(char *buf, size_t size, double v);

#endif
