/* chart.c - chart layouts (see chart.h). Every position is decided here,
 * from the canvas size, the theme's sizes and measured text; the painters
 * add nothing. */
#include "chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "human.h"
#include "render.h"
#include "units.h"

static const char *const kind_names[CHART_NKINDS] = {"bars", "percentiles", "distribution",
                                                     "timeline"};

const char *chart_kind_name(enum chart_kind k)
{
    return k < CHART_NKINDS ? kind_names[k] : "?";
}

int chart_kind_parse(const char *name, enum chart_kind *k)
{
    for (int i = 0; i < CHART_NKINDS; i++) {
        if (strcmp(name, kind_names[i]) == 0) {
            *k = (enum chart_kind)i;
            return 0;
        }
    }
    return -1;
}

uint32_t chart_color(const struct template *tpl, int i)
{
    const struct tpl_theme *th = &tpl->theme;
    return th->palette[(size_t)(i < 0 ? 0 : i) % th->npalette];
}

/* c mixed with white: f = 0 keeps c, f = 1 is white. */
static uint32_t lighten(uint32_t c, double f)
{
    uint32_t out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        double v = (double)((c >> shift) & 0xff);
        v = v + (255 - v) * f;
        out |= (uint32_t)lround(v) << shift;
    }
    return out;
}

char *chart_metric_label(const struct template *tpl, const struct report_metric *m)
{
    static const char *const keys[] = {
        [RM_RPS] = "metric_rps", [RM_REQUESTS] = "metric_requests",
        [RM_LATENCY] = "metric_latency", [RM_AVG] = "metric_avg", [RM_MIN] = "metric_min",
        [RM_MAX] = "metric_max", [RM_STDEV] = "metric_stdev", [RM_FAILED] = "metric_failed",
        [RM_RPS_PER_VCPU] = "metric_rps_per_vcpu", [RM_TAIL] = "metric_tail_ratio",
        [RM_RATE_ACHIEVED] = "metric_rate_achieved",
    };
    char p[32];
    snprintf(p, sizeof p, "%s", m->what == RM_LATENCY ? m->name + 1 : "");
    const char *vars[] = {"p", p, NULL};
    return template_text(tpl, keys[m->what], vars);
}

size_t chart_ticks(double lo, double hi, int want, double *t, size_t max, double *top)
{
    static const double steps[] = {1, 2, 2.5, 5, 10};
    if (!(hi > lo)) {
        hi = lo + (lo == 0 ? 1 : fabs(lo));
    }
    double raw = (hi - lo) / (want > 0 ? want : 5);
    double mag = pow(10, floor(log10(raw)));
    double step = mag * 10;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (steps[i] * mag >= raw * 0.999) {
            step = steps[i] * mag;
            break;
        }
    }
    double first = floor(lo / step + 1e-9) * step;
    size_t n = 0;
    double v = first;
    for (int k = 0; n < max; k++) {
        v = first + k * step;
        if (fabs(v) < step * 1e-9)
            v = 0;
        t[n++] = v;
        if (v >= hi - step * 1e-9)
            break;
    }
    *top = t[n - 1];
    return n;
}

int chart_available(const struct report *rep, enum chart_kind k)
{
    double p[8];
    switch (k) {
    case CHART_BARS:
        for (size_t r = 0; r < rep->nrows; r++)
            if (run_has(rep->rows[r].value))
                return 1;
        return 0;
    case CHART_PERCENTILES:
        return report_bar_percentiles(rep, p, 8) > 0;
    case CHART_DISTRIBUTION:
        for (size_t i = 0; i < rep->nruns; i++)
            if (report_run_has_spectrum(&rep->runs[i]))
                return 1;
        return 0;
    case CHART_TIMELINE:
        for (size_t i = 0; i < rep->nruns; i++)
            if (rep->runs[i].series.n > 1)
                return 1;
        return 0;
    case CHART_NKINDS:
        break;
    }
    return 0;
}

/* --- shared pieces ---------------------------------------------------------- */

struct frame {
    struct dlist *dl;
    const struct report *rep;
    const struct template *tpl;
    const struct tpl_theme *th;
    double pad;
    double ts;          /* chart text size */
    double top;         /* first y below the title block */
};

/* Title, and the subtitle saying what is measured and where it came from. */
static void frame_title(struct frame *f, const char *title, const char *what)
{
    struct dlist *dl = f->dl;
    double y = f->pad + font_ascent(dl->fonts, FONT_BOLD, f->th->chart_title);
    char *t = dl_fit(dl, FONT_BOLD, f->th->chart_title, title, dl->w - 2 * f->pad);
    dl_text(dl, "title", f->pad, y, t, FONT_BOLD, f->th->chart_title, f->th->text, DL_START);
    free(t);
    struct buf sub = BUF_INIT;
    if (what && *what)
        buf_adds(&sub, what);
    if (f->rep->campaigns[0])
        buf_printf(&sub, "%s%s", sub.len ? " \xc2\xb7 " : "", f->rep->campaigns);
    const char *vars[] = {"ids", f->rep->run_ids, NULL};
    char *runs = template_text(f->tpl, "footer_runs", vars);
    buf_printf(&sub, "%s%s", sub.len ? " \xc2\xb7 " : "", runs);
    free(runs);
    y += f->ts * 1.7;
    t = dl_fit(dl, FONT_SANS, f->ts, buf_str(&sub), dl->w - 2 * f->pad);
    dl_text(dl, "subtitle", f->pad, y, t, FONT_SANS, f->ts, f->th->muted, DL_START);
    free(t);
    buf_free(&sub);
    f->top = y + f->ts * 1.6;
}

/* Diagonal hatching inside a rectangle, lines rising to the right. */
static void hatch(struct dlist *dl, double x, double y, double w, double h, uint32_t color,
                  double spacing)
{
    for (double d = spacing / 2; d < w + h; d += spacing) {
        double a0 = d - h > 0 ? d - h : 0, a1 = d < w ? d : w;
        if (a1 <= a0)
            continue;
        dl_line(dl, "hatch", x + a0, y + h - (d - a0), x + a1, y + h - (d - a1), color, 0.8,
                DL_SOLID);
    }
}

/* Vertical value axis ticks along the bottom of a horizontal-bar plot:
 * grid lines and labels. */
