/* parse.c - cleaned text, tokens, parse results, the parser registry and
 * format detection. */
#include "parse.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "units.h"

/* --- cleaning -------------------------------------------------------- */

/* Length of an ANSI escape sequence starting at s[0] == ESC. */
static size_t ansi_len(const char *s, size_t n)
{
    if (n < 2)
        return 1;
    if (s[1] == '[') { /* CSI: parameters then one final byte @..~ */
        size_t i = 2;
        while (i < n && ((unsigned char)s[i] < 0x40 || (unsigned char)s[i] > 0x7e))
            i++;
        return i < n ? i + 1 : n;
    }
    if (s[1] == ']') { /* OSC: up to BEL or ESC \ */
        size_t i = 2;
        while (i < n && s[i] != '\a' && !(s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\'))
            i++;
        if (i < n && s[i] == '\a')
            return i + 1;
        return i + 1 < n ? i + 2 : n;
    }
    return 2; /* two-byte escape */
}

/* docker compose prefixes a service's lines with "name_1    | " (v1) or
 * "name-1  | " (v2): a name ending in a replica number, blanks, a bar. */
static size_t compose_prefix_len(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')) || s[i] == '_' || s[i] == '-' || s[i] == '.'))
        i++;
    if (i < 3)
        return 0;
    size_t d = i;
    while (d > 0 && s[d - 1] >= '0' && s[d - 1] <= '9')
        d--;
    if (d == i || d < 2 || (s[d - 1] != '_' && s[d - 1] != '-'))
        return 0;
    size_t j = i;
    while (j < n && s[j] == ' ')
        j++;
    if (j == i || j >= n || s[j] != '|')
        return 0;
    j++;
    if (j < n && s[j] == ' ')
        j++;
    return j;
}

/* Markdown quote marks: "> text" or ">\ttext" or a lone ">", taken off
 * the start of the NUL-terminated line s of n bytes; the new length. */
static size_t unquote(char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k] == '>' && (k + 1 == n || s[k + 1] == ' ' || s[k + 1] == '\t'))
        k += k + 1 == n ? 1 : 2;
    if (k)
        memmove(s, s + k, n - k + 1);
    return n - k;
}

/* Cleans one raw line into out; returns the cleaned length. A docker
 * compose prefix is not taken out here but measured into *compose: only
 * a prefix whose name stands on another line too is one (text_split). */
static size_t clean_line(const char *s, size_t n, char *out, size_t *compose)
{
    /* A terminal redraws progress lines with \r: keep what was last drawn,
     * i.e. the text after the last \r that is followed by something. */
    size_t start = 0, o = 0;
    if (!memchr(s, '\r', n) && !memchr(s, 0x1b, n)) {
        memcpy(out, s, n); /* most lines: nothing to take out */
        o = n;
    } else {
        for (size_t i = 0; i < n; i++)
            if (s[i] == '\r' && i + 1 < n)
                start = i + 1;
        for (size_t i = start; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c == 0x1b) {
                i += ansi_len(s + i, n - i) - 1;
                continue;
            }
            if (c == '\r')
                continue;
            out[o++] = (char)c;
        }
    }
    *compose = compose_prefix_len(out, o);
    while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\t'))
        o--;
    if (*compose > o)
        *compose = o;
    out[o] = '\0';
    return *compose ? o : unquote(out, o);
}

struct compose_name {
    const char *s; /* a compose prefix's service name: up to its blanks */
    size_t n;
    size_t line;
};

static int cmp_compose(const void *a, const void *b)
{
    const struct compose_name *x = a, *y = b;
    int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);
    if (c)
        return c;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    return x->line < y->line ? -1 : 1;
}

/* Takes out the compose prefixes (prefix[i]: line i's length, 0: none) of
 * the service names that stand on two lines or more: docker compose
 * prints a service's every line so, while a table row without a leading
 * bar whose first cell happens to end in "_1" or "-1" ("app-1 | 1200")
 * names its own row once and keeps the cell. */
static void strip_compose(struct text *t, const size_t *prefix)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++)
        n += prefix[i] != 0;
    struct compose_name *c = xmalloc(n * sizeof *c);
    n = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (!prefix[i])
            continue;
        const struct line *l = &t->lines[i];
        size_t k = 0;
        while (k < l->n && l->s[k] != ' ')
            k++;
        c[n++] = (struct compose_name){l->s, k, i};
    }
    qsort(c, n, sizeof *c, cmp_compose);
    for (size_t g = 0, e; g < n; g = e) {
        for (e = g + 1; e < n; e++)
            if (c[e].n != c[g].n || memcmp(c[e].s, c[g].s, c[g].n) != 0)
                break;
        if (e - g < 2)
            continue;
        for (size_t k = g; k < e; k++) {
            struct line *l = &t->lines[c[k].line];
            size_t skip = prefix[c[k].line];
            char *p = t->store + (l->s - t->store); /* the line, writable */
            memmove(p, p + skip, l->n - skip + 1);
            l->n = unquote(p, l->n - skip);
        }
    }
    free(c);
}

