/* fuzz_template.c - deck templates (JSON) as `report --template FILE`
 * loads them: any text must be refused with a message or give a template
 * whose every label and slide can be read. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz.h"
#include "template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    diag_set_quiet(1);
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/benchdb-fuzz-template-%ld.json", (long)getpid());
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return 0;
    fwrite(data, 1, size, fp);
    fclose(fp);
    /* The template loader prints why it refuses: keep stderr quiet. */
    FILE *saved = stderr;
    FILE *null = fopen("/dev/null", "w");
    if (null)
        stderr = null;
    struct template *t = NULL;
    if (template_load(path, &t) == 0) {
        for (size_t i = 0; i < t->nslides; i++)
            (void)t->slides[i].title;
        (void)template_label(t, "failed");
        template_free(t);
    }
    if (null) {
        stderr = saved;
        fclose(null);
    }
    unlink(path);
    return 0;
}
