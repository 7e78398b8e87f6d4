/* parse_testlib.h - helpers for the parser unit tests (unit_wrk2.c,
 * unit_hey.c, unit_oha.c, unit_sniff_claims.c): CHECK, parsing a string
 * with a named parser, reading a fixture, running a parser over every
 * prefix of an input. Header-only (static inline) so each test stays one
 * executable. */
#ifndef BENCHDB_PARSE_TESTLIB_H
#define BENCHDB_PARSE_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse.h"

static int test_failures;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);      \
            test_failures++;                                                              \
        }                                                                                 \
    } while (0)

/* Parses s with parser `name`. With `checked`, as import does
 * (parse_text: a run needs requests or rps); without, the bare parser. */
static inline int test_parse(const char *name, const char *s, size_t n, int checked,
                             struct parse_result *pr)
{
    const struct parser *p = parser_find(name);
    struct text t;
    int rc;
    parse_result_init(pr);
    if (!p) {
        fprintf(stderr, "no parser %s\n", name);
        test_failures++;
        return -1;
    }
    text_split(&t, s, n);
    rc = checked ? parse_text(p, &t, pr) : p->parse(&t, pr);
    text_free(&t);
    return rc;
}

static inline int test_parse_str(const char *name, const char *s, int checked,
                                 struct parse_result *pr)
{
    return test_parse(name, s, strlen(s), checked, pr);
}

/* tests/fixtures/<rel>, found beside this source file; NULL (and a
 * failure) when it cannot be read. */
static inline char *test_fixture(const char *rel, size_t *len)
{
    struct buf path = BUF_INIT, b = BUF_INIT;
    const char *slash = strrchr(__FILE__, '/');
    buf_add(&path, __FILE__, slash ? (size_t)(slash - __FILE__) : 0);
    buf_printf(&path, "%sfixtures/%s", slash ? "/" : "", rel);
    FILE *fp = fopen(buf_str(&path), "rb");
    if (!fp || buf_read_stream(&b, fp) < 0) {
        fprintf(stderr, "cannot read fixture %s\n", buf_str(&path));
        test_failures++;
        if (fp)
            fclose(fp);
        buf_free(&path);
        buf_free(&b);
        return NULL;
    }
    fclose(fp);
    buf_free(&path);
    return buf_detach(&b, len);
}

/* Runs parser `name` over every prefix of s cut at each line end, and
 * over every byte prefix when s is short: nothing may crash or leak,
 * and a refusal must name a line inside the input. */
static inline void test_prefixes(const char *name, const char *s, size_t n)
{
    size_t lines = 1;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    for (size_t i = 0; i <= n; i++) {
        if (n > 4096 && i < n && s[i] != '\n')
            continue;
        struct parse_result pr;
        if (test_parse(name, s, i, 1, &pr) < 0)
            CHECK(pr.err[0] && pr.err_line >= 0 && (size_t)pr.err_line <= lines);
        parse_result_free(&pr);
    }
}

/* Value of a figure, NaN when absent. */
static inline double test_fig(const struct run *r, const char *metric, const char *stat)
{
    const struct run_figure *f = run_figure_get(r, metric, stat);
    return f ? f->value : RUN_NA;
}

static inline int test_done(const char *name)
{
    if (test_failures)
        fprintf(stderr, "%s: %d check(s) failed\n", name, test_failures);
    return test_failures != 0;
}

#endif