static void x_ticks(struct frame *f, double x0, double y0, double y1, double scale,
                    const double *t, size_t n, enum human_kind kind, double label_y)
{
    char (*lab)[32] = xcalloc(n ? n : 1, sizeof(*lab));
    human_ticks(lab, t, n, kind, &f->tpl->units);
    for (size_t i = 0; i < n; i++) {
        double x = x0 + t[i] * scale;
        if (t[i] != 0)
            dl_line(f->dl, "grid", x, y0, x, y1, f->th->grid, 0.6, DL_SOLID);
        dl_line(f->dl, "tick", x, y1, x, y1 + 4, f->th->axis, 0.8, DL_SOLID);
        dl_text(f->dl, "tick-label", x, label_y, lab[i], FONT_SANS, f->ts - 1, f->th->muted,
                DL_MIDDLE);
    }
    free(lab);
}

/* Horizontal grid lines and labels of a vertical value axis. */
static void y_ticks(struct frame *f, double x0, double x1, double ybase, double scale,
                    const double *t, size_t n, enum human_kind kind)
{
    char (*lab)[32] = xcalloc(n ? n : 1, sizeof(*lab));
    human_ticks(lab, t, n, kind, &f->tpl->units);
    double mid = (font_ascent(f->dl->fonts, FONT_SANS, f->ts - 1) -
                  font_descent(f->dl->fonts, FONT_SANS, f->ts - 1)) / 2;
    for (size_t i = 0; i < n; i++) {
        double y = ybase - t[i] * scale;
        if (t[i] != 0)
            dl_line(f->dl, "grid", x0, y, x1, y, f->th->grid, 0.6, DL_SOLID);
        dl_line(f->dl, "tick", x0 - 4, y, x0, y, f->th->axis, 0.8, DL_SOLID);
        dl_text(f->dl, "tick-label", x0 - 7, y + mid, lab[i], FONT_SANS, f->ts - 1,
                f->th->muted, DL_END);
    }
    free(lab);
}

static double max_tick_width(struct frame *f, const double *t, size_t n, enum human_kind kind)
{
    char (*lab)[32] = xcalloc(n ? n : 1, sizeof(*lab));
    double w = 0;
    human_ticks(lab, t, n, kind, &f->tpl->units);
    for (size_t i = 0; i < n; i++) {
        double tw = dl_measure(f->dl, FONT_SANS, f->ts - 1, lab[i]);
        if (tw > w)
            w = tw;
    }
    free(lab);
    return w;
}

/* Width of the last of the ticks' labels. */
static double last_tick_width(struct frame *f, const double *t, size_t n, enum human_kind kind)
{
    char (*lab)[32] = xcalloc(n ? n : 1, sizeof(*lab));
    human_ticks(lab, t, n, kind, &f->tpl->units);
    double w = n ? dl_measure(f->dl, FONT_SANS, f->ts - 1, lab[n - 1]) : 0;
    free(lab);
    return w;
}

static void vertical_title(struct frame *f, double x, double ymid, const char *text)
{
    struct dl_item *it = dl_text(f->dl, "axis-title", x, ymid, text, FONT_SANS, f->ts,
                                 f->th->text, DL_MIDDLE);
    it->vertical = 1;
}

/* A legend: one entry per (colour, label, dashed), laid out in rows from
 * the right edge x1 at baseline y going left... as a block at the top
 * right. Returns the height used. */
struct legend_entry {
    uint32_t color;
    const char *label;
    int dashed;
    int swatch; /* 1: a filled square, 0: a line */
};

static double legend(struct frame *f, double x0, double x1, double y,
                     const struct legend_entry *e, size_t n)
{
    double ts = f->ts - 1, gap = 14, sw = 16;
    double asc = font_ascent(f->dl->fonts, FONT_SANS, ts);
    double x = x0, line = 0;
    /* Entries flow left to right, wrapping within [x0, x1]. */
    for (size_t i = 0; i < n; i++) {
        double w = (e[i].color == DL_NONE ? 0 : sw + 5) + dl_measure(f->dl, FONT_SANS, ts, e[i].label);
        if (x > x0 && x + w > x1) {
            x = x0;
            line += ts * 1.5;
        }
        double cy = y + line - asc * 0.35;
        if (e[i].color == DL_NONE) {
            dl_text(f->dl, "legend-label", x, y + line, e[i].label, FONT_SANS, ts, f->th->muted,
                    DL_START);
            x += dl_measure(f->dl, FONT_SANS, ts, e[i].label) + gap;
            continue;
        }
        if (e[i].swatch)
            dl_rect(f->dl, "legend-swatch", x, cy - 5, 10, 10, e[i].color, DL_NONE, 0);
        else
            dl_line(f->dl, "legend-line", x, cy, x + sw, cy, e[i].color, 2,
                    e[i].dashed ? DL_DASHED : DL_SOLID);
        dl_text(f->dl, "legend-label", x + (e[i].swatch ? 15 : sw + 5), y + line, e[i].label,
                FONT_SANS, ts, f->th->text, DL_START);
        x += w + gap;
    }
    return line + ts * 1.5;
}

/* Rows (or groups) narrower than this are not drawn: their labels could
 * not be read. What is left out is counted in a note at the end. */
#define CHART_MIN_BAND 9.0
/* Curves beyond this many could not be told apart by colour. */
#define CHART_MAX_CURVES 10

/* How many of n rows fit in height h at band min, leaving one band for
 * the "more" note when some do not. */
static size_t rows_that_fit(size_t n, double h, double min)
{
    size_t cap = (size_t)(h / min);
    if (cap < 2)
        cap = 2;
    return n <= cap ? n : cap - 1;
}

/* "… 12 more rows: the table has them all". */
static void more_note(struct frame *f, const char *key, double x, double y, size_t n,
                      double size)
{
    char num[32];
    snprintf(num, sizeof num, "%zu", n);
    const char *vars[] = {"n", num, NULL};
    char *t = template_text(f->tpl, key, vars);
    dl_text(f->dl, "more", x, y, t, FONT_SANS, size, f->th->muted, DL_START);
    free(t);
}

/* --- bars ------------------------------------------------------------------- */

/* The text at the end of a row's bar; value: the row's value as the
 * chart labels it (human_labels). */
