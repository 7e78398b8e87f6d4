/* render.h - the decay table of a report, as terminal text, Markdown and
 * CSV, and the Markdown report (the table and the charts as image links).
 *
 * Columns: rank, label, the metric's value, its change against the row
 * before, against the best row, against the baseline (when one was
 * given), and failed requests. A failed row shows its value marked
 * FAILED and no rank or changes (report.h's ranking rule); a row of
 * several runs of which some failed says how many ("0% (1 of 3 runs
 * failed)"). Headers and
 * marks come from the template's labels; CSV headers are fixed names for
 * programs and its numbers are unrounded.
 *
 * Each returns 0, or -1 when writing failed (printed). */
#ifndef BENCHDB_RENDER_H
#define BENCHDB_RENDER_H

#include <stdio.h>

#include "report.h"
#include "template.h"

int render_table_text(FILE *fp, const struct report *rep, const struct template *tpl);
int render_table_md(FILE *fp, const struct report *rep, const struct template *tpl);
int render_table_csv(FILE *fp, const struct report *rep);

/* One image of the Markdown report: its title and path as linked. */
struct render_image {
    const char *title;
    const char *path;
};

/* A heading, what was measured and where it came from, the table, then
 * each image. */
int render_markdown(FILE *fp, const struct report *rep, const struct template *tpl,
                    const char *title, const struct render_image *images, size_t nimages);

/* The table's cells, shared with the table slide: row -1 is the header.
 * Columns RENDER_COL_*; render_col_shown() says whether a column is part
 * of this report's table (vs baseline only with a baseline). */
enum { RENDER_COL_RANK, RENDER_COL_LABEL, RENDER_COL_VALUE, RENDER_COL_PREV, RENDER_COL_BEST,
       RENDER_COL_BASE, RENDER_COL_FAILED, RENDER_NCOLS };
#define RENDER_CELL 160
void render_cells(const struct report *rep, const struct template *tpl, long row,
                  char cells[RENDER_NCOLS][RENDER_CELL]);
int render_col_shown(const struct report *rep, int col);
int render_col_right(int col);

/* "1 of 3 runs failed" (the template's failed_runs label) for a row of
 * several runs some of which failed; NULL for any other row. The caller
 * frees. The table's failed column, the bar chart and the table slide
 * say it. */
char *render_failed_runs(const struct template *tpl, const struct report_row *row);

/* A value as the table prints it: rates and counts exact to two decimals
 * with thousands separators ("104,379.61"), times with a unit to four
 * digits ("1.59 s", "411.5 ms"), percentages ("100%"). */
char *render_value(char *buf, size_t size, const struct report_metric *m, double v);

#endif
