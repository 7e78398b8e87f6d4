/* jsontext.c - finding JSON objects in cleaned text and reading their
 * numbers exactly. See jsontext.h for the contract. */
#include "jsontext.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "units.h"

/* An object larger than this is not a load tool's summary. */
#define JSONTEXT_MAX (16u << 20)

/* Where an object may open in line l: a '{' followed by '"', '}' or the
 * end of the line. -1 when none. */
static long object_start(const struct line *l)
{
    for (size_t o = 0; o < l->n; o++) {
        if (l->s[o] != '{')
            continue;
        const char *p = str_skip_blank(l->s + o + 1);
        if (*p == '"' || *p == '}' || *p == '\0')
            return (long)o;
    }
    return -1;
}

int jsontext_next(const struct text *t, size_t *i, struct jsontext *jt)
{
    memset(jt, 0, sizeof *jt);
    for (size_t k = *i; k < t->n; k++) {
        long o = object_start(&t->lines[k]);
        if (o < 0)
            continue;
        struct buf b = BUF_INIT;
        int depth = 0, in_str = 0, esc = 0, closed = 0;
        size_t j = k, off = (size_t)o;
        for (; j < t->n && !closed && b.len < JSONTEXT_MAX; j++, off = 0) {
            const struct line *l = &t->lines[j];
            size_t e = off;
            for (; e < l->n; e++) {
                char c = l->s[e];
                if (in_str) {
                    if (esc)
                        esc = 0;
                    else if (c == '\\')
                        esc = 1;
                    else if (c == '"')
                        in_str = 0;
                } else if (c == '"') {
                    in_str = 1;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        e++;
                        closed = 1;
                        break;
                    }
                }
            }
            if (b.len)
                buf_addc(&b, '\n');
            buf_add(&b, l->s + off, e - off);
            in_str = 0; /* a string does not run over a line end in JSON */
            esc = 0;
            if (closed)
                break;
        }
        jt->first = k;
        jt->last = closed ? j : (j > k ? j - 1 : k);
        jt->truncated = !closed;
        jt->text = buf_detach(&b, &jt->len);
        if (!jt->text) {
            jt->text = xstrdup("");
            jt->len = 0;
        }
        *i = jt->last + 1;
        return 1;
    }
    *i = t->n;
    return 0;
}

void jsontext_free(struct jsontext *jt)
{
    free(jt->text);
    memset(jt, 0, sizeof *jt);
}

/* Where JSON strings stand, one character at a time. */
struct jstr {
    int in, esc;
};

/* 1 when c belongs to a string (its quotes included), 0 outside one. */
static int jstr_step(struct jstr *st, char c)
{
    if (st->in) {
        if (st->esc)
            st->esc = 0;
        else if (c == '\\')
            st->esc = 1;
        else if (c == '"')
            st->in = 0;
        return 1;
    }
    if (c == '"')
        st->in = 1;
    return st->in;
}

cJSON *jsontext_parse(const struct jsontext *jt)
{
    /* Copy, writing "null" where a member has no value. */
    struct buf b = BUF_INIT;
    struct jstr st = {0, 0};
    for (size_t k = 0; k < jt->len; k++) {
        char c = jt->text[k];
        buf_addc(&b, c);
        if (jstr_step(&st, c))
            continue;
        if (c == ':') {
            size_t m = k + 1;
            while (m < jt->len && (jt->text[m] == ' ' || jt->text[m] == '\t' ||
                                   jt->text[m] == '\n'))
                m++;
            if (m < jt->len && (jt->text[m] == ',' || jt->text[m] == '}'))
                buf_adds(&b, "null");
        }
    }
    cJSON *root = cJSON_ParseWithLength(buf_str(&b), b.len);
    buf_free(&b);
    return root;
}

int jsontext_num(const cJSON *obj, const char *key, int pow10, double *out, char *text,
                 size_t textsz)
{
    const cJSON *it = key ? cJSON_GetObjectItemCaseSensitive(obj, key) : obj;
    if (!it || !cJSON_IsNumber(it))
        return UNITS_BAD;
    char digits[64];
    units_format(digits, sizeof digits, it->valuedouble);
    if (text)
        snprintf(text, textsz, "%s", digits);
    return units_scaled(digits, strlen(digits), 0, pow10, 1, out);
}

long jsontext_overflow_line(const char *s, size_t n)
{
    long nl = 0;
    struct jstr st = {0, 0};
    for (size_t k = 0; k < n; k++) {
        char c = s[k];
        if (jstr_step(&st, c))
            continue;
        if (c == '\n') {
            nl++;
        } else if ((c == '-' || (c >= '0' && c <= '9')) &&
                   (k == 0 || !strchr("0123456789.eE+-", s[k - 1]))) {
            size_t e = k + 1;
            while (e < n && strchr("0123456789.eE+-", s[e]) && s[e] != '\0')
                e++;
            char num[64];
            if (e - k < sizeof num) { /* a longer literal: its digits alone are no overflow */
                memcpy(num, s + k, e - k);
                num[e - k] = '\0';
                if (!isfinite(strtod(num, NULL)))
                    return nl;
            }
            k = e - 1;
        }
    }
    return -1;
}

const char *jsontext_str(const cJSON *obj, const char *key)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    return it && cJSON_IsString(it) ? it->valuestring : NULL;
}

int jsontext_has_all(const struct text *t, const char *const *needles)
{
    for (size_t k = 0; needles[k]; k++) {
        int found = 0;
        for (size_t i = 0; i < t->n && !found; i++)
            found = line_find(&t->lines[i], needles[k]) != NULL;
        if (!found)
            return 0;
    }
    return 1;
}
