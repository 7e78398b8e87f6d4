# hostile.sh - files that are not what they seem: each gets
# "benchdb: FILE:LINE: reason", a non-zero exit, and no rows.
. "$(dirname "$0")/lib.sh"

R="$SRC/results"
bdb import "$R/lihil-2025/01-axum.txt"
before=$(db_digest)

refused() { # FILE REGEX WHAT
    bdb import "$1"
    expect_rc 1 "$3: refused"
    expect_match "$ERR" "^benchdb: $1:[0-9]+: $2" "$3: FILE:LINE: reason"
    expect_eq "$(db_digest)" "$before" "$3: nothing stored"
}

: > empty.txt
refused empty.txt "not a load-tool output" "empty file"
head -c 65536 /dev/urandom > binary.bin
refused binary.bin "(binary data|not a load-tool output)" "random bytes"
printf 'Running 10s test @ http://x\n  2 threads and 10 connections\n\0\0\0\n' > nul.txt
refused nul.txt "binary data" "NUL bytes"
printf '\x80\x81\xfe\xff\n\xc3\x28 not UTF-8\n\xed\xa0\x80\n' > badutf8.txt
refused badutf8.txt "not a load-tool output" "invalid UTF-8"
head -c 100000000 /dev/zero | tr '\0' 'a' > oneline.txt
refused oneline.txt "not a load-tool output" "a 100 MB single line"

# Numbers past 64 bits, NaN and infinity where a count or rate must be.
sed 's/^\(.*\) requests in/99999999999999999999999 requests in/' "$R/lihil-2025/02-asyncio.txt" > big.txt
refused big.txt "requests 1e\+23 is not a whole number within 64 bits" "a count past 64 bits"
sed 's/^http_reqs.*/http_reqs.....: 99999999999999999999999 484.82\/s/' "$R/piterpy-2023/01-aiohttp.txt" > bigk6.txt
refused bigk6.txt "requests 1e\+23 is not a whole number within 64 bits" "k6: a count past 64 bits"
sed 's/^Requests\/sec: .*/Requests\/sec: inf/' "$R/lihil-2025/02-asyncio.txt" > inf.txt
refused inf.txt "wrk: bad Requests/sec \"inf\"" "infinity"
sed 's/^Requests\/sec: .*/Requests\/sec: -nan/; s/^\(.*\) requests in/nan requests in/' "$R/lihil-2025/02-asyncio.txt" > nan.txt
refused nan.txt "wrk: bad request count \"nan\"" "NaN requests"
sed 's/^http_reqs.*/http_reqs.....: NaN NaN\/s/' "$R/piterpy-2023/01-aiohttp.txt" > nank6.txt
refused nank6.txt "k6 output without a request count or a request rate" "k6: NaN requests and rate"

# A duplicated section that disagrees with itself.
{ cat "$R/lihil-2025/02-asyncio.txt"; echo "Requests/sec: 5.00"; } > dup.txt
refused dup.txt "requests_per_sec value is printed twice with different values \(104379.61, then 5.00\)" \
    "a duplicated line with another value"
# ... while a file holding the same output twice is two runs, as people
# paste them (identical figures, one run each).
{ cat "$R/lihil-2025/03-uvicorn.txt"; cat "$R/lihil-2025/03-uvicorn.txt"; } > twice.txt
bdb import twice.txt
expect_rc 0 "the same output twice"
expect_match "$OUT" "runs [0-9]+-[0-9]+ \(wrk" "two runs"

# Metadata files that are not JSON, or have the wrong types.
cp "$R/lihil-2025/04-starlette.txt" m.txt
printf 'campaign = "x"\n' > m.meta.json
bdb import m.txt
expect_rc 1 "metadata not JSON: refused"
expect_match "$ERR" "^benchdb: m.meta.json:1: not valid JSON" "metadata not JSON: its own FILE:LINE"
printf '{"host": {"vcpus": "four"}}\n' > m.meta.json
bdb import m.txt
expect_match "$ERR" "^benchdb: m.meta.json:1: host.vcpus must be a number" "metadata with a wrong type"
printf '{"tags": ["a"]}\n' > m.meta.json
bdb import m.txt
expect_match "$ERR" "^benchdb: m.meta.json:1: tags must be an object" "tags of the wrong shape"
printf '{"stack": {"workers": 1.5}}\n' > m.meta.json
bdb import m.txt
expect_match "$ERR" "stack.workers: \"1.5\" is not a whole non-negative number" "a fractional worker count"
expect_eq "$(sql 'SELECT count(*) FROM run WHERE label = '"'"'m'"'"'')" 0 "no run with bad metadata"
finish
