/* cmd_export.c - `benchdb export --csv|--json`: runs with their metadata,
 * for spreadsheets and other programs. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "run_json.h"
#include "select.h"
#include "store.h"
#include "units.h"

const char cmd_export_usage[] =
    "usage: benchdb export (--csv | --json) [-o FILE] [options]\n"
    "\n"
    "Writes runs with their metadata. --csv: one row per run with every\n"
    "column of the `summary` view (RFC 4180 quoting; numbers exact; empty for\n"
    "NULL) and a `tags` column (key=value;...). --json: an array with one\n"
    "object per run holding everything `show --json` prints: metadata, hosts,\n"
    "stack, every figure, percentile, threshold, check and count.\n"
    "\n"
    "Options:\n"
    "  --csv | --json     the format\n"
    "  -o, --output FILE  write to FILE (default: standard output)\n" SELECT_USAGE;

struct export_state {
    FILE *fp;
    struct store *st;
    int rows;
    int failed;
};

static void csv_field(FILE *fp, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static int csv_row(const struct store_cell *cells, size_t n, void *arg)
{
    struct export_state *es = arg;
    char tmp[64];
    if (es->rows == 0) {
        for (size_t i = 0; i < n; i++) {
            csv_field(es->fp, cells[i].name);
            fputc(',', es->fp);
        }
        fputs("tags\r\n", es->fp);
    }
    int64_t run_id = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(cells[i].name, "run_id") == 0)
            run_id = (int64_t)cells[i].num;
        if (cells[i].is_num)
            fputs(units_format(tmp, sizeof tmp, cells[i].num), es->fp);
        else if (!cells[i].is_null)
            csv_field(es->fp, cells[i].text);
        fputc(',', es->fp);
    }
    /* Tags from the full record. */
    struct stored_run sr;
    if (store_run_load(es->st, run_id, &sr) > 0) {
        struct buf t = BUF_INIT;
        for (size_t i = 0; i < sr.meta.ntags; i++)
            buf_printf(&t, "%s%s=%s", i ? ";" : "", sr.meta.tags[i].key, sr.meta.tags[i].value);
        csv_field(es->fp, buf_str(&t));
        buf_free(&t);
    }
    stored_run_free(&sr);
    fputs("\r\n", es->fp);
    es->rows++;
    return 0;
}

static int json_row(const struct store_row *row, void *arg)
{
    struct export_state *es = arg;
    struct stored_run sr;
    int found = store_run_load(es->st, row->run_id, &sr);
    if (found < 0) {
        es->failed = 1;
        return -1;
    }
    if (found > 0) {
        cJSON *o = run_json(&sr);
        char *text = cJSON_Print(o);
        fprintf(es->fp, "%s%s", es->rows ? ",\n" : "\n", text);
        cJSON_free(text);
        cJSON_Delete(o);
        es->rows++;
    }
    stored_run_free(&sr);
    return 0;
}

int cmd_export(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("export");
    static const struct option longopts[] = {
        SELECT_LONGOPTS,
        {"csv", no_argument, NULL, 'c'},
        {"json", no_argument, NULL, 'j'},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    struct selection sel;
    struct export_state es = {stdout, NULL, 0, 0};
    const char *output = NULL;
    int csv = 0, json = 0, c, rc = EXIT_OK;

    selection_init(&sel);
    opterr = 0;
    while ((c = cmd_getopt(argc, argv, "o:", longopts)) != -1) {
        if (c == 'c')
            csv = 1;
        else if (c == 'j')
            json = 1;
        else if (c == 'o')
            output = optarg;
        else if (c >= SEL_CAMPAIGN && c <= SEL_LIMIT) {
            if (selection_option(&sel, c, optarg) < 0) {
                rc = EXIT_USAGE;
                goto out;
            }
        } else {
            rc = cmd_usage_error(self, "export: unknown or incomplete option '%s'", argv[optind - 1]);
            goto out;
        }
    }
    if (csv == json || optind < argc) {
        rc = cmd_usage_error(self, "export: choose one of --csv and --json");
        goto out;
    }
    if ((rc = cmd_open_selection(ctx, &sel)) != EXIT_OK)
        goto out;
    es.st = ctx->st;
    if (output && !(es.fp = fopen(output, "w"))) {
        error_errno("%s", output);
        rc = EXIT_FAIL;
        goto out;
    }
    if (csv) {
        if (store_summary_rows(ctx->st, &sel.f, csv_row, &es) < 0)
            rc = EXIT_DB;
    } else {
        fputs("[", es.fp);
        if (store_list(ctx->st, &sel.f, json_row, &es) < 0 || es.failed)
            rc = EXIT_DB;
        fputs(es.rows ? "\n]\n" : "]\n", es.fp);
    }
    if (output && fclose(es.fp) != 0) {
        error_errno("%s", output);
        rc = EXIT_FAIL;
    }
out:
    selection_free(&sel);
    return rc;
}
