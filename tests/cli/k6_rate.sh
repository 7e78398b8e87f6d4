# k6_rate.sh - a k6 arrival-rate run: its target is iterations/s, so the
# rate it achieved is k6's iterations rate against it, never requests/s
# (its script makes two requests per iteration), in summary, report and
# compare alike; a ramping arrival rate or two scenarios have no target.
. "$(dirname "$0")/lib.sh"

F="$SRC/tests/fixtures/k6/generated__constant-arrival-rate-two-requests-per-iteration.txt"
bdb import "$F"
expect_rc 0 "constant-arrival-rate output imports"
expect_eq "$(sql 'SELECT target_rate, rps, iterations FROM run')" "100.0|199.331867|2990" \
    "target_rate is the scenario's 100.00 iterations/s"
expect_eq "$(sql 'SELECT printf("%.6f", rate_achieved_pct) FROM summary')" "99.665933" \
    "summary: iterations rate 99.665933/s of 100/s, not 199 %"
expect_eq "$(sql 'SELECT json_extract(series_key, "$[8]") FROM summary')" "100.0" "the series splits by the rate"
bdb report --metric rate_achieved
expect_rc 0 "report --metric rate_achieved"
expect_match "$OUT" " 99\.67% " "report: the same 99.67 %"
bdb compare 1 1
expect_rc 0 "compare"
expect_match "$OUT" "rate achieved +99\.665933" "compare: the same 99.665933 %"

# No single target: a ramping arrival rate, or a second scenario.
sed 's/\* default: 100.00 iterations\/s for 30s/* default: Up to 100.00 iterations\/s for 30s over 2 stages/' "$F" > ramping.txt
bdb import ramping.txt
expect_rc 0 "ramping-arrival-rate output imports"
expect_eq "$(sql "SELECT count(*) FROM run WHERE label = 'ramping' AND target_rate IS NULL")" 1 \
    "ramping-arrival-rate: no target_rate"
sed 's/(100.00%) 1 scenario,/(100.00%) 2 scenarios,/; s/^\(           \* default: .*\)$/\1\n           * other: 10 looping VUs for 30s (gracefulStop: 30s)/' "$F" > two.txt
bdb import two.txt
expect_rc 0 "two-scenario output imports"
expect_eq "$(sql "SELECT count(*) FROM run WHERE label = 'two' AND target_rate IS NULL")" 1 \
    "two scenarios: no target_rate"
expect_eq "$(sql "SELECT count(*) FROM run_param p JOIN run r USING (run_id) WHERE r.label = 'two' AND p.key LIKE 'executor.%'")" 2 \
    "two scenarios: both executors named"
finish
