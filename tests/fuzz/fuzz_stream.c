/* fuzz_stream.c - the raw-data parsers (k6 --out json/csv), which read
 * their input in blocks; the first byte picks the parser and whether the
 * rest is fed as gzip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "input.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n = 0, nstream = 0;
    diag_set_quiet(1);
    if (size < 1)
        return 0;
    while (parsers[n])
        if (parsers[n++]->parse_stream)
            nstream++;
    if (!nstream)
        return 0;
    size_t want = data[0] % nstream, k = 0;
    const struct parser *p = NULL;
    for (size_t i = 0; i < n; i++)
        if (parsers[i]->parse_stream && k++ == want)
            p = parsers[i];
    /* fmemopen needs a writable buffer of at least one byte. */
    char *copy = malloc(size);
    memcpy(copy, data + 1, size - 1);
    FILE *fp = fmemopen(copy, size - 1 ? size - 1 : 1, "rb");
    if (!fp) {
        free(copy);
        return 0;
    }
    if (size == 1)
        fgetc(fp); /* an empty stream */
    struct input *in = input_from_stream(fp, "fuzz", 1);
    if (!in) {
        free(copy);
        return 0;
    }
    struct parse_result pr;
    parse_result_init(&pr);
    if (p->parse_stream(in, &pr) == 0)
        parse_check(&pr);
    parse_result_free(&pr);
    input_close(in);
    free(copy);
    return 0;
}
