/* paint.h - painters: display lists (dlist.h) into files. They draw what
 * the list holds, in order, and measure nothing: text starts where
 * dl_text_start() says, in the face font.h resolved, so the PNG, the SVG
 * and the PDF of one layout agree.
 *
 *   paint_cairo.c  PNG (at `scale` pixels per point) and SVG, with cairo
 *   paint_pdf.c    a PDF of pages with libharu: vector drawing, real
 *                  selectable text in embedded TrueType fonts (UTF-8)
 *
 * Each returns 0, or -1 after printing "benchdb: PATH: reason". */
#ifndef BENCHDB_PAINT_H
#define BENCHDB_PAINT_H

#include <stddef.h>

#include "dlist.h"

int paint_png(const struct dlist *dl, const char *path, double scale);
int paint_svg(const struct dlist *dl, const char *path);

/* Document information written into the PDF (any may be NULL). */
struct paint_pdf_info {
    const char *title, *author, *subject;
};

/* One page per display list, each page the size of its list. */
int paint_pdf(struct dlist *const *pages, size_t n, const char *path,
              const struct paint_pdf_info *info);

#endif
