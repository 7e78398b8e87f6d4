/* cmd.c - the one table of commands (name, handler, setup bits, help). */
#include "cmd.h"
#include "select.h"
#include "store.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const struct cmd commands[] = {
    {"import", cmd_import, CMD_DB | CMD_WRITES, "import load-tool outputs into the database", cmd_import_usage},
    {"run", cmd_run, CMD_DB | CMD_WRITES, "run a load tool and import its output", cmd_run_usage},
    {"list", cmd_list, CMD_DB, "one line per run", cmd_list_usage},
    {"show", cmd_show, CMD_DB, "every figure and all metadata of one run", cmd_show_usage},
    {"compare", cmd_compare, CMD_DB, "compare two sets of runs, with a significance test", cmd_compare_usage},
    {"export", cmd_export, CMD_DB, "runs with their metadata as CSV or JSON", cmd_export_usage},
    {"merge", cmd_merge, CMD_DB | CMD_WRITES, "bring in the runs of another database", cmd_merge_usage},
    {"reparse", cmd_reparse, CMD_DB | CMD_WRITES, "read stored outputs again with today's parsers", cmd_reparse_usage},
    {"tag", cmd_tag, CMD_DB | CMD_WRITES, "set or remove free tags on runs", cmd_tag_usage},
    {"delete", cmd_delete, CMD_DB | CMD_WRITES, "delete runs", cmd_delete_usage},
    {"percentile", cmd_percentile, CMD_DB, "any percentile of a run's stored distribution", cmd_percentile_usage},
    {"report", cmd_report, CMD_DB, "compare runs: table, charts, Markdown, PDF slides", cmd_report_usage},
    {"help", cmd_help, 0, "help on a command, on metadata keys, or on formats", cmd_help_usage},
    {NULL, NULL, 0, NULL, NULL},
};

/* Exact name, or an unambiguous prefix (Fossil-style). */
const struct cmd *cmd_find(const char *name)
{
    const struct cmd *hit = NULL;
    size_t len = strlen(name);
    for (const struct cmd *c = commands; c->name; c++) {
        if (strcmp(c->name, name) == 0)
            return c;
        if (len > 0 && strncmp(c->name, name, len) == 0) {
            if (hit)
                return NULL;
            hit = c;
        }
    }
    return hit;
}

/* The operands met so far, moved down to argv[1..ops_end). With a
 * leading '-' in its option string getopt_long hands each operand over
 * in turn (code 1, without an option index) and never looks back, so the
 * slots below its position are free to take them. ops_argv is the argv
 * of the parse under way. */
static char **ops_argv;
static int ops_end;

int cmd_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
    char spec[64];
    int c;
    if (ops_argv != argv || (optind == 1 && ops_end > 1)) {
        ops_argv = argv; /* a new parse: optind 0 makes getopt start afresh */
        ops_end = 1;
        optind = 0;
    }
    snprintf(spec, sizeof spec, "-%s", shortopts);
    for (;;) {
        /* An option of code 1 (compare's --by) sets the index; an
         * operand does not. */
        int index = -1;
        c = getopt_long(argc, argv, spec, longopts, &index);
        if (c != 1 || index >= 0)
            break;
        argv[ops_end++] = optarg;
    }
    if (c != -1)
        return c;
    /* The options are done; operands after "--" are at argv[optind..).
     * The ones met before go just below them, in order. */
    int before = ops_end - 1;
    memmove(argv + optind - before, argv + 1, (size_t)before * sizeof *argv);
    optind -= before;
    ops_argv = NULL;
    return -1;
}

int cmd_usage_error(const struct cmd *c, const char *fmt, ...)
{
    va_list ap;
    fputs("benchdb: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    /* The usage synopsis is the text up to the first blank line. */
    const char *end = strstr(c->usage, "\n\n");
    fprintf(stderr, "%.*s\n", end ? (int)(end - c->usage) : (int)strlen(c->usage), c->usage);
    return EXIT_USAGE;
}

int cmd_open_store(struct cmd_ctx *ctx)
{
    if (ctx->st)
        return EXIT_OK;
    int flags = (ctx->flags & CMD_WRITES) ? STORE_CREATE : 0;
    return store_open(ctx->db_path, flags, &ctx->st) < 0 ? EXIT_DB : EXIT_OK;
}

int cmd_open_selection(struct cmd_ctx *ctx, struct selection *sel)
{
    int rc = cmd_open_store(ctx);
    if (rc != EXIT_OK)
        return rc;
    return selection_resolve(sel, ctx->st) < 0 ? EXIT_USAGE : EXIT_OK;
}
