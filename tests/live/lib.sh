# lib.sh - live tests: a private nginx on 127.0.0.1 and real load tools
# from Debian's packages. Sourced after ../cli/lib.sh. Every load is bounded
# in seconds or requests and wrapped in `timeout`.
. "$(dirname "$0")/../cli/lib.sh"

NGINX_PID=
NGINX_PORT=

# Starts nginx serving /data.json (77 bytes of JSON), /missing.json (404)
# on a free port of 127.0.0.1; sets NGINX_PORT.
start_nginx() {
    command -v nginx >/dev/null 2>&1 || { fail "nginx is not installed"; finish; }
    local prefix="$T_DIR/nginx" try port
    mkdir -p "$prefix/html" "$prefix/logs" "$prefix/tmp"
    printf '{"id": 1, "name": "user", "email": "user@email.com", "tags": ["a", "b"]}\n' \
        > "$prefix/html/data.json"
    for try in 1 2 3 4 5 6 7 8 9 10; do
        port=$(( 20000 + (RANDOM % 20000) ))
        cat > "$prefix/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $prefix/tmp/body;
    proxy_temp_path $prefix/tmp/proxy;
    fastcgi_temp_path $prefix/tmp/fastcgi;
    uwsgi_temp_path $prefix/tmp/uwsgi;
    scgi_temp_path $prefix/tmp/scgi;
    keepalive_requests 1000000;
    types { application/json json; }
    server {
        listen 127.0.0.1:$port;
        root $prefix/html;
    }
}
CONF
        nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/logs/stderr.log" &
        NGINX_PID=$!
        for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
                NGINX_PORT=$port
                trap stop_nginx EXIT
                return 0
            fi
            kill -0 "$NGINX_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill "$NGINX_PID" 2>/dev/null
        wait "$NGINX_PID" 2>/dev/null
    done
    fail "could not start nginx: $(cat "$prefix/logs/stderr.log" 2>/dev/null)"
    finish
}

stop_nginx() {
    if [ -n "$NGINX_PID" ]; then
        kill "$NGINX_PID" 2>/dev/null
        wait "$NGINX_PID" 2>/dev/null
        NGINX_PID=
    fi
}

# check_run ID: the figures of a live run hang together: requests > 0,
# percentiles non-decreasing, rps = requests / duration within TOL percent.
check_run() {
    local id=$1 tol=${2:-5} what=${3:-run}
    local requests rps dur
    requests=$(sql "SELECT requests FROM summary WHERE run_id = $id")
    rps=$(sql "SELECT rps FROM summary WHERE run_id = $id")
    dur=$(sql "SELECT duration_s FROM summary WHERE run_id = $id")
    [ -n "$requests" ] && [ "$requests" -gt 0 ] || fail "$what: requests = [$requests]"
    local bad
    bad=$(sql "SELECT count(*) FROM latency a JOIN latency b ON a.run_id = b.run_id
               AND a.percentile < b.percentile AND a.latency_ms > b.latency_ms WHERE a.run_id = $id")
    expect_eq "$bad" 0 "$what: percentiles non-decreasing"
    local ok
    # Tools print the duration rounded (ab to the millisecond): the
    # tolerance grows by what that rounding can account for.
    ok=$(awk -v r="$requests" -v s="$rps" -v d="$dur" -v t="$tol" \
        'BEGIN { e = r / d; t += 100 * 0.0005 / d;
                 print (s > 0 && (e - s) / s * 100 <= t && (s - e) / s * 100 <= t) ? 1 : 0 }')
    expect_eq "$ok" 1 "$what: rps $rps vs requests $requests / duration $dur (tolerance $tol%)"
}
