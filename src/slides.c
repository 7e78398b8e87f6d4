/* slides.c - the deck's pages as display lists (see slides.h). */
#include "slides.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "human.h"
#include "render.h"
#include "units.h"

#define MARGIN 36.0
#define FOOTER_Y (SLIDE_H - 22.0) /* the hairline above the footer */

struct deck_ctx {
    struct deck *d;
    char **footers; /* left footer text of each page */
    size_t capfooters;
    const struct report *rep;
    const struct template *tpl;
    const struct tpl_theme *th;
    struct font_set *fs;
    const struct slides_info *info;
};

static struct dlist *new_page(struct deck_ctx *c, const char *type, const char *title,
                              const char *footer)
{
    struct deck *d = c->d;
    struct dlist *dl = dl_new(SLIDE_W, SLIDE_H, c->fs);
    struct buf plan = BUF_INIT;
    dl_rect(dl, "background", 0, 0, SLIDE_W, SLIDE_H, c->th->background, DL_NONE, 0);
    ARRAY_GROW(d->pages, d->n, d->cap);
    d->plan = xrealloc(d->plan, d->cap * sizeof(char *));
    if (d->n >= c->capfooters) {
        c->capfooters = d->cap;
        c->footers = xrealloc(c->footers, c->capfooters * sizeof(char *));
    }
    buf_printf(&plan, "%s \"%s\"", type, title ? title : "");
    d->pages[d->n] = dl;
    d->plan[d->n] = buf_detach(&plan, NULL);
    c->footers[d->n] = xstrdup(footer);
    d->n++;
    return dl;
}

/* "runs 8-15 · k6 v0.45.0 · PiterPy 2023" for the whole report. */
static char *report_footer(const struct deck_ctx *c)
{
    struct buf b = BUF_INIT;
    const char *vars[] = {"ids", c->rep->run_ids, NULL};
    char *runs = template_text(c->tpl, "footer_runs", vars);
    buf_adds(&b, runs);
    free(runs);
    if (c->rep->tools[0])
        buf_printf(&b, " \xc2\xb7 %s", c->rep->tools);
    if (c->rep->campaigns[0])
        buf_printf(&b, " \xc2\xb7 %s", c->rep->campaigns);
    return buf_detach(&b, NULL);
}

/* The slide's heading; returns the y below it. Long titles wrap to two
 * lines and then shrink. */
static double slide_title(struct deck_ctx *c, struct dlist *dl, const char *text, double maxw)
{
    double size = c->th->heading;
    char *lines[2];
    size_t n = dl_wrap(dl, FONT_BOLD, size, text, maxw, lines, 2);
    double y = MARGIN + font_ascent(c->fs, FONT_BOLD, size) - 6;
    for (size_t i = 0; i < n; i++) {
        dl_text(dl, "slide-title", MARGIN, y, lines[i], FONT_BOLD, size, c->th->text, DL_START);
        free(lines[i]);
        y += size * 1.2;
    }
    dl_rect(dl, "title-rule", MARGIN, y - size * 1.2 + 12, 56, 3, c->th->accent, DL_NONE, 0);
    return y - size * 1.2 + 32;
}

/* --- title ------------------------------------------------------------------ */

static void title_slide(struct deck_ctx *c, const char *title)
{
    const struct tpl_theme *th = c->th;
    char *footer = report_footer(c);
    struct dlist *dl = new_page(c, "title", title, footer);
    free(footer);
    double x = 84, maxw = SLIDE_W - x - 72;
    dl_rect(dl, "accent", 0, 0, 16, SLIDE_H, th->accent, DL_NONE, 0);

    char *lines[3];
    size_t n = dl_wrap(dl, FONT_BOLD, th->title, title, maxw, lines, 3);
    double y = 200 - (double)(n - 1) * th->title * 0.6;
    for (size_t i = 0; i < n; i++) {
        dl_text(dl, "title", x, y, lines[i], FONT_BOLD, th->title, th->text, DL_START);
        free(lines[i]);
        y += th->title * 1.18;
    }
    const char *sub = c->info->subtitle ? c->info->subtitle : c->tpl->subtitle;
    if (sub && *sub) {
        const char *vars[] = {"campaign", c->rep->campaigns, NULL};
        char *s = template_format(sub, vars);
        char *fit = dl_fit(dl, FONT_SANS, th->heading * 0.8, s, maxw);
        dl_text(dl, "subtitle", x, y + 6, fit, FONT_SANS, th->heading * 0.8, th->muted, DL_START);
        free(fit);
        free(s);
    }
    const char *author = c->info->author ? c->info->author : c->tpl->author;
    const char *date = c->info->date ? c->info->date : c->tpl->date;
    double ay = 420;
    if (author && *author) {
        char *fit = dl_fit(dl, FONT_BOLD, th->body + 5, author, maxw);
        dl_text(dl, "author", x, ay, fit, FONT_BOLD, th->body + 5, th->text, DL_START);
        free(fit);
        ay += (th->body + 5) * 1.5;
    }
    if (date && *date)
        dl_text(dl, "date", x, ay, date, FONT_SANS, th->body, th->muted, DL_START);
}

/* --- setup ------------------------------------------------------------------ */

/* Distinct values, in order of appearance. */
struct distinct {
    char *v[6];
    size_t n;
    int more;
};