static char *bar_value_text(struct frame *f, const struct report_row *row, const char *value)
{
    struct buf b = BUF_INIT;
    if (row->failed) {
        /* "all N requests failed": N summed over the row's runs, said
         * only when every one of them printed its count. */
        double total = 0;
        for (size_t k = 0; k < row->nruns && run_has(total); k++)
            total += f->rep->runs[row->runs[k]].sr.run->requests;
        buf_adds(&b, template_label(f->tpl, "failed"));
        if (run_has(row->value))
            buf_printf(&b, " \xc2\xb7 %s", value);
        if (run_has(total)) {
            char n[64];
            human_count(n, sizeof n, total, 3, &f->tpl->units);
            const char *vars[] = {"n", n, NULL};
            char *all = template_text(f->tpl, "failed_all", vars);
            buf_printf(&b, " \xc2\xb7 %s", all);
            free(all);
        }
    } else if (!run_has(row->value)) {
        buf_adds(&b, template_label(f->tpl, "not_printed"));
    } else {
        buf_adds(&b, value);
        if (row->nruns > 1 && row->nvalues > 1) {
            char n[24];
            snprintf(n, sizeof n, "%zu", row->nvalues);
            const char *vars[] = {"n", n, NULL};
            char *of = template_text(f->tpl, "runs_of", vars);
            buf_printf(&b, " (%s", of);
            if (run_has(row->cv))
                buf_printf(&b, ", \xc2\xb1%.1f%%", row->cv * 100);
            if (row->noisy)
                buf_printf(&b, ", %s", template_label(f->tpl, "noisy"));
            buf_adds(&b, ")");
            free(of);
        }
        char *failed = render_failed_runs(f->tpl, row); /* "1 of 3 runs failed" */
        if (failed)
            buf_printf(&b, " \xc2\xb7 %s", failed);
        free(failed);
    }
    return buf_detach(&b, NULL);
}

/* Each row's bar text vt[0..n) (freed first when set), the values
 * labelled together against the ticks t[0..nt). */
static void bar_texts(struct frame *f, const double *vals, size_t n, const double *t, size_t nt,
                      char **vt)
{
    char (*lab)[32] = xcalloc(n ? n : 1, sizeof(*lab));
    human_labels(lab, vals, n, f->rep->opts.metric.kind, 3, t, nt, &f->tpl->units);
    for (size_t r = 0; r < n; r++) {
        free(vt[r]);
        vt[r] = bar_value_text(f, &f->rep->rows[r], lab[r]);
    }
    free(lab);
}

/* Where a row's bar (or its range whisker) ends, in the metric's units. */
static double bar_end(const struct report_row *row)
{
    double end = run_has(row->value) ? row->value : 0;
    if (row->nruns > 1 && run_has(row->hi) && row->hi > end)
        end = row->hi;
    return end;
}

/* Width a row's value text needs after its bar, with its gaps. */
static double bar_need(struct frame *f, const struct report_row *row, const char *vt, double size)
{
    return dl_measure(f->dl, row->failed ? FONT_BOLD : FONT_SANS, size, vt) + 8;
}

/* 1 when at this scale every value text fits after its bar within pw. */
static int bars_fit(struct frame *f, size_t n, char *const *vt, double scale, double pw,
                    double size)
{
    for (size_t r = 0; r < n; r++)
        if (bar_end(&f->rep->rows[r]) * scale + bar_need(f, &f->rep->rows[r], vt[r], size) >
            pw + 0.01)
            return 0;
    return 1;
}

/* The largest scale at which every value text fits after its bar. */
static double bars_scale(struct frame *f, size_t n, char *const *vt, double pw, double size)
{
    double scale = -1;
    for (size_t r = 0; r < n; r++) {
        double end = bar_end(&f->rep->rows[r]);
        double sc = (pw - bar_need(f, &f->rep->rows[r], vt[r], size)) / end;
        if (end > 0 && (scale < 0 || sc < scale))
            scale = sc;
    }
    return scale;
}

