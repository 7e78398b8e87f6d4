/* font.h - the faces benchdb draws and embeds, and their metrics.
 *
 * Three faces, named by fontconfig patterns in the deck's theme ("DejaVu
 * Sans", "DejaVu Sans:bold", "DejaVu Sans Mono" from Debian's
 * fonts-dejavu-core). Each is resolved to a TrueType file through
 * fontconfig; the file's metrics are read with FreeType, unhinted, in font
 * units. Every layout (charts, slides) measures text here and nowhere else,
 * and both painters draw from the same file -- cairo through cairo-ft,
 * libharu by embedding it -- so a line of text has the same width in the
 * PNG, the SVG and the PDF.
 *
 * Widths are the sum of the glyphs' advance widths (no kerning: neither
 * painter kerns). A code point the face lacks measures as its .notdef
 * glyph, which is also what the painters draw.
 *
 * Ownership: font_set_open() returns a set the caller frees with
 * font_set_free() (NULL is a no-op). */
#ifndef BENCHDB_FONT_H
#define BENCHDB_FONT_H

enum font_face { FONT_SANS, FONT_BOLD, FONT_MONO, FONT_NFACES };

struct font_set;

/* Resolves patterns[face] for each face. A pattern whose family is not
 * installed (fontconfig would substitute another family), a file that is
 * not TrueType, or one FreeType cannot read is an error naming the
 * pattern: -1, printed. */
int font_set_open(const char *const patterns[FONT_NFACES], struct font_set **out);
void font_set_free(struct font_set *fs);

/* The face's file, for the painters. */
const char *font_file(const struct font_set *fs, enum font_face face);
/* Its family and style as fontconfig names them ("DejaVu Sans", "Bold"). */
const char *font_family(const struct font_set *fs, enum font_face face);

/* Advance width of UTF-8 text at `size` (same unit as size, points). */
double font_width(struct font_set *fs, enum font_face face, double size, const char *utf8);
/* Ascender and descender (both positive) at `size`, from the font's
 * horizontal header: the distance from the baseline to the top of the
 * tallest and the bottom of the lowest glyphs. */
double font_ascent(const struct font_set *fs, enum font_face face, double size);
double font_descent(const struct font_set *fs, enum font_face face, double size);
/* Whether the face has a glyph for code point cp. */
int font_has(const struct font_set *fs, enum font_face face, unsigned cp);

/* Decodes one UTF-8 code point at s (invalid bytes give U+FFFD, one byte
 * each); sets *len to the bytes used (>= 1 unless *s is NUL). */
unsigned font_utf8_next(const char *s, int *len);

#endif
