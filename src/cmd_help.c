/* cmd_help.c - `benchdb help [COMMAND|meta|formats]`, from the command
 * table and the usage strings beside each handler. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "meta.h"
#include "parse.h"

const char cmd_help_usage[] =
    "usage: benchdb help [COMMAND | meta | formats]\n"
    "\n"
    "Without an argument, lists the commands. With a command, prints its\n"
    "usage (the same as COMMAND --help). `help meta` lists the metadata\n"
    "keys (JSON files and import flags); `help formats` the output formats\n"
    "benchdb reads.\n";

static void overview(FILE *fp)
{
    fprintf(fp, "usage: benchdb [--db PATH] [-q] COMMAND [ARGS]\n\n"
                "benchdb keeps load-test results (k6, wrk, ...) in one SQLite database,\n"
                "with the hardware and software they ran on.\n\n"
                "Commands:\n");
    int w = 0;
    for (const struct cmd *c = commands; c->name; c++)
        if ((int)strlen(c->name) > w)
            w = (int)strlen(c->name);
    for (const struct cmd *c = commands; c->name; c++)
        fprintf(fp, "  %-*s %s\n", w, c->name, c->summary);
    fprintf(fp, "\nGlobal options:\n"
                "  --db PATH   the database (default $BENCHDB_DB, else ./benchdb.sqlite)\n"
                "  -q          quiet: only errors on stderr\n"
                "  --version   print the version\n\n"
                "See 'benchdb help COMMAND', 'benchdb help meta', 'benchdb help formats'.\n");
}

int cmd_help(int argc, char **argv, struct cmd_ctx *ctx)
{
    (void)ctx;
    if (argc < 2) {
        overview(stdout);
        return EXIT_OK;
    }
    if (argc > 2)
        return cmd_usage_error(cmd_find("help"), "help takes one topic");
    const char *topic = argv[1];
    if (strcmp(topic, "meta") == 0) {
        printf("Metadata keys. In a JSON file, a dotted key is a nested object:\n"
               "{\"stack\": {\"framework\": \"fastapi\"}}. Layers, later winning: DIR/meta.json,\n"
               "--meta FILE, the file beside the output (run.txt -> run.meta.json), flags.\n\n");
        meta_print_keys(stdout);
        return EXIT_OK;
    }
    if (strcmp(topic, "formats") == 0) {
        printf("Formats (detected from content; --format NAME to choose):\n");
        for (size_t i = 0; parsers[i]; i++)
            printf("  %-18s %-11s %s\n", parsers[i]->name, parsers[i]->tool, parsers[i]->summary);
        return EXIT_OK;
    }
    const struct cmd *c = cmd_find(topic);
    if (!c) {
        fprintf(stderr, "benchdb: no help on '%s'\n", topic);
        overview(stderr);
        return EXIT_USAGE;
    }
    fputs(c->usage, stdout);
    return EXIT_OK;
}
