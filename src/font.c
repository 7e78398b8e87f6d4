/* font.c - fontconfig lookup and FreeType metrics of the deck's faces. */
#include "font.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"

/* Advance widths of the first code points are cached: enough for Latin,
 * Greek, Cyrillic and the arrows and symbols the charts use. */
#define FONT_CACHE 0x2800

struct font_face_data {
    char *pattern;
    char *file;
    char *family;
    char *style;
    FT_Face face;
    double upem;
    double ascender, descender; /* font units, descender positive */
    int adv[FONT_CACHE];        /* -1: not looked up yet */
};

struct font_set {
    FT_Library lib;
    struct font_face_data f[FONT_NFACES];
};

#if defined(__SANITIZE_ADDRESS__)
/* fontconfig 2.14 (Debian 12) leaks 288 bytes while it parses its XML
 * configuration in FcInit, once per process: not ours to free. Builds with
 * -DBENCHDB_SANITIZE=ON tell LeakSanitizer so here, matching only
 * allocations made inside libfontconfig. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}
#endif

unsigned font_utf8_next(const char *str, int *len)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (c == 0) {
        *len = 0;
        return 0;
    }
    if (n == 0) {
        *len = 1;
        return 0xFFFD;
    }
    unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    *len = n;
    return cp;
}

/* 1 when the file starts like a TrueType font (not CFF-flavoured
 * OpenType, which libharu cannot embed). */
static int is_truetype(const char *path)
{
    unsigned char head[4];
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    size_t got = fread(head, 1, 4, fp);
    fclose(fp);
    if (got != 4)
        return 0;
    return (head[0] == 0 && head[1] == 1 && head[2] == 0 && head[3] == 0) ||
           memcmp(head, "true", 4) == 0;
}

/* Looks pattern up with fontconfig; fills file/family/style. */
static int resolve(struct font_face_data *d)
{
    int rc = -1;
    FcPattern *pat = FcNameParse((const FcChar8 *)d->pattern);
    FcPattern *match = NULL;
    FcChar8 *want = NULL, *file = NULL, *family = NULL, *style = NULL;
    FcResult res;
    int want_weight = -1, weight = 0;

    if (!pat)
        return error("font \"%s\": not a fontconfig pattern", d->pattern);
    if (FcPatternGetString(pat, FC_FAMILY, 0, &want) != FcResultMatch) {
        error("font \"%s\": the pattern names no family", d->pattern);
        goto out;
    }
    FcPatternGetInteger(pat, FC_WEIGHT, 0, &want_weight);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    match = FcFontMatch(NULL, pat, &res);
    if (!match || FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch) {
        error("font \"%s\": fontconfig found no font; install fonts-dejavu-core", d->pattern);
        goto out;
    }
    FcPatternGetString(match, FC_FAMILY, 0, &family);
    FcPatternGetString(match, FC_STYLE, 0, &style);
    FcPatternGetInteger(match, FC_WEIGHT, 0, &weight);
    /* fontconfig always answers: a different family means ours is missing. */
    int same = 0;
    for (int i = 0; !same && FcPatternGetString(match, FC_FAMILY, i, &family) == FcResultMatch; i++)
        same = strcasecmp((const char *)family, (const char *)want) == 0;
    if (!same) {
        FcPatternGetString(match, FC_FAMILY, 0, &family);
        error("font \"%s\": family \"%s\" is not installed (fontconfig offers \"%s\", %s); "
              "install fonts-dejavu-core or name another font in the template's theme.fonts",
              d->pattern, (const char *)want, family ? (const char *)family : "?", (const char *)file);
        goto out;
    }
    if (want_weight >= 0 && weight + 20 < want_weight) {
        error("font \"%s\": no such weight of \"%s\" installed (fontconfig offers %s)", d->pattern,
              (const char *)want, (const char *)file);
        goto out;
    }
    if (!is_truetype((const char *)file)) {
        error("font \"%s\": %s is not a TrueType font (PDF embedding needs a .ttf)", d->pattern,
              (const char *)file);
        goto out;
    }
    d->file = xstrdup((const char *)file);
    d->family = xstrdup((const char *)family);
    d->style = xstrdup(style ? (const char *)style : "");
    rc = 0;
out:
    if (match)
        FcPatternDestroy(match);
    FcPatternDestroy(pat);
    return rc;
}

int font_set_open(const char *const patterns[FONT_NFACES], struct font_set **out)
{
    struct font_set *fs = xcalloc(1, sizeof(*fs));
    *out = NULL;
    if (!FcInit()) {
        free(fs);
        return error("fontconfig could not be initialised");
    }
    if (FT_Init_FreeType(&fs->lib) != 0) {
        free(fs);
        return error("FreeType could not be initialised");
    }
    for (int i = 0; i < FONT_NFACES; i++) {
        struct font_face_data *d = &fs->f[i];
        d->pattern = xstrdup(patterns[i]);
        for (int k = 0; k < FONT_CACHE; k++)
            d->adv[k] = -1;
        if (resolve(d) < 0)
            goto fail;
        if (FT_New_Face(fs->lib, d->file, 0, &d->face) != 0) {
            d->face = NULL;
            error("font \"%s\": FreeType cannot read %s", d->pattern, d->file);
            goto fail;
        }
        d->upem = d->face->units_per_EM ? d->face->units_per_EM : 1000;
        d->ascender = d->face->ascender;
        d->descender = d->face->descender < 0 ? -d->face->descender : d->face->descender;
    }
    *out = fs;
    return 0;
fail:
    font_set_free(fs);
    return -1;
}

void font_set_free(struct font_set *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < FONT_NFACES; i++) {
        struct font_face_data *d = &fs->f[i];
        if (d->face)
            FT_Done_Face(d->face);
        free(d->pattern);
        free(d->file);
        free(d->family);
        free(d->style);
    }
    FT_Done_FreeType(fs->lib);
    free(fs);
}

const char *font_file(const struct font_set *fs, enum font_face face)
{
    return fs->f[face].file;
}

const char *font_family(const struct font_set *fs, enum font_face face)
{
    return fs->f[face].family;
}

/* Advance of one code point in font units. */
static int advance(struct font_face_data *d, unsigned cp)
{
    if (cp < FONT_CACHE && d->adv[cp] >= 0)
        return d->adv[cp];
    int a = 0;
    FT_UInt gi = FT_Get_Char_Index(d->face, cp);
    if (FT_Load_Glyph(d->face, gi, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0)
        a = (int)d->face->glyph->metrics.horiAdvance;
    if (cp < FONT_CACHE)
        d->adv[cp] = a;
    return a;
}

double font_width(struct font_set *fs, enum font_face face, double size, const char *utf8)
{
    struct font_face_data *d = &fs->f[face];
    long units = 0;
    int len;
    for (const char *p = utf8; *p; p += len)
        units += advance(d, font_utf8_next(p, &len));
    return (double)units * size / d->upem;
}

double font_ascent(const struct font_set *fs, enum font_face face, double size)
{
    return fs->f[face].ascender * size / fs->f[face].upem;
}

double font_descent(const struct font_set *fs, enum font_face face, double size)
{
    return fs->f[face].descender * size / fs->f[face].upem;
}

int font_has(const struct font_set *fs, enum font_face face, unsigned cp)
{
    return FT_Get_Char_Index(fs->f[face].face, cp) != 0;
}
