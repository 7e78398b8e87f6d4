/* standalone.c - replays inputs through a harness without libFuzzer:
 * `fuzz_X FILE...` runs each file once. ctest uses it on the regression
 * fixtures of each harness, so what fuzzing found stays fixed. */
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "fuzz.h"

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        if (!fp) {
            perror(argv[i]);
            return 2;
        }
        struct buf b = BUF_INIT;
        if (buf_read_stream(&b, fp) < 0) {
            perror(argv[i]);
            fclose(fp);
            return 2;
        }
        fclose(fp);
        LLVMFuzzerTestOneInput((const uint8_t *)(b.data ? b.data : ""), b.len);
        buf_free(&b);
    }
    return 0;
}
