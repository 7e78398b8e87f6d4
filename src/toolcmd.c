/* toolcmd.c - finding a load tool's command line in the text around its
 * output. See toolcmd.h for the contract. */
#include "toolcmd.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"

#define TOOLCMD_MAXTOK 96

static int tok_is(struct tok t, const char *lit)
{
    return tok_eq(t, lit);
}

/* The word without surrounding quotes. */
static struct tok unquote(struct tok t)
{
    while (t.n > 0 && (t.s[0] == '"' || t.s[0] == '\'' || t.s[0] == '`')) {
        t.s++;
        t.n--;
    }
    while (t.n > 0 && (t.s[t.n - 1] == '"' || t.s[t.n - 1] == '\'' || t.s[t.n - 1] == '`'))
        t.n--;
    return t;
}

static int is_prog(struct tok t, const struct toolcmd_prog *progs)
{
    t = unquote(t);
    size_t b = 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.s[i] == '/' || t.s[i] == '\\')
            b = i + 1;
    const char *w = t.s + b;
    size_t n = t.n - b;
    if (n > 4 && memcmp(w + n - 4, ".exe", 4) == 0)
        n -= 4;
    for (const struct toolcmd_prog *p = progs; p->name; p++) {
        size_t l = strlen(p->name);
        if (n == l && memcmp(w, p->name, l) == 0)
            return 1;
        if (p->prefix && n > l && memcmp(w, p->name, l) == 0 && (w[l] == '-' || w[l] == '_'))
            return 1;
    }
    return 0;
}

/* A shell prompt: "$", "#", ">", "%", "➜", "❯", "λ", or a word ending in
 * one of $ # > that names a place ("user@host:~$", "C:\work>"). */
static int is_prompt(struct tok t)
{
    static const char *const marks[] = {"$", "#", ">", "%", "\xe2\x9e\x9c", "\xe2\x9d\xaf",
                                        "\xce\xbb", "PS>", NULL};
    for (size_t i = 0; marks[i]; i++)
        if (tok_is(t, marks[i]))
            return 1;
    if (t.n < 2)
        return 0;
    char last = t.s[t.n - 1];
    if (last != '$' && last != '#' && last != '>')
        return 0;
    return memchr(t.s, '@', t.n) || memchr(t.s, ':', t.n) || memchr(t.s, '\\', t.n);
}

/* Words that may come before the program in a command line. */
static int is_wrapper(struct tok t)
{
    static const char *const words[] = {"sudo", "time", "env", "nohup", "exec", "npx",
                                        "command", "nice", NULL};
    for (size_t i = 0; words[i]; i++)
        if (tok_is(t, words[i]))
            return 1;
    if (t.n > 0 && t.s[0] == '-')
        return 1; /* an option of the wrapper: sudo -E */
    return memchr(t.s, '=', t.n) != NULL; /* VAR=value */
}

static int looks_like_argument(struct tok t)
{
    t = unquote(t);
    if (t.n == 0)
        return 0;
    if (t.s[0] == '-')
        return 1;
    for (size_t i = 0; i + 2 < t.n; i++)
        if (memcmp(t.s + i, "://", 3) == 0)
            return 1;
    /* "localhost:3000", "127.0.0.1:8080/path": autocannon takes these */
    const char *c = memchr(t.s, ':', t.n);
    if (c && c > t.s && (size_t)(c - t.s) + 1 < t.n && isdigit((unsigned char)c[1]))
        return 1;
    return tok_is(t, "attack") || tok_is(t, "report");
}

const char *toolcmd_find(const char *s, const struct toolcmd_prog *progs, size_t *len)
{
    while (*s == ' ' || *s == '\t' || *s == '`')
        s++;
    struct tok t[TOOLCMD_MAXTOK];
    size_t n = tok_split(s, strlen(s), t, TOOLCMD_MAXTOK);
    if (n > TOOLCMD_MAXTOK)
        n = TOOLCMD_MAXTOK;
    size_t p = n;
    for (size_t i = 0; i < n; i++) {
        if (is_prog(t[i], progs) && i + 1 < n) {
            int arg = 0;
            for (size_t k = i + 1; k < n && !arg; k++)
                arg = looks_like_argument(t[k]);
            if (arg) {
                p = i;
                break;
            }
        }
    }
    if (p == n)
        return NULL;
    size_t start = 0;
    for (size_t i = 0; i < p; i++) {
        if (is_prompt(t[i])) {
            start = i + 1;
            /* zsh's "➜  ~ cmd": the directory follows the arrow */
            if (tok_is(t[i], "\xe2\x9e\x9c") && start < p &&
                (t[start].s[0] == '~' || t[start].s[0] == '/'))
                start++;
        }
    }
    /* Between the start and the program: a pipeline feeding it, or
     * wrappers (sudo, time, VAR=value); anything else is prose. */
    int piped = 0;
    for (size_t i = start; i < p; i++)
        if (tok_is(t[i], "|"))
            piped = 1;
    if (!piped && start < p) {
        if (tok_is(t[start], "docker") || tok_is(t[start], "podman") || tok_is(t[start], "kubectl")) {
            /* a container running the tool: the whole line */
        } else {
            for (size_t i = start; i < p; i++)
                if (!is_wrapper(t[i]))
                    return NULL;
        }
    }
    const char *cmd = t[start].s;
    size_t l = strlen(cmd);
    while (l > 0 && (cmd[l - 1] == ' ' || cmd[l - 1] == '\t' || cmd[l - 1] == '`'))
        l--;
    *len = l;
    return cmd;
}

int toolcmd_option(const char *cmd, size_t len, const char *name, char *buf, size_t bufsz)
{
    struct tok t[TOOLCMD_MAXTOK];
    size_t n = tok_split(cmd, len, t, TOOLCMD_MAXTOK);
    if (n > TOOLCMD_MAXTOK)
        n = TOOLCMD_MAXTOK;
    size_t nl = strlen(name);
    for (size_t i = 0; i < n; i++) {
        struct tok w = t[i];
        size_t d = 0;
        while (d < w.n && d < 2 && w.s[d] == '-')
            d++;
        if (d == 0 || w.n - d < nl || memcmp(w.s + d, name, nl) != 0)
            continue;
        struct tok v;
        if (w.n - d == nl) {
            if (i + 1 >= n)
                return 0;
            v = t[i + 1];
        } else if (w.s[d + nl] == '=') {
            v.s = w.s + d + nl + 1;
            v.n = w.n - d - nl - 1;
        } else {
            continue;
        }
        v = unquote(v);
        snprintf(buf, bufsz, "%.*s", (int)v.n, v.s);
        return 1;
    }
    return 0;
}

int toolcmd_url(const char *cmd, size_t len, char *buf, size_t bufsz)
{
    struct tok t[TOOLCMD_MAXTOK];
    size_t n = tok_split(cmd, len, t, TOOLCMD_MAXTOK);
    if (n > TOOLCMD_MAXTOK)
        n = TOOLCMD_MAXTOK;
    for (size_t i = 0; i < n; i++) {
        struct tok w = unquote(t[i]);
        for (size_t k = 0; k + 2 < w.n; k++) {
            if (memcmp(w.s + k, "://", 3) == 0) {
                /* "--url=http://x": the URL begins at its scheme */
                size_t b = k;
                while (b > 0 && (isalnum((unsigned char)w.s[b - 1]) || w.s[b - 1] == '+' ||
                                 w.s[b - 1] == '-' || w.s[b - 1] == '.'))
                    b--;
                snprintf(buf, bufsz, "%.*s", (int)(w.n - b), w.s + b);
                return 1;
            }
        }
    }
    return 0;
}
