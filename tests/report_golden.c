/* report_golden.c - golden tests of the report layer: rows and decay
 * percentages, every chart's display list, and the slide plan.
 *
 *   report_golden CASE SRCDIR
 *
 * CASE (tests/report/NAME.case) says what goes into a fresh in-memory
 * database and which report to make of it; the dump (what `benchdb report
 * --dump` prints) is compared with NAME.expected beside it. On a mismatch
 * NAME.actual is written and the test fails; BENCHDB_UPDATE_GOLDEN=1
 * rewrites NAME.expected instead (review it in git diff). Exit 77 (a
 * skipped test) when the case needs a format this build cannot read.
 *
 * Case lines ('#' starts a comment):
 *   requires FORMAT            skip unless the parser FORMAT is built in
 *   import PATH...             files or directories (relative to SRCDIR),
 *                              imported exactly as `benchdb import` does
 *   run KEY=VALUE...           a run stored as given (for what no importer
 *                              on this branch produces): tool label campaign
 *                              scenario framework server serializer rps
 *                              requests duration failed_pct failed_requests
 *                              state(ok|failed) lat_avg lat_max connections
 *                              vus_max threads tool_version
 *   pct P VALUE [COUNT]        a percentile (ms) of the last run's latency
 *   second T RPS FAILED P50 P90 P99
 *                              a second of the last run's time series ("-":
 *                              none); series are handed to the report in
 *                              memory, as report_series_load() will
 *   report KEY=VALUE...        the report: metric by order baseline template
 *                              ids (N or N-M, comma-separated) campaign
 *                              pages(=1: dump every page's display list)
 *   Values may not hold spaces; "_" in a run's text values is a space.
 *
 * BENCHDB_REPORT_LOOK=DIR also paints each chart (DIR/NAME-KIND.png) and the
 * deck (DIR/NAME.pdf), to be looked at. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "chart.h"
#include "cmd.h"
#include "diag.h"
#include "font.h"
#include "input.h"
#include "meta.h"
#include "paint.h"
#include "parse.h"
#include "report.h"
#include "slides.h"
#include "store.h"
#include "template.h"

struct series_in {
    char *label;
    struct report_series s;
    size_t cap;
};

struct golden {
    struct store *st;
    const char *case_path;
    struct run *run; /* the run being described */
    struct meta meta;
    int nsynth;
    struct series_in *series;
    size_t nseries, capseries;
    struct report_opts ro;
    const char *template;
    char *campaign;
    int64_t ids[256];
    size_t nids;
    int pages;
};

static char *spaces(const char *s)
{
    char *o = xstrdup(s);
    for (char *p = o; *p; p++)
        if (*p == '_')
            *p = ' ';
    return o;
}

static double num(const char *s)
{
    if (strcmp(s, "-") == 0)
        return RUN_NA;
    return strtod(s, NULL);
}

/* Stores the run being described, if any. */
static int flush_run(struct golden *g)
{
    if (!g->run)
        return 0;
    char sha[65], raw[256];
    int64_t source_id, run_id;
    snprintf(raw, sizeof raw, "%s synthetic run %d of %s\n", g->run->tool, g->nsynth,
             g->case_path);
    sha256_hex(raw, strlen(raw), sha);
    struct store_source src = {.sha256 = sha, .file_name = "synthetic.txt",
                               .format = "synthetic", .size_bytes = (long long)strlen(raw),
                               .raw = raw, .raw_len = strlen(raw)};
    g->run->first_line = g->run->last_line = 1;
    int rc = store_begin(g->st) < 0 || store_source_add(g->st, &src, &source_id) < 0 ||
             store_run_add(g->st, source_id, 1, g->run, &g->meta, &run_id) < 0 ||
             store_commit(g->st) < 0;
    run_free(g->run);
    meta_free(&g->meta);
    g->run = NULL;
    return rc ? -1 : 0;
}

