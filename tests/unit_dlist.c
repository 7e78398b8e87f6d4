/* unit_dlist.c - text fitting and wrapping of display lists, measured with
 * the real DejaVu fonts: no line wider than asked, no word lost, an
 * ellipsis exactly where text was cut; placeholders in template labels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlist.h"
#include "font.h"
#include "template.h"

static int failures;

#define CHECK(cond, ...)                                                      \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                   \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
            failures++;                                                       \
        }                                                                     \
    } while (0)

static const char ELL[] = "\xe2\x80\xa6";

int main(void)
{
    const char *const pats[FONT_NFACES] = {"DejaVu Sans", "DejaVu Sans:bold", "DejaVu Sans Mono"};
    struct font_set *fs;
    if (font_set_open(pats, &fs) < 0)
        return 1;
    struct dlist *dl = dl_new(100, 100, fs);

    /* Metrics: a mono face has one advance; Cyrillic and µ are measured. */
    double m1 = dl_measure(dl, FONT_MONO, 10, "i"), m2 = dl_measure(dl, FONT_MONO, 10, "W");
    CHECK(m1 == m2 && m1 > 5.9 && m1 < 6.1, "mono advance %g %g", m1, m2);
    CHECK(dl_measure(dl, FONT_SANS, 10, "Имя") > 15, "Cyrillic has width");
    CHECK(font_has(fs, FONT_SANS, 0x00b5) && font_has(fs, FONT_MONO, 0x00b5), "µ in both faces");
    CHECK(dl_measure(dl, FONT_BOLD, 10, "abc") > dl_measure(dl, FONT_SANS, 10, "abc"), "bold wider");

    /* dl_fit: unchanged when it fits, else cut with an ellipsis that fits. */
    char *f = dl_fit(dl, FONT_SANS, 10, "short", 200);
    CHECK(strcmp(f, "short") == 0, "fit unchanged: %s", f);
    free(f);
    f = dl_fit(dl, FONT_SANS, 10, "Litestar + gunicorn + uvicorn", 60);
    CHECK(strstr(f, ELL) && dl_measure(dl, FONT_SANS, 10, f) <= 60, "fit cut: %s", f);
    CHECK(strncmp(f, "Litestar", 8) == 0, "fit keeps the start: %s", f);
    free(f);
    f = dl_fit(dl, FONT_SANS, 10, "Результаты кратко", 50);
    CHECK(strstr(f, ELL) && dl_measure(dl, FONT_SANS, 10, f) <= 50, "fit cuts at code points: %s", f);
    free(f);

    /* dl_wrap: lines within the width, every word kept in order. */
    const char *text = "gunicorn + uvicorn, granian, robyn, socketify.py, aiohttp";
    char *lines[8];
    size_t n = dl_wrap(dl, FONT_SANS, 10, text, 90, lines, 8);
    CHECK(n >= 3, "wrapped into %zu lines", n);
    char joined[256] = "";
    for (size_t i = 0; i < n; i++) {
        CHECK(dl_measure(dl, FONT_SANS, 10, lines[i]) <= 90, "line %zu too wide: %s", i, lines[i]);
        strcat(joined, i ? " " : "");
        strcat(joined, lines[i]);
        free(lines[i]);
    }
    CHECK(strcmp(joined, text) == 0, "words kept: %s", joined);
    /* Fewer lines than needed: the last one ends in an ellipsis. */
    n = dl_wrap(dl, FONT_SANS, 10, text, 90, lines, 2);
    CHECK(n == 2, "two lines, got %zu", n);
    CHECK(n == 2 && strstr(lines[1], ELL) && !strstr(lines[0], ELL), "ellipsis on the last line");
    CHECK(n == 2 && dl_measure(dl, FONT_SANS, 10, lines[1]) <= 90, "last line fits");
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    /* A word wider than the line stands alone, cut. */
    n = dl_wrap(dl, FONT_SANS, 10, "a supercalifragilisticexpialidocious b", 40, lines, 8);
    CHECK(n == 3, "long word alone: %zu lines", n);
    for (size_t i = 0; i < n; i++) {
        CHECK(dl_measure(dl, FONT_SANS, 10, lines[i]) <= 40, "line %zu fits", i);
        free(lines[i]);
    }
    CHECK(dl_wrap(dl, FONT_SANS, 10, "", 40, lines, 8) == 0, "empty text: no lines");

    /* Text items keep their measured width; anchors give the start. */
    struct dl_item *it = dl_text(dl, "t", 50, 10, "abc", FONT_SANS, 10, 0, DL_END);
    CHECK(it->tw > 0 && dl_text_start(it) == 50 - it->tw, "end anchor");
    it = dl_text(dl, "t", 50, 10, "abc", FONT_SANS, 10, 0, DL_MIDDLE);
    CHECK(dl_text_start(it) == 50 - it->tw / 2, "middle anchor");

    /* Template placeholders. */
    const char *vars[] = {"n", "3", "what", "runs", NULL};
    char *t = template_format("{n} {what}, {unknown} {n}", vars);
    CHECK(strcmp(t, "3 runs, {unknown} 3") == 0, "format: %s", t);
    free(t);
    struct template *tpl;
    CHECK(template_load("ru", &tpl) == 0, "ru loads");
    if (tpl) {
        CHECK(strcmp(template_label(tpl, "failed"), "ПРОВАЛЕНО") == 0, "ru label");
        CHECK(strcmp(template_label(tpl, "col_rank"), "#") == 0, "ru label");
        CHECK(strcmp(tpl->theme.fonts[FONT_MONO], "DejaVu Sans Mono") == 0, "ru keeps default fonts");
        CHECK(tpl->nslides == 8, "ru slides %zu", tpl->nslides);
        template_free(tpl);
    }
    dl_free(dl);
    font_set_free(fs);
    return failures ? 1 : 0;
}
