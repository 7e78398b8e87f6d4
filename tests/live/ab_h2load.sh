# ab_h2load.sh - ApacheBench and h2load from Debian against nginx on
# 127.0.0.1, bounded in requests, imported and checked.
. "$(dirname "$0")/lib.sh"
command -v ab >/dev/null || { fail "ab (apache2-utils) is not installed"; finish; }
command -v h2load >/dev/null || { fail "h2load (nghttp2-client) is not installed"; finish; }
start_nginx
URL="http://127.0.0.1:$NGINX_PORT/data.json"
MISSING="http://127.0.0.1:$NGINX_PORT/missing.json"

timeout 20 ab -n 20000 -c 10 "$URL" > ab.txt 2>&1 || fail "ab failed: $(tail -3 ab.txt)"
timeout 20 ab -k -n 20000 -c 20 "$URL" > ab_k.txt 2>&1 || fail "ab -k failed"
timeout 20 ab -n 500 -c 5 "$MISSING" > ab_404.txt 2>&1 || fail "ab on a 404 failed"
timeout 20 h2load -n 20000 -c 10 --h1 "$URL" > h2.txt 2>&1 || fail "h2load failed: $(tail -3 h2.txt)"
timeout 20 h2load -n 500 -c 5 --h1 "$MISSING" > h2_404.txt 2>&1 || fail "h2load on a 404 failed"
stop_nginx

bdb import --this-host --this-load-host --campaign live ab.txt ab_k.txt ab_404.txt h2.txt h2_404.txt
expect_rc 0 "import ab and h2load outputs"
id() { sql "SELECT run_id FROM summary WHERE source_file = '$1'"; }
for f in ab.txt ab_k.txt h2.txt; do
    # ab and h2load print "Time taken" / "finished in" with few digits:
    # requests / duration matches the printed rate within a few percent.
    check_run "$(id $f)" 10 "$f"
done
expect_eq "$(sql "SELECT tool || '/' || requests || '/' || connections FROM summary WHERE source_file = 'ab.txt'")" \
    "ab/20000/10" "ab: 20000 requests at concurrency 10"
expect_eq "$(sql "SELECT tool || '/' || requests FROM summary WHERE source_file = 'h2.txt'")" "h2load/20000" "h2load: 20000 requests"
expect_match "$(sql "SELECT tool_version FROM summary WHERE source_file = 'ab.txt'")" "^2\.3" "ab's version from its banner"
expect_eq "$(sql "SELECT count(*) FROM latency WHERE run_id = $(id ab.txt)")" 9 "ab prints 9 percentiles (50..100)"
expect_eq "$(sql "SELECT state || '/' || failed_pct FROM summary WHERE source_file = 'ab_404.txt'")" "failed/100.0" \
    "ab: every 404 failed"
expect_eq "$(sql "SELECT state || '/' || failed_pct FROM summary WHERE source_file = 'h2_404.txt'")" "failed/100.0" \
    "h2load: every 404 failed"
printed=$(sed -n 's/^Requests per second: *\([0-9.]*\).*/\1/p' ab.txt)
expect_eq "$(sql "SELECT rps = $printed FROM summary WHERE source_file = 'ab.txt'")" 1 "ab's rate as printed ($printed)"
finish
