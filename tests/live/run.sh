# run.sh - `benchdb run`: a real wrk against nginx on 127.0.0.1, shown live,
# stored with its command line, version and this machine; a failing tool
# still leaves its output, marked failed.
. "$(dirname "$0")/lib.sh"
command -v wrk >/dev/null || { fail "wrk is not installed"; finish; }
start_nginx
URL="http://127.0.0.1:$NGINX_PORT/data.json"

OUT=$(timeout 20 "$BENCHDB" --db "$DB" run --campaign live --framework nginx -- wrk -t1 -c2 -d1s "$URL" 2>run.err)
RC=$?
expect_eq "$RC" 0 "benchdb run wrk"
expect_match "$OUT" "Requests/sec:" "the tool's output is shown"
expect_match "$(cat run.err)" "stored run [0-9]+ \\(wrk\\)" "run says what it stored"
id=$(sql "SELECT max(run_id) FROM run")
expect_eq "$(sql "SELECT command FROM run WHERE run_id = $id")" "wrk -t1 -c2 -d1s $URL" "exact command line"
expect_eq "$(sql "SELECT tool_version FROM run WHERE run_id = $id")" "$(wrk -v 2>&1 | head -n 1)" "tool version from the tool"
expect_eq "$(sql "SELECT host_id = load_host_id FROM run WHERE run_id = $id")" 1 \
    "a local target: this machine is server and load host"
expect_eq "$(sql "SELECT label || '|' || campaign FROM summary WHERE run_id = $id")" "nginx|live" "metadata flags"
check_run "$id" 5 "benchdb run wrk"
"$BENCHDB" --db "$DB" show --raw "$id" > raw.txt
expect_eq "$(printf '%s\n' "$OUT" | sha256sum)" "$(sha256sum < raw.txt)" "the stored output is what was shown"
expect_eq "$(sql "SELECT connections || '|' || threads || '|' || state FROM summary WHERE run_id = $id")" "2|1|ok" \
    "wrk's parameters"

# hey prints neither its -c nor its -q: both come from its command line;
# hey's -q is per worker, so the target rate is 4 x 50 = 200/s.
if command -v hey >/dev/null; then
    timeout 20 "$BENCHDB" --db "$DB" -q run -- hey -z 1s -c 4 -q 50 "$URL" >/dev/null 2>run.err
    expect_eq "$?" 0 "benchdb run hey"
    id=$(sql "SELECT max(run_id) FROM run")
    expect_eq "$(sql "SELECT tool || '|' || connections || '|' || target_rate || '|' || state FROM run WHERE run_id = $id")" \
        "hey|4|200.0|ok" "hey -c 4 -q 50: connections 4, rate 200/s"
    expect_eq "$(sql "SELECT abs(duration_s - 1) < 0.2 FROM summary WHERE run_id = $id")" 1 "hey's -z 1s run lasted about 1 s"
else
    fail "hey is not installed"
fi

# Ctrl-C: the terminal signals the whole process group (timeout does the
# same to its own). benchdb lets wrk end, print its report, and stores it.
timeout -s INT 1 "$BENCHDB" --db "$DB" run -- wrk -t1 -c2 -d10s "$URL" >int.out 2>int.err
expect_eq "$?" 124 "timeout sent SIGINT"
expect_match "$(cat int.err)" "stored run [0-9]+ \\(wrk\\)" "benchdb outlived the SIGINT and stored the run: $(cat int.err)"
id=$(sql "SELECT max(run_id) FROM run")
expect_eq "$(sql "SELECT state || '|' || (duration_s < 5) || '|' || (requests > 0) FROM summary WHERE run_id = $id")" "ok|1|1" \
    "wrk stopped by SIGINT after about 1 s of its 10, its report stored"
expect_match "$(cat int.out)" "Requests/sec:" "wrk's report shown"
stop_nginx

