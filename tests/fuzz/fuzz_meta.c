/* fuzz_meta.c - metadata files (JSON) as import reads them. */
#include <stdlib.h>

#include "diag.h"
#include "fuzz.h"
#include "meta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct meta m;
    diag_set_quiet(1);
    meta_init(&m);
    meta_load_json(&m, "fuzz.meta.json", (const char *)data, size);
    char *id = NULL;
    meta_host_identity(&m.host, &id);
    free(id);
    meta_stack_identity(&m.stack, &id);
    free(id);
    meta_free(&m);
    return 0;
}
