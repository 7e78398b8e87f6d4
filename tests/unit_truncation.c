/* unit_truncation.c - outputs cut short.
 *
 * Text outputs: for a real output of every text format, every prefix that
 * ends at a line boundary is imported as `benchdb import` would (format
 * detected). It must be refused, or give runs marked incomplete that hold
 * only figures the full output holds too, with the same values; a run not
 * marked incomplete must hold exactly the full output's figures (a prefix
 * that still holds all of an output may give it complete). A file of
 * several outputs is compared run by run: run i of a prefix with run i of
 * the whole file. A few real outputs are also changed to show rules the
 * corpus has no example of (variants[]: two status codes in hey's output,
 * ab -d); those must also come out whole when whole.
 *
 * k6 raw data (--out json / --out csv), read as a stream as import reads
 * it. Such a file has no end mark: k6 writes one whole line per point and
 * nothing after the last. A file cut at a line boundary is therefore the
 * file of a shorter test: every point in it is whole, and its figures are
 * exactly what a test that stopped there measured. That is not "a figure
 * that differs" from the full output's; it is stored as a complete run. What
 * is checked for such a prefix: it is refused (no point yet) or gives one
 * run not marked incomplete, whose figures are those of a shorter test
 * (no count above the full file's, no min below and no max above). A file
 * cut inside a line (k6 killed while writing it) can be told: every such
 * prefix must be refused, or marked incomplete with the figures of the
 * whole lines before the cut (the cut line dropped), or of those and the
 * cut line where its point was read whole before the cut. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "ingest.h"
#include "input.h"

/* Real outputs (tests/fixtures/<tool>/SOURCES.md says where each is from),
 * one per text format at least. */
static const char *const text_fixtures[] = {
    /* k6-text, legacy summary */
    "k6/seed000__01-aiohttp.txt",
    "k6/legacy-text__adarsh1021_simple-benchmarks__negative-ns-durations.txt",
    /* k6-text, v1 summary */
    "k6/v1-text__grafana_k6-docs__summary-mode-full-scenario-group.txt",
    "k6/v1-text__grafana_k6-docs__two-scenarios-80col-wrapped-header.txt",
    /* k6-summary-json */
    "k6/handle-summary__grafana_k6-example-circleci-orb__summary.json",
    "wrk/live__wrk__t2_c50_d2s_latency.txt",
    "wrk/live__wrk__slow_server_timeouts.txt",
    "wrk2/giltene_wrk2__readme-u_latency-example1.txt",
    "hey/live__hey__z2s_c10.txt",
    "hey/live__hey__closed_port_errors.txt",
    "oha/retrokiller543_tosic-http__axum-bench-tabs.txt",
    "oha/denosaurs_bench__bun-hello-oha-json.json",
    "ab/live__ab__n2000_c10.txt",
    "ab/live__ab__404_non2xx.txt",
    "h2load/live__h2load__h1_n2000_c10.txt",
    "bombardier/codesenberg_bombardier__issue28-p95-text.txt",
    "bombardier/codesenberg_bombardier__readme-old-format-errors.txt",
    "bombardier/tebeco_PocValidateRequestContentHash__windows-json-blank-p90-4xx.txt",
    /* vegeta text and vegeta -type=json (which vegeta prints on one line) */
    "vegeta/chsfleury_JEPFaaS__old-format-5xx.txt",
    "vegeta/edwintcloud_cloudenterprise__old-json-404-no-min.json",
    /* autocannon (autocannon-json: the corpus holds no real --json output,
     * and autocannon prints it on one line, JSON.stringify(result): its only
     * line-boundary prefix is the whole output) */
    "autocannon/mcollina_autocannon__issue214-all-timeouts-maxsafeint.txt",
    /* published tables: Markdown, CSV (here tab-separated) and aligned text
     * from the seeds, and a Markdown table of real figures with more of
     * Markdown's features (SOURCES.md: derived) */
    "published/seed002__decay-table-and-chart.md",
    "published/seed000__tab-latency-throughput.txt",
    "published/seed003__single-spaced-text-table.txt",
    "published/seed002__derived-wrk.md",
};

static const char *const raw_fixtures[] = {
    "k6raw/ndjson__MiguelFerreira18_Comparing_JSON_and_ProtoBuf__data-head-metric-first.ndjson",
    "k6raw/ndjson__grafana_k6-learn__slides-type-first-tainted-sub.ndjson",
    "k6raw/csv__MiguelFerreira18_Comparing_JSON_and_ProtoBuf__data-head.csv",
    "k6raw/csv__grafana_k6-learn__slides-18col-tls.csv",
};