static void layout_bars(struct frame *f)
{
    struct dlist *dl = f->dl;
    const struct report *rep = f->rep;
    const struct tpl_theme *th = f->th;
    const struct report_metric *m = &rep->opts.metric;
    double ts = f->ts, pad = f->pad;
    size_t all = rep->nrows;
    if (all == 0)
        return;
    double bottom = ts * 2.9 + 6;
    double y0 = f->top + 4, y1 = dl->h - pad - bottom;
    /* As many rows as stay readable; the rest are counted, not drawn. */
    size_t n = rows_that_fit(all, y1 - y0, CHART_MIN_BAND);
    double band = (y1 - y0) / (double)(n + (n < all));
    double rts = ts > band * 0.72 ? band * 0.72 : ts;

    /* Row labels on the left, at most 38% of the width. */
    double lw = 0;
    for (size_t r = 0; r < n; r++) {
        double w = dl_measure(dl, FONT_SANS, rts, rep->rows[r].label);
        if (w > lw)
            lw = w;
    }
    if (lw > dl->w * 0.38)
        lw = dl->w * 0.38;
    double x0 = pad + lw + 10, x1 = dl->w - pad;

    /* The axis runs to a tick beyond the longest bar, with room for its
     * value label after it, as a plot with nice bounds does. */
    double vmax = 0;
    double *vals = xcalloc(n ? n : 1, sizeof(double));
    for (size_t r = 0; r < n; r++) {
        const struct report_row *row = &rep->rows[r];
        double hi = row->nruns > 1 && run_has(row->hi) ? row->hi : row->value;
        if (run_has(hi) && hi > vmax)
            vmax = hi;
        vals[r] = row->value;
    }
    if (vmax <= 0)
        vmax = 1;
    double t[16], top, scale = 0;
    size_t nt = chart_ticks(0, vmax, 5, t, 14, &top);
    char **vt = xcalloc(n ? n : 1, sizeof(char *));
    for (int extra = 0; extra <= 2 && scale == 0; extra++) {
        if (extra) { /* one more step */
            t[nt] = t[nt - 1] + (nt > 1 ? t[1] - t[0] : t[0]);
            top = t[nt++];
        }
        bar_texts(f, vals, n, t, nt, vt);
        /* The last tick's label is centred on the plot's right end. */
        double xr = dl->w - pad - last_tick_width(f, t, nt, m->kind) / 2 - 2;
        if (bars_fit(f, n, vt, (xr - x0) / top, xr - x0, rts - 1)) {
            scale = (xr - x0) / top;
            x1 = xr;
        }
    }
    if (scale == 0) {
        /* Labels too long for any nice bound: the scale leaves each label
         * room after its own bar, and the ticks stop inside the plot. */
        scale = bars_scale(f, n, vt, x1 - x0, rts - 1);
        if (scale <= 0)
            scale = (x1 - x0) / vmax / 2;
        while (nt > 1 && x0 + t[nt - 1] * scale > x1 + 0.01)
            nt--;
    }
    free(vals);
    double label_y = y1 + 6 + font_ascent(dl->fonts, FONT_SANS, ts - 1);
    x_ticks(f, x0, y0, y1, scale, t, nt, m->kind, label_y);
    char *axis = chart_metric_label(f->tpl, m);
    struct buf at = BUF_INIT;
    buf_printf(&at, "%s (%s)", axis, template_label(f->tpl, m->higher_better ? "higher_better"
                                                                             : "lower_better"));
    dl_text(dl, "axis-title", (x0 + x1) / 2, label_y + ts * 1.5, buf_str(&at), FONT_SANS, ts,
            th->text, DL_MIDDLE);
    buf_free(&at);
    free(axis);

    /* The baseline behind the bars. */
    if (rep->base >= 0 && run_has(rep->rows[rep->base].value) && !rep->rows[rep->base].failed) {
        double bx = x0 + rep->rows[rep->base].value * scale;
        dl_line(dl, "baseline", bx, y0 - 2, bx, y1, th->axis, 1, DL_DASHED);
        dl_text(dl, "baseline-label", bx, y0 - 5, template_label(f->tpl, "baseline"), FONT_SANS,
                ts - 2, th->muted, DL_MIDDLE);
    }
    double bh = band * 0.66;
    if (bh > 30)
        bh = 30;
    double asc = font_ascent(dl->fonts, FONT_SANS, rts), desc = font_descent(dl->fonts, FONT_SANS, rts);
    for (size_t r = 0; r < n; r++) {
        const struct report_row *row = &rep->rows[r];
        double cy = y0 + band * ((double)r + 0.5);
        double base_y = cy + (asc - desc) / 2;
        char *lab = dl_fit(dl, FONT_SANS, rts, row->label, lw);
        dl_text(dl, "row-label", x0 - 8, base_y, lab, FONT_SANS, rts,
                row->failed ? th->failed : th->text, DL_END);
        free(lab);
        double end = x0;
        if (run_has(row->value)) {
            double bw = row->value * scale;
            uint32_t c = chart_color(f->tpl, row->color);
            if (row->failed) {
                dl_rect(dl, "bar-failed", x0, cy - bh / 2, bw, bh, lighten(th->failed, 0.88),
                        th->failed, 1);
                hatch(dl, x0, cy - bh / 2, bw, bh, lighten(th->failed, 0.35), 6);
            } else {
                dl_rect(dl, "bar", x0, cy - bh / 2, bw, bh, c, DL_NONE, 0);
            }
            end = x0 + bw;
            if (row->nruns > 1 && row->nvalues > 1) {
                double lx = x0 + row->lo * scale, hx = x0 + row->hi * scale;
                dl_line(dl, "range", lx, cy, hx, cy, th->axis, 1, DL_SOLID);
                dl_line(dl, "range", lx, cy - bh / 4, lx, cy + bh / 4, th->axis, 1, DL_SOLID);
                dl_line(dl, "range", hx, cy - bh / 4, hx, cy + bh / 4, th->axis, 1, DL_SOLID);
                if (hx > end)
                    end = hx;
            }
        }
        double vy = cy + (font_ascent(dl->fonts, FONT_SANS, rts - 1) -
                          font_descent(dl->fonts, FONT_SANS, rts - 1)) / 2;
        dl_text(dl, row->failed ? "value-failed" : "value", end + 5, vy, vt[r],
                row->failed ? FONT_BOLD : FONT_SANS, rts - 1, row->nfailed ? th->failed : th->text,
                DL_START);
    }
    if (n < all)
        more_note(f, "more_rows", x0 + 5, y0 + band * ((double)n + 0.5) + (asc - desc) / 2,
                  all - n, rts);
    /* The axis line over the bars' roots. */
    dl_line(dl, "axis", x0, y0, x0, y1, th->axis, 1, DL_SOLID);
    for (size_t r = 0; r < n; r++)
        free(vt[r]);
    free(vt);
}

/* --- percentiles ------------------------------------------------------------ */

static double run_pct(const struct run *r, double p)
{
    double v = run_latency_pct(r, p);
    if (p == 50 && !run_has(v))
        v = r->lat_med;
    return v;
}

/* Runs in the order of the report's rows. */
static size_t runs_in_row_order(const struct report *rep, size_t *out)
{
    size_t n = 0;
    for (size_t r = 0; r < rep->nrows; r++)
        for (size_t k = 0; k < rep->rows[r].nruns; k++)
            out[n++] = rep->rows[r].runs[k];
    return n;
}

/* Keeps in order[0..n) the runs that printed one of P[0..np); returns
 * how many are kept. A run with none would be a row of empty space (a
 * published table beside one oha run: nine of ten rows). */
static size_t runs_with_percentiles(const struct report *rep, size_t *order, size_t n,
                                    const double *P, size_t np)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const struct run *r = rep->runs[order[i]].sr.run;
        for (size_t k = 0; k < np; k++)
            if (run_has(run_pct(r, P[k]))) {
                order[kept++] = order[i];
                break;
            }
    }
    return kept;
}

