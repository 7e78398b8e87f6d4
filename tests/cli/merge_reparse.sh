# merge_reparse.sh - merge: runs from another database, duplicates skipped,
# shared records merged by content; reparse: stored outputs read again.
. "$(dirname "$0")/lib.sh"

R="$SRC/results/lihil-2025"
A="$T_DIR/a.sqlite"
B="$T_DIR/b.sqlite"
"$BENCHDB" --db "$A" -q import "$R/01-axum.txt" "$R/02-asyncio.txt" "$R/03-uvicorn.txt"
"$BENCHDB" --db "$B" -q import "$R/02-asyncio.txt" "$R/03-uvicorn.txt" "$R/04-starlette.txt"
"$BENCHDB" --db "$B" -q import --tag machine=b --host-name other --cpu-model "Other CPU" "$R/05-fastapi.txt"
"$BENCHDB" --db "$B" -q tag 3 reviewed=yes
DB="$A"
bdb merge "$B"
expect_rc 0 "merge"
expect_eq "$OUT" "$B: 2 sources (2 runs) added, 2 already here" "merge summary"
expect_eq "$(sql 'SELECT count(*) FROM run')" 5 "five runs after the merge"
expect_eq "$(sql "SELECT count(*) FROM stack WHERE framework = 'asyncio'")" 1 "the stack stayed one record"
expect_eq "$(sql "SELECT count(*) FROM campaign")" 1 "the campaign stayed one record"
expect_eq "$(sql "SELECT cpu_model FROM summary WHERE label = 'FastAPI'")" "Other CPU" "host of the merged run"
expect_eq "$(sql "SELECT value FROM run_tag JOIN run USING (run_id) WHERE label = 'FastAPI'")" "b" "tags merged"
expect_eq "$(sql "SELECT value FROM run_tag JOIN run USING (run_id) WHERE label = 'Starlette' AND key = 'reviewed'")" \
    "yes" "tags added after import merged"
# Nothing lost: the merged run says everything it said in B.
s_a=$("$BENCHDB" --db "$A" export --json --where label=Starlette | jq -S '.[0] | del(.run_id)')
s_b=$("$BENCHDB" --db "$B" export --json --where label=Starlette | jq -S '.[0] | del(.run_id)')
expect_eq "$s_a" "$s_b" "a merged run is the same run"
cmp -s <("$BENCHDB" --db "$A" show --raw "$(sql "SELECT run_id FROM summary WHERE label='Starlette'")") "$R/04-starlette.txt" \
    || fail "raw text merged verbatim"
expect_eq "$(sql "SELECT imported_at FROM source WHERE file_name LIKE '%04-starlette.txt'")" \
    "$(sqlite3 "$B" "SELECT imported_at FROM source WHERE file_name LIKE '%04-starlette.txt'")" "original import time kept"
# Again: everything is a duplicate; B itself is unchanged.
before=$(sqlite3 "$B" .dump | sha256sum)
bdb merge "$B"
expect_eq "$OUT" "$B: 0 sources (0 runs) added, 4 already here" "merging again adds nothing"
expect_eq "$(sqlite3 "$B" .dump | sha256sum)" "$before" "the other database is only read"
# Tags given in B to runs A already has: added where A lacks them; where
# both have the tag with different values, A's value stays, and merge says so.
b_async=$(sqlite3 "$B" "SELECT run_id FROM run WHERE label = 'asyncio'")
a_async=$(sql "SELECT run_id FROM run WHERE label = 'asyncio'")
"$BENCHDB" --db "$B" -q tag "$b_async" reviewed=yes round=2
"$BENCHDB" --db "$A" -q tag "$a_async" round=1
ntags=$(sql "SELECT count(*) FROM run_tag")
bdb merge "$B"
expect_rc 0 "merge of tags"
expect_eq "$OUT" "run $a_async: tag round kept 1 ($B has 2)
$B: 0 sources (0 runs) added, 4 already here; 1 tag added to runs already here, 1 kept with this database's value" \
    "merge names the conflict and counts the tags"
expect_eq "$(sql "SELECT group_concat(key || '=' || value, ',') FROM (SELECT key, value FROM run_tag WHERE run_id = $a_async ORDER BY key)")" \
    "reviewed=yes,round=1" "the missing tag added, A's value kept"
expect_eq "$(sql "SELECT count(*) FROM run_tag")" $((ntags + 1)) "one tag added, no other run got one"
bdb merge "$B"
expect_eq "$OUT" "run $a_async: tag round kept 1 ($B has 2)
$B: 0 sources (0 runs) added, 4 already here; 0 tags added to runs already here, 1 kept with this database's value" \
    "again: nothing more to add"
# Bad files.
printf 'not a database' > junk.sqlite
bdb merge junk.sqlite
expect_rc 1 "merge of a non-database"
sqlite3 empty.sqlite "CREATE TABLE t (x)"
bdb merge empty.sqlite
expect_rc 1 "merge of a database that is not benchdb's"
expect_match "$ERR" "not a benchdb database" "says why"
bdb merge
expect_rc 2 "merge without a file"

# reparse: a figure an older parser missed, and one it got wrong, are
# restored from the stored raw text; metadata and tags stay.
id=$(sql "SELECT run_id FROM summary WHERE label = 'Uvicorn'")
"$BENCHDB" --db "$A" -q tag "$id" kept=1
sql "UPDATE run SET rps = 1 WHERE run_id = $id;
     DELETE FROM run_figure WHERE run_id = $id AND metric = 'transfer_per_sec'" >/dev/null
bdb reparse --dry-run
expect_match "$OUT" "run $id \(.*03-uvicorn.txt\): 3 lines of its figures changed \(dry run\)" "dry run reports"
expect_match "$OUT" "  - rps = 1" "old value shown"
expect_match "$OUT" "  \+ rps = 46425.59" "new value shown"
expect_match "$OUT" "  \+ figure transfer_per_sec value = 7990149.12 B/s \[7.62MB\]" "restored figure shown"
expect_eq "$(sql "SELECT rps FROM run WHERE run_id = $id")" 1.0 "dry run wrote nothing"
bdb reparse
expect_rc 0 "reparse"
expect_match "$OUT" "5 sources read again: 1 run changed, 4 unchanged, 0 new, 0 not found" "reparse summary"
expect_eq "$(sql "SELECT rps FROM run WHERE run_id = $id")" 46425.59 "rps restored"
expect_eq "$(sql "SELECT printed FROM run_figure WHERE run_id = $id AND metric = 'transfer_per_sec'")" 7.62MB "figure restored"
expect_eq "$(sql "SELECT value FROM run_tag WHERE run_id = $id AND key = 'kept'")" 1 "tags kept"
expect_eq "$(sql "SELECT campaign FROM summary WHERE run_id = $id")" "How fast can a Python web framework be" "metadata kept"
bdb reparse
expect_match "$OUT" "0 runs changed, 5 unchanged" "reparse again changes nothing"
finish
