/* fuzz_detect.c - format detection and whichever parser it picks, exactly
 * as import reads a text output (ingest_buffer). */
#include "diag.h"
#include "fuzz.h"
#include "ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ingest ing;
    diag_set_quiet(1);
    ingest_buffer((const char *)data, size, NULL, &ing);
    ingest_free(&ing);
    return 0;
}