static char *dump(const struct run *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    run_dump(mem, r);
    fclose(mem);
    return text;
}

/* Lines of a dump that describe figures (not where the run ends or its state). */
static int figure_line(const char *l)
{
    return strncmp(l, "lines = ", 8) != 0 && strncmp(l, "state = ", 8) != 0;
}

/* Every figure line of `part` is a line of `whole`. Returns the first that
 * is not, or NULL. */
static char *not_in(const char *part, const char *whole)
{
    const char *p = part;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = xstrndup(p, n);
        if (figure_line(line)) {
            int found = 0;
            for (const char *w = whole; *w;) {
                const char *wn = strchr(w, '\n');
                size_t wl = wn ? (size_t)(wn - w) : strlen(w);
                if (wl == n && memcmp(w, line, n) == 0) {
                    found = 1;
                    break;
                }
                w += wl + (wn ? 1 : 0);
            }
            if (!found)
                return line;
        }
        free(line);
        p += n + (nl ? 1 : 0);
    }
    return NULL;
}

static int same_figures(const char *a, const char *b)
{
    char *x = not_in(a, b), *y = not_in(b, a);
    int same = !x && !y;
    free(x);
    free(y);
    return same;
}

static int read_file(const char *dir, const char *rel, struct buf *b)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "%s: cannot open\n", path);
        check_failures++;
        return -1;
    }
    buf_read_stream(b, fp);
    fclose(fp);
    return 0;
}

/* Every line-boundary prefix of b, named rel. want_state >= 0: the state
 * every run of the whole of b must have. */
static void text_prefixes(const char *rel, const struct buf *b, int want_state)
{
    struct ingest full;
    if (ingest_buffer(b->data, b->len, NULL, &full) < 0 || full.pr.nruns == 0) {
        fprintf(stderr, "%s: the full output gives no run\n", rel);
        check_failures++;
        ingest_free(&full);
        return;
    }
    for (size_t i = 0; i < full.pr.nruns && want_state >= 0; i++) {
        if ((int)full.pr.runs[i]->state != want_state) {
            fprintf(stderr, "%s: run %zu of the whole output has state %d, want %d\n", rel,
                    i + 1, (int)full.pr.runs[i]->state, want_state);
            check_failures++;
        }
    }
    char **whole = xcalloc(full.pr.nruns, sizeof *whole);
    for (size_t i = 0; i < full.pr.nruns; i++)
        whole[i] = dump(full.pr.runs[i]);
    int prefixes = 0, refused = 0, incomplete = 0, complete = 0;
    for (size_t cut = 0; cut < b->len; cut++) {
        if (b->data[cut] != '\n')
            continue;
        prefixes++;
        struct ingest part;
        if (ingest_buffer(b->data, cut + 1, NULL, &part) < 0) {
            refused++;
            ingest_free(&part);
            continue;
        }
        for (size_t i = 0; i < part.pr.nruns; i++) {
            const struct run *r = part.pr.runs[i];
            if (i >= full.pr.nruns) {
                fprintf(stderr, "%s cut after byte %zu: run %zu, which the full output "
                                "does not have\n", rel, cut + 1, i + 1);
                check_failures++;
                continue;
            }
            char *d = dump(r);
            char *extra = not_in(d, whole[i]);
            if (extra) {
                fprintf(stderr, "%s cut after byte %zu: run %zu: \"%s\" is not the full "
                                "output's\n", rel, cut + 1, i + 1, extra);
                check_failures++;
                free(extra);
            } else if (r->state == RUN_STATE_INCOMPLETE) {
                incomplete++;
            } else if (same_figures(d, whole[i])) {
                complete++;
            } else {
                fprintf(stderr, "%s cut after byte %zu (line %d): run %zu stored as %s but "
                                "lacks figures of the full output\n",
                        rel, cut + 1, r->last_line, i + 1,
                        r->state == RUN_STATE_FAILED ? "failed" : "ok");
                check_failures++;
            }
            free(d);
        }
        ingest_free(&part);
    }
    printf("%-72.72s %4d prefixes: %4d refused, %4d incomplete runs, %4d complete runs\n", rel,
           prefixes, refused, incomplete, complete);
    for (size_t i = 0; i < full.pr.nruns; i++)
        free(whole[i]);
    free(whole);
    ingest_free(&full);
}

static void text_case(const char *dir, const char *rel)
{
    struct buf b = BUF_INIT;
    if (read_file(dir, rel, &b) == 0)
        text_prefixes(rel, &b, -1);
    buf_free(&b);
}

