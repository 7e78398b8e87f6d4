/* cmd_report.c - `benchdb report`: choose runs, build the report, hand it
 * to the renderers (table, CSV, Markdown, PNG/SVG charts, PDF deck).
 * Options in, calls out; what each output looks like lives in its
 * module (render_table.c, chart.c, slides.c, paint_*.c). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "buf.h"
#include "chart.h"
#include "cmd.h"
#include "compat.h"
#include "diag.h"
#include "font.h"
#include "paint.h"
#include "render.h"
#include "report.h"
#include "select.h"
#include "slides.h"
#include "store.h"
#include "template.h"

const char cmd_report_usage[] =
    "usage: benchdb report [options]\n"
    "\n"
    "Compares runs: a table of each row's value and its change against the\n"
    "row before, the best row and a baseline, charts (PNG, SVG), a Markdown\n"
    "report and a 16:9 PDF slide deck. Without selection options it reports\n"
    "the newest campaign. The table is printed on standard output, with or\n"
    "without other outputs, unless --csv -, --md - or --dump writes there\n"
    "(or -q is given).\n"
    "\n"
    "Choosing runs:\n" SELECT_USAGE
    "\n"
    "What to compare:\n"
    "  --metric NAME      rps (default), requests, p50, p90, p95, p99, p99.9 (any\n"
    "                     pN), median, avg, min, max, stdev, failed\n"
    "  --by KEY           how runs make rows. Default: series -- repeated runs of one\n"
    "                     configuration (label, stack, scenario, host, load) are one\n"
    "                     row: the median, min-max whiskers, and \"noisy\" when their\n"
    "                     coefficient of variation is above 5%. run: one row per run.\n"
    "                     Or one row per label, framework, server, stack, language,\n"
    "                     serializer, event_loop, scenario, campaign, tool, host,\n"
    "                     tag:KEY\n"
    "  --strict           refuse runs not made under the same conditions (same\n"
    "                     server hardware, load tool and parameters, scenario);\n"
    "                     without it the differences are named on the terminal, in\n"
    "                     the tables and on the slides\n"
    "  --order HOW        best (default: best first), worst, run (run ids), label\n"
    "  --baseline LABEL   also compare every row with this one\n"
    "\n"
    "Outputs:\n"
    "  --pdf [FILE]       the slide deck (default report.pdf)\n"
    "  --png DIR          the charts as PNG files in DIR (created if missing)\n"
    "  --svg DIR          the charts as SVG files in DIR\n"
    "  --md FILE          Markdown: the table and the charts as image links (the\n"
    "                     --png or --svg files, else PNGs written beside FILE;\n"
    "                     with - for standard output, only --png or --svg images)\n"
    "  --csv FILE         the table as CSV (- for standard output)\n"
    "  --template T       deck template: default, ru, or a JSON file (see\n"
    "                     doc/report.md)\n"
    "  --title TEXT, --subtitle TEXT, --author TEXT, --date TEXT\n"
    "                     the title slide's texts (default: the template's)\n"
    "  --scale N          PNG pixels per point (default 2)\n"
    "  --dump             print the report, each chart's display list and the\n"
    "                     slide plan as text (--dump=pages: every page too)\n"
    "\n"
    "Examples:\n"
    "  benchdb report --campaign 'PiterPy 2023' --pdf talk.pdf --template ru\n"
    "  benchdb report --where 'framework~fastapi' --metric p90 --md report.md\n"
    "  benchdb report --id 2-5 --baseline asyncio --csv -\n";

enum {
    OPT_METRIC = 3000,
    OPT_BY,
    OPT_ORDER,
    OPT_BASELINE,
    OPT_PDF,
    OPT_PNG,
    OPT_SVG,
    OPT_MD,
    OPT_CSV,
    OPT_TEMPLATE,
    OPT_TITLE,
    OPT_SUBTITLE,
    OPT_AUTHOR,
    OPT_DATE,
    OPT_SCALE,
    OPT_DUMP,
    OPT_STRICT,
};

struct report_cli {
    struct report_opts ro;
    int strict;
    const char *pdf, *png, *svg, *md, *csv, *template;
    struct slides_info info;
    double scale;
    int dump; /* 1: report, charts, plan; 2: and every page */
};

/* mkdir -p, for --png and --svg. */
static int make_dir(const char *path)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp)
        return error("%s: path too long", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
            return error_errno("cannot create directory %s", tmp);
        *p = '/';
    }
    if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
        return error_errno("cannot create directory %s", tmp);
    return 0;
}

