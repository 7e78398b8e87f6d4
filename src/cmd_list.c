/* cmd_list.c - `benchdb list`: one line per run, or JSON. Streams rows:
 * a million runs print without being held in memory. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "select.h"
#include "store.h"
#include "units.h"
#include "utf8.h"

const char cmd_list_usage[] =
    "usage: benchdb list [options]\n"
    "\n"
    "One line per run: id, campaign, label, tool, requests/s, p90 latency and\n"
    "failed requests in percent. A figure the output did not print shows as -.\n"
    "\n"
    "Options:\n" SELECT_USAGE
    "  --json             a JSON array of objects instead of the table\n"
    "\n"
    "Example: benchdb list --campaign 'PiterPy 2023' --sort rps --reverse\n";

struct list_state {
    int json;
    int rows;
    struct buf line;
};


static int print_row(const struct store_row *row, void *arg)
{
    struct list_state *ls = arg;
    char id[32], rps[32], p90[32], failed[32], tmp[64];
    if (ls->json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "run_id", (double)row->run_id);
        row->campaign ? (void)cJSON_AddStringToObject(o, "campaign", row->campaign)
                      : (void)cJSON_AddNullToObject(o, "campaign");
        row->scenario ? (void)cJSON_AddStringToObject(o, "scenario", row->scenario)
                      : (void)cJSON_AddNullToObject(o, "scenario");
        cJSON_AddStringToObject(o, "label", row->label ? row->label : "");
        cJSON_AddStringToObject(o, "tool", row->tool ? row->tool : "");
        cJSON_AddStringToObject(o, "state", row->state ? row->state : "");
        const struct { const char *k; double v; } nums[] = {
            {"requests", row->requests}, {"rps", row->rps},
            {"latency_p90_ms", row->p90_ms}, {"failed_pct", row->failed_pct}};
        for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
            if (isnan(nums[i].v))
                cJSON_AddNullToObject(o, nums[i].k);
            else
                cJSON_AddRawToObject(o, nums[i].k, units_format(tmp, sizeof tmp, nums[i].v));
        }
        char *s = cJSON_PrintUnformatted(o);
        printf("%s\n  %s", ls->rows ? "," : "", s);
        cJSON_free(s);
        cJSON_Delete(o);
        ls->rows++;
        return 0;
    }
    if (ls->rows == 0 && !diag_quiet()) {
        buf_reset(&ls->line);
        utf8_pad(&ls->line, "ID", 6, 1);
        buf_adds(&ls->line, "  ");
        utf8_pad(&ls->line, "CAMPAIGN", 18, 0);
        buf_adds(&ls->line, "  ");
        utf8_pad(&ls->line, "LABEL", 30, 0);
        buf_adds(&ls->line, "  ");
        utf8_pad(&ls->line, "TOOL", 10, 0);
        utf8_pad(&ls->line, "RPS", 14, 1);
        utf8_pad(&ls->line, "P90 ms", 12, 1);
        utf8_pad(&ls->line, "FAILED", 9, 1);
        puts(buf_str(&ls->line));
    }
    snprintf(id, sizeof id, "%lld", (long long)row->run_id);
    if (isnan(row->rps))
        snprintf(rps, sizeof rps, "-");
    else
        snprintf(rps, sizeof rps, "%.2f", row->rps);
    if (isnan(row->p90_ms))
        snprintf(p90, sizeof p90, "-");
    else
        units_format(p90, sizeof p90, row->p90_ms);
    if (isnan(row->failed_pct))
        snprintf(failed, sizeof failed, "-");
    else
        snprintf(failed, sizeof failed, "%.2f%%", row->failed_pct);
    if (row->state && strcmp(row->state, "failed") == 0)
        snprintf(failed + strlen(failed), sizeof failed - strlen(failed), "!");
    buf_reset(&ls->line);
    utf8_pad(&ls->line, id, 6, 1);
    buf_adds(&ls->line, "  ");
    utf8_pad(&ls->line, row->campaign ? row->campaign : "-", 18, 0);
    buf_adds(&ls->line, "  ");
    utf8_pad(&ls->line, row->label, 30, 0);
    buf_adds(&ls->line, "  ");
    utf8_pad(&ls->line, row->tool, 10, 0);
    utf8_pad(&ls->line, rps, 14, 1);
    utf8_pad(&ls->line, p90, 12, 1);
    utf8_pad(&ls->line, failed, 9, 1);
    puts(buf_str(&ls->line));
    ls->rows++;
    return 0;
}

int cmd_list(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("list");
    static const struct option longopts[] = {
        SELECT_LONGOPTS,
        {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0},
    };
    struct selection sel;
    struct list_state ls = {0};
    int c, rc = EXIT_OK;

    selection_init(&sel);
    opterr = 0;
    while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
        if (c == 'j') {
            ls.json = 1;
        } else if (c >= SEL_CAMPAIGN && c <= SEL_LIMIT) {
            if (selection_option(&sel, c, optarg) < 0) {
                rc = EXIT_USAGE;
                goto out;
            }
        } else {
            rc = cmd_usage_error(self, "list: unknown or incomplete option '%s'", argv[optind - 1]);
            goto out;
        }
    }
    if (optind < argc) {
        rc = cmd_usage_error(self, "list: unexpected argument '%s'", argv[optind]);
        goto out;
    }
    if ((rc = cmd_open_selection(ctx, &sel)) != EXIT_OK)
        goto out;
    if (ls.json)
        fputs("[", stdout);
    if (store_list(ctx->st, &sel.f, print_row, &ls) < 0)
        rc = EXIT_DB;
    if (ls.json)
        fputs(ls.rows ? "\n]\n" : "]\n", stdout);
out:
    buf_free(&ls.line);
    selection_free(&sel);
    return rc;
}
