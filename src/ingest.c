/* ingest.c - open, hash, detect, parse one file. */
#include "ingest.h"

#include <string.h>

#include "input.h"

static int first_text_line(const struct text *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (!line_blank(&t->lines[i]))
            return t->lines[i].no;
    return 1;
}

/* Detects (unless p is given) and parses the text held in ing->data.
 * 0, or -1 with ing->pr.err and a line number set. */
static int parse_kept(struct ingest *ing, const struct parser *p)
{
    struct text text;
    int rc = -1;
    text_split(&text, ing->data.data, ing->data.len);
    if (!p)
        p = parser_detect(&text);
    if (!p) {
        parse_fail(&ing->pr, first_text_line(&text), "%s (formats benchdb knows: %s)",
                   text.has_nul ? "binary data, not a load-tool output"
                                : "not a load-tool output benchdb recognises",
                   parser_names());
        goto out;
    }
    ing->parser = p;
    if (parse_text(p, &text, &ing->pr) < 0) {
        if (ing->pr.err_line <= 0)
            ing->pr.err_line = first_text_line(&text);
        goto out;
    }
    rc = 0;
out:
    text_free(&text);
    return rc;
}

int ingest_buffer(const char *data, size_t len, const char *format, struct ingest *ing)
{
    memset(ing, 0, sizeof(*ing));
    parse_result_init(&ing->pr);
    buf_add(&ing->data, data, len);
    ing->kept = 1;
    ing->raw_bytes = len;
    sha256_hex(data, len, ing->sha256);
    const struct parser *p = format ? parser_find(format) : NULL;
    if (p && !p->parse) {
        parse_fail(&ing->pr, 1, "%s is read from a file, not from memory", p->name);
        return -1;
    }
    return parse_kept(ing, p);
}

int ingest_file(const char *path, const char *format, ingest_known_fn known, void *arg,
                struct ingest *ing)
{
    struct input *in;
    int rc = -1;

    memset(ing, 0, sizeof(*ing));
    parse_result_init(&ing->pr);
    in = input_open(path);
    if (!in)
        return -1;
    const struct parser *p = format ? parser_find(format) : NULL;
    if (!p) {
        /* Raw point data is recognised on its first block and streamed. */
        size_t got;
        const char *head = input_head(in, 1 << 16, &got);
        struct text ht;
        text_split(&ht, head, got);
        p = parser_detect_stream(&ht);
        text_free(&ht);
    }
    if (p && p->parse_stream) {
        ing->parser = p;
        int prc = p->parse_stream(in, &ing->pr);
        if (prc < 0 && !ing->pr.err[0])
            goto out; /* a read error, printed */
        if (prc < 0 || parse_check(&ing->pr) < 0) {
            if (ing->pr.err_line <= 0)
                ing->pr.err_line = 1;
            goto out;
        }
        input_sha256(in, ing->sha256);
        rc = 0;
        goto out;
    }
    if (input_slurp(in, &ing->data) < 0)
        goto out;
    ing->kept = 1;
    input_sha256(in, ing->sha256);
    if (known && known(ing->sha256, arg)) {
        ing->duplicate = 1;
        rc = 0;
        goto out;
    }
    if (parse_kept(ing, p) < 0)
        goto out;
    rc = 0;
out:
    ing->raw_bytes = input_raw_bytes(in);
    ing->gzipped = input_gzipped(in);
    input_close(in);
    return rc;
}

void ingest_free(struct ingest *ing)
{
    parse_result_free(&ing->pr);
    buf_free(&ing->data);
    memset(ing, 0, sizeof(*ing));
}
