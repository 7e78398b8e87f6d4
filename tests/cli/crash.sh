# crash.sh - imports killed with SIGKILL while they write: the database
# stays consistent (integrity_check ok) and no run is half-stored.
#
# Each of 20 rounds imports files the database does not hold yet: real
# fixtures, each with a line naming its round appended (its SHA-256 is
# new): every kill meets an import that has work to do, not one skipping
# files it already stored. A reference database gets a clean
# import of each round first, watched through /proc/PID/io for the bytes
# it writes; the test database then imports the same round and is killed
# once it has written a random part (under 60%) of that, so the kill lands at
# a random moment of the writing however busy the machine is (a timer
# does not: process start-up alone varies tenfold under load). After each
# kill, every source stored must match the clean import of the same bytes
# run by run and row by row in count. At least 15 of the 20 kills must
# have landed in an import that had not finished: the process was still
# running (killed, not exited) and the round was not all stored. Finally
# the interrupted rounds import completely.
. "$(dirname "$0")/lib.sh"

rounds=20
REF="$T_DIR/ref.sqlite"

# Candidates: every tool's fixtures, except JSON reports (a line after
# them is not JSON) and the notes beside them.
cands=()
for tool in ab autocannon bombardier h2load hey k6 oha published vegeta wrk wrk2; do
    for f in "$SRC/tests/fixtures/$tool"/*; do
        case $f in
        *.expected | *.json | */SOURCES.md) ;;
        *) cands+=("$f") ;;
        esac
    done
done

# copy ROUND FIXTURE DIR: the fixture, with the round's line after it
# (read and written by the shell itself: hundreds of cat(1) forks are
# slow on a busy machine).
copy() {
    local tool=${2%/*} text
    IFS= read -r -d '' text < "$2"
    printf '%s\n# crash.sh round %s\n' "$text" "$1" > "$3/${tool##*/}-${2##*/}"
}

# Fixtures import refuses (a refused port, a table without throughput)
# would fail the final batch: those a clean import refuses are left out.
mkdir -p trial
for f in "${cands[@]}"; do copy trial "$f" trial; done
"$BENCHDB" --db trial.sqlite -q import trial > /dev/null 2> trial.err
pool=()
for f in "${cands[@]}"; do
    tool=${f%/*}
    grep -qF "benchdb: trial/${tool##*/}-${f##*/}:" trial.err || pool+=("$f")
done
[ "${#pool[@]}" -ge 80 ] || fail "only ${#pool[@]} fixtures import cleanly"

# Round R holds every 4th fixture, starting at R mod 4: some 25 files.
for r in $(seq -w 1 $rounds); do
    mkdir -p "in/r$r"
    for i in "${!pool[@]}"; do
        if [ $(((i + 10#$r) % 4)) -eq 0 ]; then
            copy "$r" "${pool[$i]}" "in/r$r"
        fi
    done
done

runs() {
    if [ -f "$1" ]; then sqlite3 -batch "$1" 'SELECT count(*) FROM run'; else echo 0; fi
}

# shape DB: one row per run of each source DB holds (one with a NULL seq
# for a source without runs): its figures and row counts per table.
shape() {
    local d=$1 t
    local cols="s.sha256, r.seq, r.state, r.requests, r.rps"
    for t in run_figure run_percentile run_threshold run_check run_count \
             run_param run_bucket run_tag run_histogram run_second; do
        cols="$cols, (SELECT count(*) FROM $d.$t x WHERE x.run_id = r.run_id)"
    done
    echo "SELECT $cols FROM $d.source s LEFT JOIN $d.run r ON r.source_id = s.source_id"
}

# The runs stored in $DB that differ from the clean import of the same
# source, or are missing from it: none.
not_whole_sql() {
    echo "ATTACH '$REF' AS ref;
        SELECT (SELECT count(*) FROM (
                    SELECT * FROM ($(shape main))
                    EXCEPT SELECT * FROM ($(shape ref))))
             + (SELECT count(*) FROM (
                    SELECT * FROM ($(shape ref)) WHERE sha256 IN (SELECT sha256 FROM main.source)
                    EXCEPT SELECT * FROM ($(shape main))));"
}

# Both databases begin with the same run, so both exist before any kill.
for d in "$REF" "$DB"; do
    "$BENCHDB" --db "$d" -q import "$SRC/results/piterpy-2023/05-fastapi-granian.txt" > /dev/null ||
        fail "the first import"
done

# io PID: WROTE, the bytes process PID has written so far (the WAL and the
# database file: with -q it prints nothing), from /proc without forking.
WROTE=0
io() {
    local k v
    while read -r k v; do
        if [ "$k" = wchar: ]; then WROTE=$v; return 0; fi
    done 2> /dev/null < "/proc/$1/io"
    return 1
}

interrupted=0 midway=0 before=$(runs "$DB")
for r in $(seq -w 1 $rounds); do
    # The clean import, watched: the bytes it wrote (all but the last few,
    # written after the last look).
    before_ref=$(runs "$REF")
    "$BENCHDB" --db "$REF" -q import "in/r$r" > /dev/null 2> ref.err &
    pid=$!
    total=0
    while io $pid; do total=$WROTE; done
    wait $pid || fail "round $r: the clean import: $(cat ref.err)"
    [ "$total" -gt 0 ] || fail "round $r: no bytes written seen in /proc/$pid/io"
    want=$(($(runs "$REF") - before_ref))

    # The kill: when the import has written a random part of that, short
    # of the last 40% (much of which is the WAL copied back into the
    # database as the import closes, after its last commit).
    at=$((total * (RANDOM % 60) / 100))
    "$BENCHDB" --db "$DB" -q import "in/r$r" > /dev/null 2>&1 &
    pid=$!
    while io $pid && [ "$WROTE" -lt "$at" ]; do :; done
    kill -KILL "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    rc=$?
    # One sqlite3 for the runs stored, integrity_check, and the runs not
    # as a clean import stores them.
    { read -r now; read -r integrity; read -r bad; } < <(sqlite3 -batch "$DB" \
        "SELECT count(*) FROM run; PRAGMA integrity_check; $(not_whole_sql)")
    got=$((now - before))
    if [ "$rc" -eq 137 ] && [ "$got" -lt "$want" ]; then
        interrupted=$((interrupted + 1))
        [ "$got" -gt 0 ] && midway=$((midway + 1))
    fi
    [ -n "${CRASH_VERBOSE:-}" ] && echo "round $r: clean import wrote $total bytes, killed after $WROTE (target $at), status $rc, $got of $want runs"
    expect_eq "$integrity" ok "kill $r: integrity"
    expect_eq "$bad" 0 "kill $r: every stored run as a clean import stores it"
    before=$now
done
echo "crash: $interrupted of $rounds kills interrupted an import ($midway after some of its runs were stored)"
[ "$interrupted" -ge 15 ] || fail "only $interrupted of $rounds kills landed in an unfinished import"

# What was killed imports completely afterwards.
bdb import in
expect_rc 0 "the interrupted rounds complete"
expect_eq "$(runs "$DB")" "$(runs "$REF")" "every run of every round, none twice"
expect_eq "$(sql "$(not_whole_sql)")" 0 "every run as a clean import stores it"
finish
