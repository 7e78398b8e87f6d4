/* paint_pdf.c - display lists to PDF pages with libharu (see paint.h).
 *
 * Everything is vector: rectangles, lines and curves as paths, text as
 * real text in the TrueType files font.h chose, embedded (libharu subsets
 * them) and encoded as UTF-8, so Cyrillic and "µs" are selectable and
 * searchable, and pdftotext reads them back. PDF's y axis points up: y
 * becomes page height - y here and nowhere else. */
#include "paint.h"

#include <hpdf.h>
#include <math.h>
#include <string.h>

#include "diag.h"

struct pdf_state {
    HPDF_STATUS err;
    HPDF_STATUS detail;
};

/* libharu reports errors through this handler; we keep the first and
 * check after each page (it does not longjmp). */
static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
    struct pdf_state *ps = user;
    if (!ps->err) {
        ps->err = err;
        ps->detail = detail;
    }
}

static void fill_rgb(HPDF_Page pg, uint32_t c)
{
    HPDF_Page_SetRGBFill(pg, (HPDF_REAL)((c >> 16) & 0xff) / 255.0f,
                         (HPDF_REAL)((c >> 8) & 0xff) / 255.0f, (HPDF_REAL)(c & 0xff) / 255.0f);
}

static void stroke_rgb(HPDF_Page pg, uint32_t c)
{
    HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)((c >> 16) & 0xff) / 255.0f,
                           (HPDF_REAL)((c >> 8) & 0xff) / 255.0f, (HPDF_REAL)(c & 0xff) / 255.0f);
}

/* Colours, width and dash of an item: set before its path is begun, as
 * PDF allows no state change inside a path. */
static void prepare(HPDF_Page pg, const struct dl_item *it)
{
    static const HPDF_UINT16 dashed[] = {5, 3}, dotted[] = {1, 2};
    if (it->stroke != DL_NONE) {
        stroke_rgb(pg, it->stroke);
        HPDF_Page_SetLineWidth(pg, (HPDF_REAL)it->lw);
        if (it->dash == DL_DASHED)
            HPDF_Page_SetDash(pg, dashed, 2, 0);
        else if (it->dash == DL_DOTTED)
            HPDF_Page_SetDash(pg, dotted, 2, 0);
        else
            HPDF_Page_SetDash(pg, NULL, 0, 0);
    }
    if (it->fill != DL_NONE)
        fill_rgb(pg, it->fill);
}

/* Fills and/or strokes the path just built. */
static void finish(HPDF_Page pg, const struct dl_item *it)
{
    int fill = it->fill != DL_NONE, stroke = it->stroke != DL_NONE;
    if (fill && stroke)
        HPDF_Page_FillStroke(pg);
    else if (fill)
        HPDF_Page_Fill(pg);
    else if (stroke)
        HPDF_Page_Stroke(pg);
    else
        HPDF_Page_EndPath(pg);
}

