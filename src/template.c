/* template.c - deck templates: load, check against the default, merge. */
#include "template.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "chart.h"
#include "diag.h"

/* Generated from the templates directory (cmake/embed_templates.cmake). */
struct template_builtin {
    const char *name;
    const char *json;
};
extern const struct template_builtin template_builtins[];

const char *template_builtin_names(void)
{
    static char names[256];
    if (!names[0]) {
        size_t used = 0;
        for (const struct template_builtin *b = template_builtins; b->name; b++)
            used += (size_t)snprintf(names + used, used < sizeof names ? sizeof names - used : 0,
                                     "%s%s", used ? ", " : "", b->name);
    }
    return names;
}

static const char *type_name(const cJSON *j)
{
    if (cJSON_IsString(j))
        return "a string";
    if (cJSON_IsNumber(j))
        return "a number";
    if (cJSON_IsArray(j))
        return "an array";
    if (cJSON_IsObject(j))
        return "an object";
    if (cJSON_IsBool(j))
        return "true or false";
    return "null";
}

static int same_type(const cJSON *a, const cJSON *b)
{
    return (a->type & 0xff) == (b->type & 0xff) || (cJSON_IsBool(a) && cJSON_IsBool(b));
}

/* Parses text; on a syntax error prints "SRC:LINE: ..." and returns NULL. */
static cJSON *parse_json(const char *src, const char *text)
{
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithOpts(text, &end, 1);
    if (!doc) {
        int line = 1;
        for (const char *p = text; end && p < end; p++)
            line += *p == '\n';
        error("template %s:%d: not valid JSON", src, line);
        return NULL;
    }
    if (!cJSON_IsObject(doc)) {
        cJSON_Delete(doc);
        error("template %s: expected a JSON object", src);
        return NULL;
    }
    return doc;
}

/* Every key of usr must be a key of def with a value of the same type;
 * objects are checked down to their leaves. `path` is the dotted key so
 * far, for the message. */
static int check_keys(const char *src, const cJSON *def, const cJSON *usr, const char *path)
{
    for (const cJSON *c = usr->child; c; c = c->next) {
        if (c->string[0] == '$')
            continue;
        char key[256];
        snprintf(key, sizeof key, "%s%s%s", path, *path ? "." : "", c->string);
        const cJSON *d = cJSON_GetObjectItemCaseSensitive(def, c->string);
        if (!d) {
            struct buf known = BUF_INIT;
            for (const cJSON *k = def->child; k; k = k->next)
                buf_printf(&known, "%s%s", known.len ? ", " : "", k->string);
            error("template %s: unknown key \"%s\" (known %s%s: %s)", src, key,
                  *path ? "in " : "at the top", path, buf_str(&known));
            buf_free(&known);
            return -1;
        }
        if (!same_type(d, c))
            return error("template %s: \"%s\" must be %s, not %s", src, key, type_name(d),
                         type_name(c));
        if (cJSON_IsObject(c) && check_keys(src, d, c, key) < 0)
            return -1;
    }
    return 0;
}

/* Lays usr over def: objects key by key, everything else replaced. */
static void merge(cJSON *def, const cJSON *usr)
{
    for (const cJSON *c = usr->child; c; c = c->next) {
        if (c->string[0] == '$')
            continue;
        cJSON *d = cJSON_GetObjectItemCaseSensitive(def, c->string);
        if (d && cJSON_IsObject(d) && cJSON_IsObject(c))
            merge(d, c);
        else
            cJSON_ReplaceItemInObjectCaseSensitive(def, c->string, cJSON_Duplicate(c, 1));
    }
}

static const cJSON *get(const cJSON *o, const char *dotted)
{
    char part[64];
    const char *p = dotted;
    while (o && *p) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        snprintf(part, sizeof part, "%.*s", (int)n, p);
        o = cJSON_GetObjectItemCaseSensitive(o, part);
        p += n + (dot ? 1 : 0);
    }
    return o;
}

static const char *get_str(const cJSON *doc, const char *key)
{
    const cJSON *j = get(doc, key);
    return cJSON_IsString(j) ? j->valuestring : "";
}

static int parse_color(const char *src, const char *key, const char *s, uint32_t *out)
{
    unsigned v = 0;
    if (!s || s[0] != '#' || strlen(s) != 7)
        goto bad;
    for (int i = 1; i < 7; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            goto bad;
        v = v * 16 + (unsigned)d;
    }
    *out = v;
    return 0;
bad:
    return error("template %s: \"%s\" must be a colour \"#rrggbb\", not \"%s\"", src, key,
                 s ? s : "?");
}

/* --- placeholders ----------------------------------------------------------- */

/* The {placeholders} each text may hold: what the code that prints it
 * fills (doc/report.md lists the same). A label not named here takes
 * none. "labels.col_*" covers every key with that prefix. */
