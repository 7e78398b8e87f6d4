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
