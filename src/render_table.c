/* render_table.c - the decay table as text, Markdown and CSV (render.h). */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "diag.h"
#include "human.h"
#include "units.h"
#include "utf8.h"


/* Thousands separators on the integer part of a printed number. */
static void group_thousands(char *buf, size_t size, const char *num)
{
    const char *dot = strchr(num, '.');
    size_t intlen = dot ? (size_t)(dot - num) : strlen(num);
    size_t start = num[0] == '-' ? 1 : 0, o = 0;
    for (size_t i = 0; i < intlen && o + 2 < size; i++) {
        if (i > start && (intlen - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = num[i];
    }
    snprintf(buf + o, size - o, "%s", dot ? dot : "");
}

char *render_value(char *buf, size_t size, const struct report_metric *m, double v)
{
    char tmp[64];
    if (!run_has(v)) {
        snprintf(buf, size, "-");
        return buf;
    }
    switch (m->kind) {
    case HUMAN_MS:
        return human_ms(buf, size, v, 4);
    case HUMAN_PERCENT:
        return human_percent(buf, size, v, 4);
    case HUMAN_COUNT:
        break;
    }
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(tmp, sizeof tmp, "%.0f", v);
    else
        snprintf(tmp, sizeof tmp, "%.2f", v);
    group_thousands(buf, size, tmp);
    return buf;
}

char *render_failed_runs(const struct template *tpl, const struct report_row *row)
{
    char n[32], total[32];
    if (!row->nfailed || row->nruns < 2)
        return NULL;
    snprintf(n, sizeof n, "%zu", row->nfailed);
    snprintf(total, sizeof total, "%zu", row->nruns);
    const char *vars[] = {"n", n, "total", total, NULL};
    return template_text(tpl, "failed_runs", vars);
}

/* The failed column: the failed requests in percent ("0%"), FAILED when
 * every run of the row failed, and how many runs failed when the row has
 * several: "100% FAILED", "0% (1 of 3 runs failed)", "-". */
static void failed_cell(char *cell, const struct template *tpl, const struct report_row *row)
{
    char tmp[64];
    struct buf b = BUF_INIT;
    char *runs = render_failed_runs(tpl, row);
    if (run_has(row->failed_pct))
        buf_adds(&b, human_percent(tmp, sizeof tmp, row->failed_pct, 4));
    if (row->failed)
        buf_printf(&b, "%s%s", b.len ? " " : "", template_label(tpl, "failed"));
    if (runs)
        buf_printf(&b, b.len ? " (%s)" : "%s", runs);
    snprintf(cell, RENDER_CELL, "%s", b.len ? buf_str(&b) : "-");
    free(runs);
    buf_free(&b);
}

/* The cells of one row, as shown (text and Markdown). */
static void row_cells(const struct report *rep, const struct template *tpl,
                      const struct report_row *row, char cells[RENDER_NCOLS][RENDER_CELL])
{
    if (row->rank)
        snprintf(cells[RENDER_COL_RANK], RENDER_CELL, "%d", row->rank);
    else
        snprintf(cells[RENDER_COL_RANK], RENDER_CELL, "-");
    snprintf(cells[RENDER_COL_LABEL], RENDER_CELL, "%s", row->label);
    render_value(cells[RENDER_COL_VALUE], RENDER_CELL, &rep->opts.metric, row->value);
    if (row->nruns > 1 && row->nvalues > 1) {
        size_t used = strlen(cells[RENDER_COL_VALUE]);
        if (run_has(row->cv))
            snprintf(cells[RENDER_COL_VALUE] + used, RENDER_CELL - used, " (n=%zu, \xc2\xb1%.1f%%%s%s)",
                     row->nvalues, row->cv * 100, row->noisy ? " " : "",
                     row->noisy ? template_label(tpl, "noisy") : "");
        else
            snprintf(cells[RENDER_COL_VALUE] + used, RENDER_CELL - used, " (n=%zu)", row->nvalues);
    }
    const double ch[3] = {row->vs_prev, row->vs_best, row->vs_base};
    for (int i = 0; i < 3; i++) {
        if (row->rank && run_has(ch[i]))
            human_change(cells[RENDER_COL_PREV + i], RENDER_CELL, ch[i]);
        else
            snprintf(cells[RENDER_COL_PREV + i], RENDER_CELL, "-");
    }
    failed_cell(cells[RENDER_COL_FAILED], tpl, row);
}

static void header_cells(const struct report *rep, const struct template *tpl,
                         char cells[RENDER_NCOLS][RENDER_CELL])
{
    static const char *const keys[RENDER_NCOLS] = {"col_rank", "col_label", "col_value", "col_prev",
                                           "col_best", "col_baseline", "col_failed"};
    char *metric = chart_metric_label(tpl, &rep->opts.metric);
    const char *vars[] = {"metric", metric, "baseline",
                          rep->base >= 0 ? rep->rows[rep->base].label : "", NULL};
    for (int i = 0; i < RENDER_NCOLS; i++) {
        char *t = template_text(tpl, keys[i], vars);
        snprintf(cells[i], RENDER_CELL, "%s", t);
        free(t);
    }
    free(metric);
}

int render_col_shown(const struct report *rep, int col)
{
    return col != RENDER_COL_BASE || rep->base >= 0;
}

int render_col_right(int col)
{
    return col != RENDER_COL_LABEL;
}

void render_cells(const struct report *rep, const struct template *tpl, long row,
                  char cells[RENDER_NCOLS][RENDER_CELL])
{
    if (row < 0)
        header_cells(rep, tpl, cells);
    else
        row_cells(rep, tpl, &rep->rows[row], cells);
}


static int check(FILE *fp)
{
    if (ferror(fp))
        return error_errno("cannot write the table");
    return 0;
}

int render_table_text(FILE *fp, const struct report *rep, const struct template *tpl)
{
    char (*cells)[RENDER_NCOLS][RENDER_CELL] = xcalloc(rep->nrows + 1, sizeof(*cells));
    size_t width[RENDER_NCOLS] = {0};
    struct buf line = BUF_INIT;
    header_cells(rep, tpl, cells[0]);
    for (size_t r = 0; r < rep->nrows; r++)
        row_cells(rep, tpl, &rep->rows[r], cells[r + 1]);
    for (size_t r = 0; r <= rep->nrows; r++)
        for (int c = 0; c < RENDER_NCOLS; c++) {
            size_t w = utf8_width(cells[r][c]);
            if (w > width[c])
                width[c] = w;
        }
    if (width[RENDER_COL_LABEL] > 40)
        width[RENDER_COL_LABEL] = 40;
    for (size_t r = 0; r <= rep->nrows; r++) {
        buf_reset(&line);
        for (int c = 0; c < RENDER_NCOLS; c++) {
            if (!render_col_shown(rep, c))
                continue;
            if (line.len)
                buf_adds(&line, "  ");
            utf8_pad(&line, cells[r][c], width[c], render_col_right(c));
        }
        while (line.len && line.data[line.len - 1] == ' ')
            line.data[--line.len] = '\0';
        fprintf(fp, "%s\n", buf_str(&line));
    }
    if (rep->nwarnings) {
        fprintf(fp, "\n%s\n", template_label(tpl, "conditions_differ"));
        for (size_t i = 0; i < rep->nwarnings; i++)
            fprintf(fp, "  - %s\n", rep->warnings[i]);
    }
    buf_free(&line);
    free(cells);
    return check(fp);
}

/* A Markdown cell: pipes escaped. */
static void md_cell(FILE *fp, const char *s, int bold)
{
    fputs(bold ? " **" : " ", fp);
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', fp);
        fputc(*s, fp);
    }
    fputs(bold ? "** |" : " |", fp);
}

int render_table_md(FILE *fp, const struct report *rep, const struct template *tpl)
{
    char cells[RENDER_NCOLS][RENDER_CELL];
    header_cells(rep, tpl, cells);
    fputc('|', fp);
    for (int c = 0; c < RENDER_NCOLS; c++)
        if (render_col_shown(rep, c))
            md_cell(fp, cells[c], 0);
    fputs("\n|", fp);
    for (int c = 0; c < RENDER_NCOLS; c++)
        if (render_col_shown(rep, c))
            fputs(render_col_right(c) ? "---:|" : "---|", fp);
    fputc('\n', fp);
    for (size_t r = 0; r < rep->nrows; r++) {
        row_cells(rep, tpl, &rep->rows[r], cells);
        fputc('|', fp);
        for (int c = 0; c < RENDER_NCOLS; c++)
            if (render_col_shown(rep, c))
                md_cell(fp, cells[c], rep->rows[r].nfailed && c == RENDER_COL_FAILED);
        fputc('\n', fp);
    }
    if (rep->nwarnings) {
        fprintf(fp, "\n> **%s**\n", template_label(tpl, "conditions_differ"));
        for (size_t i = 0; i < rep->nwarnings; i++)
            fprintf(fp, "> - %s\n", rep->warnings[i]);
    }
    return check(fp);
}

static void csv_text(FILE *fp, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
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

static void csv_num(FILE *fp, double v)
{
    char tmp[64];
    fputc(',', fp);
    if (run_has(v))
        fputs(units_format(tmp, sizeof tmp, v), fp);
}

/* failed: every run failed; partly_failed: ranked on the runs that did
 * not; no_value: no run printed the metric. */
static const char *csv_state(const struct report_row *row)
{
    if (row->failed)
        return "failed";
    if (!run_has(row->value))
        return "no_value";
    return row->nfailed ? "partly_failed" : "ok";
}

int render_table_csv(FILE *fp, const struct report *rep)
{
    fprintf(fp, "rank,label,metric,value,vs_previous_pct,vs_best_pct,vs_baseline_pct,"
                "failed_pct,state,runs,run_ids,min,max,cv,noisy,failed_runs\n");
    for (size_t r = 0; r < rep->nrows; r++) {
        const struct report_row *row = &rep->rows[r];
        if (row->rank)
            fprintf(fp, "%d", row->rank);
        fputc(',', fp);
        csv_text(fp, row->label);
        fprintf(fp, ",%s", rep->opts.metric.name);
        csv_num(fp, row->value);
        csv_num(fp, row->rank ? row->vs_prev : RUN_NA);
        csv_num(fp, row->rank ? row->vs_best : RUN_NA);
        csv_num(fp, row->rank ? row->vs_base : RUN_NA);
        csv_num(fp, row->failed_pct);
        fprintf(fp, ",%s,%zu,", csv_state(row), row->nruns);
        int64_t *ids = xcalloc(row->nruns, sizeof(int64_t));
        for (size_t k = 0; k < row->nruns; k++)
            ids[k] = rep->runs[row->runs[k]].sr.run_id;
        char *list = report_id_list(ids, row->nruns);
        csv_text(fp, list);
        free(list);
        free(ids);
        csv_num(fp, row->lo);
        csv_num(fp, row->hi);
        csv_num(fp, row->cv);
        fprintf(fp, ",%d,%zu\n", row->noisy, row->nfailed);
    }
    return check(fp);
}

int render_markdown(FILE *fp, const struct report *rep, const struct template *tpl,
                    const char *title, const struct render_image *images, size_t nimages)
{
    fprintf(fp, "# %s\n\n", title);
    const char *vars[] = {"ids", rep->run_ids, NULL};
    char *runs = template_text(tpl, "footer_runs", vars);
    if (rep->campaigns[0])
        fprintf(fp, "%s \xc2\xb7 ", rep->campaigns);
    fprintf(fp, "%s \xc2\xb7 %s\n\n", runs, rep->tools);
    free(runs);
    if (render_table_md(fp, rep, tpl) < 0)
        return -1;
    for (size_t i = 0; i < nimages; i++)
        fprintf(fp, "\n![%s](%s)\n", images[i].title, images[i].path);
    return check(fp);
}
