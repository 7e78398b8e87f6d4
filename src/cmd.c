/* cmd.c - the one table of commands (name, handler, setup bits, help). */
#include "cmd.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const struct cmd commands[] = {
    {"import", cmd_import, CMD_DB | CMD_WRITES, "import load-tool outputs into the database", cmd_import_usage},
    {"list", cmd_list, CMD_DB, "one line per run", cmd_list_usage},
    {"show", cmd_show, CMD_DB, "every figure and all metadata of one run", cmd_show_usage},
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
