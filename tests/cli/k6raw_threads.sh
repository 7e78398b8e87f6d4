#!/bin/bash
# k6raw_threads: a generated k6 --out json file of several blocks,
# imported with BENCHDB_THREADS=1 (everything on one thread), 2 (the
# SHA-256 on a second thread) and 8 (more than the machine may have):
# `benchdb show --json` must be the same byte for byte (figures,
# percentiles, counts, checks, source digest), and so must the stored
# histograms and per-second rows; the digest is the file's (sha256sum).
# The file has both line layouts, escaped tags, Metric lines along the
# way, points late for the series window, CRLF lines and a last line cut
# short, so blocks end inside lines of every kind. Plain and gzipped.
#
# Environment (tests/CMakeLists.txt): BENCHDB, SRC, TMPROOT.
. "$(dirname "$0")/lib.sh"

awk 'BEGIN {
    srand(7)
    n = split("http_reqs http_req_duration http_req_failed checks vus data_received iterations my_trend", m, " ")
    t[1] = "{\"expected_response\":\"true\",\"group\":\"\",\"method\":\"GET\",\"status\":\"200\",\"url\":\"http://127.0.0.1:8000/a?x=1\\u0026y=2\"}"
    t[2] = "{\"error\":\"request timeout\",\"error_code\":\"1050\",\"expected_response\":\"false\",\"status\":\"0\",\"url\":\"http://127.0.0.1:8000/b\"}"
    t[3] = "{\"check\":\"body \\\"ok\\\"\",\"group\":\"::login\"}"
    t[4] = "{}"
    for (i = 1; i <= n; i++)
        printf "{\"type\":\"Metric\",\"data\":{\"name\":\"%s\",\"type\":\"%s\",\"contains\":\"%s\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"%s\"}\n", m[i], m[i] ~ /duration|trend/ ? "trend" : m[i] ~ /failed|checks/ ? "rate" : m[i] == "vus" ? "gauge" : "counter", m[i] ~ /duration/ ? "time" : "default", m[i]
    for (i = 0; i < 4000; i++) {
        ms = i * 29 - (i % 97 == 0 ? 65000 : 0)
        if (ms < 0) ms = 0
        s = int(ms / 1000)
        ts = sprintf("2025-05-13T12:%02d:%02d.%03d%06dZ", int(s / 60) % 60, s % 60, ms % 1000, i % 1000000)
        for (j = 1; j <= n; j++) {
            v = (m[j] == "http_reqs" || m[j] == "iterations") ? 1 : sprintf("%.6f", rand() * 300)
            if (m[j] == "http_req_failed" || m[j] == "checks") v = (i % 13 == 0)
            if (m[j] == "vus") v = 1 + i % 50
            tg = (m[j] ~ /^http/) ? t[1 + (i % 17 == 0)] : (m[j] == "checks") ? t[3] : t[4]
            if ((i + j) % 2)
                printf "{\"type\":\"Point\",\"data\":{\"time\":\"%s\",\"value\":%s,\"tags\":%s},\"metric\":\"%s\"}%s\n", ts, v, tg, m[j], (i % 50 == 0) ? "\r" : ""
            else
                printf "{\"metric\":\"%s\",\"type\":\"Point\",\"data\":{\"time\":\"%s\",\"value\":%s,\"tags\":%s}}\n", m[j], ts, v, tg
        }
    }
    printf "{\"metric\":\"http_reqs\",\"type\":\"Point\",\"data\":{\"time\":\"2025-05-13T12:00:00Z\",\"val"
}' > gen.ndjson
size=$(stat -c %s gen.ndjson)
[ "$size" -gt 4000000 ] || fail "the generated file has only $size bytes"
gzip -n -c gen.ndjson > gen.ndjson.gz

for f in gen.ndjson gen.ndjson.gz; do
    for t in 1 2 8; do
        rm -f "$DB"
        BENCHDB_THREADS=$t bdb -q import "$f"
        expect_rc 0 "$f, $t threads: import"
        bdb show --json 1
        printf '%s\n' "$OUT" | sed 's/"imported_at":[[:space:]]*"[^"]*"/"imported_at": ""/' > "show-$t.json"
        sql "SELECT metric, count, min, max, hex(data) FROM run_histogram ORDER BY metric" > "hist-$t.txt"
        sql "SELECT * FROM run_second ORDER BY second" > "series-$t.txt"
        expect_eq "$(sql 'SELECT sha256 FROM source')" "$(sha256sum "$f" | cut -d' ' -f1)" \
            "$f, $t threads: the digest"
    done
    grep -q '"state":[[:space:]]*"incomplete"' show-1.json || fail "$f: the cut last line does not show"
    [ "$(wc -l < series-1.txt)" -gt 100 ] || fail "$f: only $(wc -l < series-1.txt) seconds"
    grep -q 'late_points' show-1.json || fail "$f: no late points counted"
    for t in 2 8; do
        cmp -s show-1.json "show-$t.json" || fail "$f: show --json differs with $t threads: $(diff show-1.json "show-$t.json" | head -5)"
        cmp -s hist-1.txt "hist-$t.txt" || fail "$f: histograms differ with $t threads"
        cmp -s series-1.txt "series-$t.txt" || fail "$f: per-second rows differ with $t threads"
    done
done

finish