static void distinct_add(struct distinct *d, const char *s)
{
    if (!s || !*s)
        return;
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->v[i], s) == 0)
            return;
    if (d->n == sizeof d->v / sizeof d->v[0]) {
        d->more = 1;
        return;
    }
    d->v[d->n++] = xstrdup(s);
}

static void distinct_num(struct distinct *d, double v, const char *unit)
{
    char tmp[64], out[96];
    if (!run_has(v))
        return;
    snprintf(out, sizeof out, "%s%s", units_format(tmp, sizeof tmp, v), unit ? unit : "");
    distinct_add(d, out);
}

/* Joined with ", ", "…" when there were more; NULL when empty. Frees d. */
static char *distinct_take(struct distinct *d)
{
    if (!d->n)
        return NULL;
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < d->n; i++) {
        buf_printf(&b, "%s%s", i ? ", " : "", d->v[i]);
        free(d->v[i]);
    }
    if (d->more)
        buf_adds(&b, ", \xe2\x80\xa6");
    d->n = 0;
    return buf_detach(&b, NULL);
}

struct kv {
    const char *key; /* label key */
    char *value;     /* owned; NULL: not known */
};

enum { HOST_FIELDS = 8 };

static void host_fields(const struct report *rep, int load, struct kv *out)
{
    static const char *const keys[HOST_FIELDS] = {"host_name", "cpu", "vcpus", "ram",
                                                  "virtualization", "os", "kernel", "arch"};
    struct distinct d[HOST_FIELDS];
    memset(d, 0, sizeof d);
    for (size_t i = 0; i < rep->nruns; i++) {
        const struct meta_host *h = load ? &rep->runs[i].sr.meta.load_host
                                         : &rep->runs[i].sr.meta.host;
        distinct_add(&d[0], h->name);
        distinct_add(&d[1], h->cpu_model);
        distinct_num(&d[2], h->vcpus, NULL);
        if (run_has(h->ram_mb)) {
            char tmp[64], s[96];
            if (fmod(h->ram_mb, 1024) == 0)
                snprintf(s, sizeof s, "%s GiB", units_format(tmp, sizeof tmp, h->ram_mb / 1024));
            else
                snprintf(s, sizeof s, "%s MiB", units_format(tmp, sizeof tmp, h->ram_mb));
            distinct_add(&d[3], s);
        }
        distinct_add(&d[4], h->virtualization);
        distinct_add(&d[5], h->os);
        distinct_add(&d[6], h->kernel);
        distinct_add(&d[7], h->arch);
    }
    for (int k = 0; k < HOST_FIELDS; k++) {
        out[k].key = keys[k];
        out[k].value = distinct_take(&d[k]);
    }
}

enum { SOFT_FIELDS = 8 };

static void software_fields(const struct report *rep, struct kv *out)
{
    static const char *const keys[SOFT_FIELDS] = {"language", "framework", "server",
                                                  "serializer", "event_loop", "proxy",
                                                  "database", "workers"};
    struct distinct d[SOFT_FIELDS];
    memset(d, 0, sizeof d);
    for (size_t i = 0; i < rep->nruns; i++) {
        const struct meta_stack *s = &rep->runs[i].sr.meta.stack;
        if (s->language) {
            struct buf b = BUF_INIT;
            buf_adds(&b, s->language);
            if (s->language_version)
                buf_printf(&b, " %s", s->language_version);
            distinct_add(&d[0], buf_str(&b));
            buf_free(&b);
        }
        distinct_add(&d[1], s->framework);
        distinct_add(&d[2], s->server);
        distinct_add(&d[3], s->serializer);
        distinct_add(&d[4], s->event_loop);
        distinct_add(&d[5], s->proxy);
        distinct_add(&d[6], s->database);
        distinct_num(&d[7], s->workers, NULL);
    }
    for (int k = 0; k < SOFT_FIELDS; k++) {
        out[k].key = keys[k];
        out[k].value = distinct_take(&d[k]);
    }
}

enum { TOOL_FIELDS = 8 };

static void tool_fields(const struct report *rep, struct kv *out)
{
    static const char *const keys[TOOL_FIELDS] = {"tool", "connections", "threads", "vus",
                                                  "duration", "rate", "url", "command"};
    struct distinct d[TOOL_FIELDS];
    memset(d, 0, sizeof d);
    for (size_t i = 0; i < rep->nruns; i++) {
        const struct run *r = rep->runs[i].sr.run;
        struct buf b = BUF_INIT;
        buf_adds(&b, r->tool);
        if (r->tool_version)
            buf_printf(&b, " %s", r->tool_version);
        distinct_add(&d[0], buf_str(&b));
        buf_free(&b);
        distinct_num(&d[1], r->connections, NULL);
        distinct_num(&d[2], r->threads, NULL);
        distinct_num(&d[3], r->vus_max, NULL);
        if (run_has(r->duration_s)) {
            char tmp[64];
            distinct_add(&d[4], human_ms(tmp, sizeof tmp, r->duration_s * 1000, 3));
        }
        distinct_num(&d[5], r->target_rate, "/s");
        distinct_add(&d[6], r->url);
        distinct_add(&d[7], r->command);
    }
    for (int k = 0; k < TOOL_FIELDS; k++) {
        out[k].key = keys[k];
        out[k].value = distinct_take(&d[k]);
    }
}