void text_split(struct text *t, const char *buf, size_t len)
{
    memset(t, 0, sizeof(*t));
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    if (memchr(buf, '\0', len))
        t->has_nul = 1;
    /* A file with \r but no \n (classic Mac, or a raw terminal capture of
     * one redrawn line) is split on \r instead. */
    char sep = '\n';
    if (!memchr(buf, '\n', len) && memchr(buf, '\r', len))
        sep = '\r';
    size_t nlines = 1;
    for (const char *p = buf, *end = buf + len; (p = memchr(p, sep, (size_t)(end - p))) != NULL; p++)
        nlines++;
    t->lines = xcalloc(nlines, sizeof(struct line));
    t->store = xmalloc(len + nlines + 1);
    size_t o = 0, pos = 0, *prefix = NULL;
    int no = 0;
    while (pos < len || (pos == len && no == 0 && len == 0)) {
        const char *nl = memchr(buf + pos, sep, len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len;
        no++;
        size_t compose;
        size_t cl = clean_line(buf + pos, end - pos, t->store + o, &compose);
        if (compose) {
            if (!prefix)
                prefix = xcalloc(nlines, sizeof *prefix);
            prefix[t->n] = compose;
        }
        t->lines[t->n].s = t->store + o;
        t->lines[t->n].n = cl;
        t->lines[t->n].no = no;
        t->n++;
        o += cl + 1;
        if (!nl)
            break;
        pos = end + 1;
        if (pos == len)
            break; /* a final newline ends the last line; it starts none */
    }
    if (prefix)
        strip_compose(t, prefix);
    free(prefix);
}

void text_free(struct text *t)
{
    free(t->lines);
    free(t->store);
    memset(t, 0, sizeof(*t));
}

/* --- tokens and helpers ---------------------------------------------- */

size_t tok_split(const char *s, size_t n, struct tok *toks, size_t max)
{
    size_t count = 0, i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= n)
            break;
        size_t st = i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        if (count < max) {
            toks[count].s = s + st;
            toks[count].n = i - st;
        }
        count++;
    }
    return count;
}

int tok_eq(struct tok t, const char *lit)
{
    size_t l = strlen(lit);
    return t.n == l && memcmp(t.s, lit, l) == 0;
}

const char *str_skip_blank(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

int str_starts(const char *s, const char *prefix)
{
    /* Called for every line by every sniffer: most lines differ at the
     * first byte, so compare as we go rather than measure the prefix. */
    while (*prefix)
        if (*s++ != *prefix++)
            return 0;
    return 1;
}

int line_blank(const struct line *l)
{
    return *str_skip_blank(l->s) == '\0';
}

const char *line_find(const struct line *l, const char *needle)
{
    return strstr(l->s, needle);
}

/* --- results ----------------------------------------------------------- */

void parse_result_init(struct parse_result *pr)
{
    memset(pr, 0, sizeof(*pr));
}

void parse_result_free(struct parse_result *pr)
{
    for (size_t i = 0; i < pr->nruns; i++)
        run_free(pr->runs[i]);
    free(pr->runs);
    memset(pr, 0, sizeof(*pr));
}

void parse_emit(struct parse_result *pr, struct run *r)
{
    ARRAY_GROW(pr->runs, pr->nruns, pr->capruns);
    pr->runs[pr->nruns++] = r;
}

int parse_fail(struct parse_result *pr, int line, const char *fmt, ...)
{
    if (pr->err[0])
        return -1; /* keep the first reason */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pr->err, sizeof(pr->err), fmt, ap);
    va_end(ap);
    pr->err_line = line;
    return -1;
}

/* A count the database keeps as an integer: absent, or whole and within
 * 64 bits. */
static int count_ok(double v)
{
    return !run_has(v) || (fabs(v) < 9.2e18 && v == floor(v));
}

/* The first count of r that could not be a count, or NULL. */
static const char *bad_count(const struct run *r, double *value)
{
    const struct { const char *name; double v; } heads[] = {
        {"requests", r->requests},     {"failed requests", r->failed_requests},
        {"iterations", r->iterations}, {"vus", r->vus},
        {"vus_max", r->vus_max},       {"threads", r->threads},
        {"connections", r->connections}, {"non-2xx responses", r->non2xx},
        {"checks passed", r->checks_passed}, {"checks failed", r->checks_failed},
    };
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (!count_ok(heads[i].v))
            return *value = heads[i].v, heads[i].name;
    for (size_t i = 0; i < r->ncounts; i++)
        if (!count_ok(r->counts[i].count))
            return *value = r->counts[i].count, "a counted row";
    for (size_t i = 0; i < r->nbuckets; i++)
        if (!count_ok(r->buckets[i].count))
            return *value = r->buckets[i].count, "a histogram bucket";
    return NULL;
}

