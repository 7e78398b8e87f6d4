/* dlist.c - display lists (see dlist.h). */
#include "dlist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct dlist *dl_new(double w, double h, struct font_set *fonts)
{
    struct dlist *dl = xcalloc(1, sizeof(*dl));
    dl->w = w;
    dl->h = h;
    dl->fonts = fonts;
    return dl;
}

void dl_free(struct dlist *dl)
{
    if (!dl)
        return;
    for (size_t i = 0; i < dl->n; i++) {
        free(dl->items[i].pts);
        free(dl->items[i].text);
    }
    free(dl->items);
    free(dl);
}

static struct dl_item *add(struct dlist *dl, enum dl_kind kind, const char *role)
{
    ARRAY_GROW(dl->items, dl->n, dl->cap);
    struct dl_item *it = &dl->items[dl->n++];
    memset(it, 0, sizeof(*it));
    it->kind = kind;
    it->role = role;
    it->fill = DL_NONE;
    it->stroke = DL_NONE;
    it->alpha = 1;
    return it;
}

struct dl_item *dl_rect(struct dlist *dl, const char *role, double x, double y, double w,
                        double h, uint32_t fill, uint32_t stroke, double lw)
{
    struct dl_item *it = add(dl, DL_RECT, role);
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = h;
    it->fill = fill;
    it->stroke = stroke;
    it->lw = lw;
    return it;
}

struct dl_item *dl_line(struct dlist *dl, const char *role, double x1, double y1, double x2,
                        double y2, uint32_t stroke, double lw, enum dl_dash dash)
{
    struct dl_item *it = add(dl, DL_LINE, role);
    it->x = x1;
    it->y = y1;
    it->x2 = x2;
    it->y2 = y2;
    it->stroke = stroke;
    it->lw = lw;
    it->dash = dash;
    return it;
}

struct dl_item *dl_polyline(struct dlist *dl, const char *role, const double *pts, size_t n,
                            uint32_t stroke, double lw, enum dl_dash dash)
{
    struct dl_item *it = add(dl, DL_POLYLINE, role);
    it->pts = xmalloc((n ? n : 1) * 2 * sizeof(double));
    if (n)
        memcpy(it->pts, pts, n * 2 * sizeof(double));
    it->npts = n;
    it->stroke = stroke;
    it->lw = lw;
    it->dash = dash;
    return it;
}

struct dl_item *dl_circle(struct dlist *dl, const char *role, double cx, double cy, double r,
                          uint32_t fill, uint32_t stroke, double lw)
{
    struct dl_item *it = add(dl, DL_CIRCLE, role);
    it->x = cx;
    it->y = cy;
    it->r = r;
    it->fill = fill;
    it->stroke = stroke;
    it->lw = lw;
    return it;
}

double dl_measure(struct dlist *dl, enum font_face font, double size, const char *text)
{
    return font_width(dl->fonts, font, size, text);
}

struct dl_item *dl_text(struct dlist *dl, const char *role, double x, double y, const char *text,
                        enum font_face font, double size, uint32_t color, enum dl_anchor anchor)
{
    struct dl_item *it = add(dl, DL_TEXT, role);
    it->x = x;
    it->y = y;
    it->text = xstrdup(text ? text : "");
    it->font = font;
    it->size = size;
    it->fill = color;
    it->anchor = anchor;
    it->tw = font_width(dl->fonts, font, size, it->text);
    return it;
}

void dl_append(struct dlist *dst, const struct dlist *src, double dx, double dy)
{
    for (size_t i = 0; i < src->n; i++) {
        const struct dl_item *s = &src->items[i];
        struct dl_item *it = add(dst, s->kind, s->role);
        *it = *s;
        it->x += dx;
        it->y += dy;
        it->x2 += dx;
        it->y2 += dy;
        it->text = s->text ? xstrdup(s->text) : NULL;
        it->pts = NULL;
        if (s->pts) {
            it->pts = xmalloc(s->npts * 2 * sizeof(double));
            for (size_t k = 0; k < s->npts; k++) {
                it->pts[2 * k] = s->pts[2 * k] + dx;
                it->pts[2 * k + 1] = s->pts[2 * k + 1] + dy;
            }
        }
    }
}

double dl_text_start(const struct dl_item *it)
{
    double f = it->anchor == DL_MIDDLE ? 0.5 : it->anchor == DL_END ? 1 : 0;
    if (it->vertical)
        return it->y + f * it->tw;
    return it->x - f * it->tw;
}

/* The byte length of the longest prefix of s (at most n bytes, cut at a
 * code point boundary) whose width with "…" appended fits maxw. */
static size_t fit_prefix(struct dlist *dl, enum font_face font, double size, const char *s,
                         size_t n, double maxw, const char *tail)
{
    struct buf b = BUF_INIT;
    size_t best = 0, pos = 0;
    int len;
    while (pos < n) {
        font_utf8_next(s + pos, &len);
        if (len <= 0)
            break;
        buf_reset(&b);
        buf_add(&b, s, pos + (size_t)len);
        buf_adds(&b, tail);
        if (font_width(dl->fonts, font, size, buf_str(&b)) > maxw)
            break;
        pos += (size_t)len;
        best = pos;
    }
    buf_free(&b);
    return best;
}

char *dl_fit(struct dlist *dl, enum font_face font, double size, const char *text, double maxw)
{
    if (font_width(dl->fonts, font, size, text) <= maxw)
        return xstrdup(text);
    size_t keep = fit_prefix(dl, font, size, text, strlen(text), maxw, "\xe2\x80\xa6");
    while (keep > 0 && text[keep - 1] == ' ')
        keep--;
    struct buf b = BUF_INIT;
    buf_add(&b, text, keep);
    buf_adds(&b, "\xe2\x80\xa6");
    return buf_detach(&b, NULL);
}