static int run_line(struct golden *g, char **tok, int n)
{
    if (flush_run(g) < 0)
        return -1;
    g->nsynth++;
    g->run = run_new("wrk", "synthetic");
    g->run->latency_metric = xstrdup("latency");
    meta_init(&g->meta);
    for (int i = 1; i < n; i++) {
        char *eq = strchr(tok[i], '=');
        if (!eq)
            return error("%s: run: expected KEY=VALUE, not %s", g->case_path, tok[i]);
        *eq = '\0';
        const char *k = tok[i], *v = eq + 1;
        char *text = spaces(v);
        struct run *r = g->run;
        struct { const char *k; double *p; } nums[] = {
            {"rps", &r->rps}, {"requests", &r->requests}, {"duration", &r->duration_s},
            {"failed_pct", &r->failed_pct}, {"failed_requests", &r->failed_requests},
            {"lat_avg", &r->lat_avg}, {"lat_max", &r->lat_max}, {"connections", &r->connections},
            {"vus_max", &r->vus_max}, {"threads", &r->threads},
        };
        int done = 0;
        for (size_t j = 0; j < sizeof nums / sizeof nums[0]; j++)
            if (strcmp(k, nums[j].k) == 0) {
                *nums[j].p = num(v);
                done = 1;
            }
        if (done) {
        } else if (strcmp(k, "tool") == 0) {
            run_set(&r->tool, text);
        } else if (strcmp(k, "tool_version") == 0) {
            run_set(&r->tool_version, text);
        } else if (strcmp(k, "state") == 0) {
            r->state = strcmp(v, "failed") == 0 ? RUN_STATE_FAILED : RUN_STATE_OK;
        } else {
            static const struct { const char *k, *key; } metas[] = {
                {"label", "label"}, {"campaign", "campaign"}, {"scenario", "scenario"},
                {"framework", "stack.framework"}, {"server", "stack.server"},
                {"serializer", "stack.serializer"},
            };
            char err[256];
            size_t j;
            for (j = 0; j < sizeof metas / sizeof metas[0]; j++)
                if (strcmp(k, metas[j].k) == 0)
                    break;
            if (j == sizeof metas / sizeof metas[0] ||
                meta_set(&g->meta, metas[j].key, text, err, sizeof err) < 0) {
                free(text);
                return error("%s: run: unknown key %s", g->case_path, k);
            }
        }
        free(text);
    }
    if (!g->meta.label)
        g->meta.label = xstrdup(g->run->tool);
    return 0;
}

static int series_line(struct golden *g, char **tok, int n)
{
    if (!g->run || n != 7)
        return error("%s: second: after a run, T RPS FAILED P50 P90 P99", g->case_path);
    struct series_in *si = NULL;
    for (size_t i = 0; i < g->nseries; i++)
        if (strcmp(g->series[i].label, g->meta.label) == 0)
            si = &g->series[i];
    if (!si) {
        ARRAY_GROW(g->series, g->nseries, g->capseries);
        si = &g->series[g->nseries++];
        memset(si, 0, sizeof(*si));
        si->label = xstrdup(g->meta.label);
    }
    ARRAY_GROW(si->s.pts, si->s.n, si->cap);
    struct report_point *p = &si->s.pts[si->s.n++];
    p->t = num(tok[1]);
    p->rps = num(tok[2]);
    p->failed = num(tok[3]);
    p->p50 = num(tok[4]);
    p->p90 = num(tok[5]);
    p->p99 = num(tok[6]);
    return 0;
}

static int report_line(struct golden *g, char **tok, int n)
{
    report_metric_parse("rps", &g->ro.metric);
    for (int i = 1; i < n; i++) {
        char *eq = strchr(tok[i], '=');
        if (!eq)
            return error("%s: report: expected KEY=VALUE, not %s", g->case_path, tok[i]);
        *eq = '\0';
        const char *k = tok[i], *v = eq + 1;
        if (strcmp(k, "metric") == 0) {
            if (report_metric_parse(v, &g->ro.metric) < 0)
                return error("%s: bad metric %s", g->case_path, v);
        } else if (strcmp(k, "by") == 0) {
            g->ro.by = v;
        } else if (strcmp(k, "order") == 0) {
            g->ro.order = strcmp(v, "run") == 0     ? REPORT_ORDER_RUN
                          : strcmp(v, "label") == 0 ? REPORT_ORDER_LABEL
                                                    : REPORT_ORDER_METRIC;
            g->ro.reverse = strcmp(v, "worst") == 0;
        } else if (strcmp(k, "baseline") == 0) {
            g->ro.baseline = v;
        } else if (strcmp(k, "template") == 0) {
            g->template = v;
        } else if (strcmp(k, "campaign") == 0) {
            g->campaign = spaces(v);
        } else if (strcmp(k, "pages") == 0) {
            g->pages = atoi(v);
        } else if (strcmp(k, "ids") == 0) {
            for (char *p = eq + 1; *p;) {
                long lo = strtol(p, &p, 10), hi = lo;
                if (*p == '-')
                    hi = strtol(p + 1, &p, 10);
                for (long x = lo; x <= hi && g->nids < 256; x++)
                    g->ids[g->nids++] = x;
                if (*p == ',')
                    p++;
                else if (*p)
                    return error("%s: bad ids %s", g->case_path, v);
            }
        } else {
            return error("%s: report: unknown key %s", g->case_path, k);
        }
    }
    return 0;
}

