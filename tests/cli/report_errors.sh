# report_errors.sh - what `benchdb report` refuses, and how it says so:
# bad options, templates with a wrong key or value (the message names the
# key), a baseline no row has, selections that match nothing. A partial
# template of one's own works: it is laid over the default.
. "$SRC/tests/report/cli-lib.sh"

bdb -q import "$SRC/results/lihil-2025"
expect_rc 0 "import"

bdb report --metric p101
expect_rc 2 "--metric p101"
expect_match "$ERR" "not a metric \(metrics: rps, requests, p50" "metric list"
bdb report --by colour
expect_rc 2 "--by colour"
expect_match "$ERR" "not a grouping key" "grouping keys"
bdb report --order fastest
expect_rc 2 "--order fastest"
bdb report --baseline nginx
expect_rc 2 "--baseline nginx"
expect_match "$ERR" "--baseline nginx: no row has this label \(rows: \"asyncio\"" "baseline rows listed"
bdb report --id 99
expect_rc 1 "--id 99"
expect_match "$ERR" "no run matches" "nothing selected"
bdb report --where 'colour=red'
expect_rc 2 "--where on an unknown column"
bdb report extra
expect_rc 2 "a stray argument"

try_template() { # JSON EXPECTED-MESSAGE-REGEX [STATUS]
    printf '%s\n' "$1" > t.json
    bdb report --template ./t.json --pdf t.pdf
    expect_rc "${3:-2}" "template $1"
    expect_match "$ERR" "$2" "template message for $1"
    [ -f t.pdf ] && fail "a bad template wrote a PDF"
    rm -f t.pdf
}
try_template '{"theme": {"colours": {}}}' 'template ./t.json: unknown key "theme.colours" \(known in theme: background'
try_template '{"theme": {"sizes": {"title": "big"}}}' '"theme.sizes.title" must be a number, not a string'
try_template '{"theme": {"sizes": {"title": 500}}}' '"theme.sizes.title" must be a size in points from 8 to 96'
try_template '{"theme": {"palette": ["blue"]}}' '"theme.palette\[0\]" must be a colour "#rrggbb", not "blue"'
try_template '{"slides": [{"type": "title"}, {"type": "pie"}]}' '"slides\[1\].type": unknown slide type "pie"'
try_template '{"slides": [{"type": "chart"}]}' '"slides\[0\].chart" is missing'
try_template '{"slides": [{"type": "table", "colour": 1}]}' 'unknown key "slides\[0\].colour"'
try_template '{"labels": {"failed": 7}}' '"labels.failed" must be a string, not a number'
# A placeholder the text does not take: named with what it takes.
try_template '{"labels": {"brief_rps": "{valu} RPS"}}' 'template ./t.json: "labels.brief_rps": unknown placeholder \{valu\} \(labels.brief_rps takes \{value\}\)$'
try_template '{"labels": {"footer_page": "{n} of {totl}"}}' '"labels.footer_page": unknown placeholder \{totl\} \(labels.footer_page takes \{n\}, \{total\}\)$'
try_template '{"labels": {"failed": "{n} FAILED"}}' '"labels.failed": unknown placeholder \{n\} \(labels.failed takes no placeholder\)$'
try_template '{"title": "{campain}"}' '"title": unknown placeholder \{campain\} \(title takes \{campaign\}, \{metric\}\)$'
try_template '{"slides": [{"type": "runs", "title": "{metric}: {label}"}]}' '"slides\[0\].title": unknown placeholder \{metric\} \(slides\[0\].title takes \{label\}, \{campaign\}\)$'
try_template '{"theme": {"fonts": {"sans": "No Such Font Family"}}}' 'font "No Such Font Family": family "No Such Font Family" is not installed' 1
try_template '{
  "title": "x",
  oops
}' 'template ./t.json:3: not valid JSON'
bdb report --template nosuch
expect_rc 2 "--template nosuch"
expect_match "$ERR" "no such built-in template \(built in: default, ru" "built-in templates listed"

# A template of one's own: two slides, its own words.
cat > mine.json <<'JSON'
{
  "$comment": "only what differs from the default",
  "title": "Our numbers",
  "slides": [{"type": "title"}, {"type": "table", "title": "Who is fastest"}],
  "labels": {"col_label": "Stack", "col_prev": "{ before } {metric}"}
}
JSON
bdb report --template ./mine.json --pdf mine.pdf --author "Ann Example" --date 2025-01-31
expect_rc 0 "own template"
check_pdf mine.pdf 2
expect_match "$OUT" "^# +Stack +Requests per second +\{ before \} Requests per second " "own labels on the terminal (braces around words are text)"
p1=$(pdf_text mine.pdf 1)
expect_match "$p1" "Our numbers" "own title"
expect_match "$p1" "Ann Example" "--author"
expect_match "$p1" "2025-01-31" "--date"
expect_match "$(pdf_text mine.pdf 2)" "Who is fastest" "own slide title"
finish
