# report_lihil.sh - `benchdb report` over seed 002's wrk runs
# (results/lihil-2025): the decay table's figures against the post's own
# (asyncio 104,380 -> Uvicorn 46,426 ↓55.5% -> Starlette 35,433 ↓23.7% ->
# FastAPI 17,178 ↓51.5%), selection options, and every output: the PDF
# (pdfinfo, pdffonts, pdftotext), PNG (decoded), SVG, Markdown and CSV.
. "$SRC/tests/report/cli-lib.sh"

bdb -q import "$SRC/results/lihil-2025"
expect_rc 0 "import results/lihil-2025"

# The post's table: runs 2-5, each against the one before.
bdb report --id 2-5
expect_rc 0 "report --id 2-5"
expect_match "$OUT" "^1 +asyncio +104,379\.61 +- +0\.0% +0%" "asyncio first, the best"
expect_match "$OUT" "
2 +Uvicorn +46,425\.59 +↓55\.5% +↓55\.5% +0%" "Uvicorn ↓55.5% against asyncio"
expect_match "$OUT" "
3 +Starlette +35,433\.13 +↓23\.7% +↓66\.1% +0%" "Starlette ↓23.7% against Uvicorn"
expect_match "$OUT" "
4 +FastAPI +17,177\.50 +↓51\.5% +↓83\.5% +0%" "FastAPI ↓51.5% against Starlette"

bdb report --id 2-5 --csv -
expect_rc 0 "report --csv -"
expect_match "$OUT" "^rank,label,metric,value,vs_previous_pct,vs_best_pct,vs_baseline_pct,failed_pct,state,runs,run_ids" "CSV header"
expect_match "$OUT" "
2,Uvicorn,rps,46425\.59,-55\.5223[0-9]*,-55\.5223[0-9]*,,0,ok,1,3
" "CSV Uvicorn row, unrounded"
expect_match "$OUT" "
4,FastAPI,rps,17177\.5,-51\.5213[0-9]*," "CSV FastAPI row"

# Selection: filters are parsed and bound.
bdb report --where framework=fastapi
expect_rc 0 "--where framework=fastapi"
expect_eq "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" 3 "three FastAPI runs"
bdb report --where 'rps>30000' --order run
expect_rc 0 "--where rps>30000"
expect_eq "$(printf '%s\n' "$OUT" | tail -n +2 | awk '{print $2}' | tr '\n' ' ')" \
    "axum asyncio Uvicorn Starlette FastAPI " "rps>30000 in run order"
bdb report --where "label=x' OR '1'='1"
expect_rc 1 "a quote in a filter is a value, not SQL"
expect_match "$ERR" "no run matches" "nothing matches the quoted label"
bdb report --metric avg --order best --id 2-5
expect_rc 0 "--metric avg"
expect_match "$OUT" "^1 +asyncio +92\.76 µs" "lowest average latency first, in µs"

# Every output of the newest campaign, against a baseline.
bdb report --pdf deck.pdf --png png --svg svg --md report.md --csv table.csv --baseline asyncio
expect_rc 0 "report with every output"
check_pdf deck.pdf 11
check_fonts deck.pdf DejaVuSans DejaVuSans-Bold DejaVuSansMono
text=$(pdf_text deck.pdf)
for s in "How fast can a Python web framework be" "Setup" "asyncio: results in brief" \
         "FastAPI + DumpRoute: results in brief" "Requests per second" "vs asyncio" \
         "axum" "Uvicorn" "Starlette" "FastAPI + msgspec" "104,379.61" "46,425.59" \
         "↓55.5%" "104k requests/s" "93 µs average latency" "Running 10s test @ http://localhost:8000" \
         "runs 1-7" "results/lihil-2025/02-asyncio.txt, lines 1–7"; do
    case "$text" in *"$s"*) ;; *) fail "deck.pdf text lacks [$s]" ;; esac
done
expect_match "$(pdf_text deck.pdf 1)" "How fast can a Python web framework be" "title slide"
expect_match "$(pdf_text deck.pdf 10)" "Requests per second" "chart slide"
expect_match "$(pdf_text deck.pdf 10)" "104k" "bar value label"
expect_match "$(pdf_text deck.pdf 11)" "Uvicorn +46,425\.59 +↓31\.9% +↓55\.5% +↓55\.5%" "table slide row"
check_png png/bars.png 1824x972
[ -f png/percentiles.png ] && fail "wrk without --latency prints no percentiles: no percentile chart"
head -c 200 svg/bars.svg | grep -q "<svg" || fail "svg/bars.svg is not SVG"
md=$(cat report.md)
expect_match "$md" "^# How fast can a Python web framework be" "Markdown heading"
expect_match "$md" "\| 3 \| Uvicorn \| 46,425\.59 \| ↓31\.9% \| ↓55\.5% \| ↓55\.5% \| 0% \|" "Markdown row"
expect_match "$md" "!\[Requests per second\]\(png/bars\.png\)" "Markdown image link"
expect_eq "$(grep -c '^[0-9]' table.csv)" 7 "CSV rows"

# Markdown alone: its images are written beside it.
mkdir -p docs
bdb report --md docs/r.md --scale 1
expect_rc 0 "--md alone"
check_png docs/r-bars.png 912x486
expect_match "$(cat docs/r.md)" "\(r-bars\.png\)" "image beside the Markdown"

# --pdf without a file name, and --pdf FILE as two words.
bdb report --pdf
expect_rc 0 "--pdf"
check_pdf report.pdf 11
bdb report --id 2-5 --pdf four.pdf
check_pdf four.pdf 8

# --dump: the layouts the golden tests compare.
bdb report --id 2-5 --dump
expect_match "$OUT" "^report metric=rps by=run" "dump: report"
expect_match "$OUT" "
chart bars
canvas 912\.00 486\.00" "dump: chart"
expect_match "$OUT" "
page 8 table " "dump: slide plan"
finish
