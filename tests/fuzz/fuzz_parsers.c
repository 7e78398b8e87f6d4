/* fuzz_parsers.c - every text parser on any input: the first byte picks
 * the parser, the rest is the output. So each parser meets inputs its own
 * detection would never let through. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t nparsers = 0, ntext = 0;
    diag_set_quiet(1);
    if (size < 1)
        return 0;
    while (parsers[nparsers])
        if (parsers[nparsers++]->parse)
            ntext++;
    size_t want = data[0] % ntext, k = 0;
    const struct parser *p = NULL;
    for (size_t i = 0; i < nparsers; i++)
        if (parsers[i]->parse && k++ == want)
            p = parsers[i];
    struct text t;
    struct parse_result pr;
    text_split(&t, (const char *)data + 1, size - 1);
    parse_result_init(&pr);
    parse_text(p, &t, &pr);
    /* Whatever a parser returns must be a well-formed run. */
    for (size_t i = 0; i < pr.nruns; i++) {
        char *dump = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&dump, &len);
        if (mem) {
            run_dump(mem, pr.runs[i]);
            fclose(mem);
        }
        free(dump);
    }
    parse_result_free(&pr);
    text_free(&t);
    return 0;
}
