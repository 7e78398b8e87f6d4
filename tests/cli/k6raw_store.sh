#!/bin/bash
# k6raw_store: raw k6 data through the real binary and the real sqlite3:
# histograms and per-second rows are stored (schema 002) and read back
# (`benchdb percentile` decodes the stored histogram), the source keeps
# its SHA-256, name and size but not its bytes, re-importing stores
# nothing, deleting a run takes its rows along, a version-1 database is
# migrated, and `percentile` refuses what it cannot answer.
#
# Environment (tests/CMakeLists.txt): BENCHDB, SRC, TMPROOT.
set -eu
: "${BENCHDB:?}" "${SRC:?}" "${TMPROOT:?}"
T="$TMPROOT/k6raw_store"
rm -rf "$T"
mkdir -p "$T"
DB="$T/db.sqlite"
FX="$SRC/tests/fixtures/k6raw"
ND="$FX/ndjson__MiguelFerreira18_Comparing_JSON_and_ProtoBuf__data-head-metric-first.ndjson"
SYN="$FX/synthetic__errors-groups-escapes-out-of-order.ndjson"
CSV="$FX/csv__grafana_k6-learn__slides-18col-tls.csv"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
q() { sqlite3 -batch "$DB" "$@"; }

"$BENCHDB" --db "$DB" -q import "$ND" "$ND.gz" "$SYN" "$CSV" || fail "import exited $?"
[ "$(q 'SELECT count(*) FROM run')" = 4 ] || fail "$(q 'SELECT count(*) FROM run') runs, not 4"

# Sources: digest, name and size kept, bytes not.
for spec in "1|$ND" "2|$ND.gz" "3|$SYN" "4|$CSV"; do
    id=${spec%%|*} f=${spec#*|}
    want="$(sha256sum "$f" | cut -d' ' -f1)|$(stat -c %s "$f")|1|$f"
    got=$(q "SELECT sha256, size_bytes, raw IS NULL, file_name FROM source WHERE source_id = $id")
    [ "$got" = "$want" ] || fail "source $id: $got, want $want"
done
[ "$(q 'SELECT gzipped FROM source WHERE source_id = 2')" = 1 ] || fail "source 2 not marked gzipped"

# Histograms: one per trend and one for expected_response:true, with
# their exact statistics beside them.
[ "$(q "SELECT count(*), sum(count), min(encoding), max(encoding) FROM run_histogram WHERE run_id = 1")" \
    = "12|24|benchdb-hdr1|benchdb-hdr1" ] || fail "run 1 histograms: $(q "SELECT count(*), sum(count) FROM run_histogram WHERE run_id = 1")"
[ "$(q "SELECT unit, count, min, max, length(data) > 30 FROM run_histogram
        WHERE run_id = 1 AND metric = 'http_req_duration'")" = "ms|2|7.558442|20.319739|1" ] ||
    fail "run 1 http_req_duration histogram row"
[ "$(q "SELECT unit, count, min, max FROM run_histogram WHERE run_id = 1 AND metric = 'response_size'")" \
    = "|2|460.0|460.0" ] || fail "run 1 response_size (unitless custom trend)"
[ "$(q "SELECT count, min, max, mean FROM run_histogram WHERE run_id = 3
        AND metric = 'http_req_duration{expected_response:true}'")" = "3|8.0|20.0|13.5" ] ||
    fail "run 3 expected_response:true histogram"
# The gzipped copy stores the same histograms, byte for byte.
[ "$(q "SELECT count(*) FROM run_histogram a JOIN run_histogram b ON b.metric = a.metric
        AND b.data = a.data WHERE a.run_id = 1 AND b.run_id = 2")" = 12 ] ||
    fail "the gzipped copy's histograms differ"

# Percentiles answered from the stored histograms: the stored p50..p99.99
# were computed at import from the same buckets.
"$BENCHDB" --db "$DB" percentile 3 0 50 99 100 > "$T/p3"
printf '%s\n' 'p0 = 0 ms' 'p50 = 8.03125 ms' 'p99 = 19.70125 ms' 'p100 = 20 ms' > "$T/p3.want"
diff -u "$T/p3.want" "$T/p3" || fail "percentile 3"
"$BENCHDB" --db "$DB" percentile 3 p50 '99.9%' --metric waiting_room > "$T/p3w"
printf '%s\n' 'p50 = 42' 'p99.9 = 42' > "$T/p3w.want"
diff -u "$T/p3w.want" "$T/p3w" || fail "percentile --metric waiting_room"

# The series, row by row as the golden dump has them.
q "SELECT second, requests, failed, p50_ms, p90_ms, p99_ms, vus FROM run_second
   WHERE run_id = 3 ORDER BY second" > "$T/series3"
printf '%s\n' '-1|0|0||||1' '0|1|0|12.5|12.5|12.5|' '1|2|2|1.5|2.7|2.97|7' '70|1|0|20.0|20.0|20.0|0' \
    > "$T/series3.want"
diff -u "$T/series3.want" "$T/series3" || fail "run 3 series"
[ "$(q "SELECT second, requests, failed, vus FROM run_second WHERE run_id = 4")" = "0|1|0|2" ] ||
    fail "run 4 (CSV) series"
[ "$(q "SELECT label, second, failed_pct FROM timeline WHERE run_id = 3 AND second = 1")" = \
    "synthetic__errors-groups-escapes-out-of-order|1|100.0" ] || fail "series view"
[ "$(q "SELECT count(*) FROM run_second WHERE run_id = 1 AND failed IS NULL")" = 0 ] ||
    fail "run 1 has http_req_failed: no NULL failed"
[ "$(q "SELECT count(*) FROM run_second WHERE run_id = 4 AND requests IS NULL")" = 0 ] ||
    fail "run 4 requests"

# Headline and the summary/latency views as for any run.
[ "$(q "SELECT requests, latency_p50_ms, latency_p99_ms, failed_pct FROM summary WHERE run_id = 3")" \
    = "4|8.03125|19.70125|50.0" ] || fail "summary view of run 3"
[ "$(q "SELECT count(*) FROM latency WHERE run_id = 1")" = 7 ] || fail "latency view of run 1"

# Importing again stores nothing.
before=$(q 'SELECT (SELECT count(*) FROM run), (SELECT count(*) FROM run_histogram), (SELECT count(*) FROM run_second)')
out=$("$BENCHDB" --db "$DB" import "$ND.gz")
case "$out" in *"already imported"*) ;; *) fail "re-import: $out" ;; esac
[ "$(q 'SELECT (SELECT count(*) FROM run), (SELECT count(*) FROM run_histogram), (SELECT count(*) FROM run_second)')" \
    = "$before" ] || fail "re-import stored something"