/* A titled box of key/value lines at (x, y), w wide, at most h high. */
static void kv_box(struct deck_ctx *c, struct dlist *dl, double x, double y, double w, double h,
                   const char *heading, struct kv *kv, size_t n)
{
    const struct tpl_theme *th = c->th;
    double hs = th->body + 3, ts = th->body;
    double bottom = y + h;
    dl_rect(dl, "box-rule", x, y, w, 1.2, th->grid, DL_NONE, 0);
    y += 8 + font_ascent(c->fs, FONT_BOLD, hs);
    char *hd = dl_fit(dl, FONT_BOLD, hs, heading, w);
    dl_text(dl, "box-heading", x, y, hd, FONT_BOLD, hs, th->text, DL_START);
    free(hd);
    y += hs * 0.6;
    double kw = 0;
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (!kv[i].value)
            continue;
        double tw = dl_measure(dl, FONT_SANS, ts, template_label(c->tpl, kv[i].key));
        if (tw > kw)
            kw = tw;
    }
    if (kw > w * 0.4)
        kw = w * 0.4;
    for (size_t i = 0; i < n; i++) {
        if (!kv[i].value)
            continue;
        char *lines[3];
        size_t nl = dl_wrap(dl, FONT_SANS, ts, kv[i].value, w - kw - 12, lines, 3);
        if (y + ts * 1.35 * (double)nl + ts * 0.5 > bottom) {
            for (size_t k = 0; k < nl; k++)
                free(lines[k]);
            break;
        }
        y += ts * 1.35;
        char *key = dl_fit(dl, FONT_SANS, ts, template_label(c->tpl, kv[i].key), kw);
        dl_text(dl, "key", x, y, key, FONT_SANS, ts, th->muted, DL_START);
        free(key);
        for (size_t k = 0; k < nl; k++) {
            if (k)
                y += ts * 1.25;
            dl_text(dl, "value", x + kw + 12, y, lines[k], FONT_SANS, ts, th->text, DL_START);
            free(lines[k]);
        }
        shown++;
    }
    if (!shown)
        dl_text(dl, "value", x, y + ts * 1.35, template_label(c->tpl, "not_stated"), FONT_SANS,
                ts, th->muted, DL_START);
    for (size_t i = 0; i < n; i++)
        free(kv[i].value);
}

static void setup_slide(struct deck_ctx *c, const char *title)
{
    char *footer = report_footer(c);
    struct dlist *dl = new_page(c, "setup", title, footer);
    free(footer);
    double y = slide_title(c, dl, title, SLIDE_W - 2 * MARGIN);
    double colw = (SLIDE_W - 2 * MARGIN - 36) / 2, rowh = (FOOTER_Y - 12 - y) / 2;
    struct kv server[HOST_FIELDS], load[HOST_FIELDS], soft[SOFT_FIELDS], tool[TOOL_FIELDS];
    host_fields(c->rep, 0, server);
    host_fields(c->rep, 1, load);
    software_fields(c->rep, soft);
    tool_fields(c->rep, tool);
    kv_box(c, dl, MARGIN, y, colw, rowh, template_label(c->tpl, "setup_server"), server,
           HOST_FIELDS);
    kv_box(c, dl, MARGIN + colw + 36, y, colw, rowh, template_label(c->tpl, "setup_load"), load,
           HOST_FIELDS);
    kv_box(c, dl, MARGIN, y + rowh, colw, rowh, template_label(c->tpl, "setup_software"), soft,
           SOFT_FIELDS);
    kv_box(c, dl, MARGIN + colw + 36, y + rowh, colw, rowh, template_label(c->tpl, "setup_tool"),
           tool, TOOL_FIELDS);
}

/* --- runs ------------------------------------------------------------------- */

/* A FAILED badge whose right edge is at x, text baseline at y. */
static void failed_badge(struct deck_ctx *c, struct dlist *dl, double x, double y, double size)
{
    const char *t = template_label(c->tpl, "failed");
    double w = dl_measure(dl, FONT_BOLD, size, t) + size;
    double asc = font_ascent(c->fs, FONT_BOLD, size);
    dl_rect(dl, "failed-badge", x - w, y - asc - size * 0.3, w, asc + size * 0.75, c->th->failed,
            DL_NONE, 0);
    dl_text(dl, "failed-mark", x - w / 2, y, t, FONT_BOLD, size, 0xffffff, DL_MIDDLE);
}

/* One line of large type, shrunk to fit maxw. */
static double big_line(struct deck_ctx *c, struct dlist *dl, const char *role, double x, double y,
                       const char *text, enum font_face f, double size, double maxw,
                       uint32_t color)
{
    double w = dl_measure(dl, f, size, text);
    if (w > maxw)
        size = size * maxw / w;
    dl_text(dl, role, x, y, text, f, size, color, DL_START);
    return size;
}

/* The caption under the raw output: what file, which lines, which bytes. */
static void raw_caption(struct deck_ctx *c, struct dlist *dl, const struct report_run *rr,
                        double x, double y, double w)
{
    const struct run *r = rr->sr.run;
    struct buf cb = BUF_INIT;
    char first[16], last[16];
    snprintf(first, sizeof first, "%d", r->first_line);
    snprintf(last, sizeof last, "%d", r->last_line);
    const char *vars[] = {"file", rr->sr.source_file ? rr->sr.source_file : "?", "first", first,
                          "last", last, NULL};
    char *src = template_text(c->tpl, "raw_source", vars);
    buf_printf(&cb, "%s \xc2\xb7 %s", template_label(c->tpl, "raw_output"), src);
    if (rr->sr.sha256)
        buf_printf(&cb, " \xc2\xb7 sha256 %.12s", rr->sr.sha256);
    free(src);
    char *capt = dl_fit(dl, FONT_SANS, c->th->small - 1, buf_str(&cb), w);
    dl_text(dl, "raw-caption", x, y, capt, FONT_SANS, c->th->small - 1, c->th->muted, DL_START);
    free(capt);
    buf_free(&cb);
}

