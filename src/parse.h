/* parse.h - parser interface, registry, detection, and the cleaned text
 * every text parser reads.
 *
 * Parsers are pure: bytes in, runs out. No SQL, no printing, no exit.
 * A text parser gets the whole output as cleaned lines (struct text) and
 * appends one run per output it finds to a parse_result; on bad input it
 * fails with a line number and a reason (parse_fail). A raw-data parser
 * (k6 --out json/csv, gigabytes) sets parse_stream instead and reads its
 * input in blocks, never holding it whole.
 *
 * Ownership: a parse_result owns its runs until parse_result_take(). */
#ifndef BENCHDB_PARSE_H
#define BENCHDB_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "run.h"

/* One line after cleaning: ANSI escapes removed, CR/LF handled (a
 * terminal's \r-redrawn progress line keeps its last state), docker
 * compose prefixes ("k6_1    | ") and markdown quote marks ("> ")
 * removed, trailing blanks removed, a leading BOM dropped. `s` is
 * NUL-terminated; `no` is the 1-based line number in the original. */
struct line {
    const char *s;
    size_t n;
    int no;
};

struct text {
    struct line *lines;
    size_t n;
    char *store;   /* owns the cleaned bytes */
    int has_nul;   /* the input held NUL bytes: not a text output */
};

void text_split(struct text *t, const char *buf, size_t len);
void text_free(struct text *t);

/* Whitespace-separated token of a line. */
struct tok {
    const char *s;
    size_t n;
};

/* Splits s[0..n) on spaces and tabs into at most max tokens; returns the
 * number of tokens found (which may exceed max: only max are stored). */
size_t tok_split(const char *s, size_t n, struct tok *toks, size_t max);
int tok_eq(struct tok t, const char *lit);

/* Small helpers over a line's bytes. */
const char *str_skip_blank(const char *s);      /* past spaces and tabs */
int str_starts(const char *s, const char *prefix);
int line_blank(const struct line *l);
/* Position of `needle` in line, or NULL. */
const char *line_find(const struct line *l, const char *needle);

struct parse_result {
    struct run **runs;
    size_t nruns, capruns;
    int err_line;      /* 0 when no line applies */
    char err[512];     /* empty when the parse succeeded */
};

void parse_result_init(struct parse_result *pr);
void parse_result_free(struct parse_result *pr);
/* Appends r (ownership moves to pr). */
void parse_emit(struct parse_result *pr, struct run *r);
/* Records the first error; returns -1 for `return parse_fail(...)`. */
int parse_fail(struct parse_result *pr, int line, const char *fmt, ...) BENCHDB_PRINTF(3, 4);

/* A stream of input bytes for raw-data parsers; gzip is undone below. */
struct input;
/* Reads up to n bytes; returns bytes read, 0 at end, -1 on error (errno). */
long input_read(struct input *in, char *buf, size_t n);

struct parser {
    const char *name;    /* --format name, e.g. "k6-text" */
    const char *tool;    /* the load tool: "k6" */
    const char *summary; /* one line for `benchdb help formats` */
    /* Confidence 0..100 that `t` (or its first block) is this format. */
    int (*sniff)(const struct text *t);
    /* The highest confidence sniff ever returns, or 0 for "up to 100":
     * detection does not ask a parser that could not beat the best so far. */
    int sniff_max;
    /* Text parsers: parse the whole cleaned text. 0, or -1 via parse_fail. */
    int (*parse)(const struct text *t, struct parse_result *pr);
    /* Raw-data parsers: read the stream in blocks. 0, or -1 via parse_fail. */
    int (*parse_stream)(struct input *in, struct parse_result *pr);
};

/* NULL-terminated table of every parser. */
extern const struct parser *const parsers[];

/* Runs a text parser and checks what it found: at least one run, each
 * with its request count or rate (an output with neither is refused).
 * 0, or -1 with pr->err and pr->err_line set. */
int parse_text(const struct parser *p, const struct text *t, struct parse_result *pr);
/* The check alone, for stream parsers. */
int parse_check(struct parse_result *pr);

const struct parser *parser_find(const char *name);
/* The best-scoring parser for t, or NULL when none recognises it. */
const struct parser *parser_detect(const struct text *t);
/* The same among the parsers whose bit (parser_bit) is not in `skip`. */
const struct parser *parser_detect_except(const struct text *t, uint32_t skip);
/* p's bit for parser_detect_except: 1 << its index in parsers[]. */
uint32_t parser_bit(const struct parser *p);
/* The raw-data (stream) parser that claims t, the first block of a file,
 * with confidence of at least 50, or NULL: then the file is text. */
const struct parser *parser_detect_stream(const struct text *t);
/* "k6-text, k6-json, wrk, ..." for error messages. */
const char *parser_names(void);

#endif
