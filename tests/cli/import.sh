# import.sh - importing, duplicates, directories, stdin, list and show.
. "$(dirname "$0")/lib.sh"

R="$SRC/results/lihil-2025"
bdb import "$R"
expect_rc 0 "import a directory"
expect_match "$OUT" "7 files: 7 imported \(7 runs\), 0 duplicates, 0 refused" "import summary line"
expect_eq "$(sql 'SELECT count(*) FROM run')" 7 "seven runs"
expect_eq "$(sql 'SELECT count(*) FROM source')" 7 "seven sources"
expect_eq "$(sql "SELECT rps FROM summary WHERE label = 'asyncio'")" 104379.61 "asyncio rps as printed"
expect_eq "$(sql "SELECT requests FROM summary WHERE label = 'asyncio'")" 1054145 "asyncio requests"
expect_eq "$(sql "SELECT campaign FROM summary WHERE label = 'asyncio'")" \
    "How fast can a Python web framework be" "campaign from DIR/meta.json"

# The same bytes again store nothing and say so.
before=$(db_digest)
bdb import "$R/02-asyncio.txt"
expect_rc 0 "duplicate import"
expect_match "$OUT" "already imported \(same SHA-256 as source [0-9]+\), nothing stored" "duplicate message"
expect_match "$OUT" "1 file: 0 imported \(0 runs\), 1 duplicate, 0 refused" "duplicate summary"
expect_eq "$(db_digest)" "$before" "duplicate left the database unchanged"

# Same bytes under another name, from stdin: still a duplicate.
bdb import - < "$R/03-uvicorn.txt"
expect_match "$OUT" "1 duplicate" "stdin duplicate"
# New bytes from stdin: stored with file name "-", label "stdin".
sed 's/46425.59/46425.60/' "$R/03-uvicorn.txt" > changed.txt
bdb import - < changed.txt
expect_rc 0 "stdin import"
expect_eq "$(sql "SELECT label || '|' || source_file || '|' || rps FROM summary WHERE rps = 46425.6")" \
    "stdin|-|46425.6" "stdin run"

# The raw text is kept verbatim with its SHA-256.
id=$(sql "SELECT run_id FROM summary WHERE label = 'Starlette'")
bdb show --raw "$id"
"$BENCHDB" --db "$DB" show --raw "$id" > raw.out
cmp -s raw.out "$R/04-starlette.txt" || fail "show --raw is not the file byte for byte"
expect_eq "$(sql "SELECT sha256 FROM summary WHERE run_id = $id")" \
    "$(sha256sum "$R/04-starlette.txt" | cut -d' ' -f1)" "stored sha256 is the file's"
expect_eq "$(sql "SELECT length(raw) FROM source JOIN run USING (source_id) WHERE run_id = $id")" \
    "$(wc -c < "$R/04-starlette.txt")" "raw length"

# list: one line per run with id, campaign, label, tool, rps, p90, failed %.
bdb list --sort rps --reverse
expect_rc 0 "list"
expect_match "$(printf '%s\n' "$OUT" | sed -n 1p)" "^ +ID +CAMPAIGN +LABEL +TOOL +RPS +P90 ms +FAILED$" "list header"
expect_match "$(printf '%s\n' "$OUT" | sed -n 2p)" " asyncio +wrk +104379\.61 +- +0\.00%$" "list ranks asyncio first"
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 9 "list has a header and 8 rows"
bdb list --json --where 'rps>40000' --sort rps
expect_eq "$(printf '%s' "$OUT" | jq -r 'map(.label) | join(",")')" "Uvicorn,stdin,axum,asyncio" "list --json --where"
expect_eq "$(printf '%s' "$OUT" | jq -r '.[3].rps')" 104379.61 "list --json number"
bdb list --where 'nosuch=1'
expect_rc 2 "list --where on a missing column"
expect_match "$ERR" "no column \"nosuch\" in summary" "--where names the column"
bdb list --campaign 'nope'
expect_rc 0 "list of an empty campaign"

# show: every figure and the metadata; --json the same as JSON.
bdb show "$id"
expect_rc 0 "show"
expect_match "$OUT" "framework +starlette" "show stack"
expect_match "$OUT" "req_per_sec +avg +17800 /s +\(17\.80k\)" "show keeps Req/Sec as printed"
expect_match "$OUT" "sha256 +[0-9a-f]{64}" "show sha256"
bdb show --json "$id"
expect_eq "$(printf '%s' "$OUT" | jq -r '.figures.rps')" 35433.13 "show --json rps"
expect_eq "$(printf '%s' "$OUT" | jq -r '.stack.server')" uvicorn "show --json stack"
expect_eq "$(printf '%s' "$OUT" | jq -r '.metrics | map(select(.metric=="latency" and .stat=="avg")) | .[0].printed')" \
    278.60us "show --json printed text"
bdb show 999
expect_rc 1 "show of a missing run"
expect_match "$ERR" "no run 999" "show of a missing run message"
bdb show abc
expect_rc 2 "show of a non-number"
finish