static void layout_percentiles(struct frame *f)
{
    struct dlist *dl = f->dl;
    const struct report *rep = f->rep;
    const struct tpl_theme *th = f->th;
    double ts = f->ts, pad = f->pad;
    double P[6];
    size_t np = report_bar_percentiles(rep, P, 5);
    size_t *order = xcalloc(rep->nruns ? rep->nruns : 1, sizeof(size_t));
    size_t n = runs_in_row_order(rep, order);
    size_t without = n;
    n = runs_with_percentiles(rep, order, n, P, np);
    without -= n;
    if (np == 0 || n == 0) {
        free(order);
        return;
    }

    /* Legend: one shade per percentile. */
    struct legend_entry e[6];
    char names[6][16];
    for (size_t i = 0; i < np; i++) {
        char tmp[32];
        snprintf(names[i], sizeof names[i], "p%s", units_format(tmp, sizeof tmp, P[i]));
        e[i].color = lighten(th->axis, np > 1 ? 0.75 * (double)(np - 1 - i) / (double)(np - 1) : 0);
        e[i].label = names[i];
        e[i].dashed = 0;
        e[i].swatch = 1;
    }
    double lh = legend(f, pad, dl->w - pad, f->top, e, np);

    double lw = 0, vmax = 0;
    for (size_t i = 0; i < n; i++) {
        const struct report_run *rr = &rep->runs[order[i]];
        double w = dl_measure(dl, FONT_SANS, ts, rr->label);
        if (w > lw)
            lw = w;
        for (size_t k = 0; k < np; k++) {
            double v = run_pct(rr->sr.run, P[k]);
            if (run_has(v) && v > vmax)
                vmax = v;
        }
    }
    if (lw > dl->w * 0.38)
        lw = dl->w * 0.38;
    if (vmax <= 0)
        vmax = 1;
    double x0 = pad + lw + 10, x1 = dl->w - pad;
    double bottom = ts * 2.9 + 6;
    double y0 = f->top + lh + 2, y1 = dl->h - pad - bottom;
    size_t all = n;
    /* The note of runs without percentiles takes a row's band, and so
     * does the note of rows that did not fit. */
    size_t notes = without > 0;
    n = rows_that_fit(all + notes, y1 - y0, CHART_MIN_BAND + 2.5 * (double)np);
    n = n >= all + notes ? all : n > notes ? n - notes : 1;
    notes += n < all;
    double band = (y1 - y0) / (double)(n + notes);
    if (band > 3 * (CHART_MIN_BAND + 5 * (double)np))
        band = 3 * (CHART_MIN_BAND + 5 * (double)np); /* one run: bars, not slabs */
    double group = band * 0.8;
    double bh = group / (double)np;
    double vs = ts - 2;
    int show_values = bh >= vs * 0.95;
    double rts = ts > band * 0.72 ? band * 0.72 : ts;
    /* Leave room for the widest value label. */
    double need = dl_measure(dl, FONT_SANS, vs, "000 ms") + 8;
    double fneed = dl_measure(dl, FONT_BOLD, ts - 1, template_label(f->tpl, "failed")) + 8;
    if (fneed > need)
        need = fneed;
    double scale = (x1 - x0 - need) / vmax;

    double t[16], top;
    size_t nt = chart_ticks(0, vmax, 5, t, 16, &top);
    while (nt > 1 && x0 + t[nt - 1] * scale > x1 + 0.01)
        nt--;
    double label_y = y1 + 6 + font_ascent(dl->fonts, FONT_SANS, ts - 1);
    x_ticks(f, x0, y0, y1, scale, t, nt, HUMAN_MS, label_y);
    dl_text(dl, "axis-title", (x0 + x1) / 2, label_y + ts * 1.5,
            template_label(f->tpl, "axis_latency"), FONT_SANS, ts, th->text, DL_MIDDLE);

    double asc = font_ascent(dl->fonts, FONT_SANS, rts), desc = font_descent(dl->fonts, FONT_SANS, rts);
    double vasc = font_ascent(dl->fonts, FONT_SANS, vs), vdesc = font_descent(dl->fonts, FONT_SANS, vs);
    for (size_t i = 0; i < n; i++) {
        const struct report_run *rr = &rep->runs[order[i]];
        double gy = y0 + band * (double)i + (band - group) / 2;
        double cy = gy + group / 2;
        char *lab = dl_fit(dl, FONT_SANS, rts, rr->label, lw);
        dl_text(dl, "row-label", x0 - 8, cy + (asc - desc) / 2, lab, FONT_SANS, rts,
                rr->failed ? th->failed : th->text, DL_END);
        free(lab);
        uint32_t c = chart_color(f->tpl, rr->color);
        double maxend = x0;
        int any = 0;
        for (size_t k = 0; k < np; k++) {
            double v = run_pct(rr->sr.run, P[k]);
            double by = gy + bh * (double)k;
            if (!run_has(v))
                continue;
            any = 1;
            double bw = v * scale;
            double shade = np > 1 ? 0.7 * (double)(np - 1 - k) / (double)(np - 1) : 0;
            if (rr->failed) {
                dl_rect(dl, "bar-failed", x0, by + 0.5, bw, bh - 1,
                        lighten(th->failed, 0.88 - shade / 4), th->failed, 0.8);
                hatch(dl, x0, by + 0.5, bw, bh - 1, lighten(th->failed, 0.35), 6);
            } else {
                dl_rect(dl, "bar", x0, by + 0.5, bw, bh - 1, lighten(c, shade), DL_NONE, 0);
            }
            if (x0 + bw > maxend)
                maxend = x0 + bw;
            if (show_values && !rr->failed) {
                char v2[32];
                human_ms(v2, sizeof v2, v, 3);
                dl_text(dl, "value", x0 + bw + 4, by + bh / 2 + (vasc - vdesc) / 2, v2,
                        FONT_SANS, vs, th->muted, DL_START);
            }
        }
        if (rr->failed) {
            dl_text(dl, "value-failed", maxend + 5, cy + (asc - desc) / 2,
                    template_label(f->tpl, "failed"), FONT_BOLD, rts - 1, th->failed, DL_START);
        } else if (!any) {
            dl_text(dl, "value", x0 + 5, cy + (asc - desc) / 2,
                    template_label(f->tpl, "not_printed"), FONT_SANS, rts - 1, th->muted,
                    DL_START);
        }
    }
    double note_y = y0 + band * ((double)n + 0.5) + (asc - desc) / 2;
    if (n < all) {
        more_note(f, "more_rows", x0 + 5, note_y, all - n, rts);
        note_y += band;
    }
    if (without)
        more_note(f, "no_percentiles", x0 + 5, note_y, without, rts);
    dl_line(dl, "axis", x0, y0, x0, y1, th->axis, 1, DL_SOLID);
    free(order);
}

/* --- distribution ----------------------------------------------------------- */

/* x of percentile p on the "nines" axis: 0 at 0%, 1 at 90%, 2 at 99%. */
static double nines(double p)
{
    return log10(100.0 / (100.0 - p));
}

/* The latency axis of the distribution chart: linear from 0, or
 * logarithmic (decades) when the values span more than 1.5 decades, as
 * HdrHistogram's plotters draw it, so that a run a hundred times faster
 * than another is not a flat line along 0. */
struct lat_axis {
    int log;
    double lo, top;     /* log: decades lo..top; linear: 0..top */
    double t[16];       /* linear ticks */
    size_t nt;
    double tw;          /* widest tick label */
    double ybase, ys;   /* y of lo (or 0), points per ms (or per decade) */
};

/* The decade 10^k at or below v (rounding noise allowed for). */
static double decade_below(double v)
{
    return pow(10, floor(log10(v) + 1e-9));
}