/* Makes the report and dumps it as `report --dump` does. */
static int make_report(struct golden *g, FILE *out)
{
    struct store_filter f;
    struct report_run *runs = NULL;
    struct report *rep = NULL;
    struct template *tpl = NULL;
    struct font_set *fs = NULL;
    struct dlist *charts[CHART_NKINDS] = {NULL};
    struct deck deck = {NULL, NULL, 0, 0};
    struct slides_info info = {NULL, NULL, NULL, NULL};
    size_t n;
    int rc = -1;

    memset(&f, 0, sizeof f);
    f.ids = g->nids ? g->ids : NULL;
    f.nids = g->nids;
    f.campaign = g->campaign;
    if (report_load_runs(g->st, &f, &runs, &n) < 0)
        goto out;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < g->nseries; k++)
            if (strcmp(runs[i].sr.label, g->series[k].label) == 0) {
                runs[i].series = g->series[k].s;
                g->series[k].s.pts = NULL; /* moved */
                g->series[k].s.n = 0;
            }
    if (report_build(&g->ro, runs, n, &rep) < 0)
        goto out;
    if (template_load(g->template, &tpl) < 0 || font_set_open(tpl->theme.fonts, &fs) < 0)
        goto out;
    slides_layout_charts(rep, tpl, fs, charts);
    if (slides_build(rep, tpl, fs, &info, charts, &deck) < 0)
        goto out;
    slides_dump(out, rep, charts, &deck, g->pages);
    rc = 0;
    /* For looking at: BENCHDB_REPORT_LOOK=DIR paints the charts and the deck. */
    const char *look = getenv("BENCHDB_REPORT_LOOK");
    if (look && *look) {
        const char *base = strrchr(g->case_path, '/') ? strrchr(g->case_path, '/') + 1 : g->case_path;
        struct buf path = BUF_INIT;
        for (int k = 0; k < CHART_NKINDS && rc == 0; k++) {
            if (!charts[k])
                continue;
            buf_reset(&path);
            buf_printf(&path, "%s/%.*s-%s.png", look, (int)strcspn(base, "."), base,
                       chart_kind_name((enum chart_kind)k));
            rc = paint_png(charts[k], buf_str(&path), 2);
        }
        buf_reset(&path);
        buf_printf(&path, "%s/%.*s.pdf", look, (int)strcspn(base, "."), base);
        if (rc == 0)
            rc = paint_pdf(deck.pages, deck.n, buf_str(&path), NULL);
        buf_free(&path);
    }
out:
    deck_free(&deck);
    for (int k = 0; k < CHART_NKINDS; k++)
        dl_free(charts[k]);
    font_set_free(fs);
    template_free(tpl);
    report_free(rep);
    return rc;
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    struct buf b = BUF_INIT;
    if (!fp)
        return NULL;
    if (buf_read_stream(&b, fp) < 0) {
        fclose(fp);
        buf_free(&b);
        return NULL;
    }
    fclose(fp);
    return buf_detach(&b, NULL);
}

