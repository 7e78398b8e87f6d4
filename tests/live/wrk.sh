# wrk.sh - wrk from Debian against nginx on 127.0.0.1, for a second, then
# imported with this machine as both hosts.
. "$(dirname "$0")/lib.sh"
command -v wrk >/dev/null || { fail "wrk is not installed"; finish; }
start_nginx
URL="http://127.0.0.1:$NGINX_PORT/data.json"

timeout 15 wrk -t1 -c4 -d1s "$URL" > plain.txt 2>&1 || fail "wrk failed: $(cat plain.txt)"
timeout 15 wrk -t2 -c8 -d1s --latency "$URL" > latency.txt 2>&1 || fail "wrk --latency failed"
timeout 15 wrk -t1 -c2 -d1s "http://127.0.0.1:$NGINX_PORT/missing.json" > missing.txt 2>&1 \
    || fail "wrk on a 404 failed"
stop_nginx

bdb import --this-host --this-load-host --scenario live --campaign "live wrk" \
    --command "wrk -t1 -c4 -d1s $URL" plain.txt
expect_rc 0 "import wrk -d1s"
bdb import --this-host --this-load-host --scenario live --campaign "live wrk" latency.txt missing.txt
expect_rc 0 "import wrk --latency and a 404 run"

p=$(sql "SELECT run_id FROM summary WHERE source_file = 'plain.txt'")
l=$(sql "SELECT run_id FROM summary WHERE source_file = 'latency.txt'")
m=$(sql "SELECT run_id FROM summary WHERE source_file = 'missing.txt'")
check_run "$p" 5 "wrk -d1s"
check_run "$l" 5 "wrk --latency"
expect_eq "$(sql "SELECT threads || '/' || connections || '/' || url FROM summary WHERE run_id = $p")" \
    "1/4/$URL" "threads, connections and URL as printed"
expect_eq "$(sql "SELECT count(*) FROM latency WHERE run_id = $l")" 4 "wrk --latency prints 4 percentiles"
expect_eq "$(sql "SELECT count(*) FROM latency WHERE run_id = $p")" 0 "no percentiles without --latency"
expect_eq "$(sql "SELECT failed_pct || '/' || state FROM summary WHERE run_id = $m")" "100.0/failed" \
    "every 404 is a failed request"
expect_eq "$(sql "SELECT requests = non2xx FROM summary WHERE run_id = $m")" 1 "non-2xx counted"
# The printed figures are stored as printed: compare with the text itself.
printed_rps=$(sed -n 's/^Requests\/sec: *//p' plain.txt)
expect_eq "$(sql "SELECT printed FROM run_figure WHERE run_id = $p AND metric = 'requests_per_sec'")" \
    "$printed_rps" "Requests/sec kept as printed"
expect_eq "$(sql "SELECT cpu_model FROM summary WHERE run_id = $p")" \
    "$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//')" "this host recorded"
finish
