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
stop_nginx

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