/* The run's raw output in a monospace box at (x, y), w wide and at most h
 * high: the largest size (within the theme's code_min..code_max) at which
 * every line fits; lines that do not fit even then are cut with "…", and
 * what is left below is counted ("… 12 more lines"). The box is as high as
 * its text. */
static void raw_box(struct deck_ctx *c, struct dlist *dl, const struct report_run *rr, double x,
                    double y, double w, double h)
{
    const struct tpl_theme *th = c->th;
    double pad = 12, cap = th->small + 6;
    double maxh = h - cap;
    uint32_t border = rr->failed ? th->failed : th->grid;
    double bw = rr->failed ? 1.5 : 0.8;

    if (!rr->excerpt || !*rr->excerpt) {
        double bh = pad * 2 + th->code_max * 1.3;
        dl_rect(dl, "raw-box", x, y, w, bh, th->code_background, border, bw);
        dl_text(dl, "raw-line", x + pad, y + pad + font_ascent(c->fs, FONT_MONO, th->code_max),
                template_label(c->tpl, "not_printed"), FONT_MONO, th->code_max, th->muted,
                DL_START);
        raw_caption(c, dl, rr, x, y + bh + th->small + 2, w);
        return;
    }
    size_t n = 1;
    for (const char *p = rr->excerpt; *p; p++)
        n += *p == '\n';
    char **lines = xcalloc(n, sizeof(char *));
    const char *p = rr->excerpt;
    double widest = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        lines[i] = xstrndup(p, len);
        p += len + (e ? 1 : 0);
        double lw = dl_measure(dl, FONT_MONO, 1, lines[i]);
        if (lw > widest)
            widest = lw;
    }
    double iw = w - 2 * pad, ih = maxh - 2 * pad, lead = 1.25;
    double size = th->code_max;
    if (widest > 0 && iw / widest < size)
        size = iw / widest;
    if (ih / ((double)n * lead) < size)
        size = ih / ((double)n * lead);
    if (size < th->code_min)
        size = th->code_min;
    size = floor(size * 4) / 4;
    size_t fit = (size_t)(ih / (size * lead));
    size_t show = n <= fit ? n : (fit > 1 ? fit - 1 : 1);
    size_t rows = show + (show < n);
    double bh = 2 * pad + (double)rows * size * lead;
    dl_rect(dl, "raw-box", x, y, w, bh, th->code_background, border, bw);
    double ly = y + pad + font_ascent(c->fs, FONT_MONO, size);
    for (size_t i = 0; i < show; i++) {
        char *t = dl_fit(dl, FONT_MONO, size, lines[i], iw);
        dl_text(dl, "raw-line", x + pad, ly, t, FONT_MONO, size, th->text, DL_START);
        free(t);
        ly += size * lead;
    }
    if (show < n) {
        char more[32];
        snprintf(more, sizeof more, "%zu", n - show);
        const char *mv[] = {"n", more, NULL};
        char *t = template_text(c->tpl, "raw_cut", mv);
        dl_text(dl, "raw-cut", x + pad, ly, t, FONT_MONO, size, th->muted, DL_START);
        free(t);
    }
    raw_caption(c, dl, rr, x, y + bh + th->small + 2, w);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

/* The latency line: p90 as the talk shows it, else the average. */
static char *brief_latency(struct deck_ctx *c, const struct run *r)
{
    char tmp[64];
    double p90 = run_latency_pct(r, 90);
    if (run_has(p90)) {
        const char *v[] = {"value", human_ms(tmp, sizeof tmp, p90, 2), "p", "90", NULL};
        return template_text(c->tpl, "brief_latency", v);
    }
    if (run_has(r->lat_avg)) {
        const char *v[] = {"value", human_ms(tmp, sizeof tmp, r->lat_avg, 2), NULL};
        return template_text(c->tpl, "brief_latency_avg", v);
    }
    const char *v[] = {"p", "90", NULL};
    char *m = template_text(c->tpl, "metric_latency", v);
    struct buf b = BUF_INIT;
    buf_printf(&b, "%s: %s", m, template_label(c->tpl, "not_printed"));
    free(m);
    return buf_detach(&b, NULL);
}

/* The failures of a run that did not fail as a whole, with the figures
 * its output printed: "12 failed requests (0.01%)", "12 failed requests",
 * "0.01% of requests failed", or "failures not printed". */
static char *brief_failed(struct deck_ctx *c, const struct run *r)
{
    static const char *const keys[4] = {"brief_failed_unknown", "brief_failed_count",
                                        "brief_failed_pct", "brief_failed"};
    char n[64], pct[64];
    int has_n = run_has(r->failed_requests), has_pct = run_has(r->failed_pct);
    if (has_n)
        human_count(n, sizeof n, r->failed_requests, 4, &c->tpl->units);
    if (has_pct)
        human_percent(pct, sizeof pct, r->failed_pct, 3);
    const char *vars[] = {"n", has_n ? n : "", "pct", has_pct ? pct : "", NULL};
    return template_text(c->tpl, keys[has_n + 2 * has_pct], vars);
}