static char *path_join(const char *dir, const char *name)
{
    struct buf b = BUF_INIT;
    buf_adds(&b, dir);
    if (b.len && b.data[b.len - 1] != '/')
        buf_addc(&b, '/');
    buf_adds(&b, name);
    return buf_detach(&b, NULL);
}

/* The directory part of path ("." when none); the caller frees. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

/* Splits a path into its components, "." and empty ones dropped. */
static size_t components(const char *path, char **out, size_t max)
{
    size_t n = 0;
    const char *p = path;
    while (*p && n < max) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len && !(len == 1 && p[0] == '.'))
            out[n++] = xstrndup(p, len);
        p += len + (e ? 1 : 0);
    }
    return n;
}

/* target as seen from the directory `from` (both relative to the working
 * directory, or target absolute): for links in a Markdown file. */
static char *relative_to(const char *from, const char *target)
{
    char *f[64], *t[64];
    if (target[0] == '/')
        return xstrdup(target);
    size_t nf = components(from, f, 64), nt = components(target, t, 64), common = 0;
    while (common < nf && common + 1 < nt && strcmp(f[common], t[common]) == 0)
        common++;
    struct buf b = BUF_INIT;
    for (size_t i = common; i < nf; i++)
        buf_adds(&b, "../");
    for (size_t i = common; i < nt; i++)
        buf_printf(&b, "%s%s", i > common ? "/" : "", t[i]);
    for (size_t i = 0; i < nf; i++)
        free(f[i]);
    for (size_t i = 0; i < nt; i++)
        free(t[i]);
    return buf_detach(&b, NULL);
}

/* Creates the directory an output file goes into, when missing. */
static int make_parent(const char *path)
{
    char *dir = dir_of(path);
    int rc = strcmp(dir, ".") == 0 || strcmp(dir, "/") == 0 ? 0 : make_dir(dir);
    free(dir);
    return rc;
}

static int write_file_with(const char *path, int (*fn)(FILE *, void *), void *arg)
{
    if (strcmp(path, "-") != 0 && make_parent(path) < 0)
        return -1;
    FILE *fp = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
    if (!fp)
        return error_errno("cannot write %s", path);
    int rc = fn(fp, arg);
    if (fp != stdout && fclose(fp) != 0 && rc == 0)
        rc = error_errno("cannot write %s", path);
    return rc;
}

struct md_args {
    const struct report *rep;
    const struct template *tpl;
    const char *title;
    const struct render_image *images;
    size_t nimages;
};

static int write_csv(FILE *fp, void *arg)
{
    return render_table_csv(fp, ((const struct md_args *)arg)->rep);
}

static int write_md(FILE *fp, void *arg)
{
    const struct md_args *a = arg;
    return render_markdown(fp, a->rep, a->tpl, a->title, a->images, a->nimages);
}