static int write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    if (!fp || fputs(text, fp) < 0 || fclose(fp) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

/* Runs the directives of the case; fills out with the dump. 0, 77 to
 * skip, or -1. */
static int run_case(struct golden *g, const char *text, FILE *out)
{
    char *copy = xstrdup(text), *save = NULL;
    int rc = 0, reported = 0;
    for (char *line = strtok_r(copy, "\n", &save); line && rc == 0;
         line = strtok_r(NULL, "\n", &save)) {
        char *tok[512];
        int n = 0;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        for (char *t = strtok(line, " \t"); t && n < 512; t = strtok(NULL, " \t"))
            tok[n++] = t;
        if (n == 0)
            continue;
        if (strcmp(tok[0], "requires") == 0) {
            for (int i = 1; i < n; i++)
                if (!parser_find(tok[i])) {
                    printf("skipped: this build has no %s parser\n", tok[i]);
                    rc = 77;
                }
        } else if (strcmp(tok[0], "import") == 0) {
            char word[] = "import";
            char *argv[514];
            argv[0] = word;
            for (int i = 1; i < n; i++)
                argv[i] = tok[i];
            argv[n] = NULL;
            struct cmd_ctx ctx = {.db_path = ":memory:", .st = g->st};
            optind = 1;
            if (flush_run(g) < 0 || cmd_import(n, argv, &ctx) != EXIT_OK)
                rc = error("%s: import failed", g->case_path);
        } else if (strcmp(tok[0], "run") == 0) {
            rc = run_line(g, tok, n);
        } else if (strcmp(tok[0], "pct") == 0 && n >= 3 && g->run) {
            run_add_percentile(g->run, "latency", num(tok[1]), num(tok[2]), UNIT_MS, tok[2],
                               n > 3 ? (int64_t)num(tok[3]) : -1);
        } else if (strcmp(tok[0], "second") == 0) {
            rc = series_line(g, tok, n);
        } else if (strcmp(tok[0], "report") == 0) {
            if (flush_run(g) < 0 || report_line(g, tok, n) < 0 || make_report(g, out) < 0)
                rc = -1;
            reported = 1;
        } else {
            rc = error("%s: unknown directive %s", g->case_path, tok[0]);
        }
    }
    free(copy);
    if (rc == 0 && !reported)
        rc = error("%s: no report line", g->case_path);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: report_golden CASE SRCDIR\n");
        return 2;
    }
    struct golden g;
    memset(&g, 0, sizeof g);
    char *case_abs = realpath(argv[1], NULL);
    if (!case_abs) {
        perror(argv[1]);
        return 2;
    }
    g.case_path = argv[1];
    char *text = slurp(case_abs);
    if (!text || chdir(argv[2]) != 0) {
        perror(text ? argv[2] : argv[1]);
        return 2;
    }
    diag_set_quiet(1);
    if (store_open(":memory:", STORE_CREATE, &g.st) < 0)
        return 2;

    char *dump = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&dump, &len);
    int rc = run_case(&g, text, mem);
    fclose(mem);
    if (rc == 0) {
        struct buf exp = BUF_INIT, act = BUF_INIT;
        size_t base = strlen(case_abs) - (strlen(case_abs) > 5 ? 5 : 0); /* drop ".case" */
        buf_add(&exp, case_abs, base);
        buf_adds(&exp, ".expected");
        buf_add(&act, case_abs, base);
        buf_adds(&act, ".actual");
        char *want = slurp(buf_str(&exp));
        if (getenv("BENCHDB_UPDATE_GOLDEN") && *getenv("BENCHDB_UPDATE_GOLDEN")) {
            rc = write_text(buf_str(&exp), dump) < 0 ? 1 : 0;
            if (rc == 0)
                printf("updated %s\n", buf_str(&exp));
        } else if (!want || strcmp(want, dump) != 0) {
            write_text(buf_str(&act), dump);
            fprintf(stderr, "report_golden: %s differs from %s\n  diff -u %s %s\n",
                    buf_str(&act), buf_str(&exp), buf_str(&exp), buf_str(&act));
            rc = 1;
        } else {
            unlink(buf_str(&act));
        }
        free(want);
        buf_free(&exp);
        buf_free(&act);
    } else if (rc != 77) {
        rc = 1;
    }
    flush_run(&g);
    for (size_t i = 0; i < g.nseries; i++) {
        free(g.series[i].label);
        report_series_free(&g.series[i].s);
    }
    free(g.series);
    free(g.campaign);
    store_close(g.st);
    free(dump);
    free(text);
    free(case_abs);
    return rc;
}