/* "87.06k requests in 70 s · k6 v0.45, 1000 virtual users". */
static char *brief_facts(struct deck_ctx *c, const struct run *r)
{
    const struct human_units *u = &c->tpl->units;
    char tmp[64], tmp2[64];
    struct buf out = BUF_INIT, load = BUF_INIT, tool = BUF_INIT;
    if (run_has(r->requests)) {
        const char *rv[] = {"n", human_count(tmp, sizeof tmp, r->requests, 4, u), "duration",
                            run_has(r->duration_s)
                                ? human_ms(tmp2, sizeof tmp2, r->duration_s * 1000, 3)
                                : "",
                            NULL};
        char *s = template_text(c->tpl, run_has(r->duration_s) ? "brief_requests"
                                                               : "brief_requests_only", rv);
        buf_adds(&out, s);
        free(s);
    }
    if (run_has(r->threads))
        buf_printf(&load, "%s %s", units_format(tmp, sizeof tmp, r->threads),
                   template_label(c->tpl, "threads"));
    if (run_has(r->connections))
        buf_printf(&load, "%s%s %s", load.len ? ", " : "",
                   units_format(tmp, sizeof tmp, r->connections),
                   template_label(c->tpl, "connections"));
    else if (run_has(r->vus_max))
        buf_printf(&load, "%s%s %s", load.len ? ", " : "", units_format(tmp, sizeof tmp, r->vus_max),
                   template_label(c->tpl, "vus"));
    buf_adds(&tool, r->tool);
    if (r->tool_version)
        buf_printf(&tool, " %s", r->tool_version);
    if (out.len)
        buf_adds(&out, " \xc2\xb7 ");
    if (load.len) {
        const char *lv[] = {"tool", buf_str(&tool), "load", buf_str(&load), NULL};
        char *s = template_text(c->tpl, "brief_load", lv);
        buf_adds(&out, s);
        free(s);
    } else {
        buf_adds(&out, buf_str(&tool));
    }
    buf_free(&load);
    buf_free(&tool);
    return buf_detach(&out, NULL);
}

/* One run "in brief", as the talk shows it: requests/s and latency p90 in
 * large type, the failures, then the raw output it all comes from. */
static void run_slide(struct deck_ctx *c, const struct tpl_slide *sl, const struct report_run *rr)
{
    const struct tpl_theme *th = c->th;
    const struct run *r = rr->sr.run;
    const struct human_units *u = &c->tpl->units;
    char tmp[64];
    const char *tvars[] = {"label", rr->label, "campaign", c->rep->campaigns, NULL};
    char *title = template_format(sl->title ? sl->title : "{label}", tvars);

    struct buf fb = BUF_INIT;
    snprintf(tmp, sizeof tmp, "%lld", (long long)rr->sr.run_id);
    const char *fvars[] = {"id", tmp, NULL};
    char *run_word = template_text(c->tpl, "footer_run", fvars);
    buf_printf(&fb, "%s \xc2\xb7 %s", run_word, r->tool);
    free(run_word);
    if (r->tool_version)
        buf_printf(&fb, " %s", r->tool_version);
    if (rr->sr.campaign)
        buf_printf(&fb, " \xc2\xb7 %s", rr->sr.campaign);
    if (rr->sr.scenario)
        buf_printf(&fb, " \xc2\xb7 %s", rr->sr.scenario);
    struct dlist *dl = new_page(c, "runs", title, buf_str(&fb));
    buf_free(&fb);
    double top = slide_title(c, dl, title, SLIDE_W - 2 * MARGIN - (rr->failed ? 150 : 0));
    if (rr->failed)
        failed_badge(c, dl, SLIDE_W - MARGIN,
                     MARGIN + font_ascent(c->fs, FONT_BOLD, th->heading) - 6, th->heading * 0.7);
    free(title);

    /* Requests per second and latency in large type, side by side. */
    double half = (SLIDE_W - 2 * MARGIN) / 2;
    double y = top + 8 + font_ascent(c->fs, FONT_BOLD, th->brief);
    uint32_t big = rr->failed ? th->failed : th->text;
    const char *v1[] = {"value", human_count(tmp, sizeof tmp, r->rps, 2, u), NULL};
    char *s = template_text(c->tpl, "brief_rps", v1);
    double used = big_line(c, dl, "brief-rps", MARGIN, y, s, FONT_BOLD, th->brief, half - 24, big);
    double lx = MARGIN + dl_measure(dl, FONT_BOLD, used, s) + th->brief * 0.9;
    free(s);
    s = brief_latency(c, r);
    big_line(c, dl, "brief-latency", lx, y, s, FONT_BOLD, th->brief * 0.62,
             SLIDE_W - MARGIN - lx, big);
    free(s);
    y += th->brief * 0.32 + (th->body + 2) * 1.5;

    /* Failures, then what the run was. */
    if (rr->failed) {
        human_count(tmp, sizeof tmp,
                    run_has(r->failed_requests) ? r->failed_requests : r->requests, 4, u);
        const char *fv[] = {"n", tmp, NULL};
        char *all = template_text(c->tpl, "failed_all", fv);
        struct buf b = BUF_INIT;
        buf_printf(&b, "%s: %s", template_label(c->tpl, "failed"), all);
        big_line(c, dl, "brief-failed", MARGIN, y, buf_str(&b), FONT_BOLD, th->body + 2,
                 SLIDE_W - 2 * MARGIN, th->failed);
        buf_free(&b);
        free(all);
    } else {
        s = brief_failed(c, r);
        big_line(c, dl, "brief-failed", MARGIN, y, s, FONT_SANS, th->body + 2,
                 SLIDE_W - 2 * MARGIN,
                 run_has(r->failed_pct) && r->failed_pct > 0 ? th->failed : th->text);
        free(s);
    }
    y += (th->small + 1) * 1.7;
    s = brief_facts(c, r);
    struct buf facts = BUF_INIT;
    buf_adds(&facts, s);
    free(s);
    if (rr->sr.notes)
        buf_printf(&facts, " \xc2\xb7 %s", rr->sr.notes);
    char *lines[2];
    size_t nl = dl_wrap(dl, FONT_SANS, th->small + 1, buf_str(&facts), SLIDE_W - 2 * MARGIN,
                        lines, 2);
    for (size_t i = 0; i < nl; i++) {
        dl_text(dl, "brief-fact", MARGIN, y, lines[i], FONT_SANS, th->small + 1, th->muted,
                DL_START);
        free(lines[i]);
        y += (th->small + 1) * 1.35;
    }
    buf_free(&facts);

    /* The raw output, full width below. */
    y += 4;
    raw_box(c, dl, rr, MARGIN, y, SLIDE_W - 2 * MARGIN, FOOTER_Y - 8 - y);
}

