/* template.h - deck templates: which slides, in what order, their titles,
 * every label a chart, table or slide prints, and the theme (colours,
 * fonts, sizes). Templates are JSON (the templates directory, compiled in; see
 * doc/report.md for every key).
 *
 * The built-in "default" template is the reference: it holds every key.
 * Another template (built-in "ru", or a file) is laid over it key by key,
 * so it need only name what it changes; a key the default does not have,
 * or a value of the wrong type, is an error naming the key. Arrays
 * ("slides", "theme.palette") are replaced whole. Keys starting with "$"
 * are comments.
 *
 * Labels, the title, subtitle and slide titles may hold {placeholders};
 * template_format() fills them. Each text takes only the placeholders its
 * printer fills (the table in template.c): an unknown {name} is an error
 * at load time naming the key, the placeholder and those the key takes.
 *
 * Ownership: template_load() returns a template the caller frees with
 * template_free() (NULL is a no-op); every string in it lives as long as
 * the template. */
#ifndef BENCHDB_TEMPLATE_H
#define BENCHDB_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

#include "font.h"
#include "human.h"

enum tpl_slide_type { TPL_TITLE, TPL_SETUP, TPL_RUNS, TPL_CHART, TPL_TABLE };

struct tpl_slide {
    enum tpl_slide_type type;
    const char *title; /* may hold {placeholders}; NULL: none given */
    int chart;         /* TPL_CHART: an enum chart_kind */
};

struct tpl_theme {
    uint32_t background, text, muted, grid, axis, accent, failed, code_background;
    uint32_t palette[32];
    size_t npalette;
    const char *fonts[FONT_NFACES];
    double title, heading, body, small, footer, brief, chart_title, chart_text, code_max, code_min;
};

struct template {
    char *source; /* "default", "ru" or the file's path */
    const char *name, *title, *subtitle, *author, *date;
    struct tpl_slide *slides;
    size_t nslides;
    struct tpl_theme theme;
    struct human_units units;
    void *doc; /* the merged JSON document (cJSON) */
};

/* name_or_path: a built-in template's name ("default", "ru"), or a file
 * (anything with a '/' or ending in ".json"); NULL is "default".
 * 0, or -1 with the reason printed (file, key, what is wrong). */
int template_load(const char *name_or_path, struct template **out);
void template_free(struct template *t);

/* Names of the built-in templates, comma-separated (for messages). */
const char *template_builtin_names(void);

/* The label `key` ("metric_rps"); never NULL for a key of the default
 * template (an unknown key returns the key itself, so a typo shows). */
const char *template_label(const struct template *t, const char *key);

/* fmt with each {name} replaced by its value: vars holds name, value
 * pairs and ends with NULL. An unknown {name} is kept as written. The
 * caller frees the result. */
char *template_format(const char *fmt, const char *const *vars);
/* template_format(template_label(t, key), vars). */
char *template_text(const struct template *t, const char *key, const char *const *vars);

#endif
