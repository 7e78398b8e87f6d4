# seeds.sh - the talks' numbers come out of benchdb unchanged: import the
# bundled results/ and read the figures back through the real sqlite3 CLI.
. "$(dirname "$0")/lib.sh"

bdb import "$SRC/results"
expect_rc 0 "import results/"
expect_match "$OUT" "17 files: 17 imported \(25 runs\), 0 duplicates, 0 refused" "every bundled run imports"

q() { sql "SELECT $1 FROM summary WHERE label = '$2' AND scenario IS '$3'"; }
# Seed 000, "Имя мне скорость": k6 outputs as printed on the slides.
expect_eq "$(q requests aiohttp read)" 34065 "aiohttp requests"
expect_eq "$(q rps aiohttp read)" 484.821487 "aiohttp requests/s"
expect_eq "$(q latency_p90_ms aiohttp read)" 1590.0 "aiohttp p90 1.59s"
expect_eq "$(q latency_p95_ms aiohttp read)" 1850.0 "aiohttp p95 1.85s"
expect_eq "$(q latency_p99_ms aiohttp read)" "" "k6's default summary has no p99: NULL"
expect_eq "$(q latency_avg_ms aiohttp read)" 650.66 "aiohttp avg"
expect_eq "$(q bytes_received aiohttp read)" 13000000.0 "aiohttp data_received 13 MB"
expect_eq "$(q rps socketify.py read)" 1714.936389 "socketify requests/s"
expect_eq "$(q latency_p90_ms socketify.py read)" 36.55 "socketify p90 36.55ms"
expect_eq "$(q rps 'FastAPI + granian' read)" 1241.222484 "granian requests/s"
expect_eq "$(q latency_p90_ms 'FastAPI + granian' read)" 411.52 "granian p90"
expect_eq "$(q "failed_pct || '/' || failed_requests || '/' || state" aiohttp write)" "100.0/32196/failed" \
    "the aiohttp write run: every request failed"
expect_eq "$(q "cpu_model || '/' || vcpus || '/' || ram_mb" aiohttp read)" \
    "Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz/4/8192" "the talk's server"
expect_eq "$(q load_cpu_model aiohttp read)" "Apple M1 Pro" "the talk's load machine"
expect_eq "$(q connections aiohttp read)" 1000 "k6: connections column is vus_max"
expect_eq "$(sql "SELECT printed FROM run_figure JOIN run USING (run_id) WHERE label = 'aiohttp' AND scenario = 'read' AND metric = 'http_reqs' AND stat = 'rate'")" \
    "484.821487/s" "printed text kept"

# Seed 002: seven wrk runs.
expect_eq "$(q rps asyncio 'POST /user JSON echo')" 104379.61 "asyncio requests/s"
expect_eq "$(q requests asyncio 'POST /user JSON echo')" 1054145 "asyncio requests"
expect_eq "$(q rps Uvicorn 'POST /user JSON echo')" 46425.59 "uvicorn requests/s"
expect_eq "$(q rps Starlette 'POST /user JSON echo')" 35433.13 "starlette requests/s"
expect_eq "$(q rps FastAPI 'POST /user JSON echo')" 17177.5 "fastapi requests/s"
expect_eq "$(q "threads || '/' || connections" FastAPI 'POST /user JSON echo')" "2/10" "2 threads, 10 connections"
expect_eq "$(q latency_avg_ms axum 'POST /user JSON echo')" 0.1411 "axum 141.10us"
expect_eq "$(q "language || '/' || coalesce(language_version, '-')" axum 'POST /user JSON echo')" rust/- \
    "axum's stack: Rust, no Python version"
expect_eq "$(q "language || '/' || language_version" Starlette 'POST /user JSON echo')" python/3.12 \
    "starlette's stack: Python 3.12"

# Seed 003: oha's summary with thousands separators, and the post's table.
expect_eq "$(q rps necro 'GET simple JSON')" 1453431.8677 "necro oha requests/s 1,453,431.8677"
expect_eq "$(sql "SELECT count(*) FROM latency JOIN summary USING (run_id) WHERE label = 'necro' AND tool = 'oha'")" 9 \
    "oha's nine latency percentiles"
expect_eq "$(q latency_p99_ms necro 'GET simple JSON')" 4.7198 "99.00% in 4.7198 ms"
expect_eq "$(q "tool || '/' || failed_pct" necro 'GET simple JSON')" "oha/0.0" "Success rate 100.00%"
tbl='simple JSON payload (published table)'
expect_eq "$(sql "SELECT count(*) FROM summary WHERE published = 1 AND scenario = '$tbl'")" 9 "nine published rows"
expect_eq "$(q "rps || '/' || latency_avg_ms" 'uvicorn + litestar' "$tbl")" "260007.0/0.97" "a published row's figures"
expect_eq "$(q "rps || '/' || latency_avg_ms" 'fasthttp (Go)' "$tbl")" "1142127.0/0.351" "351 µs is 0.351 ms"

# The same figures through benchdb itself.
bdb list --campaign "PiterPy 2023" --sort rps --reverse --json
expect_eq "$(printf '%s' "$OUT" | jq -r '.[0].label + " " + (.[0].rps|tostring) + " " + (.[0].latency_p90_ms|tostring)')" \
    "socketify.py 1714.936389 36.55" "list ranks socketify first"
expect_eq "$(printf '%s' "$OUT" | jq -r 'map(select(.state == "failed")) | .[0].label')" "aiohttp" "the failed run is marked"
finish