/* --- table ------------------------------------------------------------------ */

/* The "not made under the same conditions" text, NULL when there is none. */
static char *conditions_text(const struct report *rep, const struct template *tpl)
{
    if (!rep->nwarnings)
        return NULL;
    struct buf b = BUF_INIT;
    buf_printf(&b, "\xe2\x9a\xa0 %s ", template_label(tpl, "conditions_differ"));
    for (size_t i = 0; i < rep->nwarnings; i++)
        buf_printf(&b, "%s%s", i ? "; " : "", rep->warnings[i]);
    return buf_detach(&b, NULL);
}

#define CONDITIONS_LINES 3

/* Lines the note takes (0 when none): at most CONDITIONS_LINES. */
static size_t conditions_wrap(struct dlist *dl, const struct report *rep,
                              const struct template *tpl, char **lines)
{
    char *text = conditions_text(rep, tpl);
    if (!text)
        return 0;
    size_t n = dl_wrap(dl, FONT_SANS, tpl->theme.small, text, SLIDE_W - 2 * MARGIN, lines,
                       CONDITIONS_LINES);
    free(text);
    return n;
}

/* Height the note takes above its last line's baseline. */
static double conditions_extra(const struct report *rep, const struct template *tpl,
                               struct font_set *fs)
{
    struct dlist *dl = dl_new(SLIDE_W, SLIDE_H, fs);
    char *lines[CONDITIONS_LINES];
    size_t n = conditions_wrap(dl, rep, tpl, lines);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    dl_free(dl);
    return n > 1 ? (double)(n - 1) * tpl->theme.small * 1.25 : 0;
}

/* Runs not made under the same conditions: up to three lines above the
 * footer, in the failure colour, on every table and chart slide. */
static void conditions_note(struct deck_ctx *c, struct dlist *dl)
{
    char *lines[CONDITIONS_LINES];
    size_t n = conditions_wrap(dl, c->rep, c->tpl, lines);
    for (size_t i = 0; i < n; i++) {
        double y = FOOTER_Y - 5 - (double)(n - 1 - i) * c->th->small * 1.25;
        dl_text(dl, "conditions-differ", MARGIN, y, lines[i], FONT_SANS, c->th->small,
                c->th->failed, DL_START);
        free(lines[i]);
    }
}

/* Cells in bold and the failure colour: a failed row's label and failed
 * column, and the failed column of a row some of whose runs failed. */
static int cell_marked(const struct report_row *row, int col)
{
    return (row->failed && col == RENDER_COL_LABEL) ||
           (row->nfailed && col == RENDER_COL_FAILED);
}

/* Each shown column's width at size ts: its widest cell among rows
 * first..last and the header. Returns their sum; *ncols the columns shown. */
static double column_widths(struct dlist *dl, const struct report *rep,
                            char head[RENDER_NCOLS][RENDER_CELL],
                            char (*cells)[RENDER_NCOLS][RENDER_CELL], size_t first, size_t last,
                            double ts, double cw[RENDER_NCOLS], int *ncols)
{
    double total = 0;
    *ncols = 0;
    for (int col = 0; col < RENDER_NCOLS; col++) {
        cw[col] = 0;
        if (!render_col_shown(rep, col))
            continue;
        cw[col] = dl_measure(dl, FONT_BOLD, ts, head[col]);
        for (size_t r = first; r < last; r++) {
            enum font_face f = cell_marked(&rep->rows[r], col) ? FONT_BOLD : FONT_SANS;
            double w = dl_measure(dl, f, ts, cells[r][col]);
            if (w > cw[col])
                cw[col] = w;
        }
        total += cw[col];
        (*ncols)++;
    }
    return total;
}

