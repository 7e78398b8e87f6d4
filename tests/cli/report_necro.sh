# report_necro.sh - `benchdb report` over seed 003 (results/necro-2025):
# an oha run and the post's published comparison table. A run whose output
# printed no failure figure says so in words ("failures not printed"), not
# "- failed requests (-)"; one that printed only a percentage says that.
# The table's "necro" row has no stack (metadata comes per file, never per
# row) and takes the colour of the measured necro run, whose label it
# shares.
. "$SRC/tests/report/cli-lib.sh"
require_format oha
require_format table-text

bdb -q import "$SRC/results/necro-2025"
expect_rc 0 "import results/necro-2025"

bdb -q report --pdf en.pdf --dump
expect_rc 0 "report --pdf --dump"
# Run 1: oha (its stack from 01-necro-oha.meta.json); run 2: the table's
# necro row; run 3: nginx, the next colour.
expect_match "$OUT" "
run 1 \"necro \(GET simple JSON\)\" color=0 " "the oha run: colour 0"
expect_match "$OUT" "
run 2 \"necro \(simple JSON payload \(published table\)\)\" color=0 " "the table's necro row: the same colour"
expect_match "$OUT" "
run 3 \"nginx\" color=1 " "nginx: the next colour"
expect_match "$OUT" "
colors 9
" "nine colours for ten runs"

en=$(pdf_text en.pdf)
expect_match "$en" "failures not printed" "a published row: no failure figure, said plainly"
expect_match "$en" "0% of requests failed" "oha prints a success rate, not a failed count"
expect_no_match "$en" "failed requests \(-\)" "no dash for an unknown figure"
bdb -q report --template ru --pdf ru.pdf
expect_rc 0 "report --template ru"
ru=$(pdf_text ru.pdf)
expect_match "$ru" "ошибки не выведены" "Russian: failures not printed"
expect_match "$ru" "0% запросов с ошибкой" "Russian: a percentage only"
expect_match "$ru" "прогон 2 · published · Necro announcement" "Russian run footer"
finish