/* A real output changed to show a rule the corpus has no example of. */
static const struct variant {
    const char *label;
    const char *fixture;
    const char *prepend;         /* a line put before the output, or NULL */
    const char *find, *replace;  /* the first `find` becomes `replace` */
    const char *end_after;       /* the output ends after this text, or NULL */
    const char *end_before;      /* ... or before this one */
    enum run_state whole;        /* the state of the whole variant */
} variants[] = {
    {"hey, two status codes: a cut between them is told by the histogram's sum",
     "hey/live__hey__n2000_c20.txt", NULL, "[200]\t2000 responses",
     "[200]\t1990 responses\n  [404]\t10 responses", NULL, NULL, RUN_STATE_OK},
    {"hey, two status codes and no blank line after them (a trimmed paste)",
     "hey/live__hey__n2000_c20.txt", NULL, "[200]\t2000 responses",
     "[200]\t1990 responses\n  [404]\t10 responses", "[404]\t10 responses\n", NULL,
     RUN_STATE_OK},
    {"ab -d: no percentage table, the report ends at the Total row",
     "ab/live__ab__n2000_c10.txt", "$ ab -d -n 2000 -c 10 http://127.0.0.1:18080/data.json\n",
     NULL, NULL, NULL, "\nPercentage of the requests", RUN_STATE_OK},
};

static void variant_case(const char *dir, const struct variant *v)
{
    struct buf src = BUF_INIT, b = BUF_INIT;
    if (read_file(dir, v->fixture, &src) < 0)
        return;
    const char *at = v->find ? strstr(buf_str(&src), v->find) : NULL;
    if (v->find && !at) {
        fprintf(stderr, "%s: \"%s\" not found\n", v->label, v->find);
        check_failures++;
        buf_free(&src);
        return;
    }
    if (v->prepend)
        buf_adds(&b, v->prepend);
    if (at) {
        buf_add(&b, src.data, (size_t)(at - src.data));
        buf_adds(&b, v->replace);
        buf_adds(&b, at + strlen(v->find));
    } else {
        buf_add(&b, src.data, src.len);
    }
    const char *end = v->end_after ? strstr(buf_str(&b), v->end_after)
                                   : v->end_before ? strstr(buf_str(&b), v->end_before) : NULL;
    if (end)
        b.len = (size_t)(end - b.data) + (v->end_after ? strlen(v->end_after) : 0);
    text_prefixes(v->label, &b, (int)v->whole);
    buf_free(&src);
    buf_free(&b);
}

/* Reads data[0..len) as a stream with raw parser p, as import does: 0 with
 * the runs in pr, or -1 (refused). */
static int raw_parse(const struct parser *p, const char *data, size_t len, struct parse_result *pr)
{
    parse_result_init(pr);
    char *copy = xmalloc(len ? len : 1); /* fmemopen's buffer is not const */
    memcpy(copy, data, len);
    FILE *fp = fmemopen(copy, len, "rb");
    int rc = -1;
    if (fp) {
        struct input *in = input_from_stream(fp, "prefix", 1);
        rc = p->parse_stream(in, pr);
        input_close(in);
        if (rc == 0)
            rc = parse_check(pr);
    }
    free(copy);
    return rc < 0 ? -1 : 0;
}

/* The figures of a shorter test: nothing counted above the full run's
 * count, no min below its min, no max above its max, no more requests. */
static int shorter_test(const struct run *part, const struct run *full, const char **why)
{
    if (run_has(part->requests) && !(part->requests <= full->requests)) {
        *why = "more requests";
        return 0;
    }
    for (size_t i = 0; i < part->nfigures; i++) {
        const struct run_figure *f = &part->figures[i];
        const struct run_figure *g = run_figure_get(full, f->metric, f->stat);
        int count = strcmp(f->stat, "count") == 0, min = strcmp(f->stat, "min") == 0,
            max = strcmp(f->stat, "max") == 0;
        if (!count && !min && !max)
            continue;
        if (!g || (count && f->value > g->value) || (min && f->value < g->value) ||
            (max && f->value > g->value)) {
            *why = f->metric;
            return 0;
        }
    }
    for (size_t i = 0; i < part->nhists; i++) {
        const struct run_histogram *h = &part->hists[i];
        const struct run_histogram *g = run_histogram_get(full, h->metric);
        if (!g || h->count > g->count || h->min < g->min || h->max > g->max) {
            *why = h->metric;
            return 0;
        }
    }
    return 1;
}

