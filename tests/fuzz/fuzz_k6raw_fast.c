/* fuzz_k6raw_fast.c - k6 raw's one-pass reader of Point lines against its
 * general scan, on any input: the input read as k6-ndjson, and again with
 * a space before every line (which the one-pass reader never takes, and
 * JSON allows), must give the same run or the same refusal. A difference
 * aborts. Gzipped inputs are left out (the spaces would land in the
 * compressed bytes). unit_k6raw_fast checks the same on chosen inputs;
 * under ctest this replays every fixture. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fuzz.h"
#include "input.h"
#include "parse.h"
#include "run.h"

/* The run's dump or the refusal, into out. */
static void read_dump(const struct parser *p, const char *data, size_t len, struct buf *out)
{
    struct parse_result pr;
    char *copy = xmalloc(len ? len : 1); /* fmemopen's buffer is not const */
    char *dump = NULL;
    size_t dlen = 0;

    parse_result_init(&pr);
    memcpy(copy, data, len);
    FILE *fp = fmemopen(copy, len ? len : 1, "rb");
    if (!fp)
        abort();
    if (!len)
        fgetc(fp); /* an empty stream */
    struct input *in = input_from_stream(fp, "fuzz", 1);
    if (!in)
        abort();
    int rc = p->parse_stream(in, &pr);
    input_close(in);
    if (rc == 0)
        rc = parse_check(&pr);
    if (rc < 0) {
        buf_printf(out, "refused at line %d: %s\n", pr.err_line, pr.err);
    } else {
        FILE *ms = open_memstream(&dump, &dlen);
        if (!ms)
            abort();
        for (size_t i = 0; i < pr.nruns; i++)
            run_dump(ms, pr.runs[i]);
        fclose(ms);
        buf_add(out, dump, dlen);
    }
    free(dump);
    free(copy);
    parse_result_free(&pr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct parser *p = parser_find("k6-ndjson");
    struct buf spaced = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
    diag_set_quiet(1);
    if (!p)
        abort();
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
        return 0; /* gzip: spaces would not be spaces in the text */
    /* After a byte order mark, which is read only at the very start. */
    size_t bom = size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    buf_add(&spaced, data, bom);
    for (size_t i = bom; i < size; i++) {
        if (i == bom || data[i - 1] == '\n')
            buf_addc(&spaced, ' ');
        buf_addc(&spaced, (char)data[i]);
    }
    read_dump(p, (const char *)data, size, &a);
    read_dump(p, spaced.data ? spaced.data : "", spaced.len, &b);
    if (a.len != b.len || memcmp(buf_str(&a), buf_str(&b), a.len) != 0) {
        fprintf(stderr, "one pass:\n%s\ngeneral scan:\n%s\n", buf_str(&a), buf_str(&b));
        abort();
    }
    buf_free(&spaced);
    buf_free(&a);
    buf_free(&b);
    return 0;
}
