# safety.sh - SQL in values stays text; a read-only database, a missing
# directory and a failing disk give clear errors and leave the database
# as it was.
. "$(dirname "$0")/lib.sh"

R="$SRC/results/lihil-2025"
evil="x'); DROP TABLE run; --"
bdb import --framework "$evil" --label "a\"b;-- SELECT" --tag "k'=v;DELETE FROM run" \
    --scenario "1 OR 1=1" "$R/01-axum.txt"
expect_rc 0 "import with SQL-looking metadata"
bdb import "$R/02-asyncio.txt"
expect_eq "$(sql 'SELECT count(*) FROM run')" 2 "nothing was executed"
expect_eq "$(sql 'SELECT framework FROM summary WHERE run_id = 1')" "$evil" "framework stored verbatim"
expect_eq "$(sql 'SELECT label FROM summary WHERE run_id = 1')" 'a"b;-- SELECT' "label stored verbatim"
expect_eq "$(sql "SELECT key || '|' || value FROM run_tag")" "k'|v;DELETE FROM run" "tag stored verbatim"
bdb list --json --where "framework=$evil"
expect_eq "$(printf '%s' "$OUT" | jq -r 'map(.run_id) | join(",")')" 1 "--where matches it verbatim"
bdb list --json --where "label~;--" --where "scenario=1 OR 1=1"
expect_eq "$(printf '%s' "$OUT" | jq -r 'map(.run_id) | join(",")')" 1 "contains and equals, bound"
bdb list --json --scenario "' OR ''='"
expect_eq "$(printf '%s' "$OUT" | jq -r 'length')" 0 "a quote trick matches nothing"
bdb list --where "rps) OR (1=1=5"
expect_rc 2 "a column name is checked, never pasted"
expect_match "$ERR" "no column \"rps\) OR \(1\" in summary" "the bad column named"
bdb list --sort "rps; DROP TABLE run"
expect_rc 2 "a sort column is checked"
expect_eq "$(sql 'SELECT count(*) FROM run')" 2 "still two runs"
bdb compare "$evil" asyncio --by framework
expect_rc 0 "compare --by with SQL in the value"

# Read-only: another user may read a database but not write it (root
# only: it takes a second user).
before=$(db_digest)
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
    chmod 755 "$T_DIR"
    as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    out=$(as_nobody "$BENCHDB" --db "$DB" list 2>&1)
    expect_match "$out" "axum|asyncio" "a read-only database can be listed"
    out=$(as_nobody "$BENCHDB" --db "$DB" import "$R/03-uvicorn.txt" 2>&1)
    rc=$?
    expect_eq "$rc" 3 "importing into a read-only database"
    expect_match "$out" "database .*test.sqlite: is read-only" "says it is read-only"
    out=$(as_nobody "$BENCHDB" --db "$DB" tag 1 a=b 2>&1)
    expect_match "$out" "is read-only" "tag on a read-only database"
    expect_eq "$(db_digest)" "$before" "the read-only database is unchanged"
else
    echo "read-only checks need root and setpriv; skipped" >&2
fi

# Read-only for the very user running benchdb (no second user needed): a
# copy of the database without write permission, in a directory that is
# writable (SQLite makes its -wal and -shm beside it) and then in one that
# is not. Root passes permission checks, so as root benchdb runs with no
# capabilities at all (setpriv), which makes the mode bits bind it too.
if [ "$(id -u)" != 0 ]; then
    as_self() { "$@"; }
elif command -v setpriv >/dev/null; then
    as_self() { setpriv --bounding-set=-all --inh-caps=-all "$@"; }
else
    as_self() { fail "as root, the read-only checks need setpriv"; return 3; }
fi
mkdir ro
sqlite3 "$DB" "VACUUM INTO 'ro/ro.sqlite'"
chmod 444 ro/ro.sqlite
ro_digest=$(sqlite3 -readonly ro/ro.sqlite .dump | sha256sum)
for dir_mode in 755 555; do
    chmod "$dir_mode" ro
    out=$(as_self "$BENCHDB" --db ro/ro.sqlite list 2>&1)
    expect_match "$out" "axum|asyncio" "dir $dir_mode: a read-only database can be listed"
    out=$(as_self "$BENCHDB" --db ro/ro.sqlite import "$R/03-uvicorn.txt" 2>&1)
    rc=$?
    expect_eq "$rc" 3 "dir $dir_mode: importing into a read-only database"
    expect_match "$out" "database ro/ro.sqlite: is read-only" "dir $dir_mode: says it is read-only"
    out=$(as_self "$BENCHDB" --db ro/ro.sqlite tag 1 a=b 2>&1)
    rc=$?
    expect_eq "$rc" 3 "dir $dir_mode: tag on a read-only database"
    expect_match "$out" "is read-only" "dir $dir_mode: tag says it is read-only"
    expect_eq "$(sqlite3 -readonly ro/ro.sqlite .dump | sha256sum)" "$ro_digest" \
        "dir $dir_mode: the read-only database is unchanged"
done
chmod 755 ro

# A directory that does not exist.
bdb --db "$T_DIR/no/such/dir/x.sqlite" import "$R/03-uvicorn.txt"
expect_rc 3 "a missing directory"
expect_match "$ERR" "no/such/dir/x.sqlite: unable to open database file" "names the database"

# A write that fails (the file-size limit stands in for a full disk).
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
before=$(db_digest)
out=$( (trap '' XFSZ; ulimit -f 8; "$BENCHDB" --db "$DB" import "$SRC/results/piterpy-2023/01-aiohttp.txt") 2>&1)
rc=$?
expect_eq "$rc" 3 "a failing write"
expect_match "$out" "database .*: disk I/O error \(File too large\)" "the system's reason"
expect_eq "$(db_digest)" "$before" "the failed import left nothing"
expect_eq "$(sql 'PRAGMA integrity_check')" ok "integrity after a failed write"
bdb import "$SRC/results/piterpy-2023/01-aiohttp.txt"
expect_rc 0 "with room again, the file imports"
finish
