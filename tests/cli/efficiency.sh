# efficiency.sh - the efficiency columns of `summary` on real outputs, each
# value worked out by hand from the raw text:
#   rps_per_vcpu       requests/s / the server's vCPUs
#   tail_ratio         p99 / p50
#   rate_achieved_pct  100 * requests/s / the rate asked for (wrk2 -R, vegeta -rate)
. "$(dirname "$0")/lib.sh"

F="$SRC/tests/fixtures"
col() { sql "SELECT CASE WHEN $1 IS NULL THEN 'NULL' ELSE printf('%.6f', $1) END FROM summary WHERE run_id = $2"; }

# wrk2 -t2 -c100 -d30s -R2000 (the command line is printed above the
# output), on a server given 2 vCPUs: Requests/sec 2000.67; the spectrum's
# 0.5 row 6.207 ms, the 99.000% line 10.52 ms.
bdb import --vcpus 2 "$F/wrk2/giltene_wrk2__readme-u_latency-example1.txt"
expect_rc 0 "import wrk2"
expect_eq "$(sql "SELECT target_rate FROM run WHERE run_id = 1")" "2000.0" "wrk2 -R2000"
expect_eq "$(col rps_per_vcpu 1)" "1000.335000" "wrk2: 2000.67 / 2 vCPUs"
expect_eq "$(col tail_ratio 1)" "1.694861" "wrk2: 10.52 / 6.207 = 1.6948606"
expect_eq "$(col rate_achieved_pct 1)" "100.033500" "wrk2: 100 * 2000.67 / 2000"

# vegeta attack -rate=8 and -rate=15 (three reports, no host): the rate
# vegeta prints is the rate it sent at, so 100% achieved each time.
bdb import "$F/vegeta/chsfleury_JEPFaaS__old-format-5xx.txt"
expect_rc 0 "import vegeta"
expect_eq "$(sql "SELECT group_concat(target_rate || '/' || rps, ' ') FROM run WHERE tool = 'vegeta'")" \
    "8.0/8.0 8.0/8.0 15.0/15.0" "vegeta -rate and the rate reached"
expect_eq "$(col rate_achieved_pct 2)|$(col rate_achieved_pct 4)" "100.000000|100.000000" "vegeta: 8 of 8, 15 of 15"
# Latencies [mean, 50, 95, 99, max]: 99th over 50th.
expect_eq "$(col tail_ratio 2)" "200.566891" "vegeta 1: 10.298005948 s / 51.344496 ms"
expect_eq "$(col tail_ratio 3)" "210.444027" "vegeta 2: 10.022488965 s / 47.625438 ms"
expect_eq "$(col tail_ratio 4)" "1.738511" "vegeta 3: 11.051593498 s / 6.356928787 s"
expect_eq "$(col rps_per_vcpu 2)" "NULL" "no host, no vCPUs: no rps per vCPU"

# k6 from the PiterPy 2023 talk, its directory's meta.json giving the
# server 4 vCPUs: http_reqs 484.821487/s. k6 prints no p99 and asks for no
# rate: no tail ratio, no rate achieved.
bdb import "$SRC/results/piterpy-2023/01-aiohttp.txt"
expect_rc 0 "import k6"
expect_eq "$(sql "SELECT vcpus FROM summary WHERE run_id = 5")" 4 "the talk's 4 vCPUs"
expect_eq "$(col rps_per_vcpu 5)" "121.205372" "k6: 484.821487 / 4 = 121.20537175"
expect_eq "$(col tail_ratio 5)|$(col rate_achieved_pct 5)" "NULL|NULL" "k6: no p99, no target rate"

# compare shows the same figures as its efficiency rows.
bdb compare 1 5 --json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.metrics[] | select(.metric == "rps_per_vcpu" or .metric == "tail_ratio" or .metric == "rate_achieved_pct") | [.metric, (.a.median * 1e6 | round), .b.median]]')" \
    '[["rps_per_vcpu",1000335000,121.20537175],["tail_ratio",1694861,null],["rate_achieved_pct",100033500,null]]' \
    "compare's efficiency rows"
finish
