# refuse.sh - bad input: FILE:LINE: reason, a non-zero exit, nothing stored,
# and the batch goes on.
. "$(dirname "$0")/lib.sh"

R="$SRC/results/lihil-2025"
F="$SRC/tests/fixtures/wrk"
bdb import "$R/01-axum.txt"
expect_rc 0 "first import"
before=$(db_digest)

# Not an output at all.
printf 'hello\nworld\n' > prose.txt
bdb import prose.txt
expect_rc 1 "prose refused"
expect_match "$ERR" "^benchdb: prose.txt:1: not a load-tool output benchdb recognises \(formats benchdb knows: .*wrk" "prose message"
expect_eq "$(db_digest)" "$before" "prose stored nothing"

# wrk's usage text and its one-line connection failure (real outputs).
bdb import "$F/live__wrk__bad_timeout_arg_usage.txt" "$F/live__wrk__closed_port_socket_errors.txt"
expect_rc 1 "wrk non-reports refused"
expect_match "$ERR" "live__wrk__closed_port_socket_errors.txt:1: not a load-tool output" "closed port message"
expect_eq "$(db_digest)" "$before" "non-reports stored nothing"

# A real wrk output cut before its request count and rate.
head -n 5 "$R/04-starlette.txt" > cut.txt
bdb import cut.txt
expect_rc 1 "output without request count or rate refused"
expect_match "$ERR" "^benchdb: cut.txt:1: wrk output without a request count or a request rate" "cut message"
expect_eq "$(db_digest)" "$before" "cut output stored nothing"

# A number wrk could not have printed.
sed 's/^Requests\/sec: .*/Requests\/sec: 12.3.4/' "$R/04-starlette.txt" > badnum.txt
bdb import badnum.txt
expect_rc 1 "bad number refused"
expect_match "$ERR" "^benchdb: badnum.txt:7: wrk: bad Requests/sec \"12.3.4\"" "bad number names its line"

# Empty and binary files.
: > empty.txt
head -c 4096 /dev/urandom > random.bin
printf 'Running 1s test @ http://x\n\0\0\0' > nul.txt
bdb import empty.txt random.bin nul.txt
expect_rc 1 "empty and binary refused"
expect_match "$ERR" "empty.txt:1: not a load-tool output" "empty file"
expect_match "$ERR" "nul.txt:1: binary data" "NUL bytes"
expect_eq "$(db_digest)" "$before" "empty/binary stored nothing"

# A missing file and a directory that does not exist.
bdb import no-such-file.txt
expect_rc 1 "missing file refused"
expect_match "$ERR" "no-such-file.txt: No such file or directory" "missing file message"

# A bad metadata file refuses its output, with the metadata file's line.
mkdir -p m && cp "$R/05-fastapi.txt" m/run.txt
printf '{\n  "stack": {\n    "workers": "four"\n  }\n}\n' > m/run.meta.json
bdb import m/run.txt
expect_rc 1 "bad metadata type refused"
expect_match "$ERR" "^benchdb: m/run.meta.json:3: stack.workers must be a number" "wrong type names key and line"
printf '{\n  "stack": {"framework": "x",}\n' > m/run.meta.json
bdb import m/run.txt
expect_match "$ERR" "^benchdb: m/run.meta.json:2: not valid JSON" "invalid JSON names its line"
printf '{"frameworks": "x"}\n' > m/run.meta.json
bdb import m/run.txt
expect_match "$ERR" "unknown metadata key \"frameworks\"" "unknown key"
printf '[1, 2]\n' > m/run.meta.json
bdb import m/run.txt
expect_match "$ERR" "m/run.meta.json:1: metadata must be a JSON object" "not an object"
bdb import --meta m/run.meta.json "$R/05-fastapi.txt"
expect_rc 1 "bad --meta file stops the import"
expect_eq "$(db_digest)" "$before" "bad metadata stored nothing"

# A batch goes on after a refusal and ends with the counts; exit 1.
bdb import prose.txt "$R/02-asyncio.txt" empty.txt "$R/01-axum.txt"
expect_rc 1 "batch with refusals"
expect_match "$OUT" "4 files: 1 imported \(1 run\), 1 duplicate, 2 refused" "batch counts"
expect_eq "$(sql 'SELECT count(*) FROM run')" 2 "the good file of the batch was stored"

# A value past 64 bits is refused whole: nothing half-stored.
sed 's/^\(.*\) requests in/99999999999999999999999 requests in/' "$R/06-fastapi-dumproute.txt" > huge.txt
before=$(db_digest)
bdb import huge.txt
expect_rc 1 "64-bit overflow refused"
expect_match "$ERR" "^benchdb: huge.txt:6: wrk: request count \"99999999999999999999999\" is not a whole number within 64 bits" \
    "overflow: file, the line of the count, and reason"
expect_eq "$(db_digest)" "$before" "overflow stored nothing"
finish