/* Ends the line being built: a line wider than maxw (one long word) is cut. */
static void flush_line(struct dlist *dl, enum font_face font, double size, double maxw,
                       struct buf *cur, char ***all, size_t *n, size_t *cap)
{
    if (!cur->len)
        return;
    ARRAY_GROW(*all, *n, *cap);
    (*all)[(*n)++] = dl_fit(dl, font, size, buf_str(cur), maxw);
    buf_reset(cur);
}

size_t dl_wrap(struct dlist *dl, enum font_face font, double size, const char *text,
               double maxw, char **lines, size_t maxlines)
{
    char **all = NULL;
    size_t n = 0, cap = 0;
    struct buf cur = BUF_INIT, trial = BUF_INIT;
    const char *p = text;

    if (maxlines == 0)
        return 0;
    /* Greedy: take words while the line fits. */
    while (*p) {
        if (*p == ' ') {
            p++;
            continue;
        }
        if (*p == '\n') {
            flush_line(dl, font, size, maxw, &cur, &all, &n, &cap);
            p++;
            continue;
        }
        const char *we = p;
        while (*we && *we != ' ' && *we != '\n')
            we++;
        buf_reset(&trial);
        buf_add(&trial, buf_str(&cur), cur.len);
        if (cur.len)
            buf_addc(&trial, ' ');
        buf_add(&trial, p, (size_t)(we - p));
        if (cur.len && font_width(dl->fonts, font, size, buf_str(&trial)) > maxw) {
            flush_line(dl, font, size, maxw, &cur, &all, &n, &cap);
            buf_add(&cur, p, (size_t)(we - p));
        } else {
            buf_reset(&cur);
            buf_add(&cur, buf_str(&trial), trial.len);
        }
        p = we;
    }
    flush_line(dl, font, size, maxw, &cur, &all, &n, &cap);

    size_t out = n < maxlines ? n : maxlines;
    for (size_t i = 0; i < out; i++)
        lines[i] = all[i];
    if (n > maxlines && maxlines > 0) {
        /* Text left over: the last line takes it, cut, with an ellipsis. */
        buf_reset(&cur);
        for (size_t i = maxlines - 1; i < n; i++) {
            if (i > maxlines - 1)
                buf_addc(&cur, ' ');
            buf_adds(&cur, all[i]);
            if (i > maxlines - 1)
                free(all[i]);
        }
        free(lines[maxlines - 1]);
        size_t keep = fit_prefix(dl, font, size, buf_str(&cur), cur.len, maxw, "\xe2\x80\xa6");
        while (keep > 0 && buf_str(&cur)[keep - 1] == ' ')
            keep--;
        buf_reset(&trial);
        buf_add(&trial, buf_str(&cur), keep);
        buf_adds(&trial, "\xe2\x80\xa6");
        lines[maxlines - 1] = buf_detach(&trial, NULL);
    }
    free(all);
    buf_free(&cur);
    buf_free(&trial);
    return out;
}

static void color(FILE *fp, const char *key, uint32_t c)
{
    if (c != DL_NONE)
        fprintf(fp, " %s=#%06x", key, (unsigned)c);
}

/* Two decimals, and never "-0.00". */
static void num(FILE *fp, double v)
{
    if (fabs(v) < 0.005)
        v = 0;
    fprintf(fp, " %.2f", v);
}

void dl_dump(FILE *fp, const struct dlist *dl)
{
    static const char *const anchors[] = {"start", "middle", "end"};
    static const char *const fonts[] = {"sans", "bold", "mono"};
    static const char *const dashes[] = {"", " dashed", " dotted"};
    fprintf(fp, "canvas");
    num(fp, dl->w);
    num(fp, dl->h);
    fputc('\n', fp);
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        switch (it->kind) {
        case DL_RECT:
            fprintf(fp, "rect %s", it->role);
            num(fp, it->x);
            num(fp, it->y);
            num(fp, it->w);
            num(fp, it->h);
            break;
        case DL_LINE:
            fprintf(fp, "line %s", it->role);
            num(fp, it->x);
            num(fp, it->y);
            num(fp, it->x2);
            num(fp, it->y2);
            break;
        case DL_POLYLINE:
            fprintf(fp, "polyline %s %zu:", it->role, it->npts);
            for (size_t k = 0; k < it->npts; k++) {
                num(fp, it->pts[2 * k]);
                fputc(',', fp);
                num(fp, it->pts[2 * k + 1]);
            }
            break;
        case DL_CIRCLE:
            fprintf(fp, "circle %s", it->role);
            num(fp, it->x);
            num(fp, it->y);
            num(fp, it->r);
            break;
        case DL_TEXT:
            fprintf(fp, "text %s", it->role);
            num(fp, it->x);
            num(fp, it->y);
            fprintf(fp, " %s %s %.1f w=%.2f%s \"%s\"", anchors[it->anchor], fonts[it->font],
                    it->size, it->tw, it->vertical ? " vertical" : "", it->text);
            color(fp, "color", it->fill);
            fputc('\n', fp);
            continue;
        }
        color(fp, "fill", it->fill);
        if (it->fill != DL_NONE && it->alpha < 1)
            fprintf(fp, " alpha=%.2f", it->alpha);
        color(fp, "stroke", it->stroke);
        if (it->stroke != DL_NONE)
            fprintf(fp, " lw=%.2f%s", it->lw, dashes[it->dash]);
        fputc('\n', fp);
    }
}