static void draw_page(HPDF_Doc pdf, HPDF_Page pg, const struct dlist *dl,
                      HPDF_Font fonts[FONT_NFACES])
{
    HPDF_REAL H = (HPDF_REAL)dl->h;
    HPDF_Page_SetLineCap(pg, HPDF_BUTT_END);
    HPDF_Page_SetLineJoin(pg, HPDF_ROUND_JOIN);
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        HPDF_ExtGState gs = NULL;
        if (it->kind != DL_TEXT && it->fill != DL_NONE && it->alpha < 1) {
            gs = HPDF_CreateExtGState(pdf);
            HPDF_ExtGState_SetAlphaFill(gs, (HPDF_REAL)it->alpha);
            HPDF_Page_GSave(pg);
            HPDF_Page_SetExtGState(pg, gs);
        }
        if (it->kind != DL_TEXT)
            prepare(pg, it);
        switch (it->kind) {
        case DL_RECT:
            HPDF_Page_Rectangle(pg, (HPDF_REAL)it->x, H - (HPDF_REAL)(it->y + it->h),
                                (HPDF_REAL)it->w, (HPDF_REAL)it->h);
            finish(pg, it);
            break;
        case DL_LINE:
            HPDF_Page_MoveTo(pg, (HPDF_REAL)it->x, H - (HPDF_REAL)it->y);
            HPDF_Page_LineTo(pg, (HPDF_REAL)it->x2, H - (HPDF_REAL)it->y2);
            finish(pg, it);
            break;
        case DL_POLYLINE:
            if (it->npts < 2)
                break;
            HPDF_Page_MoveTo(pg, (HPDF_REAL)it->pts[0], H - (HPDF_REAL)it->pts[1]);
            for (size_t k = 1; k < it->npts; k++)
                HPDF_Page_LineTo(pg, (HPDF_REAL)it->pts[2 * k], H - (HPDF_REAL)it->pts[2 * k + 1]);
            finish(pg, it);
            break;
        case DL_CIRCLE:
            HPDF_Page_Circle(pg, (HPDF_REAL)it->x, H - (HPDF_REAL)it->y, (HPDF_REAL)it->r);
            finish(pg, it);
            break;
        case DL_TEXT: {
            if (!it->text[0])
                break;
            double s = dl_text_start(it);
            HPDF_Page_BeginText(pg);
            HPDF_Page_SetFontAndSize(pg, fonts[it->font], (HPDF_REAL)it->size);
            fill_rgb(pg, it->fill);
            if (it->vertical)
                HPDF_Page_SetTextMatrix(pg, 0, 1, -1, 0, (HPDF_REAL)it->x, H - (HPDF_REAL)s);
            else
                HPDF_Page_SetTextMatrix(pg, 1, 0, 0, 1, (HPDF_REAL)s, H - (HPDF_REAL)it->y);
            HPDF_Page_ShowText(pg, it->text);
            HPDF_Page_EndText(pg);
            break;
        }
        }
        if (gs)
            HPDF_Page_GRestore(pg);
    }
}

int paint_pdf(struct dlist *const *pages, size_t n, const char *path,
              const struct paint_pdf_info *info)
{
    struct pdf_state ps = {0, 0};
    HPDF_Doc pdf = HPDF_New(on_error, &ps);
    HPDF_Font fonts[FONT_NFACES];
    int rc = -1;

    if (!pdf)
        return error("%s: libharu could not start", path);
    if (n == 0) {
        error("%s: no pages to write", path);
        goto out;
    }
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    for (int i = 0; i < FONT_NFACES; i++) {
        const char *file = font_file(pages[0]->fonts, (enum font_face)i);
        const char *name = HPDF_LoadTTFontFromFile(pdf, file, HPDF_TRUE);
        fonts[i] = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
        if (!fonts[i] || ps.err) {
            error("%s: libharu cannot embed %s (error 0x%04x)", path, file, (unsigned)ps.err);
            goto out;
        }
    }
    if (info) {
        if (info->title && *info->title)
            HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, info->title);
        if (info->author && *info->author)
            HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, info->author);
        if (info->subject && *info->subject)
            HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, info->subject);
    }
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "benchdb " BENCHDB_VERSION);
    for (size_t p = 0; p < n; p++) {
        HPDF_Page pg = HPDF_AddPage(pdf);
        HPDF_Page_SetWidth(pg, (HPDF_REAL)pages[p]->w);
        HPDF_Page_SetHeight(pg, (HPDF_REAL)pages[p]->h);
        draw_page(pdf, pg, pages[p], fonts);
        if (ps.err) {
            error("%s: libharu failed on page %zu (error 0x%04x, detail %u)", path, p + 1,
                  (unsigned)ps.err, (unsigned)ps.detail);
            goto out;
        }
    }
    if (HPDF_SaveToFile(pdf, path) != HPDF_OK || ps.err) {
        error("%s: cannot write the PDF (libharu error 0x%04x)", path, (unsigned)ps.err);
        goto out;
    }
    rc = 0;
out:
    HPDF_Free(pdf);
    return rc;
}
