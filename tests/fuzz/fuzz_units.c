/* fuzz_units.c - every unit scanner on any token: they must never read
 * past the token nor crash, and what they accept must format back. */
#include <math.h>

#include "fuzz.h"
#include "units.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    double v;
    char buf[64];
    if (units_duration_ms(s, size, &v) == UNITS_OK)
        units_format(buf, sizeof buf, v);
    if (units_duration_ms_bare(s, size, 3, &v) == UNITS_OK)
        units_format(buf, sizeof buf, v);
    if (units_bytes(s, size, 1000, &v) == UNITS_OK)
        units_format(buf, sizeof buf, v);
    if (units_bytes(s, size, 1024, &v) == UNITS_OK)
        units_format(buf, sizeof buf, v);
    if (units_count(s, size, &v) == UNITS_OK)
        units_format(buf, sizeof buf, v);
    if (units_percent(s, size, &v) == UNITS_OK)
        units_format(buf, sizeof buf, v);
    if (units_number(s, size, 1, &v) == UNITS_OK)
        units_format(buf, sizeof buf, v);
    return 0;
}