static int parse_options(int argc, char **argv, struct cmd_ctx *ctx, struct selection *sel,
                         struct report_cli *o)
{
    const struct cmd *self = cmd_find("report");
    static const struct option longopts[] = {
        SELECT_LONGOPTS,
        {"metric", required_argument, NULL, OPT_METRIC},
        {"by", required_argument, NULL, OPT_BY},
        {"order", required_argument, NULL, OPT_ORDER},
        {"baseline", required_argument, NULL, OPT_BASELINE},
        {"pdf", optional_argument, NULL, OPT_PDF},
        {"png", required_argument, NULL, OPT_PNG},
        {"svg", required_argument, NULL, OPT_SVG},
        {"md", required_argument, NULL, OPT_MD},
        {"csv", required_argument, NULL, OPT_CSV},
        {"template", required_argument, NULL, OPT_TEMPLATE},
        {"title", required_argument, NULL, OPT_TITLE},
        {"subtitle", required_argument, NULL, OPT_SUBTITLE},
        {"author", required_argument, NULL, OPT_AUTHOR},
        {"date", required_argument, NULL, OPT_DATE},
        {"scale", required_argument, NULL, OPT_SCALE},
        {"dump", optional_argument, NULL, OPT_DUMP},
        {"strict", no_argument, NULL, OPT_STRICT},
        {NULL, 0, NULL, 0},
    };
    int c;
    report_metric_parse("rps", &o->ro.metric);
    o->scale = 2;
    opterr = 0;
    while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
        switch (c) {
        case OPT_METRIC:
            if (report_metric_parse(optarg, &o->ro.metric) < 0)
                return cmd_usage_error(self, "report: --metric %s: not a metric (metrics: %s)",
                                       optarg, report_metric_names());
            break;
        case OPT_BY:
            if (report_by_check(optarg) < 0)
                return cmd_usage_error(self, "report: --by %s: not a grouping key (keys: %s)",
                                       optarg, report_by_names());
            o->ro.by = optarg;
            break;
        case OPT_ORDER:
            if (strcmp(optarg, "best") == 0 || strcmp(optarg, "metric") == 0)
                o->ro.order = REPORT_ORDER_METRIC;
            else if (strcmp(optarg, "worst") == 0) {
                o->ro.order = REPORT_ORDER_METRIC;
                o->ro.reverse = 1;
            } else if (strcmp(optarg, "run") == 0)
                o->ro.order = REPORT_ORDER_RUN;
            else if (strcmp(optarg, "label") == 0)
                o->ro.order = REPORT_ORDER_LABEL;
            else
                return cmd_usage_error(self, "report: --order %s: one of best, worst, run, label",
                                       optarg);
            break;
        case OPT_BASELINE:
            o->ro.baseline = optarg;
            break;
        case OPT_PDF:
            /* "--pdf FILE" as well as "--pdf=FILE": a following word that
             * is not an option is the file. */
            if (optarg)
                o->pdf = optarg;
            else if (optind < argc && argv[optind][0] != '-')
                o->pdf = argv[optind++];
            else
                o->pdf = "report.pdf";
            break;
        case OPT_PNG:
            o->png = optarg;
            break;
        case OPT_SVG:
            o->svg = optarg;
            break;
        case OPT_MD:
            o->md = optarg;
            break;
        case OPT_CSV:
            o->csv = optarg;
            break;
        case OPT_TEMPLATE:
            o->template = optarg;
            break;
        case OPT_TITLE:
            o->info.title = optarg;
            break;
        case OPT_SUBTITLE:
            o->info.subtitle = optarg;
            break;
        case OPT_AUTHOR:
            o->info.author = optarg;
            break;
        case OPT_DATE:
            o->info.date = optarg;
            break;
        case OPT_SCALE: {
            char *end;
            o->scale = strtod(optarg, &end);
            if (*end || !(o->scale >= 0.25 && o->scale <= 8))
                return cmd_usage_error(self, "report: --scale %s: a number from 0.25 to 8",
                                       optarg);
            break;
        }
        case OPT_STRICT:
            o->strict = 1;
            break;
        case OPT_DUMP:
            if (optarg && strcmp(optarg, "pages") != 0)
                return cmd_usage_error(self, "report: --dump=%s: only --dump=pages", optarg);
            o->dump = optarg ? 2 : 1;
            break;
        default:
            if (c >= SEL_CAMPAIGN && c <= SEL_LIMIT) {
                if (selection_option(sel, c, optarg) < 0)
                    return EXIT_USAGE;
                break;
            }
            return cmd_usage_error(self, "report: unknown or incomplete option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cmd_usage_error(self, "report: unexpected argument '%s'", argv[optind]);
    return EXIT_OK;
}

/* Writes the charts as DIR/<kind>.<ext>; fills images for the Markdown. */
static int write_charts(struct dlist *const charts[CHART_NKINDS], const char *dir,
                        const char *prefix, const char *ext, double scale)
{
    if (make_dir(dir) < 0)
        return -1;
    for (int k = 0; k < CHART_NKINDS; k++) {
        if (!charts[k])
            continue;
        struct buf name = BUF_INIT;
        buf_printf(&name, "%s%s.%s", prefix, chart_kind_name((enum chart_kind)k), ext);
        char *path = path_join(dir, buf_str(&name));
        int rc = strcmp(ext, "png") == 0 ? paint_png(charts[k], path, scale)
                                         : paint_svg(charts[k], path);
        if (rc == 0)
            note("wrote %s", path);
        free(path);
        buf_free(&name);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* The words of the different-conditions notes, from the template's
 * cond_* labels (English in the default template, Russian in "ru"). The
 * strings stay the template's. */
static void conditions_phrases(const struct template *tpl, struct compat_phrases *ph)
{
    static const struct {
        enum compat_prop prop;
        const char *key;
    } props[] = {
        {COMPAT_CPU, "cond_cpu"},
        {COMPAT_VCPUS, "cond_vcpus"},
        {COMPAT_RAM, "cond_ram"},
        {COMPAT_VIRT, "cond_virt"},
        {COMPAT_LOAD_CPU, "cond_load_cpu"},
        {COMPAT_LOAD_VCPUS, "cond_load_vcpus"},
        {COMPAT_TOOL, "cond_tool"},
        {COMPAT_CONNECTIONS, "cond_connections"},
        {COMPAT_THREADS, "cond_threads"},
        {COMPAT_VUS, "cond_vus"},
        {COMPAT_DURATION, "cond_duration"},
        {COMPAT_RATE, "cond_rate"},
        {COMPAT_SCENARIO, "cond_scenario"},
    };
    for (size_t i = 0; i < sizeof props / sizeof props[0]; i++)
        ph->prop[props[i].prop] = template_label(tpl, props[i].key);
    ph->differs = template_label(tpl, "cond_differs");
    ph->unknown = template_label(tpl, "cond_unknown");
    ph->vs = template_label(tpl, "cond_vs");
    ph->run = template_label(tpl, "cond_run");
    ph->runs = template_label(tpl, "cond_runs");
}

int cmd_report(int argc, char **argv, struct cmd_ctx *ctx)
{
    struct selection sel;
    struct report_cli o;
    struct report *rep = NULL;
    struct template *tpl = NULL;
    struct font_set *fs = NULL;
    struct dlist *charts[CHART_NKINDS] = {NULL};
    struct deck deck = {NULL, NULL, 0, 0};
    struct report_run *runs = NULL;
    char *newest = NULL, *title = NULL;
    int rc;

    memset(&o, 0, sizeof o);
    selection_init(&sel);
    rc = parse_options(argc, argv, ctx, &sel, &o);
    if (rc != EXIT_OK)
        goto out;
    if ((rc = cmd_open_selection(ctx, &sel)) != EXIT_OK)
        goto out;
    rc = EXIT_FAIL;
    if (template_load(o.template, &tpl) < 0) {
        rc = EXIT_USAGE;
        goto out;
    }
    struct compat_phrases phrases;
    conditions_phrases(tpl, &phrases);
    o.ro.phrases = &phrases;

    /* Which runs: as selected, else the newest campaign (else all: runs
     * imported without a campaign). */
    if (!selection_narrowed(&sel)) {
        newest = store_newest_campaign(ctx->st);
        sel.f.campaign = newest;
    }
    size_t n;
    if (report_load_runs(ctx->st, &sel.f, &runs, &n) < 0) {
        rc = EXIT_DB;
        goto out;
    }
    if (n == 0) {
        free(runs);
        runs = NULL;
        error("report: no run matches%s", store_count_runs(ctx->st) ? "" : " (the database is empty)");
        goto out;
    }
    if (report_build(&o.ro, runs, n, &rep) < 0) {
        runs = NULL; /* freed by report_build */
        rc = EXIT_USAGE;
        goto out;
    }
    runs = NULL;
    if (rep->nwarnings && o.strict) {
        for (size_t i = 0; i < rep->nwarnings; i++)
            error("report --strict: %s", rep->warnings[i]);
        rc = EXIT_FAIL;
        goto out;
    }
    for (size_t i = 0; i < rep->nwarnings; i++)
        warning("runs not made under the same conditions: %s", rep->warnings[i]);
    if (!chart_available(rep, CHART_BARS))
        warning("report: no selected run printed %s: nothing to rank or chart",
                rep->opts.metric.name);

    /* The table on the terminal, whatever else is written, unless the
     * CSV, the Markdown or the dump goes there. */
    int to_stdout = (o.csv && strcmp(o.csv, "-") == 0) || (o.md && strcmp(o.md, "-") == 0) ||
                    o.dump;
    if (!to_stdout && !diag_quiet())
        render_table_text(stdout, rep, tpl);

    int drawing = o.pdf || o.png || o.svg || o.md || o.dump;
    if (drawing) {
        if (font_set_open(tpl->theme.fonts, &fs) < 0)
            goto out;
        slides_layout_charts(rep, tpl, fs, charts);
    }
    if (o.pdf || o.dump) {
        if (slides_build(rep, tpl, fs, &o.info, charts, &deck) < 0)
            goto out;
    }
    if (o.dump)
        slides_dump(stdout, rep, charts, &deck, o.dump == 2);
    if (o.png && write_charts(charts, o.png, "", "png", o.scale) < 0)
        goto out;
    if (o.svg && write_charts(charts, o.svg, "", "svg", o.scale) < 0)
        goto out;
    if (o.pdf) {
        char *metric = chart_metric_label(tpl, &rep->opts.metric);
        const char *vars[] = {"campaign", rep->campaigns, "metric", metric, NULL};
        title = template_format(o.info.title ? o.info.title : tpl->title, vars);
        free(metric);
        struct paint_pdf_info info = {title, o.info.author ? o.info.author : tpl->author,
                                      rep->campaigns};
        if (make_parent(o.pdf) < 0 || paint_pdf(deck.pages, deck.n, o.pdf, &info) < 0)
            goto out;
        note("wrote %s (%zu pages)", o.pdf, deck.n);
    }
    if (o.csv) {
        struct md_args a = {rep, tpl, NULL, NULL, 0};
        if (write_file_with(o.csv, write_csv, &a) < 0)
            goto out;
        if (strcmp(o.csv, "-") != 0)
            note("wrote %s", o.csv);
    }
    if (o.md) {
        /* Images: the --png (or --svg) files, else PNGs beside the file.
         * Markdown on standard output has no "beside": its images are
         * the --png or --svg files, linked from the working directory,
         * or there are none. */
        int md_stdout = strcmp(o.md, "-") == 0;
        char *mddir = md_stdout ? xstrdup(".") : dir_of(o.md);
        const char *imgdir = o.png ? o.png : o.svg;
        const char *ext = o.png ? "png" : o.svg ? "svg" : "png";
        char *prefix = NULL;
        if (!imgdir && md_stdout) {
            note("report: --md -: no chart images (--png DIR or --svg DIR writes and links them)");
        } else if (!imgdir) {
            const char *base = strrchr(o.md, '/') ? strrchr(o.md, '/') + 1 : o.md;
            const char *dot = strrchr(base, '.');
            struct buf p = BUF_INIT;
            buf_add(&p, base, dot ? (size_t)(dot - base) : strlen(base));
            buf_addc(&p, '-');
            prefix = buf_detach(&p, NULL);
            if (write_charts(charts, mddir, prefix, "png", o.scale) < 0) {
                free(prefix);
                free(mddir);
                goto out;
            }
        }
        struct render_image images[CHART_NKINDS];
        char *paths[CHART_NKINDS] = {NULL}, *titles[CHART_NKINDS] = {NULL};
        size_t ni = 0;
        for (int k = 0; k < CHART_NKINDS && (imgdir || !md_stdout); k++) {
            if (!charts[k])
                continue;
            struct buf name = BUF_INIT;
            buf_printf(&name, "%s%s.%s", prefix ? prefix : "", chart_kind_name((enum chart_kind)k),
                       ext);
            char *file = path_join(imgdir ? imgdir : mddir, buf_str(&name));
            paths[ni] = imgdir ? relative_to(mddir, file) : xstrdup(buf_str(&name));
            titles[ni] = slides_chart_title(tpl, rep, (enum chart_kind)k);
            images[ni].title = titles[ni];
            images[ni].path = paths[ni];
            ni++;
            free(file);
            buf_free(&name);
        }
        char *metric = chart_metric_label(tpl, &rep->opts.metric);
        const char *vars[] = {"campaign", rep->campaigns, "metric", metric, NULL};
        char *mdtitle = template_format(o.info.title ? o.info.title : tpl->title, vars);
        struct md_args a = {rep, tpl, *mdtitle ? mdtitle : "benchdb report", images, ni};
        int wrc = write_file_with(o.md, write_md, &a);
        if (wrc == 0 && !md_stdout)
            note("wrote %s", o.md);
        free(mdtitle);
        free(metric);
        for (size_t i = 0; i < ni; i++) {
            free(paths[i]);
            free(titles[i]);
        }
        free(prefix);
        free(mddir);
        if (wrc < 0)
            goto out;
    }
    rc = EXIT_OK;
out:
    deck_free(&deck);
    for (int k = 0; k < CHART_NKINDS; k++)
        dl_free(charts[k]);
    font_set_free(fs);
    report_free(rep);
    template_free(tpl);
    free(newest);
    free(title);
    selection_free(&sel);
    return rc;
}