static void lat_axis_init(struct frame *f, struct lat_axis *ax, double ymin, double ymax)
{
    memset(ax, 0, sizeof *ax);
    if (ymax <= 0)
        ymax = 1;
    if (ymin > 0 && log10(ymax / ymin) > 1.5) {
        ax->log = 1;
        ax->lo = decade_below(ymin);
        ax->top = decade_below(ymax);
        if (ax->top < ymax * (1 - 1e-9))
            ax->top *= 10;
        char lab[32];
        for (double d = ax->lo; d <= ax->top * 1.000001; d *= 10) {
            double w = dl_measure(f->dl, FONT_SANS, f->ts - 1, human_ms(lab, sizeof lab, d, 3));
            if (w > ax->tw)
                ax->tw = w;
        }
        return;
    }
    ax->nt = chart_ticks(0, ymax, 5, ax->t, 16, &ax->top);
    ax->tw = max_tick_width(f, ax->t, ax->nt, HUMAN_MS);
}

static double lat_axis_y(const struct lat_axis *ax, double v)
{
    if (ax->log)
        return ax->ybase - (log10(v) - log10(ax->lo)) * ax->ys;
    return ax->ybase - v * ax->ys;
}

/* Grid, ticks and labels: on a log axis a labelled tick per decade ("100
 * µs", "1 ms", "10 ms") and unlabelled minor ticks at 2..9 times it. */
static void lat_axis_draw(struct frame *f, const struct lat_axis *ax, double x0, double x1)
{
    if (!ax->log) {
        y_ticks(f, x0, x1, ax->ybase, ax->ys, ax->t, ax->nt, HUMAN_MS);
        return;
    }
    const struct tpl_theme *th = f->th;
    double mid = (font_ascent(f->dl->fonts, FONT_SANS, f->ts - 1) -
                  font_descent(f->dl->fonts, FONT_SANS, f->ts - 1)) / 2;
    for (double d = ax->lo; d <= ax->top * 1.000001; d *= 10) {
        double y = lat_axis_y(ax, d);
        char lab[32];
        if (d > ax->lo * 1.000001)
            dl_line(f->dl, "grid", x0, y, x1, y, th->grid, 0.6, DL_SOLID);
        dl_line(f->dl, "tick", x0 - 4, y, x0, y, th->axis, 0.8, DL_SOLID);
        dl_text(f->dl, "tick-label", x0 - 7, y + mid, human_ms(lab, sizeof lab, d, 3), FONT_SANS,
                f->ts - 1, th->muted, DL_END);
        for (int k = 2; k <= 9 && d < ax->top * 0.999999; k++) {
            double ym = lat_axis_y(ax, d * k);
            dl_line(f->dl, "tick-minor", x0 - 2.5, ym, x0, ym, th->axis, 0.6, DL_SOLID);
        }
    }
}

static void layout_distribution(struct frame *f)
{
    struct dlist *dl = f->dl;
    const struct report *rep = f->rep;
    const struct tpl_theme *th = f->th;
    double ts = f->ts, pad = f->pad;
    size_t *order = xcalloc(rep->nruns ? rep->nruns : 1, sizeof(size_t));
    size_t n = 0, all = runs_in_row_order(rep, order);
    for (size_t i = 0; i < all; i++)
        if (report_run_has_spectrum(&rep->runs[order[i]]))
            order[n++] = order[i];
    size_t left_out = n > CHART_MAX_CURVES ? n - CHART_MAX_CURVES : 0;
    n -= left_out;
    if (n == 0) {
        free(order);
        return;
    }

    struct legend_entry *e = xcalloc(n + 1, sizeof(*e));
    struct buf *labels = xcalloc(n + 1, sizeof(struct buf));
    double xmax = 2, ymax = 0, ymin = 0;
    for (size_t i = 0; i < n; i++) {
        const struct report_run *rr = &rep->runs[order[i]];
        const struct run *r = rr->sr.run;
        buf_adds(&labels[i], rr->label);
        if (rr->failed)
            buf_printf(&labels[i], " (%s)", template_label(f->tpl, "legend_failed"));
        e[i].color = chart_color(f->tpl, rr->color);
        e[i].label = buf_str(&labels[i]);
        e[i].dashed = rr->failed;
        for (size_t k = 0; k < r->npcts; k++) {
            const struct run_percentile *pc = &r->pcts[k];
            if (strcmp(pc->metric, r->latency_metric) != 0 || !run_has(pc->value) ||
                pc->percentile >= 100)
                continue;
            if (nines(pc->percentile) > xmax)
                xmax = nines(pc->percentile);
            if (pc->value > ymax)
                ymax = pc->value;
            if (pc->value > 0 && (ymin == 0 || pc->value < ymin))
                ymin = pc->value;
        }
    }
    xmax = ceil(xmax - 1e-9);
    if (xmax > 6)
        xmax = 6;
    if (ymax <= 0)
        ymax = 1;
    if (left_out) {
        char num[32];
        snprintf(num, sizeof num, "%zu", left_out);
        const char *vars[] = {"n", num, NULL};
        char *t = template_text(f->tpl, "more_curves", vars);
        buf_adds(&labels[n], t);
        free(t);
        e[n].color = DL_NONE;
        e[n].label = buf_str(&labels[n]);
    }
    double lh = legend(f, pad, dl->w - pad, f->top, e, n + (left_out > 0));

    struct lat_axis ax;
    lat_axis_init(f, &ax, ymin, ymax);
    /* The last percentile label is centred on the right end: leave it room. */
    char last[32];
    snprintf(last, sizeof last, "%.*f%%", xmax > 2 ? (int)xmax - 2 : 0, 100 - 100 * pow(10, -xmax));
    double right = dl_measure(dl, FONT_SANS, ts - 1, last) / 2 + 2;
    double x0 = pad + ts * 1.4 + ax.tw + 10, x1 = dl->w - pad - (right > 8 ? right : 8);
    double bottom = ts * 2.9 + 6;
    double y0 = f->top + lh + 6, y1 = dl->h - pad - bottom;
    double xs = (x1 - x0) / xmax;
    ax.ybase = y1;
    ax.ys = (y1 - y0) / (ax.log ? log10(ax.top) - log10(ax.lo) : ax.top);

    lat_axis_draw(f, &ax, x0, x1);
    vertical_title(f, pad + ts, (y0 + y1) / 2, template_label(f->tpl, "axis_latency"));
    double label_y = y1 + 6 + font_ascent(dl->fonts, FONT_SANS, ts - 1);
    for (int k = 0; k <= (int)xmax; k++) {
        char lab[32];
        double x = x0 + k * xs;
        if (k == 0)
            snprintf(lab, sizeof lab, "0%%");
        else
            snprintf(lab, sizeof lab, "%.*f%%", k > 2 ? k - 2 : 0, 100 - 100 * pow(10, -k));
        if (k > 0)
            dl_line(dl, "grid", x, y0, x, y1, th->grid, 0.6, DL_SOLID);
        dl_line(dl, "tick", x, y1, x, y1 + 4, th->axis, 0.8, DL_SOLID);
        dl_text(dl, "tick-label", x, label_y, lab, FONT_SANS, ts - 1, th->muted, DL_MIDDLE);
    }
    dl_text(dl, "axis-title", (x0 + x1) / 2, label_y + ts * 1.5,
            template_label(f->tpl, "axis_percentile"), FONT_SANS, ts, th->text, DL_MIDDLE);
    dl_line(dl, "axis", x0, y0, x0, y1, th->axis, 1, DL_SOLID);
    dl_line(dl, "axis", x0, y1, x1, y1, th->axis, 1, DL_SOLID);

    for (size_t i = 0; i < n; i++) {
        const struct report_run *rr = &rep->runs[order[i]];
        const struct run *r = rr->sr.run;
        double *pts = xcalloc(r->npcts * 2 + 2, sizeof(double));
        size_t np = 0;
        /* Percentiles ascending (stored in printed order, normally ascending). */
        for (size_t k = 0; k < r->npcts; k++) {
            const struct run_percentile *pc = &r->pcts[k];
            if (strcmp(pc->metric, r->latency_metric) != 0 || !run_has(pc->value) ||
                pc->percentile >= 100)
                continue;
            double x = nines(pc->percentile);
            /* A log axis has no place for 0 ms: such a point is left out. */
            if (x > xmax || (ax.log && pc->value <= 0))
                continue;
            size_t at = np;
            while (at > 0 && pts[2 * (at - 1)] > x0 + x * xs) {
                pts[2 * at] = pts[2 * (at - 1)];
                pts[2 * at + 1] = pts[2 * (at - 1) + 1];
                at--;
            }
            pts[2 * at] = x0 + x * xs;
            pts[2 * at + 1] = lat_axis_y(&ax, pc->value);
            np++;
        }
        uint32_t c = chart_color(f->tpl, rr->color);
        dl_polyline(dl, "curve", pts, np, c, 2, rr->failed ? DL_DASHED : DL_SOLID);
        if (np <= 24)
            for (size_t k = 0; k < np; k++)
                dl_circle(dl, "point", pts[2 * k], pts[2 * k + 1], 2.4, c, DL_NONE, 0);
        free(pts);
    }
    for (size_t i = 0; i <= n; i++)
        buf_free(&labels[i]);
    free(labels);
    free(e);
    free(order);
}

