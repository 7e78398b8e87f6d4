# series.sh - repeated runs form a series; the series view's statistics
# against values computed by hand; compare's significance test on them.
. "$(dirname "$0")/lib.sh"

base="$SRC/results/lihil-2025/04-starlette.txt"
# Five repeats of one configuration, and two of another: the same real
# output with only its Requests/sec (and p90) changed, one file each.
N=0
mk() { # NAME RPS; Transfer/sec differs in every file, so no two are the same bytes
    N=$((N + 1))
    sed "s/^Requests\/sec: .*/Requests\/sec: $2/; s/^Transfer\/sec: .*/Transfer\/sec: $N.00MB/" "$base" > "$1.txt"
}
mk a1 100; mk a2 102; mk a3 98; mk a4 104; mk a5 104
mk b1 100; mk b2 120
mk c1 90; mk c2 91; mk c3 89; mk c4 90.5; mk c5 90.2
bdb import --campaign rep --label A --framework starlette a1.txt a2.txt a3.txt a4.txt a5.txt
bdb import --campaign rep --label B --framework starlette b1.txt b2.txt
bdb import --campaign rep --label C --framework starlette c1.txt c2.txt c3.txt c4.txt c5.txt
# A sixth A run with more connections is another series.
sed 's/10 connections/20 connections/; s/^Requests\/sec: .*/Requests\/sec: 50/' "$base" > a6.txt
bdb import --campaign rep --label A --framework starlette a6.txt

expect_eq "$(sql "SELECT count(*) FROM series WHERE campaign = 'rep'")" 4 "four series"
row() { sql "SELECT $1 FROM series WHERE label = '$2' AND connections = ${3:-10}"; }
# A: 100 102 98 104 104 -> median 102, mean 101.6,
# stddev = sqrt((2.56 + 0.16 + 12.96 + 5.76 + 5.76) / 4) = sqrt(6.8) = 2.60768...
expect_eq "$(row "n || '/' || rps_median || '/' || rps_min || '/' || rps_max || '/' || rps_mean" A)" \
    "5/102.0/98.0/104.0/101.6" "series A: n, median, min, max, mean"
expect_eq "$(row "printf('%.6f', rps_stddev)" A)" "2.607681" "series A: stddev = sqrt(6.8)"
expect_eq "$(row "printf('%.6f', rps_cv)" A)" "0.025666" "series A: cv = sqrt(6.8) / 101.6"
expect_eq "$(row noisy A)" 0 "series A is not noisy (cv 2.6%)"
# B: 100 120 -> median 110, stddev sqrt(200) = 14.142, cv 0.128565 > 5%: noisy.
expect_eq "$(row "rps_median || '/' || printf('%.6f', rps_cv) || '/' || noisy" B)" "110.0/0.128565/1" \
    "series B: even count median and noisy"
expect_eq "$(row "n || '/' || rps_median" A 20)" "1/50.0" "more connections: another series"
expect_eq "$(row "n || '/' || ifnull(rps_stddev, 'NULL') || '/' || ifnull(rps_cv, 'NULL')" A 20)" "1/NULL/NULL" "one run: no spread"
# The latency percentiles have series statistics too (all 5 equal here).
expect_eq "$(row "ifnull(p90_median_ms, 'NULL')" A)" "NULL" "wrk without --latency: no p90 to take statistics of"

# A failed run in a series is counted apart, not in the statistics.
sed 's/^Requests\/sec: .*/Requests\/sec: 0.00/; s/^\(.*\) requests in /0 requests in /' "$base" > a7.txt
bdb import --campaign rep --label A --framework starlette a7.txt
expect_eq "$(row "n || '/' || n_failed || '/' || rps_median" A)" "5/1/102.0" "failed runs counted apart"

# compare: 5 vs 5 fully separated (C all below A): p = 2/252 = 0.00794.
bdb compare A C --campaign rep --where connections=10 --json
expect_eq "$(printf '%s' "$OUT" | jq -r '.metrics[0] | .metric + " " + (.a.median|tostring) + " " + (.b.median|tostring)')" \
    "rps 102 90.2" "compare medians"
expect_eq "$(printf '%s' "$OUT" | jq -r '.metrics[0].p_value * 100000 | floor')" 793 "p = 2/252"
expect_eq "$(printf '%s' "$OUT" | jq -r '.metrics[0] | (.significant|tostring) + " " + .verdict')" "true worse" \
    "significant regression"
