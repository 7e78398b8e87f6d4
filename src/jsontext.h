/* jsontext.h - JSON reports inside text outputs, and their numbers.
 *
 * Load tools' JSON reports reach benchdb as they were saved: one object on
 * a line of its own, after a log prefix ("run-benchmark:<TAB>{...}"),
 * inside markdown backticks, or pretty-printed over many lines. This module
 * finds each balanced object in cleaned text and reads its numbers exactly.
 *
 * Ownership: jsontext_next() fills a struct jsontext that owns its bytes;
 * jsontext_free() releases them. jsontext_parse() returns a cJSON tree the
 * caller frees with cJSON_Delete(). */
#ifndef BENCHDB_JSONTEXT_H
#define BENCHDB_JSONTEXT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "parse.h"

struct jsontext {
    char *text;        /* the object's bytes, lines joined with '\n' */
    size_t len;
    size_t first;      /* index in t->lines of the line holding '{' */
    size_t last;       /* index of the line holding the closing '}' */
    int truncated;     /* the text ended before the object closed */
};

/* Finds the next object at or after line index *i: a '{' followed (after
 * blanks) by '"', '}' or the end of its line, up to its matching '}'
 * (strings and escapes respected). Returns 1 and fills jt (and moves *i
 * past its last line), or 0 when no object remains. An object that never
 * closes is returned with `truncated` set, up to the end of the text. */
int jsontext_next(const struct text *t, size_t *i, struct jsontext *jt);
void jsontext_free(struct jsontext *jt);

/* Parses jt's object. A member with no value at all ('"90":  ,'), which a
 * hand-edited report holds, is read as null. NULL when not JSON. */
cJSON *jsontext_parse(const struct jsontext *jt);

/* Number member `key` of obj (NULL key: obj itself), times 10^pow10. The
 * number is printed back in its shortest form, which gives the tool's own
 * digits for any number it printed with up to 17 significant digits (a
 * trailing zero of "0.50" aside), and that decimal is scaled exactly
 * (units_scaled). `text` (may be NULL) receives those digits. Returns
 * UNITS_OK, or UNITS_BAD when the member is absent or not a number. */
int jsontext_num(const cJSON *obj, const char *key, int pow10, double *out, char *text,
                 size_t textsz);

/* Where in s[0..n) a JSON text writes a number past the range of a double
 * (1e400, which a JSON parser reads as infinity): the 0-based count of
 * newlines before it, or -1 when every number is in range. Strings are
 * passed over. A report holding such a number is refused: it is no
 * figure a tool printed. */
long jsontext_overflow_line(const char *s, size_t n);

/* String member `key` of obj, or NULL. */
const char *jsontext_str(const cJSON *obj, const char *key);

/* 1 when any line of t holds every one of the NULL-terminated needles
 * (each on some line, not necessarily the same one). */
int jsontext_has_all(const struct text *t, const char *const *needles);

#endif
