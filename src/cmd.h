/* cmd.h - the command table's record type, exit codes, and every cmd_*.
 *
 * Every command has the same signature: it gets its own arguments
 * (argv[0] is the command name) and the shared context main() set up,
 * and returns an exit status from enum exit_code. Usage text lives next
 * to each handler and is the only source for `help CMD` and `CMD --help`. */
#ifndef BENCHDB_CMD_H
#define BENCHDB_CMD_H

#include "diag.h"

struct store;

/* Exit statuses, documented in README.md. */
enum exit_code {
    EXIT_OK = 0,        /* everything asked for was done */
    EXIT_FAIL = 1,      /* some input was refused, or what was asked for does not exist */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_DB = 3,        /* the database could not be opened, migrated or written */
    EXIT_REGRESSION = 4, /* compare --fail-above: a metric got worse by more than allowed */
    EXIT_INTERNAL = 70, /* a bug or out of memory */
};

enum {
    CMD_DB = 1 << 0,     /* open the database before running */
    CMD_WRITES = 1 << 1, /* ... creating it if missing */
};

struct cmd_ctx {
    const char *db_path;
    unsigned flags;   /* the command's CMD_* bits */
    struct store *st; /* open after cmd_open_store() */
};

/* Opens the database the way the command's flags say (creating it for
 * CMD_WRITES). Commands call it once their arguments are known good, so a
 * usage error never creates a database. EXIT_OK, or EXIT_DB (printed). */
int cmd_open_store(struct cmd_ctx *ctx);

/* The same, then the selection's conditions checked against the open
 * database (select.h). EXIT_OK, EXIT_DB, or EXIT_USAGE (printed). */
struct selection;
int cmd_open_selection(struct cmd_ctx *ctx, struct selection *sel);

struct cmd {
    const char *name;
    int (*fn)(int argc, char **argv, struct cmd_ctx *ctx);
    unsigned flags;
    const char *summary;
    const char *usage;
};

extern const struct cmd commands[];
const struct cmd *cmd_find(const char *name);

int cmd_help(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_import(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_list(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_percentile(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_show(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_run(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_merge(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_reparse(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_tag(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_compare(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_delete(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_export(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_report(int argc, char **argv, struct cmd_ctx *ctx);

extern const char cmd_help_usage[];
extern const char cmd_import_usage[];
extern const char cmd_list_usage[];
extern const char cmd_percentile_usage[];
extern const char cmd_show_usage[];
extern const char cmd_run_usage[];
extern const char cmd_merge_usage[];
extern const char cmd_reparse_usage[];
extern const char cmd_tag_usage[];
extern const char cmd_compare_usage[];
extern const char cmd_delete_usage[];
extern const char cmd_export_usage[];
extern const char cmd_report_usage[];

/* getopt_long as every command reads its arguments: options may stand
 * anywhere among the operands (GNU's permutation, whatever POSIXLY_CORRECT
 * says); "--" ends the options, so a file named "-x" can follow it; "-"
 * alone is an operand (standard input). Once it returns -1 the operands
 * stand, in the order given, at argv[optind..argc). shortopts and longopts
 * as for getopt_long, without a leading '+' or '-'. One parse at a time,
 * from the command's first call to its -1. `run` alone stops at its first
 * operand instead (getopt_long with "+"): what follows the tool's name is
 * the tool's. */
struct option;
int cmd_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);

/* Prints "usage: ..." of cmd to stderr and returns EXIT_USAGE. */
int cmd_usage_error(const struct cmd *c, const char *fmt, ...) BENCHDB_PRINTF(2, 3);

#endif
