# crash.sh - imports killed with SIGKILL at random moments: the database
# stays consistent (integrity_check ok) and no run is half-stored.
. "$(dirname "$0")/lib.sh"

base="$SRC/results/piterpy-2023/05-fastapi-granian.txt"
mkdir -p in
for i in $(seq 1 300); do
    sed "s/^data_sent.*/data_sent.....: $i.0 MB 114 kB\/s/" "$base" > "in/r$i.txt"
done
"$BENCHDB" --db "$DB" -q import "in/r1.txt"
per_run=$(sql 'SELECT count(*) FROM run_figure WHERE run_id = 1')
per_pct=$(sql 'SELECT count(*) FROM run_percentile WHERE run_id = 1')

for k in $(seq 1 20); do
    "$BENCHDB" --db "$DB" -q import in > /dev/null 2>&1 &
    pid=$!
    # Somewhere in the first ~60 ms: opening, mid-file, between files.
    sleep "0.0$(( RANDOM % 6 ))$(( RANDOM % 10 ))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    expect_eq "$(sql 'PRAGMA integrity_check')" ok "kill $k: integrity"
    half=$(sql "SELECT count(*) FROM run r WHERE
                  (SELECT count(*) FROM run_figure f WHERE f.run_id = r.run_id) <> $per_run
               OR (SELECT count(*) FROM run_percentile p WHERE p.run_id = r.run_id) <> $per_pct")
    expect_eq "$half" 0 "kill $k: every stored run is whole"
    expect_eq "$(sql 'SELECT count(*) FROM source s WHERE NOT EXISTS (SELECT 1 FROM run r WHERE r.source_id = s.source_id)')" \
        0 "kill $k: no source without its run"
done
# What was killed imports completely afterwards.
bdb import in
expect_rc 0 "the interrupted batch completes"
expect_eq "$(sql 'SELECT count(*) FROM run')" 300 "300 runs, none twice"
finish