static const struct {
    const char *key;
    const char *names; /* space-separated */
} placeholder_table[] = {
    {"title", "campaign metric"},
    {"subtitle", "campaign"},
    {"labels.metric_latency", "p"},
    {"labels.failed_all", "n"},
    {"labels.failed_runs", "n total"},
    {"labels.brief_rps", "value"},
    {"labels.brief_latency", "value p"},
    {"labels.brief_latency_avg", "value"},
    {"labels.brief_failed", "n pct"},
    {"labels.brief_failed_count", "n"},
    {"labels.brief_failed_pct", "pct"},
    {"labels.brief_requests", "n duration"},
    {"labels.brief_requests_only", "n"},
    {"labels.brief_load", "tool load"},
    {"labels.raw_source", "file first last"},
    {"labels.raw_cut", "n"},
    {"labels.col_*", "metric baseline"},
    {"labels.chart_*", "metric campaign"},
    {"labels.runs_of", "n"},
    {"labels.more_rows", "n"},
    {"labels.no_percentiles", "n"},
    {"labels.more_curves", "n"},
    {"labels.continued", "title"},
    {"labels.footer_runs", "ids"},
    {"labels.footer_run", "id"},
    {"labels.footer_page", "n total"},
};

static const char *placeholders_of(const char *key)
{
    for (size_t i = 0; i < sizeof placeholder_table / sizeof placeholder_table[0]; i++) {
        const char *k = placeholder_table[i].key;
        size_t n = strlen(k);
        if (k[n - 1] == '*' ? strncmp(key, k, n - 1) == 0 : strcmp(key, k) == 0)
            return placeholder_table[i].names;
    }
    return "";
}

/* Whether the word w (n bytes) is one of the space-separated names. */
static int has_name(const char *names, const char *w, size_t n)
{
    for (const char *p = names; *p;) {
        size_t len = strcspn(p, " ");
        if (len == n && strncmp(p, w, n) == 0)
            return 1;
        p += len + (p[len] == ' ');
    }
    return 0;
}

/* Every {name} in text (a name: letters, digits, '_') must be one of
 * names, else the error names the key, the placeholder and what the key
 * takes. Braces around anything else are text. */
static int check_placeholders(const char *src, const char *key, const char *text,
                              const char *names)
{
    for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
        size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
        if (n == 0 || p[1 + n] != '}' || has_name(names, p + 1, n))
            continue;
        struct buf takes = BUF_INIT;
        for (const char *q = names; *q;) {
            size_t len = strcspn(q, " ");
            buf_printf(&takes, "%s{%.*s}", takes.len ? ", " : "", (int)len, q);
            q += len + (q[len] == ' ');
        }
        error("template %s: \"%s\": unknown placeholder {%.*s} (%s takes %s)", src, key, (int)n,
              p + 1, key, takes.len ? buf_str(&takes) : "no placeholder");
        buf_free(&takes);
        return -1;
    }
    return 0;
}

/* The title, subtitle and every label of the merged document. */
static int check_texts(const char *src, const cJSON *doc)
{
    static const char *const top[] = {"title", "subtitle"};
    char key[128];
    for (size_t i = 0; i < sizeof top / sizeof top[0]; i++)
        if (check_placeholders(src, top[i], get_str(doc, top[i]), placeholders_of(top[i])) < 0)
            return -1;
    const cJSON *labels = cJSON_GetObjectItemCaseSensitive(doc, "labels");
    for (const cJSON *c = labels ? labels->child : NULL; c; c = c->next) {
        if (!cJSON_IsString(c) || c->string[0] == '$')
            continue;
        snprintf(key, sizeof key, "labels.%s", c->string);
        if (check_placeholders(src, key, c->valuestring, placeholders_of(key)) < 0)
            return -1;
    }
    return 0;
}