/* --- timeline --------------------------------------------------------------- */

/* Whether point k is the run's last second and was cut short by the run's
 * end (less than 0.9 s of it measured): its requests are a count over a
 * fraction of a second, no rate, and the requests/s line leaves it out
 * rather than show a fall that never happened. Its latency still stands. */
static int partial_last_second(const struct report_run *rr, size_t k)
{
    const struct run *r = rr->sr.run;
    if (k == 0 || k + 1 != rr->series.n || !run_has(r->duration_s))
        return 0;
    return r->duration_s - rr->series.pts[k].t < 0.9;
}

/* Ticks for the time axis: "nice" ones, but never between whole seconds,
 * the series' own step. */
static size_t time_ticks(double tmin, double tmax, double *t, size_t max, double *top)
{
    size_t n = chart_ticks(tmin, tmax, 8, t, max, top);
    if (n < 2 || t[1] - t[0] >= 1)
        return n;
    n = 0;
    for (double v = floor(tmin); n < max; v += 1) {
        t[n++] = v;
        if (v >= tmax - 1e-9)
            break;
    }
    *top = t[n - 1];
    return n;
}

static void layout_timeline(struct frame *f)
{
    struct dlist *dl = f->dl;
    const struct report *rep = f->rep;
    const struct tpl_theme *th = f->th;
    double ts = f->ts, pad = f->pad;
    size_t *order = xcalloc(rep->nruns ? rep->nruns : 1, sizeof(size_t));
    size_t n = 0, all = runs_in_row_order(rep, order);
    for (size_t i = 0; i < all; i++)
        if (rep->runs[order[i]].series.n > 1)
            order[n++] = order[i];
    size_t left_out = n > CHART_MAX_CURVES ? n - CHART_MAX_CURVES : 0;
    n -= left_out;
    if (n == 0) {
        free(order);
        return;
    }
    struct legend_entry *e = xcalloc(n + 1, sizeof(*e));
    struct buf *labels = xcalloc(n + 1, sizeof(struct buf));
    double tmin = 0, tmax = 1, rmax = 0, lmax = 0;
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        const struct report_run *rr = &rep->runs[order[i]];
        buf_adds(&labels[i], rr->label);
        if (rr->failed)
            buf_printf(&labels[i], " (%s)", template_label(f->tpl, "legend_failed"));
        e[i].color = chart_color(f->tpl, rr->color);
        e[i].label = buf_str(&labels[i]);
        e[i].dashed = rr->failed;
        for (size_t k = 0; k < rr->series.n; k++) {
            const struct report_point *p = &rr->series.pts[k];
            if (first || p->t < tmin)
                tmin = p->t;
            if (first || p->t > tmax)
                tmax = p->t;
            first = 0;
            if (run_has(p->rps) && p->rps > rmax && !partial_last_second(rr, k))
                rmax = p->rps;
            if (run_has(p->p90) && p->p90 > lmax)
                lmax = p->p90;
        }
    }
    if (tmin > 0)
        tmin = 0;
    if (rmax <= 0)
        rmax = 1;
    if (lmax <= 0)
        lmax = 1;
    if (left_out) {
        char num[32];
        snprintf(num, sizeof num, "%zu", left_out);
        const char *vars[] = {"n", num, NULL};
        char *t = template_text(f->tpl, "more_curves", vars);
        buf_adds(&labels[n], t);
        free(t);
        e[n].color = DL_NONE;
        e[n].label = buf_str(&labels[n]);
    }
    double lh = legend(f, pad, dl->w - pad, f->top, e, n + (left_out > 0));

    double rt[16], lt[16], xt[16], rtop, ltop, xtop;
    /* 5% headroom: a line at its panel's maximum would run along the
     * frame's top, out of sight. */
    size_t nrt = chart_ticks(0, rmax * 1.05, 4, rt, 16, &rtop);
    size_t nlt = chart_ticks(0, lmax * 1.05, 4, lt, 16, &ltop);
    size_t nxt = time_ticks(tmin, tmax, xt, 16, &xtop);
    double tw = max_tick_width(f, rt, nrt, HUMAN_COUNT);
    double tw2 = max_tick_width(f, lt, nlt, HUMAN_MS);
    if (tw2 > tw)
        tw = tw2;
    double x0 = pad + ts * 1.4 + tw + 10, x1 = dl->w - pad - 8;
    double bottom = ts * 2.9 + 6;
    double y0 = f->top + lh + 6, y1 = dl->h - pad - bottom;
    double gap = ts * 2.6;
    double ph = (y1 - y0 - gap) / 2;
    double xs = (x1 - x0) / (xtop - xt[0]);
    double xbase = xt[0];

    struct {
        double top, bottom, vmax;
        const double *t;
        size_t nt;
        enum human_kind kind;
        const char *title;
    } panels[2] = {
        {y0, y0 + ph, rtop, rt, nrt, HUMAN_COUNT, template_label(f->tpl, "axis_rps")},
        {y0 + ph + gap, y1, ltop, lt, nlt, HUMAN_MS, NULL},
    };
    char *lat = template_text(f->tpl, "metric_latency", (const char *const[]){"p", "90", NULL});
    panels[1].title = lat;
    for (int p = 0; p < 2; p++) {
        double ys = (panels[p].bottom - panels[p].top) / panels[p].vmax;
        y_ticks(f, x0, x1, panels[p].bottom, ys, panels[p].t, panels[p].nt, panels[p].kind);
        vertical_title(f, pad + ts, (panels[p].top + panels[p].bottom) / 2, panels[p].title);
        dl_line(dl, "axis", x0, panels[p].top, x0, panels[p].bottom, th->axis, 1, DL_SOLID);
        dl_line(dl, "axis", x0, panels[p].bottom, x1, panels[p].bottom, th->axis, 1, DL_SOLID);
        for (size_t k = 0; k < nxt; k++) {
            double x = x0 + (xt[k] - xbase) * xs;
            if (k > 0)
                dl_line(dl, "grid", x, panels[p].top, x, panels[p].bottom, th->grid, 0.6,
                        DL_SOLID);
            dl_line(dl, "tick", x, panels[p].bottom, x, panels[p].bottom + 4, th->axis, 0.8,
                    DL_SOLID);
        }
        for (size_t i = 0; i < n; i++) {
            const struct report_run *rr = &rep->runs[order[i]];
            double *pts = xcalloc(rr->series.n * 2, sizeof(double));
            size_t np = 0;
            /* A second without a figure, or missing from the series (no
             * request completed then), breaks the line: nothing is drawn
             * where nothing was measured. */
            for (size_t k = 0; k <= rr->series.n; k++) {
                double v = RUN_NA;
                if (k < rr->series.n)
                    v = p == 0 ? rr->series.pts[k].rps : rr->series.pts[k].p90;
                if (p == 0 && partial_last_second(rr, k))
                    v = RUN_NA;
                int hole = k > 0 && k < rr->series.n &&
                          rr->series.pts[k].t - rr->series.pts[k - 1].t > 1.5;
                if (hole && np) {
                    if (np > 1)
                        dl_polyline(dl, "series", pts, np, chart_color(f->tpl, rr->color), 1.6,
                                    rr->failed ? DL_DASHED : DL_SOLID);
                    else
                        dl_circle(dl, "point", pts[0], pts[1], 1.6,
                                  chart_color(f->tpl, rr->color), DL_NONE, 0);
                    np = 0;
                }
                if (k < rr->series.n && run_has(v)) {
                    pts[2 * np] = x0 + (rr->series.pts[k].t - xbase) * xs;
                    pts[2 * np + 1] = panels[p].bottom - v * ys;
                    np++;
                    continue;
                }
                if (np > 1)
                    dl_polyline(dl, "series", pts, np, chart_color(f->tpl, rr->color), 1.6,
                                rr->failed ? DL_DASHED : DL_SOLID);
                else if (np == 1)
                    dl_circle(dl, "point", pts[0], pts[1], 1.6, chart_color(f->tpl, rr->color),
                              DL_NONE, 0);
                np = 0;
            }
            free(pts);
        }
    }
    free(lat);
    char (*xl)[32] = xcalloc(nxt, sizeof(*xl));
    for (size_t k = 0; k < nxt; k++)
        snprintf(xl[k], 32, "%g", xt[k]);
    double label_y = y1 + 6 + font_ascent(dl->fonts, FONT_SANS, ts - 1);
    for (size_t k = 0; k < nxt; k++)
        dl_text(dl, "tick-label", x0 + (xt[k] - xbase) * xs, label_y, xl[k], FONT_SANS, ts - 1,
                th->muted, DL_MIDDLE);
    free(xl);
    dl_text(dl, "axis-title", (x0 + x1) / 2, label_y + ts * 1.5,
            template_label(f->tpl, "axis_time"), FONT_SANS, ts, th->text, DL_MIDDLE);
    for (size_t i = 0; i <= n; i++)
        buf_free(&labels[i]);
    free(labels);
    free(e);
    free(order);
}

