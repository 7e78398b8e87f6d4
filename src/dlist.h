/* dlist.h - display lists: the one drawing vocabulary that every layout
 * (charts, slides) writes and every painter (cairo for PNG and SVG,
 * libharu for PDF) reads. A layout decides every position and measures
 * every string through font.h; a painter only draws what is listed, in
 * order. So a chart is laid out once and looks the same in each format.
 *
 * Coordinates are points (1/72 in) from the top-left corner, y down.
 * Colours are 0xRRGGBB; DL_NONE means "do not fill / do not stroke".
 * Text is UTF-8, placed by its anchor point on the baseline; its width
 * (measured when it is added) is kept in the item.
 *
 * Ownership: a dlist owns its items, their strings and point arrays;
 * dl_free() releases it (NULL is a no-op). It borrows the font set. */
#ifndef BENCHDB_DLIST_H
#define BENCHDB_DLIST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "font.h"

#define DL_NONE 0xFFFFFFFFu

enum dl_kind { DL_RECT, DL_LINE, DL_POLYLINE, DL_CIRCLE, DL_TEXT };
enum dl_anchor { DL_START, DL_MIDDLE, DL_END };
enum dl_dash { DL_SOLID, DL_DASHED, DL_DOTTED };

struct dl_item {
    enum dl_kind kind;
    const char *role; /* what it is, for dumps and tests: "bar", "tick" (static) */
    double x, y;      /* RECT top-left; LINE start; CIRCLE centre; TEXT anchor */
    double w, h;      /* RECT size */
    double x2, y2;    /* LINE end */
    double r;         /* CIRCLE radius */
    double *pts;      /* POLYLINE: x0 y0 x1 y1 ... */
    size_t npts;      /* points, not doubles */
    uint32_t fill, stroke;
    double alpha;     /* fill opacity 0..1 */
    double lw;        /* stroke width */
    enum dl_dash dash;
    char *text;
    enum font_face font;
    double size;
    enum dl_anchor anchor;
    int vertical;     /* TEXT turned 90 degrees counter-clockwise (reads upwards) */
    double tw;        /* TEXT advance width, from font.h */
};

struct dlist {
    double w, h;
    struct font_set *fonts;
    struct dl_item *items;
    size_t n, cap;
};

struct dlist *dl_new(double w, double h, struct font_set *fonts);
void dl_free(struct dlist *dl);

struct dl_item *dl_rect(struct dlist *dl, const char *role, double x, double y, double w,
                        double h, uint32_t fill, uint32_t stroke, double lw);
struct dl_item *dl_line(struct dlist *dl, const char *role, double x1, double y1, double x2,
                        double y2, uint32_t stroke, double lw, enum dl_dash dash);
/* Copies pts (n points, 2n doubles). */
struct dl_item *dl_polyline(struct dlist *dl, const char *role, const double *pts, size_t n,
                            uint32_t stroke, double lw, enum dl_dash dash);
struct dl_item *dl_circle(struct dlist *dl, const char *role, double cx, double cy, double r,
                          uint32_t fill, uint32_t stroke, double lw);
struct dl_item *dl_text(struct dlist *dl, const char *role, double x, double y, const char *text,
                        enum font_face font, double size, uint32_t color, enum dl_anchor anchor);

/* Appends every item of src moved by (dx, dy): how a slide holds a chart. */
void dl_append(struct dlist *dst, const struct dlist *src, double dx, double dy);

/* Where a text item starts (its left end) and its width: the painters
 * draw from here, so no painter measures text itself. For vertical
 * text the "left end" is the bottom end. */
double dl_text_start(const struct dl_item *it);

/* Width of text as dl_text would measure it. */
double dl_measure(struct dlist *dl, enum font_face font, double size, const char *text);
/* Breaks text into lines no wider than maxw at spaces (a word wider than
 * maxw stands alone on its line); at most maxlines lines, the last ending
 * in "…" when text was left over. Returns the number of lines; lines[i]
 * are allocated (caller frees each). */
size_t dl_wrap(struct dlist *dl, enum font_face font, double size, const char *text,
               double maxw, char **lines, size_t maxlines);
/* text cut to fit maxw, ending in "…" when cut; caller frees. */
char *dl_fit(struct dlist *dl, enum font_face font, double size, const char *text, double maxw);

/* Canonical text dump: one line per item, numbers with two decimals,
 * colours as #rrggbb. The golden tests compare it. */
void dl_dump(FILE *fp, const struct dlist *dl);

#endif
