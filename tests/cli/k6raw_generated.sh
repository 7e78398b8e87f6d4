#!/bin/bash
# k6raw_generated: a k6 --out json file written here, deterministically,
# with 10,000 requests of known latencies in a shuffled order; the
# percentiles benchdb imports and answers (whole run, expected_response
# sub-metric, and every second of the series) must be within the
# histogram's error bound (1/256 = 0.39%) of the exact ones, k6's
# definition, computed here from the same values.
#
# Environment (tests/CMakeLists.txt): BENCHDB, SRC, TMPROOT.
set -eu
: "${BENCHDB:?}" "${TMPROOT:?}"
T="$TMPROOT/k6raw_generated"
rm -rf "$T"
mkdir -p "$T"
DB="$T/db.sqlite"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# Request i (0..9999) ends at 12:00:00 + i ms and lasts k*k/100000 ms,
# k = (i * 7919) % 10000 + 1: every k from 1 to 10000 once, shuffled
# (7919 is prime to 10000), so latencies span 0.00001 ms to 1000 ms.
# Every tenth request fails (status 503, expected_response false). A vus
# point per second holds second+1.
awk 'BEGIN {
    print "{\"type\":\"Metric\",\"data\":{\"name\":\"http_reqs\",\"type\":\"counter\",\"contains\":\"default\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"http_reqs\"}"
    print "{\"type\":\"Metric\",\"data\":{\"name\":\"http_req_duration\",\"type\":\"trend\",\"contains\":\"time\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"http_req_duration\"}"
    print "{\"type\":\"Metric\",\"data\":{\"name\":\"http_req_failed\",\"type\":\"rate\",\"contains\":\"default\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"http_req_failed\"}"
    print "{\"type\":\"Metric\",\"data\":{\"name\":\"vus\",\"type\":\"gauge\",\"contains\":\"default\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"vus\"}"
    for (i = 0; i < 10000; i++) {
        k = (i * 7919) % 10000 + 1
        t = sprintf("2025-05-13T12:00:%02d.%03d000000Z", int(i / 1000), i % 1000)
        bad = (i % 10 == 0)
        tags = sprintf("{\"expected_response\":\"%s\",\"method\":\"GET\",\"status\":\"%s\",\"url\":\"http://127.0.0.1:8080/\"}", bad ? "false" : "true", bad ? "503" : "200")
        if (i % 1000 == 0)
            printf "{\"metric\":\"vus\",\"type\":\"Point\",\"data\":{\"time\":\"%s\",\"value\":%d,\"tags\":{}}}\n", t, i / 1000 + 1
        printf "{\"metric\":\"http_reqs\",\"type\":\"Point\",\"data\":{\"time\":\"%s\",\"value\":1,\"tags\":%s}}\n", t, tags
        printf "{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{\"time\":\"%s\",\"value\":%.5f,\"tags\":%s}}\n", t, k * k / 100000, tags
        printf "{\"metric\":\"http_req_failed\",\"type\":\"Point\",\"data\":{\"time\":\"%s\",\"value\":%d,\"tags\":%s}}\n", t, bad, tags
        printf "%d %d %.5f\n", int(i / 1000), bad, k * k / 100000 > "/dev/stderr"
    }
}' > "$T/gen.ndjson" 2> "$T/values.txt"
[ "$(grep -c '"type":"Point"' "$T/gen.ndjson")" = 30010 ] || fail "generator wrote $(grep -c '"type":"Point"' "$T/gen.ndjson") points, not 30010"

# exact P... < sorted values: k6's percentile (interpolated between the
# two nearest ranks), one line per P.
exact() {
    awk -v ps="$*" '{ v[n++] = $1 } END {
        np = split(ps, p, " ")
        for (j = 1; j <= np; j++) {
            pos = p[j] / 100 * (n - 1); lo = int(pos); hi = (lo + 1 < n) ? lo + 1 : lo
            printf "%.10f\n", v[lo] + (v[hi] - v[lo]) * (pos - lo)
        }
    }'
}
# within GOT WANT: relative difference at most 1/256 (0.39%).
within() {
    awk -v g="$1" -v w="$2" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= w / 256 + 1e-12) }'
}
PS="0 1 25 50 75 90 95 99 99.9 99.99 100"

"$BENCHDB" --db "$DB" -q import "$T/gen.ndjson"
gzip -n -c "$T/gen.ndjson" > "$T/gen.ndjson.gz"
"$BENCHDB" --db "$DB" -q import "$T/gen.ndjson.gz"