# A terminal: the tool gets a pseudo-terminal (and writes at once, not
# when its buffer fills); the bytes stored are those a pipe gives, \n
# not \r\n. script(1) gives benchdb a terminal.
FIX="$SRC/results/lihil-2025/04-starlette.txt"
if command -v script >/dev/null; then
    script -qec "'$BENCHDB' --db '$DB' -q run --label tty -- sh -c '[ -t 1 ] && echo \"Running on a terminal\"; cat \"$FIX\"'" /dev/null >/dev/null 2>&1
    expect_eq "$?" 0 "run under script"
    id=$(sql "SELECT max(run_id) FROM run")
    "$BENCHDB" --db "$DB" show --raw "$id" > tty.raw
    expect_eq "$(sha256sum < tty.raw)" "$({ echo "Running on a terminal"; cat "$FIX"; } | sha256sum)" \
        "the tool saw a terminal; the bytes kept are its bytes"
    expect_eq "$(sql "SELECT label || '|' || format || '|' || rps FROM summary WHERE run_id = $id")" "tty|wrk|35433.13" "and read"
else
    fail "script (util-linux) is not installed"
fi
# In a pipe, a pipe.
"$BENCHDB" --db "$DB" -q run --label pipe -- sh -c '[ -t 1 ] && echo "Running on a terminal"; cat "$1"; echo "# again"' sh "$FIX" >/dev/null 2>&1
id=$(sql "SELECT max(run_id) FROM run")
expect_eq "$("$BENCHDB" --db "$DB" show --raw "$id" | grep -c terminal)" 0 "into a pipe, the tool writes into a pipe"

# wrk2 never prints its -R (nor the rest of its command line): taken from
# the run's own command line. A stand-in wrk2 prints a real wrk2 output
# without the command line it had.
mkdir -p bin
printf '#!/bin/sh\ntail -n +3 "%s"\n' "$SRC/tests/fixtures/wrk2/giltene_wrk2__readme-u_latency-example1.txt" > bin/wrk2
chmod +x bin/wrk2
"$BENCHDB" --db "$DB" -q run -- bin/wrk2 -t2 -c100 -d30s -R2000 http://127.0.0.1:1/index.html >/dev/null 2>&1
expect_eq "$?" 0 "run wrk2"
id=$(sql "SELECT max(run_id) FROM run")
expect_eq "$(sql "SELECT r.tool || '|' || r.target_rate || '|' || r.connections || '|' || r.threads || '|' || r.duration_s || '|' || round(s.rate_achieved_pct, 4) FROM run r JOIN summary s USING (run_id) WHERE run_id = $id")" \
    "wrk2|2000.0|100|2|30.01|100.0335" "wrk2 -R2000 stored as the target rate (2000.67/s achieved: 100.0335%)"

# A tool that prints a readable report and exits non-zero: stored, failed,
# the status in the notes and the tag, and run's own exit status.
"$BENCHDB" --db "$DB" -q run --label bad -- sh -c 'cat "$1"; echo "# done"; exit 3' sh "$FIX" >/dev/null 2>run.err
expect_eq "$?" 3 "the tool's status passed on"
id=$(sql "SELECT max(run_id) FROM run")
expect_eq "$(sql "SELECT state || '|' || format || '|' || rps FROM summary WHERE run_id = $id")" "failed|wrk|35433.13" \
    "a readable output of a failing tool: read, and marked failed"
expect_eq "$(sql "SELECT notes FROM run WHERE run_id = $id")" "the tool exited with status 3" "notes say the status"
expect_eq "$(sql "SELECT value FROM run_tag WHERE run_id = $id AND key = 'exit_status'")" 3 "and the tag"

# The port is closed now: wrk prints one line and exits 1.
OUT=$(timeout 20 "$BENCHDB" --db "$DB" run -- wrk -t1 -c1 -d1s "$URL" 2>run.err)
RC=$?
expect_eq "$RC" 1 "benchdb run passes on the tool's exit status"
id=$(sql "SELECT max(run_id) FROM run")
expect_eq "$(sql "SELECT state || '|' || format || '|' || tool FROM summary WHERE run_id = $id")" \
    "failed|unparsed|wrk" "an unreadable output is stored as a failed run"
expect_match "$(sql "SELECT notes FROM run WHERE run_id = $id")" "could not read this output" "notes say why"
expect_eq "$(sql "SELECT value FROM run_tag WHERE run_id = $id AND key = 'exit_status'")" 1 "exit status kept"
expect_match "$("$BENCHDB" --db "$DB" show --raw "$id")" "unable to connect" "the failing output is kept"

# A program that does not exist: 127, and a stored failed run.
"$BENCHDB" --db "$DB" -q run -- /no/such/tool http://127.0.0.1:1/ >/dev/null 2>&1
expect_eq "$?" 127 "a missing tool exits 127"
bdb run
expect_rc 2 "run without a tool"
finish