int parse_check(struct parse_result *pr)
{
    if (pr->err[0])
        return -1;
    if (pr->nruns == 0)
        return parse_fail(pr, 0, "no complete load-test output found");
    for (size_t i = 0; i < pr->nruns; i++) {
        const struct run *r = pr->runs[i];
        double v;
        const char *what;
        if (r->conflict)
            return parse_fail(pr, r->first_line, "%s", r->conflict);
        if ((what = bad_count(r, &v)) != NULL) {
            char tmp[64];
            return parse_fail(pr, r->first_line, "%s %s is not a whole number within 64 bits",
                              what, units_format(tmp, sizeof tmp, v));
        }
        if (!run_has(r->requests) && !run_has(r->rps))
            return parse_fail(pr, r->first_line,
                              "%s output without a request count or a request rate",
                              r->tool ? r->tool : "load-tool");
    }
    return 0;
}

int parse_text(const struct parser *p, const struct text *t, struct parse_result *pr)
{
    if (!p->parse)
        return parse_fail(pr, 1, "%s is raw point data, read from its file as it streams, not as text",
                          p->name);
    if (p->parse(t, pr) < 0) {
        if (!pr->err[0])
            parse_fail(pr, 0, "%s: cannot read this output", p->name);
        return -1;
    }
    return parse_check(pr);
}

/* --- registry ---------------------------------------------------------- */

extern const struct parser parser_wrk;
extern const struct parser parser_wrk2;
extern const struct parser parser_hey;
extern const struct parser parser_oha;
extern const struct parser parser_oha_json;
extern const struct parser parser_k6_text;
extern const struct parser parser_k6_json;
extern const struct parser parser_k6_ndjson;
extern const struct parser parser_k6_csv;
extern const struct parser parser_ab;
extern const struct parser parser_h2load;
extern const struct parser parser_bombardier;
extern const struct parser parser_bombardier_json;
extern const struct parser parser_vegeta;
extern const struct parser parser_vegeta_json;
extern const struct parser parser_autocannon;
extern const struct parser parser_autocannon_json;
extern const struct parser parser_table_markdown;
extern const struct parser parser_table_csv;
extern const struct parser parser_table_text;

const struct parser *const parsers[] = {
    &parser_wrk,
    &parser_wrk2,
    &parser_hey,
    &parser_oha,
    &parser_oha_json,
    &parser_k6_text,
    &parser_k6_json,
    &parser_k6_ndjson,
    &parser_k6_csv,
    &parser_ab,
    &parser_h2load,
    &parser_bombardier,
    &parser_bombardier_json,
    &parser_vegeta,
    &parser_vegeta_json,
    &parser_autocannon,
    &parser_autocannon_json,
    &parser_table_markdown,
    &parser_table_csv,
    &parser_table_text,
    NULL,
};

const struct parser *parser_find(const char *name)
{
    for (size_t i = 0; parsers[i]; i++)
        if (strcmp(parsers[i]->name, name) == 0)
            return parsers[i];
    return NULL;
}

/* parser_bit() gives each parser one bit of a uint32_t. */
_Static_assert(sizeof parsers / sizeof parsers[0] - 1 <= 32, "more parsers than bits");

uint32_t parser_bit(const struct parser *p)
{
    for (size_t i = 0; parsers[i]; i++)
        if (parsers[i] == p)
            return (uint32_t)1 << i;
    return 0;
}

const struct parser *parser_detect(const struct text *t)
{
    return parser_detect_except(t, 0);
}

const struct parser *parser_detect_except(const struct text *t, uint32_t skip)
{
    const struct parser *best = NULL;
    int best_score = 0;
    if (t->has_nul)
        return NULL;
    for (size_t i = 0; parsers[i]; i++) {
        /* Ties go to the earlier parser: one that could at best tie is
         * not asked. */
        if (!parsers[i]->sniff || (parsers[i]->sniff_max && parsers[i]->sniff_max <= best_score) ||
            (skip & ((uint32_t)1 << i)))
            continue;
        int s = parsers[i]->sniff(t);
        if (s > best_score) {
            best_score = s;
            best = parsers[i];
        }
    }
    return best;
}

const struct parser *parser_detect_stream(const struct text *t)
{
    const struct parser *best = NULL;
    int best_score = 49; /* raw data is recognised by its own plain marks */
    if (t->has_nul)
        return NULL;
    for (size_t i = 0; parsers[i]; i++) {
        if (!parsers[i]->parse_stream || !parsers[i]->sniff)
            continue;
        int s = parsers[i]->sniff(t);
        if (s > best_score) {
            best_score = s;
            best = parsers[i];
        }
    }
    return best;
}

const char *parser_names(void)
{
    static char names[1024];
    if (!names[0]) {
        size_t o = 0;
        for (size_t i = 0; parsers[i]; i++)
            o += (size_t)snprintf(names + o, sizeof(names) - o, "%s%s", i ? ", " : "",
                                  parsers[i]->name);
    }
    return names;
}