static int load_theme(struct template *t, const cJSON *doc)
{
    static const struct {
        const char *key;
        size_t off;
    } colors[] = {
        {"theme.background", offsetof(struct tpl_theme, background)},
        {"theme.text", offsetof(struct tpl_theme, text)},
        {"theme.muted", offsetof(struct tpl_theme, muted)},
        {"theme.grid", offsetof(struct tpl_theme, grid)},
        {"theme.axis", offsetof(struct tpl_theme, axis)},
        {"theme.accent", offsetof(struct tpl_theme, accent)},
        {"theme.failed", offsetof(struct tpl_theme, failed)},
        {"theme.code_background", offsetof(struct tpl_theme, code_background)},
    };
    static const struct {
        const char *key;
        size_t off;
        double lo, hi;
    } sizes[] = {
        {"theme.sizes.title", offsetof(struct tpl_theme, title), 8, 96},
        {"theme.sizes.heading", offsetof(struct tpl_theme, heading), 8, 72},
        {"theme.sizes.body", offsetof(struct tpl_theme, body), 6, 40},
        {"theme.sizes.small", offsetof(struct tpl_theme, small), 5, 30},
        {"theme.sizes.footer", offsetof(struct tpl_theme, footer), 5, 16},
        {"theme.sizes.brief", offsetof(struct tpl_theme, brief), 12, 120},
        {"theme.sizes.chart_title", offsetof(struct tpl_theme, chart_title), 8, 40},
        {"theme.sizes.chart_text", offsetof(struct tpl_theme, chart_text), 6, 24},
        {"theme.sizes.code_max", offsetof(struct tpl_theme, code_max), 4, 24},
        {"theme.sizes.code_min", offsetof(struct tpl_theme, code_min), 3, 24},
    };
    static const char *const fonts[FONT_NFACES] = {"theme.fonts.sans", "theme.fonts.bold",
                                                  "theme.fonts.mono"};
    const char *src = t->source;
    struct tpl_theme *th = &t->theme;

    for (size_t i = 0; i < sizeof colors / sizeof colors[0]; i++)
        if (parse_color(src, colors[i].key, get_str(doc, colors[i].key),
                        (uint32_t *)((char *)th + colors[i].off)) < 0)
            return -1;
    const cJSON *pal = get(doc, "theme.palette");
    th->npalette = 0;
    for (const cJSON *c = pal ? pal->child : NULL; c; c = c->next) {
        char key[64];
        snprintf(key, sizeof key, "theme.palette[%zu]", th->npalette);
        if (th->npalette == sizeof th->palette / sizeof th->palette[0])
            return error("template %s: \"theme.palette\" has more than %zu colours", src,
                         sizeof th->palette / sizeof th->palette[0]);
        if (parse_color(src, key, cJSON_IsString(c) ? c->valuestring : NULL,
                        &th->palette[th->npalette]) < 0)
            return -1;
        th->npalette++;
    }
    if (th->npalette == 0)
        return error("template %s: \"theme.palette\" needs at least one colour", src);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        const cJSON *j = get(doc, sizes[i].key);
        double v = cJSON_IsNumber(j) ? j->valuedouble : (double)NAN;
        if (!(v >= sizes[i].lo && v <= sizes[i].hi))
            return error("template %s: \"%s\" must be a size in points from %g to %g", src,
                         sizes[i].key, sizes[i].lo, sizes[i].hi);
        *(double *)((char *)th + sizes[i].off) = v;
    }
    if (th->code_min > th->code_max)
        return error("template %s: \"theme.sizes.code_min\" is larger than \"code_max\"", src);
    for (int i = 0; i < FONT_NFACES; i++) {
        th->fonts[i] = get_str(doc, fonts[i]);
        if (!*th->fonts[i])
            return error("template %s: \"%s\" must name a font", src, fonts[i]);
    }
    return 0;
}

static int load_slides(struct template *t, const cJSON *doc)
{
    static const char *const types[] = {"title", "setup", "runs", "chart", "table"};
    const cJSON *arr = get(doc, "slides");
    const char *src = t->source;
    if (!arr) /* the merge with the default template always gives one */
        return error("template %s: no \"slides\"", src);
    size_t n = (size_t)cJSON_GetArraySize(arr);
    t->slides = xcalloc(n ? n : 1, sizeof(struct tpl_slide));
    for (const cJSON *s = arr->child; s; s = s->next) {
        char key[64];
        struct tpl_slide *sl = &t->slides[t->nslides];
        snprintf(key, sizeof key, "slides[%zu]", t->nslides);
        if (!cJSON_IsObject(s))
            return error("template %s: \"%s\" must be an object", src, key);
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(s, "type");
        if (!cJSON_IsString(type))
            return error("template %s: \"%s.type\" is missing (one of title, setup, runs, chart, "
                         "table)", src, key);
        size_t k;
        for (k = 0; k < sizeof types / sizeof types[0]; k++)
            if (strcmp(type->valuestring, types[k]) == 0)
                break;
        if (k == sizeof types / sizeof types[0])
            return error("template %s: \"%s.type\": unknown slide type \"%s\" (title, setup, "
                         "runs, chart, table)", src, key, type->valuestring);
        sl->type = (enum tpl_slide_type)k;
        for (const cJSON *c = s->child; c; c = c->next) {
            if (c->string[0] == '$' || strcmp(c->string, "type") == 0)
                continue;
            if (strcmp(c->string, "title") == 0) {
                char tkey[80];
                snprintf(tkey, sizeof tkey, "%s.title", key);
                if (!cJSON_IsString(c))
                    return error("template %s: \"%s\" must be a string", src, tkey);
                /* A run's slide is titled per run; the others per report. */
                if (check_placeholders(src, tkey, c->valuestring,
                                       sl->type == TPL_RUNS ? "label campaign"
                                                            : "campaign metric") < 0)
                    return -1;
                sl->title = c->valuestring;
            } else if (strcmp(c->string, "chart") == 0 && sl->type == TPL_CHART) {
                enum chart_kind ck;
                if (!cJSON_IsString(c) || chart_kind_parse(c->valuestring, &ck) < 0)
                    return error("template %s: \"%s.chart\": one of bars, percentiles, "
                                 "distribution, timeline", src, key);
                sl->chart = (int)ck;
            } else {
                return error("template %s: unknown key \"%s.%s\" (a %s slide takes: title%s)",
                             src, key, c->string, types[k],
                             sl->type == TPL_CHART ? ", chart" : "");
            }
        }
        if (sl->type == TPL_CHART && !cJSON_GetObjectItemCaseSensitive(s, "chart"))
            return error("template %s: \"%s.chart\" is missing (bars, percentiles, distribution, "
                         "timeline)", src, key);
        t->nslides++;
    }
    return 0;
}