static void table_slides(struct deck_ctx *c, const char *title)
{
    const struct report *rep = c->rep;
    const struct tpl_theme *th = c->th;
    char head[RENDER_NCOLS][RENDER_CELL];
    char (*cells)[RENDER_NCOLS][RENDER_CELL] = xcalloc(rep->nrows ? rep->nrows : 1, sizeof(*cells));
    render_cells(rep, c->tpl, -1, head);
    for (size_t r = 0; r < rep->nrows; r++)
        render_cells(rep, c->tpl, (long)r, cells[r]);

    const size_t per_page = 14;
    size_t pages = rep->nrows ? (rep->nrows + per_page - 1) / per_page : 1;
    char *footer = report_footer(c);
    for (size_t pg = 0; pg < pages; pg++) {
        char *t = xstrdup(title);
        if (pg > 0) {
            const char *v[] = {"title", title, NULL};
            free(t);
            t = template_text(c->tpl, "continued", v);
        }
        struct dlist *dl = new_page(c, "table", t, footer);
        double y = slide_title(c, dl, t, SLIDE_W - 2 * MARGIN);
        free(t);
        size_t first = pg * per_page, last = first + per_page < rep->nrows ? first + per_page : rep->nrows;
        size_t rows = last - first;
        double rowh = (FOOTER_Y - 16 - conditions_extra(rep, c->tpl, c->fs) - y) /
                      (double)(rows + 1);
        if (rowh > 30)
            rowh = 30;
        double ts = th->body;
        if (ts > rowh * 0.55)
            ts = rowh * 0.55;
        /* Column widths from the widest cell. Too wide for the slide: a
         * smaller type (down to theme.sizes.small), then the label column
         * gives up the rest. */
        double cw[RENDER_NCOLS], gap = 22, avail = SLIDE_W - 2 * MARGIN - 16;
        int ncols = 0;
        double text = column_widths(dl, rep, head, cells, first, last, ts, cw, &ncols);
        double room = avail - gap * (ncols - 1);
        if (text > room) {
            double least = th->small < ts ? th->small : ts, fit = ts * room / text;
            ts = fit > least ? fit : least;
            text = column_widths(dl, rep, head, cells, first, last, ts, cw, &ncols);
        }
        if (text > room)
            cw[RENDER_COL_LABEL] -= text - room;
        double asc = font_ascent(c->fs, FONT_SANS, ts), desc = font_descent(c->fs, FONT_SANS, ts);
        /* Header. */
        double x = MARGIN + 12, by = y + rowh / 2 + (asc - desc) / 2;
        for (int col = 0; col < RENDER_NCOLS; col++) {
            if (!render_col_shown(rep, col))
                continue;
            char *fit = dl_fit(dl, FONT_BOLD, ts, head[col], cw[col]);
            dl_text(dl, "th", render_col_right(col) ? x + cw[col] : x, by, fit, FONT_BOLD, ts,
                    th->text, render_col_right(col) ? DL_END : DL_START);
            free(fit);
            x += cw[col] + gap;
        }
        dl_line(dl, "table-rule", MARGIN, y + rowh, SLIDE_W - MARGIN, y + rowh, th->axis, 1,
                DL_SOLID);
        for (size_t r = first; r < last; r++) {
            const struct report_row *row = &rep->rows[r];
            double ry = y + rowh * (double)(r - first + 1);
            if ((r - first) % 2 == 1)
                dl_rect(dl, "zebra", MARGIN, ry, SLIDE_W - 2 * MARGIN, rowh, th->code_background,
                        DL_NONE, 0);
            x = MARGIN + 12;
            by = ry + rowh / 2 + (asc - desc) / 2;
            for (int col = 0; col < RENDER_NCOLS; col++) {
                if (!render_col_shown(rep, col))
                    continue;
                int mark = cell_marked(row, col);
                enum font_face f = mark ? FONT_BOLD : FONT_SANS;
                char *fit = dl_fit(dl, f, ts, cells[r][col], cw[col]);
                if (col == RENDER_COL_LABEL)
                    dl_rect(dl, "swatch", x - 11, ry + rowh * 0.22, 5, rowh * 0.56,
                            chart_color(c->tpl, row->color), DL_NONE, 0);
                dl_text(dl, "td", render_col_right(col) ? x + cw[col] : x, by, fit, f, ts,
                        row->failed || mark ? th->failed : th->text,
                        render_col_right(col) ? DL_END : DL_START);
                free(fit);
                x += cw[col] + gap;
            }
        }
        dl_line(dl, "table-rule", MARGIN, y + rowh * (double)(rows + 1), SLIDE_W - MARGIN,
                y + rowh * (double)(rows + 1), th->grid, 1, DL_SOLID);
        conditions_note(c, dl);
    }
    free(footer);
    free(cells);
}

/* --- the deck --------------------------------------------------------------- */

static void chart_slide(struct deck_ctx *c, enum chart_kind k, const struct dlist *chart)
{
    char *title = slides_chart_title(c->tpl, c->rep, k);
    char *footer = report_footer(c);
    struct buf plan = BUF_INIT;
    buf_printf(&plan, "%s: %s", chart_kind_name(k), title);
    struct dlist *dl = new_page(c, "chart", buf_str(&plan), footer);
    buf_free(&plan);
    free(footer);
    dl_append(dl, chart, SLIDE_CHART_X, SLIDE_CHART_Y);
    conditions_note(c, dl);
    free(title);
}

