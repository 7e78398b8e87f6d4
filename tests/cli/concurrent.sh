# concurrent.sh - four importers writing one new database at the same
# time, 200 files each: 800 runs afterwards, none twice, no "database is
# locked" reaching the user.
. "$(dirname "$0")/lib.sh"

base="$SRC/results/lihil-2025/04-starlette.txt"
for p in 1 2 3 4; do
    mkdir -p "f$p"
    for i in $(seq 1 200); do
        sed "s/^Transfer\/sec: .*/Transfer\/sec: $p.$i MB/" "$base" > "f$p/r$i.txt"
    done
done
# The same 50 files in two batches too: racing duplicates.
mkdir -p dup && cp f1/r1*.txt dup/

for round in 1 2 3; do
    rm -f "$DB" "$DB-wal" "$DB-shm"
    for p in 1 2 3 4; do
        "$BENCHDB" --db "$DB" -q import "f$p" > "out$p" 2> "err$p" &
    done
    "$BENCHDB" --db "$DB" -q import dup > outd 2> errd &
    wait
    errors=$(cat err1 err2 err3 err4 errd)
    expect_eq "$errors" "" "round $round: no error reaches the user"
    expect_eq "$(sql 'SELECT count(*) FROM run')" 800 "round $round: 800 runs"
    expect_eq "$(sql 'SELECT count(*) FROM (SELECT sha256 FROM source GROUP BY sha256 HAVING count(*) > 1)')" 0 \
        "round $round: no source twice"
    expect_eq "$(sql 'SELECT count(DISTINCT source_id) FROM run')" 800 "round $round: one run per source"
    expect_eq "$(sql 'PRAGMA integrity_check')" ok "round $round: integrity"
done
finish
