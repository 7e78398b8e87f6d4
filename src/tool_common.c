/* tool_common.c - steps the ab, h2load, bombardier, vegeta and
 * autocannon parsers share. See tool_common.h for the contract. */
#include "tool_common.h"

#include <stdio.h>
#include <string.h>

#include "units.h"

void tool_tok_text(char *buf, size_t n, struct tok t)
{
    snprintf(buf, n, "%.*s", (int)t.n, t.s);
}

struct tok tool_tok_chop(struct tok t, char c)
{
    if (t.n > 0 && t.s[t.n - 1] == c)
        t.n--;
    return t;
}

double tool_shift10(double x, int pow10)
{
    char buf[64];
    double s = RUN_NA;
    units_format(buf, sizeof buf, x);
    units_scaled(buf, strlen(buf), 0, pow10, 1, &s);
    return s;
}

double tool_ms_to_s(double ms)
{
    return tool_shift10(ms, -3);
}

const char *tool_command(struct run *r, const struct text *t, size_t i, size_t last_end,
                         const struct toolcmd_prog *progs, size_t *len)
{
    size_t n;
    for (size_t k = i; k-- > last_end && k + 12 > i;) {
        const char *cmd = toolcmd_find(t->lines[k].s, progs, &n);
        if (!cmd)
            continue;
        char url[1024];
        run_setn(&r->command, cmd, n);
        if (!r->url && toolcmd_url(cmd, n, url, sizeof url))
            run_set(&r->url, url);
        r->first_line = t->lines[k].no;
        if (len)
            *len = n;
        return cmd;
    }
    return NULL;
}

const char *tool_count_bad(const char *s, size_t n, int allow_thousands, double *x)
{
    double v;
    if (units_whole(s, n, allow_thousands, x) == UNITS_OK)
        return NULL;
    if (units_number(s, n, allow_thousands, &v) != UNITS_OK)
        return "is not a number";
    return "is not a whole number within 64 bits";
}

const char *tool_figure_bad(int rc, double v)
{
    if (rc != UNITS_OK)
        return "is not a number";
    return v < 0 ? "is negative" : NULL;
}

static struct tok unquote(struct tok t)
{
    if (t.n >= 2 && (t.s[0] == '"' || t.s[0] == '\'') && t.s[t.n - 1] == t.s[0]) {
        t.s++;
        t.n -= 2;
    }
    return t;
}

int tool_flag(const struct tok *t, size_t n, size_t *i, const char *name, struct tok *v)
{
    struct tok a = unquote(t[*i]);
    size_t fl = strlen(name);
    if (a.n < 2 || a.s[0] != '-')
        return 0;
    size_t d = a.s[1] == '-' ? 2 : 1;
    if (a.n < d + fl || memcmp(a.s + d, name, fl) != 0)
        return 0;
    if (a.n == d + fl) {
        v->s = NULL;
        v->n = 0;
        if (*i + 1 < n)
            *v = unquote(t[++*i]);
        return 1;
    }
    if (a.s[d + fl] != '=' && !(d == 1 && fl == 1 && a.s[2] >= '0' && a.s[2] <= '9'))
        return 0;
    v->s = a.s + d + fl + (a.s[d + fl] == '=');
    v->n = a.n - (size_t)(v->s - a.s);
    *v = unquote(*v);
    return 1;
}

/* Sets one field from an option's value, when the run has none yet. */
static void option_field(struct run *r, enum tool_field field, struct tok v)
{
    double x;
    double *to = field == TOOL_CONNECTIONS ? &r->connections
                 : field == TOOL_THREADS   ? &r->threads
                 : field == TOOL_RATE      ? &r->target_rate
                                           : NULL;
    if (!to || run_has(*to))
        return;
    if (field == TOOL_RATE ? units_number(v.s, v.n, 0, &x) == UNITS_OK && x > 0
                           : units_whole(v.s, v.n, 0, &x) == UNITS_OK)
        *to = x;
}

void tool_command_options(struct run *r, const char *cmd, size_t len,
                          const struct tool_option *opts)
{
    struct tok t[64];
    size_t n = tok_split(cmd, len, t, 64);
    if (n > 64)
        n = 64;
    for (size_t i = 1; i < n; i++) {
        for (const struct tool_option *o = opts; o->name[0]; o++) {
            struct tok v;
            size_t at = i;
            if (!tool_flag(t, n, &at, o->name[0], &v) &&
                !(o->name[1] && tool_flag(t, n, &at, o->name[1], &v)))
                continue;
            i = at;
            if (v.n == 0)
                break; /* the command was cut at its option */
            char text[64];
            tool_tok_text(text, sizeof text, v);
            if (!run_param_get(r, o->param))
                run_add_param(r, o->param, text);
            option_field(r, o->field, v);
            break;
        }
    }
}

void tool_count_repeat(struct run *r, const char *kind, const char *msg)
{
    for (size_t i = 0; i < r->ncounts; i++) {
        struct run_count *c = &r->counts[i];
        if (c->kind && c->message && strcmp(c->kind, kind) == 0 && strcmp(c->message, msg) == 0) {
            c->count += 1;
            return;
        }
    }
    run_add_count(r, kind, msg, 1);
}

int tool_json_fig(struct run *r, const cJSON *obj, const char *key, const char *metric,
                  const char *stat, int pow10, const char *unit, double *out)
{
    double x;
    char text[64];
    if (jsontext_num(obj, key, pow10, &x, text, sizeof text) != UNITS_OK)
        return 0;
    run_add_figure(r, metric, stat, x, unit, text);
    if (out)
        *out = x;
    return 1;
}

/* Whether an object's text holds the keys tj looks for. */
static int json_has_keys(const char *text, const struct tool_json *tj)
{
    for (size_t i = 0; tj->all[i]; i++)
        if (!strstr(text, tj->all[i]))
            return 0;
    if (!tj->any[0])
        return 1;
    for (size_t i = 0; tj->any[i]; i++)
        if (strstr(text, tj->any[i]))
            return 1;
    return 0;
}

int tool_json_parse(const struct text *t, struct parse_result *pr, const struct tool_json *tj)
{
    size_t i = 0, last_end = 0;
    struct jsontext jt;
    while (jsontext_next(t, &i, &jt)) {
        if (!json_has_keys(jt.text, tj)) {
            jsontext_free(&jt);
            continue;
        }
        if (jt.truncated) {
            int no = t->lines[jt.first].no;
            jsontext_free(&jt);
            return parse_fail(pr, no, "%s", tj->cut);
        }
        long over = jsontext_overflow_line(jt.text, jt.len);
        if (over >= 0) {
            int no = t->lines[jt.first + (size_t)over].no;
            jsontext_free(&jt);
            return parse_fail(pr, no, "a number past the range of a double");
        }
        cJSON *root = jsontext_parse(&jt);
        int rc;
        if (!root || !tj->is_ours(root))
            rc = parse_fail(pr, t->lines[jt.first].no, "%s", tj->foreign);
        else
            rc = tj->run(root, &jt, t, last_end, pr);
        last_end = jt.last + 1;
        cJSON_Delete(root);
        jsontext_free(&jt);
        if (rc < 0)
            return -1;
    }
    return 0;
}