char *slides_chart_title(const struct template *tpl, const struct report *rep,
                         enum chart_kind k)
{
    static const char *const keys[CHART_NKINDS] = {"chart_bars", "chart_percentiles",
                                                   "chart_distribution", "chart_timeline"};
    const char *fmt = template_label(tpl, keys[k]);
    for (size_t i = 0; i < tpl->nslides; i++)
        if (tpl->slides[i].type == TPL_CHART && tpl->slides[i].chart == (int)k &&
            tpl->slides[i].title) {
            fmt = tpl->slides[i].title;
            break;
        }
    char *metric = chart_metric_label(tpl, &rep->opts.metric);
    const char *vars[] = {"campaign", rep->campaigns, "metric", metric, NULL};
    char *t = template_format(fmt, vars);
    free(metric);
    return t;
}

void slides_layout_charts(const struct report *rep, const struct template *tpl,
                          struct font_set *fs, struct dlist *charts[CHART_NKINDS])
{
    for (int k = 0; k < CHART_NKINDS; k++) {
        charts[k] = NULL;
        if (!chart_available(rep, (enum chart_kind)k))
            continue;
        char *title = slides_chart_title(tpl, rep, (enum chart_kind)k);
        charts[k] = chart_layout(rep, tpl, fs, (enum chart_kind)k, title, SLIDE_CHART_W,
                                 SLIDE_CHART_H - conditions_extra(rep, tpl, fs));
        free(title);
    }
}

void slides_dump(FILE *fp, const struct report *rep, struct dlist *const charts[CHART_NKINDS],
                 const struct deck *d, int pages)
{
    report_dump(fp, rep);
    for (int k = 0; k < CHART_NKINDS; k++) {
        if (!charts[k])
            continue;
        fprintf(fp, "chart %s\n", chart_kind_name((enum chart_kind)k));
        dl_dump(fp, charts[k]);
    }
    deck_dump(fp, d, pages);
}

/* Footers go on last: they carry the page count. */
static void footers(struct deck_ctx *c)
{
    const struct tpl_theme *th = c->th;
    char n[32], total[32];
    snprintf(total, sizeof total, "%zu", c->d->n);
    for (size_t i = 0; i < c->d->n; i++) {
        struct dlist *dl = c->d->pages[i];
        snprintf(n, sizeof n, "%zu", i + 1);
        const char *vars[] = {"n", n, "total", total, NULL};
        char *page = template_text(c->tpl, "footer_page", vars);
        struct buf right = BUF_INIT;
        buf_printf(&right, "benchdb %s \xc2\xb7 %s", BENCHDB_VERSION, page);
        double rw = dl_measure(dl, FONT_SANS, th->footer, buf_str(&right));
        dl_line(dl, "footer-rule", 24, FOOTER_Y, SLIDE_W - 24, FOOTER_Y, th->grid, 0.6, DL_SOLID);
        char *left = dl_fit(dl, FONT_SANS, th->footer, c->footers[i], SLIDE_W - 48 - rw - 24);
        dl_text(dl, "footer", 24, SLIDE_H - 9, left, FONT_SANS, th->footer, th->muted, DL_START);
        dl_text(dl, "footer-page", SLIDE_W - 24, SLIDE_H - 9, buf_str(&right), FONT_SANS,
                th->footer, th->muted, DL_END);
        free(left);
        free(page);
        buf_free(&right);
    }
}

int slides_build(const struct report *rep, const struct template *tpl, struct font_set *fs,
                 const struct slides_info *info, struct dlist *const charts[CHART_NKINDS],
                 struct deck *out)
{
    struct deck_ctx c = {out, NULL, 0, rep, tpl, &tpl->theme, fs, info};
    memset(out, 0, sizeof(*out));
    char *metric = chart_metric_label(tpl, &rep->opts.metric);
    const char *vars[] = {"campaign", rep->campaigns, "metric", metric, NULL};
    char *title = template_format(info->title ? info->title : tpl->title, vars);
    if (!*title) {
        free(title);
        title = xstrdup(rep->campaigns[0] ? rep->campaigns : "benchdb");
    }
    for (size_t i = 0; i < tpl->nslides; i++) {
        const struct tpl_slide *sl = &tpl->slides[i];
        char *st = sl->title ? template_format(sl->title, vars) : xstrdup("");
        switch (sl->type) {
        case TPL_TITLE:
            title_slide(&c, title);
            break;
        case TPL_SETUP:
            setup_slide(&c, st);
            break;
        case TPL_RUNS:
            for (size_t r = 0; r < rep->nrows; r++)
                for (size_t k = 0; k < rep->rows[r].nruns; k++)
                    run_slide(&c, sl, &rep->runs[rep->rows[r].runs[k]]);
            break;
        case TPL_CHART:
            if (charts[sl->chart])
                chart_slide(&c, (enum chart_kind)sl->chart, charts[sl->chart]);
            break;
        case TPL_TABLE:
            table_slides(&c, st);
            break;
        }
        free(st);
    }
    free(title);
    free(metric);
    footers(&c);
    for (size_t i = 0; i < out->n; i++)
        free(c.footers[i]);
    free(c.footers);
    if (out->n == 0)
        return error("the template makes no slides");
    return 0;
}

void deck_free(struct deck *d)
{
    for (size_t i = 0; i < d->n; i++) {
        dl_free(d->pages[i]);
        free(d->plan[i]);
    }
    free(d->pages);
    free(d->plan);
    memset(d, 0, sizeof(*d));
}

void deck_dump(FILE *fp, const struct deck *d, int pages)
{
    for (size_t i = 0; i < d->n; i++) {
        fprintf(fp, "page %zu %s\n", i + 1, d->plan[i]);
        if (pages)
            dl_dump(fp, d->pages[i]);
    }
}
