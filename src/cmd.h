/* cmd.h - the command table's record type, exit codes, and every cmd_*.
 *
 * Every command has the same signature: it gets its own arguments
 * (argv[0] is the command name) and the shared context main() set up,
 * and returns an exit status from enum exit_code. Usage text lives next
 * to each handler and is the only source for `help CMD` and `CMD --help`. */
#ifndef BENCHDB_CMD_H
#define BENCHDB_CMD_H

struct store;

/* Exit statuses, documented in README.md. */
enum exit_code {
    EXIT_OK = 0,        /* everything asked for was done */
    EXIT_FAIL = 1,      /* some input was refused, or what was asked for does not exist */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_DB = 3,        /* the database could not be opened, migrated or written */
    EXIT_INTERNAL = 70, /* a bug or out of memory */
};

enum {
    CMD_DB = 1 << 0,     /* open the database before running */
    CMD_WRITES = 1 << 1, /* ... creating it if missing */
};

struct cmd_ctx {
    const char *db_path;
    struct store *st; /* open when the command has CMD_DB */
};

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
int cmd_show(int argc, char **argv, struct cmd_ctx *ctx);
int cmd_report(int argc, char **argv, struct cmd_ctx *ctx);

extern const char cmd_help_usage[];
extern const char cmd_import_usage[];
extern const char cmd_list_usage[];
extern const char cmd_show_usage[];
extern const char cmd_report_usage[];

/* Prints "usage: ..." of cmd to stderr and returns EXIT_USAGE. */
int cmd_usage_error(const struct cmd *c, const char *fmt, ...);

#endif