struct dlist *chart_layout(const struct report *rep, const struct template *tpl,
                           struct font_set *fs, enum chart_kind kind, const char *title,
                           double w, double h)
{
    struct dlist *dl = dl_new(w, h, fs);
    struct frame f = {dl, rep, tpl, &tpl->theme, 14, tpl->theme.chart_text, 0};
    char *what = NULL;
    dl_rect(dl, "background", 0, 0, w, h, tpl->theme.background, DL_NONE, 0);
    switch (kind) {
    case CHART_BARS: /* the axis title says what and which way is better */
        break;
    case CHART_PERCENTILES:
    case CHART_DISTRIBUTION:
        what = xstrdup(template_label(tpl, "lower_better"));
        break;
    case CHART_TIMELINE:
    case CHART_NKINDS:
        break;
    }
    frame_title(&f, title ? title : chart_kind_name(kind), what);
    free(what);
    switch (kind) {
    case CHART_BARS:
        layout_bars(&f);
        break;
    case CHART_PERCENTILES:
        layout_percentiles(&f);
        break;
    case CHART_DISTRIBUTION:
        layout_distribution(&f);
        break;
    case CHART_TIMELINE:
        layout_timeline(&f);
        break;
    case CHART_NKINDS:
        break;
    }
    return dl;
}
