# readme.sh - the README stays true: its metadata table is what
# `benchdb help meta` prints, its Quick start has exactly two commands,
# every command the README's command table names exists, and its import
# examples run as written (real fixtures under the names they use).
. "$(dirname "$0")/lib.sh"

README="$SRC/README.md"
"$BENCHDB" help meta | tail -n +5 > help-meta.txt
awk '/^JSON key  /{p=1} p&&/^```/{exit} p' "$README" > readme-meta.txt
if ! diff -u readme-meta.txt help-meta.txt >meta.diff; then
    fail "README metadata table differs from benchdb help meta: $(cat meta.diff)"
fi

qs=$(awk '/^## Quick start/{p=1} p&&/^```sh/{q=1;next} q&&/^```/{exit} q' "$README" | grep -v '^#' | grep -c .)
expect_eq "$qs" 2 "Quick start has exactly two commands"

for c in $(awk '/^\| command \| what it does/{p=1;next} p&&/^\|/{print} p&&!/^\|/{exit}' "$README" \
          | sed -n 's/^| `\([a-z]*\).*/\1/p'); do
    bdb help "$c"
    expect_rc 0 "README names command $c"
done
# The import examples, word for word: options after the file too.
awk '/^### import/{p=1} p&&/^```$/{if(q)exit; q=1; next} q' "$README" > import-examples.sh
expect_eq "$(grep -c '^benchdb import' import-examples.sh)" 3 "README has three import examples"
mkdir results
cp "$SRC"/results/lihil-2025/01-axum.txt "$SRC"/results/lihil-2025/02-asyncio.txt results/
cp "$SRC/tests/fixtures/k6/derived__adarsh1021_simple-benchmarks__negative-ns-durations-ansi-crlf-compose.txt" k6-output.txt
cp "$SRC/tests/fixtures/wrk/TechEmpower_FrameworkBenchmarks__issue117-2013-making-requests.txt" wrk.txt
benchdb() { "$BENCHDB" --db "$DB" "$@"; }
n=0
while IFS= read -r cmd; do
    n=$((n + 1))
    eval "$cmd" > "example$n.out" 2>&1 || fail "README example '$cmd' failed: $(cat "example$n.out")"
done < import-examples.sh
expect_eq "$(sql "SELECT label || '|' || source_file FROM summary ORDER BY run_id" | tr '\n' ' ')" \
    "01-axum|results/01-axum.txt 02-asyncio|results/02-asyncio.txt fastapi + granian|k6-output.txt stdin|- " \
    "runs of the README's import examples"
expect_eq "$(sql "SELECT tool || '|' || framework || '|' || server || '|' || workers || '|' || rps
                  FROM summary WHERE source_file = 'k6-output.txt'")" \
    "k6|fastapi|granian|4|2786.225052" "README example: flags after the file"
expect_eq "$(sql "SELECT key || '=' || value FROM run_tag JOIN run USING (run_id)
                  JOIN source USING (source_id) WHERE file_name = 'k6-output.txt'")" \
    "round=2" "README example: --tag after the file"
expect_eq "$(sql "SELECT tool || '|' || requests || '|' || rps FROM summary WHERE source_file = '-'")" \
    "wrk|100000|13769.23" "README example: standard input"
finish
