/* slides.h - the slide deck: a report and a template -> one display list
 * per 16:9 page (960 x 540 pt, PowerPoint's widescreen size), which
 * paint_pdf() draws. The template chooses the slides and their order:
 *
 *   title   the title, subtitle, author and date
 *   setup   the server and load machines, the software stacks and the
 *           load tool with its parameters, as the runs' metadata says
 *   runs    one slide per run: requests/s and latency p90 in large type,
 *           failures, and the run's raw output in a monospace font
 *   chart   one of the report's charts (chart.h), the very display list
 *           that is painted to PNG and SVG
 *   table   the decay table (continued on further slides when long)
 *
 * Every slide has a footer with the run ids, tools and versions and the
 * campaign of what it shows, so each figure leads back to its raw output.
 * A failed run is marked FAILED on each slide that shows it.
 *
 * Slides are laid out here rather than in paint_pdf.c so that the slide
 * plan is a display list like a chart: golden-tested as text, painted by
 * the same painters.
 *
 * Ownership: a deck owns its pages; deck_free(). Charts passed in are
 * copied onto their slides, not taken. */
#ifndef BENCHDB_SLIDES_H
#define BENCHDB_SLIDES_H

#include <stddef.h>
#include <stdio.h>

#include "chart.h"
#include "dlist.h"
#include "report.h"
#include "template.h"

#define SLIDE_W 960.0
#define SLIDE_H 540.0
/* Where a chart sits on a chart slide, and its size: charts are laid out
 * at this size for the PNG and SVG files too. */
#define SLIDE_CHART_X 24.0
#define SLIDE_CHART_Y 20.0
#define SLIDE_CHART_W 912.0
#define SLIDE_CHART_H 486.0

/* What the title slide says; options win over the template. */
struct slides_info {
    const char *title, *subtitle, *author, *date;
};

struct deck {
    struct dlist **pages;
    char **plan; /* one line per page: "runs 12 \"FastAPI + granian: results in brief\"" */
    size_t n, cap;
};

/* charts[k]: the laid-out chart of kind k, or NULL when the report has
 * none of that kind (its slide is then left out). 0, or -1 (printed). */
int slides_build(const struct report *rep, const struct template *tpl, struct font_set *fs,
                 const struct slides_info *info, struct dlist *const charts[CHART_NKINDS],
                 struct deck *out);
void deck_free(struct deck *d);

/* A chart's title: the template's first chart slide of kind k with a
 * title, else its "chart_<kind>" label, with {metric} and {campaign}
 * filled. Charts are laid out with it for the deck and the image files
 * alike. The caller frees. */
char *slides_chart_title(const struct template *tpl, const struct report *rep,
                         enum chart_kind k);

/* Lays out every chart the report can draw, at the deck's chart size;
 * charts[k] is NULL for a kind without data. The caller frees each. */
void slides_layout_charts(const struct report *rep, const struct template *tpl,
                          struct font_set *fs, struct dlist *charts[CHART_NKINDS]);

/* What `report --dump` prints: the report, each chart's display list,
 * then the deck's plan (and pages). */
void slides_dump(FILE *fp, const struct report *rep, struct dlist *const charts[CHART_NKINDS],
                 const struct deck *d, int pages);

/* The plan, one line per page; with pages != 0 each page's display list
 * follows its line. */
void deck_dump(FILE *fp, const struct deck *d, int pages);

#endif
