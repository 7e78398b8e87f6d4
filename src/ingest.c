/* ingest.c - open, hash, detect, parse one file. */
#include "ingest.h"

#include <stdlib.h>
#include <string.h>

#include "input.h"

static int first_text_line(const struct text *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (!line_blank(&t->lines[i]))
            return t->lines[i].no;
    return 1;
}

/* --- outputs of other tools between the runs ------------------------------ *
 *
 * A file may hold outputs of several tools one after another (a shell
 * session, a blog post with a tool's output and a published table). The
 * format detected for the whole file reads its own outputs; every
 * stretch of lines none of its runs covers is then detected and read on
 * its own, and so on within what that leaves, until nothing more is
 * found. A stretch is never read again by a parser that has read it
 * already (a wrk output the wrk parser left out stays out), nor by a
 * raw-data parser. A stretch no parser claims, or in which the parser
 * finds nothing, is prose or logs: skipped. One whose parser fails at a
 * line (a table of something other than load, an output cut short) is
 * skipped too, with a note saying where and why, so that no output is
 * dropped without a word. The runs found are appended after
 * those of the format detected first, stretch by stretch in line order,
 * so the runs of a file stored before keep their numbers (seq). */

/* The fewest non-blank lines any format needs for a run: a text table's
 * header and one row. Shorter stretches are not looked at. */
#define GAP_MIN_LINES 2

/* Lines [lo, hi) of t (0-based) as a text of their own, numbered from 1
 * as parsers expect (some use a line's number as its index); the caller
 * adds lo back to the numbers the parser returns. Shares t's bytes. */
static void sub_text(const struct text *t, size_t lo, size_t hi, struct text *sub)
{
    memset(sub, 0, sizeof(*sub));
    sub->lines = xmalloc((hi - lo) * sizeof *sub->lines);
    for (size_t i = lo; i < hi; i++) {
        sub->lines[i - lo] = t->lines[i];
        sub->lines[i - lo].no = (int)(i - lo + 1);
    }
    sub->n = hi - lo;
}

static int worth_reading(const struct text *t, size_t lo, size_t hi)
{
    int n = 0;
    for (size_t i = lo; i < hi && n < GAP_MIN_LINES; i++)
        n += !line_blank(&t->lines[i]);
    return n >= GAP_MIN_LINES;
}

static void read_stretches(const struct text *t, size_t lo, size_t hi, size_t from, uint32_t skip,
                           struct parse_result *pr, struct buf *notes);

/* Detects and reads lines [lo, hi) of t with the parsers not in skip;
 * their runs are appended to pr, then what they leave is read too. */
static void read_stretch(const struct text *t, size_t lo, size_t hi, uint32_t skip,
                         struct parse_result *pr, struct buf *notes)
{
    struct text sub;
    struct parse_result got;
    sub_text(t, lo, hi, &sub);
    parse_result_init(&got);
    const struct parser *p = parser_detect_except(&sub, skip);
    if (p && parse_text(p, &sub, &got) == 0) {
        size_t from = pr->nruns;
        for (size_t i = 0; i < got.nruns; i++) {
            got.runs[i]->first_line += (int)lo;
            got.runs[i]->last_line += (int)lo;
            parse_emit(pr, got.runs[i]);
        }
        got.nruns = 0; /* the runs are pr's now */
        read_stretches(t, lo, hi, from, skip | parser_bit(p), pr, notes);
    } else if (p && got.err_line > 0) {
        /* a reason at a line; "nothing found" (no line) is prose, unsaid */
        buf_printf(notes, "%d: %s, not read: %s\n", got.err_line + (int)lo, p->name, got.err);
    }
    parse_result_free(&got);
    free(sub.lines);
}

/* Reads the stretches of lines [lo, hi) that runs pr->runs[from..] do
 * not cover. Costs one pass over the runs and one over the lines when
 * the runs cover everything worth reading. */
static void read_stretches(const struct text *t, size_t lo, size_t hi, size_t from, uint32_t skip,
                           struct parse_result *pr, struct buf *notes)
{
    size_t nruns = pr->nruns;
    char *covered = xcalloc(hi - lo + 1, 1);
    for (size_t i = from; i < nruns; i++) {
        const struct run *r = pr->runs[i];
        /* line numbers are 1-based: line k is t->lines[k - 1] */
        size_t a = r->first_line > 0 ? (size_t)r->first_line - 1 : 0;
        size_t b = r->last_line > 0 ? (size_t)r->last_line : 0;
        for (size_t k = a > lo ? a : lo; k < b && k < hi; k++)
            covered[k - lo] = 1;
    }
    for (size_t a = lo; a < hi;) {
        if (covered[a - lo]) {
            a++;
            continue;
        }
        size_t b = a;
        while (b < hi && !covered[b - lo])
            b++;
        if (worth_reading(t, a, b))
            read_stretch(t, a, b, skip, pr, notes);
        a = b;
    }
    free(covered);
}

/* Raw-data parsers never read a stretch: their data is a file's whole. */
static uint32_t stream_only_parsers(void)
{
    uint32_t skip = 0;
    for (size_t i = 0; parsers[i]; i++)
        if (!parsers[i]->parse)
            skip |= parser_bit(parsers[i]);
    return skip;
}

/* Detects (unless p is given) and parses the text held in ing->data.
 * 0, or -1 with ing->pr.err and a line number set. */
static int parse_kept(struct ingest *ing, const struct parser *p)
{
    struct text text;
    int rc = -1, detect = !p;
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
    if (detect)
        read_stretches(&text, 0, text.n, 0, stream_only_parsers() | parser_bit(p), &ing->pr,
                       &ing->skipped);
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
    buf_free(&ing->skipped);
    memset(ing, 0, sizeof(*ing));
}
