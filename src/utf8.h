/* utf8.h - display width of UTF-8 text on a terminal, for aligned tables.
 * Width counts code points, two for East Asian wide ones, none for
 * combining marks; invalid bytes count one each. */
#ifndef BENCHDB_UTF8_H
#define BENCHDB_UTF8_H

#include <stddef.h>

#include "buf.h"

size_t utf8_width(const char *s);
/* Appends s to b cut to at most `width` columns (ending in "…" when cut)
 * and padded with spaces to exactly `width`; right-aligned when `right`. */
void utf8_pad(struct buf *b, const char *s, size_t width, int right);

#endif