expect_eq "$(printf '%s' "$OUT" | jq -r '.metrics[0].change_pct * 1000 | round')" "-11569" \
    "change (90.2 - 102) / 102 = -11.569%"
bdb compare A C --campaign rep --where connections=10 --fail-above 10
expect_rc 4 "--fail-above 10: an 11.6% drop fails"
expect_match "$ERR" "regression: requests/s got worse by 11.57%" "names the regression"
bdb compare A C --campaign rep --where connections=10 --fail-above 12
expect_rc 0 "--fail-above 12 passes"
# 5 vs 2: the test cannot be significant at 0.05 with B's spread: ~
bdb compare A B --campaign rep --where connections=10
expect_rc 0 "compare A B"
expect_match "$OUT" "requests/s +102 ±2\.6% +110 ±12\.9% +\+7\.84% \(n=5\+2\)" "below 3 runs a side: no test"
bdb compare A B --campaign rep --where connections=10 --fail-above 1
expect_rc 0 "an improvement never fails the gate"
# No test below 3 runs a side: JSON says neither p nor significance.
bdb compare A B --campaign rep --where connections=10 --json
expect_eq "$(printf '%s' "$OUT" | jq -c '.metrics[0] | [.p_value, .significant, .verdict]')" \
    '[null,null,"better"]' "5 vs 2: no test, significance null"
bdb compare A C --campaign rep --where connections=10 --json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.metrics[0].significant, .b.all_failed]')" '[true,false]' \
    "5 vs 5: tested"

# The gate and failures. P: one clean run; H: the same with half of its
# 357872 requests answered non-2xx (failed 50%); F: every request failed.
mk p1 35433.13
mk h1 35433.13
sed -i 's/^Requests\/sec:/Non-2xx or 3xx responses: 178936\nRequests\/sec:/' h1.txt
mk f1 35433.13
sed -i 's/^Requests\/sec:/Non-2xx or 3xx responses: 357872\nRequests\/sec:/' f1.txt
bdb import --campaign gate --label P p1.txt
bdb import --campaign gate --label H h1.txt
bdb import --campaign gate --label F f1.txt
expect_eq "$(sql "SELECT label || ' ' || state || ' ' || failed_pct FROM summary WHERE campaign = 'gate' ORDER BY run_id" | tr '\n' ,)" \
    "P ok 0.0,H ok 50.0,F failed 100.0," "the three gate runs"
# failed % from 0 to 50: +50 points (a percent change of 0 is no number).
bdb compare P H --fail-above 10
expect_rc 4 "failed 0% -> 50% trips --fail-above 10"
expect_match "$OUT" "failed +0 % +50 % +\+50\.00 pp \(n=1\+1\) +worse" "the change in points"
expect_match "$ERR" "regression: failed rose by 50\.00 points, more than --fail-above 10$" "named"
bdb compare P H --fail-above 50
expect_rc 0 "50 points is not more than 50"
bdb compare P H --json
expect_eq "$(printf '%s' "$OUT" | jq -c '.metrics[] | select(.metric == "failed_pct") | [.change_points, .verdict]')" \
    '[50,"worse"]' "JSON: change_points"
bdb compare H P --fail-above 10
expect_rc 0 "fewer failures is no regression"
# Every run of B failed: B has no figure, and is worse than A whatever the limit.
bdb compare P F --fail-above 1000
expect_rc 4 "B all failed trips the gate"
expect_match "$ERR" "regression: every run of B failed \(1 of 1\)" "says so"
expect_match "$OUT" "B: every run failed: worse" "the table says so"
bdb compare P F --md
expect_match "$OUT" "\*\*B: every run failed: worse\*\*" "the Markdown says so"
bdb compare P F --json
expect_eq "$(printf '%s' "$OUT" | jq -c '[.a.all_failed, .b.all_failed, .b.failed_runs]')" '[false,true,1]' \
    "JSON: all_failed"
bdb compare F P --fail-above 10
expect_rc 0 "A all failed, B not: better"
bdb compare F F --fail-above 10
expect_rc 0 "both all failed: no change"

# Different conditions are named; --strict refuses.
bdb compare A C --campaign rep
expect_match "$ERR" "warning: connections differs: 10 \(runs [0-9, ]+\) vs 20 \(run [0-9]+\)" "conditions differ"
bdb compare A C --campaign rep --strict
expect_rc 1 "--strict"
bdb compare A nosuch
expect_rc 1 "a side that matches nothing"
expect_match "$ERR" "nosuch matches no run" "says so"

