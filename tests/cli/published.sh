# published.sh - importing published tables: one run per row, marked
# published, labelled by the row's name unless the metadata gives one.
. "$(dirname "$0")/lib.sh"

F="$SRC/tests/fixtures/published"
cp "$F/seed002__decay-table-and-chart.md" decay.md

bdb import decay.md
expect_rc 0 "import a Markdown table"
expect_match "$OUT" "1 file: 1 imported \(4 runs\)" "four rows, four runs"
expect_eq "$(sql "SELECT group_concat(label || '=' || rps || '/' || published, ' ') FROM (SELECT * FROM summary ORDER BY run_id)")" \
    "asyncio=104380.0/1 Uvicorn=46426.0/1 Starlette=35433.0/1 FastAPI=17178.0/1" \
    "labels from the name column, rps, published flag"
expect_eq "$(sql "SELECT group_concat(first_line || '-' || last_line, ' ') FROM (SELECT * FROM run ORDER BY run_id)")" \
    "3-3 4-4 5-5 6-6" "each run is its row's line"
expect_eq "$(sql "SELECT format FROM source")" "table-markdown" "detected format"

# A label in the metadata wins over the rows' names.
cp "$F/seed003__single-spaced-text-table.txt" text.txt
bdb import --label "necro post" text.txt
expect_rc 0 "import with --label"
expect_eq "$(sql "SELECT count(*) FROM summary WHERE label = 'necro post'")" 9 "--label names every run"

# A framework in the metadata does not: each row keeps its own name.
cp "$F/seed002__derived-wrk.csv" derived.csv
bdb import --framework python derived.csv
expect_rc 0 "import with --framework"
expect_eq "$(sql "SELECT label FROM summary WHERE rps = 17177.5")" "FastAPI + uvicorn" \
    "row name over framework default"

# Outputs whose parser names no run keep the file-name label.
cp "$SRC/results/lihil-2025/02-asyncio.txt" asyncio-wrk.txt
bdb import asyncio-wrk.txt
expect_rc 0 "import a wrk output"
expect_eq "$(sql "SELECT label || '/' || published FROM summary WHERE source_file = 'asyncio-wrk.txt'")" \
    "asyncio-wrk/0" "wrk run: file-name label, not published"

# A table without a throughput column is refused, with its line.
cp "$F/seed000__tab-no-throughput.txt" imports.txt
bdb import imports.txt
expect_rc 1 "refused table"
expect_match "$ERR" "imports.txt:4: published table without a throughput or request-count column" \
    "refusal names the header line"

# Rows without a leading bar whose name ends in "-1": each name stands
# once, so it is a cell, not a docker compose prefix.
printf 'name | rps | latency\n--- | --- | ---\napp-1 | 1200 | 3 ms\napp-2 | 900 | 4 ms\n' > replicas.md
bdb import replicas.md
expect_rc 0 "table with replica-like names"
expect_eq "$(sql "SELECT group_concat(label || '=' || rps, ' ') FROM (SELECT label, rps FROM summary WHERE source_file = 'replicas.md' ORDER BY run_id)")" \
    "app-1=1200.0 app-2=900.0" "replica-like names kept as labels"

finish