# The whole run, plain and gzipped, by `benchdb percentile`.
awk '{ print $3 }' "$T/values.txt" | sort -g | exact $PS > "$T/want_all"
for id in 1 2; do
    "$BENCHDB" --db "$DB" percentile $id $PS > "$T/got_$id"
    [ "$(wc -l < "$T/got_$id")" = 11 ] || fail "run $id: $(wc -l < "$T/got_$id") lines from percentile"
    paste -d' ' "$T/got_$id" "$T/want_all" | while read -r pname eq value unit want; do
        [ "$unit" = ms ] || echo "FAIL: run $id: $pname unit '$unit'" >&2
        within "$value" "$want" || echo "FAIL: run $id: $pname = $value, exact $want" >&2
    done 2>> "$T/errors"
done
# p0 and p100 are the exact extremes.
grep -qx 'p0 = 0.00001 ms' "$T/got_1" || fail "p0 is not the exact minimum: $(head -1 "$T/got_1")"
grep -qx 'p100 = 1000 ms' "$T/got_1" || fail "p100 is not the exact maximum: $(tail -1 "$T/got_1")"
cmp -s "$T/got_1" "$T/got_2" || fail "the gzipped copy answers differently"

# The expected_response:true sub-histogram: the 9,000 requests that passed.
awk '$2 == 0 { print $3 }' "$T/values.txt" | sort -g | exact $PS > "$T/want_ok"
"$BENCHDB" --db "$DB" percentile 1 $PS --metric 'http_req_duration{expected_response:true}' > "$T/got_ok"
paste -d' ' "$T/got_ok" "$T/want_ok" | while read -r pname eq value unit want; do
    within "$value" "$want" || echo "FAIL: expected_response:true $pname = $value, exact $want" >&2
done 2>> "$T/errors"

# Headline figures: exact, not from the histogram.
row=$(sqlite3 "$DB" "SELECT requests, failed_requests, failed_pct, latency_min_ms, latency_max_ms,
    printf('%.6f', latency_avg_ms), duration_s, vus, state FROM run WHERE run_id = 1")
# sum of k*k/1e5 for k = 1..10000 = 3333833.35; mean 333.383335
[ "$row" = "10000|1000|10.0|1.0e-05|1000.0|333.383335|9.999|10|ok" ] || fail "headline: $row"
# The percentiles stored at import equal those computed from the stored
# histogram now (to 1e-12: SQLite 3.40 prints doubles to about 16 digits
# only; unit_hdr checks the byte-exact round trip).
sqlite3 "$DB" "SELECT percentile, printf('%.17g', value) FROM run_percentile WHERE run_id = 1
    AND metric = 'http_req_duration' ORDER BY percentile" > "$T/stored"
while IFS='|' read -r p v; do
    got=$("$BENCHDB" --db "$DB" percentile 1 "$p" | awk '{ print $3 }')
    awk -v a="$got" -v b="$v" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-12 * b) }' ||
        fail "stored p$p = $v, from the histogram $got"
done < "$T/stored"
[ "$(wc -l < "$T/stored")" = 7 ] || fail "$(wc -l < "$T/stored") stored percentiles, not 7"

# The series: ten seconds of 1,000 requests, 100 failed, vus = second+1,
# and each second's p50/p90/p99 within the bound of the exact ones.
[ "$(sqlite3 "$DB" "SELECT count(*), sum(requests), sum(failed), min(second), max(second)
    FROM run_second WHERE run_id = 1")" = "10|10000|1000|0|9" ] || fail "series shape"
for s in 0 1 2 3 4 5 6 7 8 9; do
    got=$(sqlite3 "$DB" "SELECT requests, failed, vus, p50_ms, p90_ms, p99_ms FROM run_second
        WHERE run_id = 1 AND second = $s")
    IFS='|' read -r req failed vus p50 p90 p99 <<< "$got"
    [ "$req|$failed|$vus" = "1000|100|$((s + 1))" ] || fail "second $s: $got"
    set -- $(awk -v s=$s '$1 == s { print $3 }' "$T/values.txt" | sort -g | exact 50 90 99)
    within "$p50" "$1" || fail "second $s: p50 $p50, exact $1"
    within "$p90" "$2" || fail "second $s: p90 $p90, exact $2"
    within "$p99" "$3" || fail "second $s: p99 $p99, exact $3"
done
[ "$(sqlite3 "$DB" "SELECT failed_pct FROM timeline WHERE run_id = 1 AND second = 3")" = 10.0 ] ||
    fail "the timeline view's failed_pct"

if [ -s "$T/errors" ]; then
    cat "$T/errors" >&2
    fails=$((fails + $(wc -l < "$T/errors")))
fi
[ "$fails" = 0 ] || { echo "k6raw_generated: $fails failure(s)" >&2; exit 1; }
echo "k6raw_generated: ok"