# Deleting a run takes its histograms and series along.
q "PRAGMA foreign_keys = ON; DELETE FROM run WHERE run_id = 2"
[ "$(q 'SELECT count(*) FROM run_histogram WHERE run_id = 2')|$(q 'SELECT count(*) FROM run_second WHERE run_id = 2')" \
    = "0|0" ] || fail "delete did not cascade"

# percentile refuses what it cannot answer.
expect() { # expect STATUS MESSAGE-PART ARGS...
    local want=$1 part=$2
    shift 2
    set +e
    "$BENCHDB" --db "$DB" percentile "$@" > "$T/out" 2> "$T/err"
    local rc=$?
    set -e
    [ "$rc" = "$want" ] || fail "percentile $*: exit $rc, want $want"
    grep -qF -- "$part" "$T/err" || fail "percentile $*: no '$part' in: $(cat "$T/err")"
}
expect 2 "expected a run ID and at least one percentile" 1
expect 2 "is not a percentile" 1 101
expect 2 "is not a percentile" 1 fast
expect 2 "is not a run ID" x 50
expect 2 "unknown option" 1 50 --bogus
expect 1 "no run 99" 99 50
expect 1 "has no histogram of nope (it has: http_req_duration, " 1 50 --metric nope

# A run from a summary has no stored distribution.
cat > "$T/wrk.txt" << 'EOF'
Running 10s test @ http://127.0.0.1:8080/
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   141.10us   28.93us 508.00us   71.74%
    Req/Sec    34.24k   487.51    35.74k    76.73%
  688132 requests in 10.10s, 101.72MB read
Requests/sec:  68133.61
Transfer/sec:     10.07MB
EOF
"$BENCHDB" --db "$DB" -q import "$T/wrk.txt"
wid=$(q "SELECT max(run_id) FROM run WHERE tool = 'wrk'")
expect 1 "has no stored distribution" "$wid" 50

# A version-1 database gets migration 2 on open, its runs untouched.
V1="$T/v1.sqlite"
sqlite3 "$V1" < "$SRC/schema/001_init.sql"
sqlite3 "$V1" "PRAGMA user_version = 1;
    INSERT INTO source (sha256, file_name, size_bytes, format, imported_at)
    VALUES ('00', 'old.txt', 1, 'wrk', '2024-01-01T00:00:00Z');
    INSERT INTO run (source_id, seq, label, tool, format, state, requests, imported_at)
    VALUES (1, 1, 'old', 'wrk', 'wrk', 'ok', 5, '2024-01-01T00:00:00Z');"
"$BENCHDB" --db "$V1" -q list > /dev/null
latest=$("$BENCHDB" --version | sed 's/.*(schema \([0-9]*\),.*/\1/')
[ "$(sqlite3 "$V1" 'PRAGMA user_version')" = "$latest" ] || fail "v1 database not migrated"
[ "$(sqlite3 "$V1" "SELECT count(*) FROM sqlite_schema WHERE name IN ('run_histogram', 'run_second', 'timeline')")" \
    = 3 ] || fail "migration 2 objects missing"
[ "$(sqlite3 "$V1" 'SELECT label, requests FROM run')" = "old|5" ] || fail "v1 run changed"
"$BENCHDB" --db "$V1" -q import "$CSV"
[ "$(sqlite3 "$V1" 'SELECT count(*) FROM run_histogram')" = 8 ] || fail "import into a migrated database"

[ "$fails" = 0 ] || { echo "k6raw_store: $fails failure(s)" >&2; exit 1; }
echo "k6raw_store: ok"