static const char *builtin(const char *name)
{
    for (const struct template_builtin *b = template_builtins; b->name; b++)
        if (strcmp(b->name, name) == 0)
            return b->json;
    return NULL;
}

int template_load(const char *name_or_path, struct template **out)
{
    struct template *t = xcalloc(1, sizeof(*t));
    cJSON *doc = NULL, *usr = NULL;
    struct buf file = BUF_INIT;
    const char *name = name_or_path ? name_or_path : "default";
    int is_file = strchr(name, '/') || (strlen(name) > 5 && strcmp(name + strlen(name) - 5, ".json") == 0);

    *out = NULL;
    const char *def_text = builtin("default");
    if (!def_text) {
        error("internal error: no built-in default template");
        goto fail;
    }
    t->source = xstrdup("default");
    if (!(doc = parse_json("default", def_text)))
        goto fail;
    if (strcmp(name, "default") != 0) {
        const char *text;
        free(t->source);
        t->source = xstrdup(name);
        if (is_file) {
            FILE *fp = fopen(name, "rb");
            if (!fp || buf_read_stream(&file, fp) < 0) {
                error_errno("template %s", name);
                if (fp)
                    fclose(fp);
                goto fail;
            }
            fclose(fp);
            text = buf_str(&file);
        } else if (!(text = builtin(name))) {
            error("template %s: no such built-in template (built in: %s; a file needs a '/' or "
                  "a .json name)", name, template_builtin_names());
            goto fail;
        }
        if (!(usr = parse_json(name, text)) || check_keys(name, doc, usr, "") < 0)
            goto fail;
        merge(doc, usr);
    }
    t->doc = doc;
    t->name = get_str(doc, "name");
    t->title = get_str(doc, "title");
    t->subtitle = get_str(doc, "subtitle");
    t->author = get_str(doc, "author");
    t->date = get_str(doc, "date");
    t->units.k = get_str(doc, "units.k");
    t->units.M = get_str(doc, "units.M");
    t->units.G = get_str(doc, "units.G");
    if (check_texts(t->source, doc) < 0 || load_theme(t, doc) < 0 || load_slides(t, doc) < 0) {
        doc = NULL; /* owned by t now */
        goto fail;
    }
    cJSON_Delete(usr);
    buf_free(&file);
    *out = t;
    return 0;
fail:
    cJSON_Delete(doc);
    cJSON_Delete(usr);
    buf_free(&file);
    template_free(t);
    return -1;
}

void template_free(struct template *t)
{
    if (!t)
        return;
    cJSON_Delete(t->doc);
    free(t->slides);
    free(t->source);
    free(t);
}

const char *template_label(const struct template *t, const char *key)
{
    const cJSON *labels = cJSON_GetObjectItemCaseSensitive((const cJSON *)t->doc, "labels");
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(labels, key);
    return cJSON_IsString(j) ? j->valuestring : key;
}

char *template_format(const char *fmt, const char *const *vars)
{
    struct buf b = BUF_INIT;
    const char *p = fmt;
    while (*p) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (close) {
                size_t n = (size_t)(close - p - 1);
                const char *val = NULL;
                for (size_t i = 0; vars && vars[i] && vars[i + 1]; i += 2)
                    if (strlen(vars[i]) == n && strncmp(vars[i], p + 1, n) == 0)
                        val = vars[i + 1];
                if (val) {
                    buf_adds(&b, val);
                    p = close + 1;
                    continue;
                }
            }
        }
        buf_addc(&b, *p++);
    }
    if (!b.data)
        buf_adds(&b, "");
    return buf_detach(&b, NULL);
}

char *template_text(const struct template *t, const char *key, const char *const *vars)
{
    return template_format(template_label(t, key), vars);
}
