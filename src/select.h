/* select.h - the options that choose runs, shared by every command that
 * reads several runs (list, report, ...): --campaign, --scenario,
 * --tag KEY=VALUE, --where COND, --id N, --sort COLUMN, --reverse,
 * --limit N. They build a store_filter; values are bound, never pasted.
 *
 * Ownership: a selection owns what it collects; selection_free(). */
#ifndef BENCHDB_SELECT_H
#define BENCHDB_SELECT_H

#include <getopt.h>

#include "store.h"

enum {
    SEL_CAMPAIGN = 2000,
    SEL_SCENARIO,
    SEL_TAG,
    SEL_WHERE,
    SEL_ID,
    SEL_SORT,
    SEL_REVERSE,
    SEL_LIMIT,
};

#define SELECT_LONGOPTS                                                       \
    {"campaign", required_argument, NULL, SEL_CAMPAIGN},                      \
    {"scenario", required_argument, NULL, SEL_SCENARIO},                      \
    {"tag", required_argument, NULL, SEL_TAG},                                \
    {"where", required_argument, NULL, SEL_WHERE},                            \
    {"id", required_argument, NULL, SEL_ID},                                  \
    {"sort", required_argument, NULL, SEL_SORT},                              \
    {"reverse", no_argument, NULL, SEL_REVERSE},                              \
    {"limit", required_argument, NULL, SEL_LIMIT}

#define SELECT_USAGE                                                          \
    "  --campaign NAME    runs of this campaign\n"                            \
    "  --scenario NAME    runs of this scenario\n"                            \
    "  --tag KEY=VALUE    runs with this tag (repeatable: all must match)\n"  \
    "  --where COND       COLUMN OP VALUE on a column of `summary`, OP one of\n" \
    "                     = != < <= > >= ~ (contains): --where 'rps>1000'\n"  \
    "                     (repeatable: all must hold)\n"                      \
    "  --id N             this run (repeatable); also N-M ranges\n"           \
    "  --sort COLUMN      order by a column of `summary` (default run_id)\n"  \
    "  --reverse          descending order\n"                                 \
    "  --limit N          at most N runs\n"

struct selection {
    struct store_filter f;
    struct store_cond *conds;
    size_t nconds, capconds;
    struct meta_tag *tags;
    size_t ntags, captags;
    int64_t *ids;
    size_t nids, capids;
    char **wheres; /* --where texts, parsed by selection_resolve() */
    size_t nwheres, capwheres;
};

void selection_init(struct selection *s);
void selection_free(struct selection *s);
/* Handles one option code from SELECT_LONGOPTS: 0 done, -1 bad (printed).
 * Needs no database: conditions are checked by selection_resolve(). */
int selection_option(struct selection *s, int opt, const char *arg);
/* Checks the --where conditions against the open database's `summary`
 * columns. 0, or -1 (printed). */
int selection_resolve(struct selection *s, struct store *st);
/* Whether anything narrows the choice (ids, campaign, conditions ...). */
int selection_narrowed(const struct selection *s);

#endif
