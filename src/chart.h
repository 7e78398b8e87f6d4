/* chart.h - chart layouts: a report -> a display list (dlist.h). No
 * drawing library here; every string is measured through font.h. The
 * same display list is painted to PNG and SVG (paint_cairo.c) and into
 * the PDF deck (paint_pdf.c), so a chart never differs between them.
 *
 * Kinds:
 *   bars          a horizontal bar per row, sorted as the report is, each
 *                 labelled with its value; failed rows hatched and marked
 *   percentiles   grouped bars: per run, a bar per latency percentile
 *   distribution  latency by percentile on a "nines" axis (0%, 90%, 99%,
 *                 99.9% ...), as HdrHistogram plots draw it, for runs
 *                 with a percentile spectrum
 *   timeline      requests/s and latency p90 per second, for runs with a
 *                 time series
 * Colours come from the theme's palette by each run's (or group's) colour
 * index, so a stack has one colour in every chart of a report.
 *
 * Ownership: chart_layout() returns a dlist the caller frees (dl_free). */
#ifndef BENCHDB_CHART_H
#define BENCHDB_CHART_H

#include "dlist.h"
#include "report.h"
#include "template.h"

enum chart_kind { CHART_BARS, CHART_PERCENTILES, CHART_DISTRIBUTION, CHART_TIMELINE, CHART_NKINDS };

/* "bars", "percentiles", "distribution", "timeline". */
const char *chart_kind_name(enum chart_kind k);
/* 0 and *k, or -1 when name is not a kind. */
int chart_kind_parse(const char *name, enum chart_kind *k);

/* Whether the report has anything this kind can draw: bars need a row
 * with a value (or a failed row), percentiles a run with percentiles,
 * distribution a run with a spectrum, timeline a run with a series. */
int chart_available(const struct report *rep, enum chart_kind k);

/* Lays the chart out on a w x h canvas; bars show the report's metric.
 * title: the chart's title, already formatted. */
struct dlist *chart_layout(const struct report *rep, const struct template *tpl,
                           struct font_set *fs, enum chart_kind kind, const char *title,
                           double w, double h);

/* The metric's name as the template words it ("requests/s", "latency
 * p90"); the caller frees. */
char *chart_metric_label(const struct template *tpl, const struct report_metric *m);

/* "Nice" axis ticks covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a
 * power of ten, about `want` of them. Fills t (at most max), returns the
 * count; *top gets the last tick (>= hi). */
size_t chart_ticks(double lo, double hi, int want, double *t, size_t max, double *top);

/* The palette colour of index i (cycling), from the template's theme. */
uint32_t chart_color(const struct template *tpl, int i);

#endif
