/* toolcmd.c - finding a load tool's command line in the text around its
 * output. See toolcmd.h for the contract. */
#include "toolcmd.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "units.h"

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

/* --- a tool's own argv -------------------------------------------------------- */

enum { TP_CONNS, TP_THREADS, TP_VUS, TP_DURATION, TP_RATE, TP_RATE_PER_WORKER };
enum { TV_COUNT, TV_TIME, TV_RATE };

/* One option that sets a load parameter. */
struct tool_opt {
    char letter;      /* short option (getopt style), 0: none */
    const char *name; /* long option, NULL: none */
    int param, value;
};

#define TOOL_OPT_END {0, NULL, 0, 0}

/* wrk has no -R; wrk2 has: one table serves both. */
static const struct tool_opt wrk_opts[] = {
    {'c', "connections", TP_CONNS, TV_COUNT}, {'t', "threads", TP_THREADS, TV_COUNT},
    {'d', "duration", TP_DURATION, TV_TIME},  {'R', "rate", TP_RATE, TV_COUNT},
    TOOL_OPT_END};
/* hey: -q is requests/s per worker, times -c workers. */
static const struct tool_opt hey_opts[] = {
    {0, "c", TP_CONNS, TV_COUNT}, {0, "z", TP_DURATION, TV_TIME},
    {0, "q", TP_RATE_PER_WORKER, TV_COUNT}, TOOL_OPT_END};
static const struct tool_opt ab_opts[] = {
    {'c', NULL, TP_CONNS, TV_COUNT}, {'t', NULL, TP_DURATION, TV_TIME}, TOOL_OPT_END};
static const struct tool_opt h2load_opts[] = {
    {'c', "clients", TP_CONNS, TV_COUNT}, {'t', "threads", TP_THREADS, TV_COUNT},
    {'D', "duration", TP_DURATION, TV_TIME}, TOOL_OPT_END};
static const struct tool_opt oha_opts[] = {
    {'c', NULL, TP_CONNS, TV_COUNT}, {'z', NULL, TP_DURATION, TV_TIME},
    {'q', NULL, TP_RATE, TV_COUNT}, TOOL_OPT_END};
static const struct tool_opt k6_opts[] = {
    {'u', "vus", TP_VUS, TV_COUNT}, {'d', "duration", TP_DURATION, TV_TIME}, TOOL_OPT_END};
static const struct tool_opt vegeta_opts[] = {
    {0, "rate", TP_RATE, TV_RATE}, {0, "duration", TP_DURATION, TV_TIME}, TOOL_OPT_END};

static const struct {
    const char *tool;
    int go; /* Go's flag package: every option a name, "-name v" or "-name=v" */
    const struct tool_opt *opts;
} tool_opts[] = {
    {"wrk", 0, wrk_opts},       {"wrk2", 0, wrk_opts}, {"hey", 1, hey_opts},
    {"ab", 0, ab_opts},         {"h2load", 0, h2load_opts}, {"oha", 0, oha_opts},
    {"k6", 0, k6_opts},         {"vegeta", 1, vegeta_opts},
};

/* hey's -c when it is not given. */
#define HEY_DEFAULT_WORKERS 50

/* "50", "50/1s", "50/m" (vegeta's -rate) -> requests per second. */
static int rate_value(const char *v, double *out)
{
    const char *slash = strchr(v, '/');
    double n, ms;
    char per[32];
    if (!slash)
        return units_number(v, strlen(v), 0, out) == UNITS_OK;
    if (units_number(v, (size_t)(slash - v), 0, &n) != UNITS_OK)
        return 0;
    /* "50/m" means per one minute */
    snprintf(per, sizeof per, "%s%s", isdigit((unsigned char)slash[1]) ? "" : "1", slash + 1);
    if (units_duration_ms(per, strlen(per), &ms) != UNITS_OK || !(ms > 0))
        return 0;
    *out = n * 1000 / ms;
    return 1;
}

/* The option's value as a number in its parameter's unit, or NaN. */
static double opt_value(int kind, const char *v)
{
    double x, ms;
    switch (kind) {
    case TV_COUNT:
        return units_count(v, strlen(v), &x) == UNITS_OK ? x : (double)NAN;
    case TV_TIME: /* a bare number is seconds: wrk -d30, ab -t 10 */
        return units_duration_ms_bare(v, strlen(v), 3, &ms) == UNITS_OK ? ms / 1000 : (double)NAN;
    default:
        return rate_value(v, &x) ? x : (double)NAN;
    }
}

/* The option word w names, and where its value is: attached (*val set) or
 * the next word (*val NULL). NULL when w is none of opts. */
static const struct tool_opt *match_opt(const char *w, const struct tool_opt *opts, int go,
                                        const char **val)
{
    *val = NULL;
    if (go || w[1] == '-') {
        const char *name = w + 1 + (w[1] == '-');
        size_t len = strcspn(name, "=");
        for (const struct tool_opt *o = opts; o->name || o->letter; o++)
            if (o->name && strlen(o->name) == len && strncmp(name, o->name, len) == 0) {
                if (name[len] == '=')
                    *val = name + len + 1;
                return o;
            }
        return NULL;
    }
    for (const struct tool_opt *o = opts; o->name || o->letter; o++)
        if (o->letter && o->letter == w[1]) {
            if (w[2])
                *val = w[2] == '=' ? w + 3 : w + 2; /* -c100, -c=100 */
            return o;
        }
    return NULL;
}

int toolcmd_params(const char *const argv[], struct toolcmd_params *p)
{
    double per_worker = (double)NAN;
    p->connections = p->threads = p->vus = p->duration_s = p->rate = (double)NAN;
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    size_t k = 0, ntools = sizeof tool_opts / sizeof tool_opts[0];
    while (k < ntools && strcmp(tool_opts[k].tool, base) != 0)
        k++;
    if (k == ntools)
        return 0;
    for (size_t i = 1; argv[i]; i++) {
        const char *w = argv[i], *val;
        if (w[0] != '-' || w[1] == '\0')
            continue;
        if (strcmp(w, "--") == 0)
            break;
        const struct tool_opt *o = match_opt(w, tool_opts[k].opts, tool_opts[k].go, &val);
        if (!o)
            continue;
        if (!val) {
            if (!argv[i + 1])
                break;
            val = argv[++i];
        }
        double x = opt_value(o->value, val);
        switch (o->param) {
        case TP_CONNS: p->connections = x; break;
        case TP_THREADS: p->threads = x; break;
        case TP_VUS: p->vus = x; break;
        case TP_DURATION: p->duration_s = x; break;
        case TP_RATE: p->rate = x; break;
        default: per_worker = x; break;
        }
    }
    if (!isnan(per_worker))
        p->rate = per_worker * (isnan(p->connections) ? HEY_DEFAULT_WORKERS : p->connections);
    if (!(p->rate > 0)) /* hey -q 0, oha -q 0: no limit */
        p->rate = (double)NAN;
    return 1;
}
