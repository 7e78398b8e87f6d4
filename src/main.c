/* main.c - global options, command lookup, shared setup, exit status.
 * Nothing else: each command lives in its cmd_*.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "store.h"

static void print_version(void)
{
    printf("benchdb %s (schema %d, SQLite %s)\n", BENCHDB_VERSION, store_schema_latest(),
           store_sqlite_version());
}

static int is_help_flag(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

int main(int argc, char **argv)
{
    const char *db = getenv("BENCHDB_DB");
    if (!db || !*db)
        db = "benchdb.sqlite";

    /* Global options may stand before the command or among its
     * arguments (up to "--"); they are taken out here. */
    int quiet = 0;
    char **args = calloc((size_t)argc + 1, sizeof(char *));
    if (!args)
        return EXIT_INTERNAL;
    int nargs = 0, after_dashes = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!after_dashes && strcmp(a, "--") == 0)
            after_dashes = 1;
        if (!after_dashes && strcmp(a, "--db") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "benchdb: --db needs a PATH\n");
                free(args);
                return EXIT_USAGE;
            }
            db = argv[++i];
        } else if (!after_dashes && strncmp(a, "--db=", 5) == 0) {
            db = a + 5;
        } else if (!after_dashes && (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)) {
            quiet = 1;
        } else {
            args[nargs++] = argv[i];
        }
    }
    diag_set_quiet(quiet);

    if (nargs == 0 || is_help_flag(args[0])) {
        char help_word[] = "help";
        char *help[] = {help_word, NULL};
        int rc = cmd_help(1, help, NULL);
        free(args);
        return nargs == 0 ? EXIT_USAGE : rc;
    }
    if (strcmp(args[0], "--version") == 0 || strcmp(args[0], "version") == 0) {
        print_version();
        free(args);
        return EXIT_OK;
    }
    const struct cmd *c = cmd_find(args[0]);
    if (!c) {
        fprintf(stderr, "benchdb: '%s' is not a command. Commands:", args[0]);
        for (const struct cmd *k = commands; k->name; k++)
            fprintf(stderr, " %s", k->name);
        fprintf(stderr, "\nSee 'benchdb help'.\n");
        free(args);
        return EXIT_USAGE;
    }
    for (int i = 1; i < nargs && strcmp(args[i], "--") != 0; i++) {
        if (is_help_flag(args[i])) {
            fputs(c->usage, stdout);
            free(args);
            return EXIT_OK;
        }
    }

    struct cmd_ctx ctx = {.db_path = db, .flags = c->flags, .st = NULL};
    optind = 1;
    int rc = c->fn(nargs, args, &ctx);
    store_close(ctx.st);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("benchdb: standard output");
        rc = rc ? rc : EXIT_FAIL;
    }
    free(args);
    return rc;
}
