# hey.sh - hey from Debian against nginx on 127.0.0.1, bounded in requests
# and in seconds, imported and checked.
. "$(dirname "$0")/lib.sh"
command -v hey >/dev/null || { fail "hey is not installed"; finish; }
start_nginx
URL="http://127.0.0.1:$NGINX_PORT/data.json"

timeout 20 hey -n 20000 -c 20 "$URL" > count.txt 2>&1 || fail "hey -n failed: $(tail -3 count.txt)"
timeout 20 hey -z 1s -c 10 "$URL" > duration.txt 2>&1 || fail "hey -z failed"
timeout 20 hey -n 500 -c 5 "http://127.0.0.1:$NGINX_PORT/missing.json" > missing.txt 2>&1 || fail "hey 404 failed"
stop_nginx

bdb import --this-host --this-load-host --campaign live count.txt duration.txt missing.txt
expect_rc 0 "import hey outputs"
id() { sql "SELECT run_id FROM summary WHERE source_file = '$1'"; }
# hey prints Total with 4 decimals: requests / Total is its Requests/sec.
check_run "$(id count.txt)" 2 "hey -n"
check_run "$(id duration.txt)" 2 "hey -z"
expect_eq "$(sql "SELECT requests FROM summary WHERE source_file = 'count.txt'")" 20000 "hey -n 20000: 20000 results"
expect_eq "$(sql "SELECT count(*) FROM latency WHERE run_id = $(id count.txt)")" 7 "hey prints 7 percentiles"
expect_eq "$(sql "SELECT count(*) FROM run_bucket WHERE run_id = $(id count.txt)")" 11 "hey's histogram: 11 buckets"
expect_eq "$(sql "SELECT message || '=' || count FROM run_count WHERE run_id = $(id count.txt) AND kind = 'status'")" \
    "200=20000" "status code distribution"
expect_eq "$(sql "SELECT state || '/' || failed_pct FROM summary WHERE source_file = 'missing.txt'")" "failed/100.0" \
    "every 404 failed"
finish