# Reports rank series by their median, with min-max and a noisy mark, and
# name differing conditions in the table, the Markdown and on the slides.
bdb report --campaign rep --csv -
expect_rc 0 "report of repeated runs"
csv=$OUT
row_csv() { printf '%s\n' "$csv" | awk -F, -v l="$1" '$2 == l'; }
expect_match "$(row_csv B)" '^1,B,rps,110,.*,ok,2,"6, 7",100,120,0\.128564[0-9]*,1,0$' "series B: median 110, 100-120, noisy"
expect_match "$(row_csv 'A (10 conn.)')" '^2,A \(10 conn\.\),rps,102,.*,partly_failed,6,"1-5, 14",98,104,0\.02566[0-9]*,0,1$' \
    "series A: median of its 5 good runs (6 with the failed one, counted in failed_runs), 98-104"
expect_match "$(row_csv 'A (20 conn.)')" "^4,A \(20 conn\.\),rps,50," "the other A configuration is its own row"
expect_match "$ERR" "warning: runs not made under the same conditions: connections differs" "terminal warning"
bdb report --campaign rep --md report.md --pdf report.pdf
expect_match "$(cat report.md)" "> \*\*Runs not made under the same conditions:\*\*" "Markdown names the differences"
expect_match "$(cat report.md)" "110 \(n=2, ±12\.9% noisy\)" "Markdown marks the noisy series"
slides=$(pdftotext report.pdf - 2>/dev/null)
expect_match "$slides" "Runs not made under the same conditions: connections differs" "the slides name the differences"
expect_match "$slides" "median of 2 runs, ±12\.9%, noisy" "the chart marks the noisy series"
bdb report --campaign rep --strict
expect_rc 1 "report --strict refuses differing conditions"
bdb report --campaign rep --where connections=10 --strict --csv -
expect_rc 0 "report --strict of comparable runs"
# Runs on different hardware are named as such, in compare and in report.
mk x1 101
bdb import --campaign hw --label X --cpu-model "Xeon Silver 4214" --vcpus 4 --ram-mb 8192 \
    --virtualization KVM x1.txt
mk h1 100
bdb import --campaign hw --label Y --cpu-model "AMD EPYC" --vcpus 2 --ram-mb 8192 \
    --virtualization KVM h1.txt
bdb compare X Y --campaign hw
expect_match "$ERR" "warning: server CPU differs: Xeon Silver 4214 \(run [0-9]+\) vs AMD EPYC \(run [0-9]+\)" \
    "compare names the differing CPU"
expect_match "$ERR" "warning: server vCPUs differs: 4 \(run [0-9]+\) vs 2 \(run [0-9]+\)" "and the vCPUs"
expect_no_match "$ERR" "server RAM differs" "equal RAM is not a difference"
# A CPU stated on one side only is no evidence of the same CPU; and the
# load host's hardware counts too.
mk k1 100
bdb import --campaign hw2 --label K --cpu-model "Xeon Silver 4214" --load-cpu-model "Core i7" k1.txt
mk u1 100
bdb import --campaign hw2 --label U --load-cpu-model "Ryzen 9" u1.txt
k=$(sql "SELECT run_id FROM summary WHERE label = 'K'"); u=$(sql "SELECT run_id FROM summary WHERE label = 'U'")
bdb compare K U --strict
expect_rc 1 "--strict: one side's CPU unknown, load host CPUs differ"
expect_match "$ERR" "compare --strict: server CPU unknown for run $u$" "unknown on one side is named"
expect_match "$ERR" "compare --strict: load host CPU differs: Core i7 \(run $k\) vs Ryzen 9 \(run $u\)" \
    "the load host's CPU is compared"
bdb compare K U
expect_rc 0 "without --strict: warnings"
expect_eq "$(printf '%s\n' "$ERR" | grep -c '^benchdb: warning:')" 2 "two warnings, nothing else differs"
bdb report --campaign hw --md hw.md
expect_match "$(cat hw.md)" "server CPU differs: Xeon Silver 4214" "the report names it too"
bdb report --campaign rep --by run --csv -
expect_eq "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" 14 "--by run: one row per run"
finish