/* Prefix data[0..len) ends inside a line: refused, or incomplete with the
 * figures of the whole lines before it (`before`, NULL when those were
 * refused) or of those and the cut line (`after`). */
static void raw_midline(const char *rel, const struct parser *p, const char *data, size_t len,
                        const char *before, const char *after, int *incomplete)
{
    struct parse_result pr;
    if (raw_parse(p, data, len, &pr) < 0) {
        parse_result_free(&pr);
        return;
    }
    const struct run *r = pr.runs[0];
    char *d = dump(r);
    if (r->state != RUN_STATE_INCOMPLETE) {
        fprintf(stderr, "%s cut inside a line after byte %zu: not marked incomplete\n", rel, len);
        check_failures++;
    } else if (!(before && same_figures(d, before)) && !(after && same_figures(d, after))) {
        fprintf(stderr, "%s cut inside a line after byte %zu: figures other than those of the "
                        "whole lines\n", rel, len);
        check_failures++;
    } else {
        (*incomplete)++;
    }
    free(d);
    parse_result_free(&pr);
}

static void raw_case(const char *dir, const char *rel)
{
    struct buf b = BUF_INIT;
    if (read_file(dir, rel, &b) < 0)
        return;
    struct text head;
    text_split(&head, b.data, b.len);
    const struct parser *p = parser_detect(&head);
    text_free(&head);
    struct parse_result full;
    if (!p || !p->parse_stream || raw_parse(p, b.data, b.len, &full) < 0 || full.nruns != 1) {
        fprintf(stderr, "%s: not read as k6 raw data giving one run\n", rel);
        check_failures++;
        if (p && p->parse_stream)
            parse_result_free(&full);
        buf_free(&b);
        return;
    }
    int prefixes = 0, refused = 0, complete = 0, incomplete = 0;
    char *prev = NULL; /* dump of the last line-boundary prefix, NULL when refused */
    size_t start = 0;  /* where the line after that prefix begins */
    for (size_t cut = 0; cut < b.len; cut++) {
        if (b.data[cut] != '\n')
            continue;
        struct parse_result pr;
        char *cur = NULL;
        prefixes++;
        if (raw_parse(p, b.data, cut + 1, &pr) < 0) {
            refused++;
        } else {
            const struct run *r = pr.runs[0];
            const char *why = NULL;
            if (pr.nruns != 1 || r->state == RUN_STATE_INCOMPLETE) {
                fprintf(stderr, "%s cut after byte %zu (a line boundary): not one complete run\n",
                        rel, cut + 1);
                check_failures++;
            } else if (!shorter_test(r, full.runs[0], &why)) {
                fprintf(stderr, "%s cut after byte %zu: %s is not that of a shorter test\n", rel,
                        cut + 1, why);
                check_failures++;
            } else {
                complete++;
            }
            cur = dump(r);
        }
        parse_result_free(&pr);
        /* the same line cut at a quarter, a half, three quarters and one
         * byte before its end */
        size_t n = cut - start;
        if (n >= 4) {
            size_t at[] = {n / 4, n / 2, 3 * n / 4, n - 1};
            for (size_t k = 0; k < sizeof at / sizeof at[0]; k++)
                raw_midline(rel, p, b.data, start + at[k], prev, cur, &incomplete);
        }
        free(prev);
        prev = cur;
        start = cut + 1;
    }
    free(prev);
    printf("%-72.72s %4d prefixes: %4d refused, %4d complete; %4d cut inside a line\n", rel,
           prefixes, refused, complete, incomplete);
    parse_result_free(&full);
    buf_free(&b);
}

/* unit_truncation [DIR [FIXTURE...]]: the fixtures below DIR (default
 * tests/fixtures), or only the ones named (k6raw/... as raw data). */
int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/fixtures";
    if (argc > 2) {
        for (int i = 2; i < argc; i++) {
            if (strncmp(argv[i], "k6raw/", 6) == 0)
                raw_case(dir, argv[i]);
            else
                text_case(dir, argv[i]);
        }
        return check_failures ? 1 : 0;
    }
    for (size_t f = 0; f < sizeof text_fixtures / sizeof text_fixtures[0]; f++)
        text_case(dir, text_fixtures[f]);
    for (size_t f = 0; f < sizeof variants / sizeof variants[0]; f++)
        variant_case(dir, &variants[f]);
    for (size_t f = 0; f < sizeof raw_fixtures / sizeof raw_fixtures[0]; f++)
        raw_case(dir, raw_fixtures[f]);
    return check_failures ? 1 : 0;
}
