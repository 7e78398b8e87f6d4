/* select.c - run-choosing options into a store_filter. */
#include "select.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

void selection_init(struct selection *s)
{
    memset(s, 0, sizeof(*s));
}

void selection_free(struct selection *s)
{
    for (size_t i = 0; i < s->nconds; i++)
        store_cond_free(&s->conds[i]);
    free(s->conds);
    for (size_t i = 0; i < s->ntags; i++) {
        free(s->tags[i].key);
        free(s->tags[i].value);
    }
    free(s->tags);
    free(s->ids);
    for (size_t i = 0; i < s->nwheres; i++)
        free(s->wheres[i]);
    free(s->wheres);
    memset(s, 0, sizeof(*s));
}

static int parse_id(const char *a, long long *out)
{
    char *end;
    long long v = strtoll(a, &end, 10);
    if (end == a || v <= 0)
        return -1;
    *out = v;
    return (int)(end - a);
}

static int add_ids(struct selection *s, const char *arg)
{
    long long lo, hi;
    int n = parse_id(arg, &lo);
    if (n < 0)
        return error("--id %s: expected a run id or a range N-M", arg);
    hi = lo;
    if (arg[n] == '-') {
        int m = parse_id(arg + n + 1, &hi);
        if (m < 0 || arg[n + 1 + m] != '\0' || hi < lo || hi - lo > 100000)
            return error("--id %s: expected a run id or a range N-M", arg);
    } else if (arg[n] != '\0') {
        return error("--id %s: expected a run id or a range N-M", arg);
    }
    for (long long v = lo; v <= hi; v++) {
        ARRAY_GROW(s->ids, s->nids, s->capids);
        s->ids[s->nids++] = v;
    }
    s->f.ids = s->ids;
    s->f.nids = s->nids;
    return 0;
}

int selection_option(struct selection *s, int opt, const char *arg)
{
    switch (opt) {
    case SEL_CAMPAIGN:
        s->f.campaign = arg;
        return 0;
    case SEL_SCENARIO:
        s->f.scenario = arg;
        return 0;
    case SEL_TAG: {
        const char *eq = strchr(arg, '=');
        if (!eq || eq == arg)
            return error("--tag %s: expected KEY=VALUE", arg);
        ARRAY_GROW(s->tags, s->ntags, s->captags);
        s->tags[s->ntags].key = xstrndup(arg, (size_t)(eq - arg));
        s->tags[s->ntags].value = xstrdup(eq + 1);
        s->ntags++;
        s->f.tags = s->tags;
        s->f.ntags = s->ntags;
        return 0;
    }
    case SEL_WHERE:
        ARRAY_GROW(s->wheres, s->nwheres, s->capwheres);
        s->wheres[s->nwheres++] = xstrdup(arg);
        return 0;
    case SEL_ID:
        return add_ids(s, arg);
    case SEL_SORT:
        s->f.order = arg;
        return 0;
    case SEL_REVERSE:
        s->f.desc = 1;
        return 0;
    case SEL_LIMIT: {
        char *end;
        long v = strtol(arg, &end, 10);
        if (*arg == '\0' || *end != '\0' || v <= 0)
            return error("--limit %s: expected a positive number", arg);
        s->f.limit = v;
        return 0;
    }
    }
    return error("internal error: option %d is not a selection option", opt);
}

int selection_resolve(struct selection *s, struct store *st)
{
    for (size_t i = s->nconds; i < s->nwheres; i++) {
        ARRAY_GROW(s->conds, s->nconds, s->capconds);
        if (store_cond_parse(st, s->wheres[i], &s->conds[s->nconds]) < 0)
            return -1;
        s->nconds++;
    }
    s->f.conds = s->conds;
    s->f.nconds = s->nconds;
    if (s->f.order && store_column_check(st, s->f.order, "--sort") < 0)
        return -1;
    return 0;
}

int selection_narrowed(const struct selection *s)
{
    return s->f.campaign || s->f.scenario || s->nids || s->ntags || s->nwheres;
}
