# housekeeping.sh - tag, delete, export.
. "$(dirname "$0")/lib.sh"

R="$SRC/results/lihil-2025"
bdb import "$R"
a=$(sql "SELECT run_id FROM summary WHERE label = 'asyncio'")
u=$(sql "SELECT run_id FROM summary WHERE label = 'Uvicorn'")

# tag: set, overwrite, remove; values with quotes and SQL stay verbatim.
bdb tag "$a" "$u" round=1 "note=it's; DROP TABLE run; --"
expect_rc 0 "tag two runs"
bdb tag "$a" round=2 --remove note
expect_rc 0 "retag and remove"
expect_eq "$(sql "SELECT group_concat(key || '=' || value, ',') FROM run_tag WHERE run_id = $a")" "round=2" "tags of asyncio"
expect_eq "$(sql "SELECT value FROM run_tag WHERE run_id = $u AND key = 'note'")" "it's; DROP TABLE run; --" "tag kept verbatim"
expect_eq "$(sql 'SELECT count(*) FROM run')" 7 "nothing executed from a tag"
bdb list --tag round=1 --json
expect_eq "$(printf '%s' "$OUT" | jq -r 'map(.label) | join(",")')" "Uvicorn" "list --tag"
bdb tag 999 x=1
expect_rc 1 "tag of a missing run"
bdb tag "$a"
expect_rc 2 "tag without a tag"

# export --csv: header of summary columns plus tags; numbers exact.
bdb export --csv --where "label=asyncio"
expect_rc 0 "export --csv"
expect_eq "$(printf '%s\n' "$OUT" | head -1 | tr -d '\r' | cut -d, -f1-5)" "run_id,campaign,scenario,label,framework" "csv header"
row=$(printf '%s\n' "$OUT" | sed -n 2p | tr -d '\r')
expect_match "$row" "^$a,How fast can a Python web framework be,POST /user JSON echo,asyncio,asyncio," "csv row"
expect_match "$row" ",104379\.61," "csv rps exact"
expect_match "$row" ",round=2$" "csv tags column"
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 2 "one row exported"
bdb export --csv --tag round=1 -o out.csv
expect_eq "$(tail -n 1 out.csv | tr -d '\r' | sed 's/.*,note=/note=/')" "note=it's; DROP TABLE run; --;round=1" "csv tags sorted, verbatim"
printf 'x' | bdb tag "$u" 'comma=a,b "q"'
bdb export --csv --tag round=1 -o out.csv
expect_match "$(tail -n 1 out.csv | tr -d '\r')" ',"comma=a,b ""q"";note=' "csv quotes a field with a comma and doubles quotes"

# export --json: everything show --json says, as an array.
bdb export --json
expect_eq "$(printf '%s' "$OUT" | jq 'length')" 7 "export --json has every run"
bdb show --json "$a"
expect_eq "$(printf '%s' "$OUT" | jq -S .)" "$("$BENCHDB" --db "$DB" export --json --id "$a" | jq -S '.[0]')" \
    "export --json is show --json"
bdb export
expect_rc 2 "export needs a format"

# delete: the run, its figures, its source when no run is left; the file
# can then be imported again.
figs=$(sql "SELECT count(*) FROM run_figure WHERE run_id = $a")
[ "$figs" -gt 0 ] || fail "asyncio has figures"
bdb delete "$a" 999
expect_rc 1 "delete with a missing id"
expect_match "$ERR" "no run 999" "delete names the missing run"
expect_eq "$(sql "SELECT count(*) FROM run_figure WHERE run_id = $a")" 0 "figures deleted"
expect_eq "$(sql 'SELECT count(*) FROM run')" 6 "one run fewer"
expect_eq "$(sql 'SELECT count(*) FROM source')" 6 "its source gone"
expect_eq "$(sql "SELECT count(*) FROM stack WHERE framework = 'asyncio'")" 0 "its stack pruned"
bdb import "$R/02-asyncio.txt"
expect_match "$OUT" "1 imported" "a deleted run's file imports again"
bdb delete 3-4
expect_rc 0 "delete a range"
expect_eq "$(sql 'SELECT count(*) FROM run WHERE run_id BETWEEN 3 AND 4')" 0 "range deleted"
finish
