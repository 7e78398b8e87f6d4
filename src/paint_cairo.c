/* paint_cairo.c - display lists to PNG and SVG with cairo (see paint.h).
 * Text is drawn in the font files font.h chose, unhinted, so glyph
 * advances are exactly the widths the layout measured. */
#include "paint.h"

#include <cairo-ft.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>

#include "diag.h"

static void set_rgb(cairo_t *cr, uint32_t c, double alpha)
{
    cairo_set_source_rgba(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0,
                          (c & 0xff) / 255.0, alpha);
}

static void set_dash(cairo_t *cr, enum dl_dash d, double lw)
{
    static const double dashed[] = {5, 3}, dotted[] = {1, 2};
    double pat[2];
    const double *src = d == DL_DASHED ? dashed : dotted;
    if (d == DL_SOLID) {
        cairo_set_dash(cr, NULL, 0, 0);
        return;
    }
    pat[0] = src[0] * (lw > 1 ? lw : 1);
    pat[1] = src[1] * (lw > 1 ? lw : 1);
    cairo_set_dash(cr, pat, 2, 0);
}

/* Fills, then strokes, the current path as the item says. */
static void finish(cairo_t *cr, const struct dl_item *it)
{
    if (it->fill != DL_NONE) {
        set_rgb(cr, it->fill, it->alpha);
        if (it->stroke != DL_NONE)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (it->stroke != DL_NONE) {
        set_rgb(cr, it->stroke, 1);
        cairo_set_line_width(cr, it->lw);
        set_dash(cr, it->dash, it->lw);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
}

static int draw(cairo_t *cr, const struct dlist *dl)
{
    cairo_font_face_t *faces[FONT_NFACES] = {NULL};
    cairo_font_options_t *fo = cairo_font_options_create();
    int rc = 0;

    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    for (int i = 0; i < FONT_NFACES; i++) {
        FcPattern *pat = FcPatternCreate();
        FcPatternAddString(pat, FC_FILE, (const FcChar8 *)font_file(dl->fonts, (enum font_face)i));
        FcPatternAddInteger(pat, FC_INDEX, 0);
        faces[i] = cairo_ft_font_face_create_for_pattern(pat);
        FcPatternDestroy(pat);
    }
    cairo_set_font_options(cr, fo);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);

    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        switch (it->kind) {
        case DL_RECT:
            cairo_rectangle(cr, it->x, it->y, it->w, it->h);
            finish(cr, it);
            break;
        case DL_LINE:
            cairo_move_to(cr, it->x, it->y);
            cairo_line_to(cr, it->x2, it->y2);
            finish(cr, it);
            break;
        case DL_POLYLINE:
            for (size_t k = 0; k < it->npts; k++)
                (k ? cairo_line_to : cairo_move_to)(cr, it->pts[2 * k], it->pts[2 * k + 1]);
            finish(cr, it);
            break;
        case DL_CIRCLE:
            cairo_new_sub_path(cr);
            cairo_arc(cr, it->x, it->y, it->r, 0, 2 * M_PI);
            finish(cr, it);
            break;
        case DL_TEXT:
            if (!it->text[0])
                break;
            cairo_save(cr);
            cairo_set_font_face(cr, faces[it->font]);
            cairo_set_font_size(cr, it->size);
            set_rgb(cr, it->fill, 1);
            if (it->vertical) {
                cairo_translate(cr, it->x, dl_text_start(it));
                cairo_rotate(cr, -M_PI / 2);
                cairo_move_to(cr, 0, 0);
            } else {
                cairo_move_to(cr, dl_text_start(it), it->y);
            }
            cairo_show_text(cr, it->text);
            cairo_restore(cr);
            break;
        }
    }
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        rc = -1;
    for (int i = 0; i < FONT_NFACES; i++)
        cairo_font_face_destroy(faces[i]);
    cairo_font_options_destroy(fo);
    return rc;
}

int paint_png(const struct dlist *dl, const char *path, double scale)
{
    int wpx = (int)ceil(dl->w * scale), hpx = (int)ceil(dl->h * scale);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, wpx, hpx);
    cairo_t *cr = cairo_create(s);
    int rc = 0;
    cairo_scale(cr, scale, scale);
    if (draw(cr, dl) < 0)
        rc = error("%s: cairo: %s", path, cairo_status_to_string(cairo_status(cr)));
    cairo_destroy(cr);
    if (rc == 0) {
        cairo_status_t st = cairo_surface_write_to_png(s, path);
        if (st != CAIRO_STATUS_SUCCESS)
            rc = error("%s: cannot write PNG: %s", path, cairo_status_to_string(st));
    }
    cairo_surface_destroy(s);
    return rc;
}

int paint_svg(const struct dlist *dl, const char *path)
{
    cairo_surface_t *s = cairo_svg_surface_create(path, dl->w, dl->h);
    int rc = 0;
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        rc = error("%s: cannot write SVG: %s", path,
                   cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return rc;
    }
    cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
    cairo_t *cr = cairo_create(s);
    if (draw(cr, dl) < 0)
        rc = error("%s: cairo: %s", path, cairo_status_to_string(cairo_status(cr)));
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (rc == 0 && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        rc = error("%s: cannot write SVG: %s", path,
                   cairo_status_to_string(cairo_surface_status(s)));
    cairo_surface_destroy(s);
    return rc;
}
