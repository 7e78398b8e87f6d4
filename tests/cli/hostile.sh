# hostile.sh - files that are not what they seem: each gets
# "benchdb: FILE:LINE: reason", a non-zero exit, and no rows.
. "$(dirname "$0")/lib.sh"

R="$SRC/results"
bdb import "$R/lihil-2025/01-axum.txt"
before=$(db_digest)

refused() { # FILE REGEX WHAT: FILE refused at one of its lines, nothing stored
    refused_by "$1" "$1" "$2" "$3"
}

refused_by() { # FILE NAMED REGEX WHAT: FILE refused, the message naming NAMED:LINE
    refused_at "$1" "$2:[0-9]+" "$3" "$4"
}

refused_at() { # FILE WHERE REGEX WHAT: FILE refused with "benchdb: WHERE: REGEX"
    bdb import "$1"
    expect_rc 1 "$4: refused"
    expect_match "$ERR" "^benchdb: $2: $3" "$4: FILE:LINE: reason"
    expect_eq "$(db_digest)" "$before" "$4: nothing stored"
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

# Numbers past 64 bits, NaN, infinity, overflowing floats, a negative count
# and a share outside 0..100 where a headline figure must be: each is
# refused at the line that holds it.
W="$R/lihil-2025/02-asyncio.txt"    # wrk: Latency line 4, requests 6, Requests/sec 7
K="$R/piterpy-2023/01-aiohttp.txt"  # k6: http_req_failed line 7, http_reqs 12, iterations 14
number() { # BASE SED FILE LINE REGEX WHAT: BASE edited by SED is refused at LINE
    sed "$2" "$1" > "$3"
    if cmp -s "$1" "$3"; then
        fail "$6: the sed script changed nothing"
    fi
    refused_at "$3" "$3:$4" "$5" "$6"
}
number "$W" 's/^\(.*\) requests in/99999999999999999999999 requests in/' big.txt \
    6 'wrk: request count "99999999999999999999999" is not a whole number within 64 bits' "a count past 64 bits"
number "$W" 's/^\(.*\) requests in/-1054145 requests in/' negreq.txt \
    6 'wrk: request count "-1054145" is not a whole number within 64 bits' "a negative count"
number "$W" 's/^Requests\/sec: .*/Requests\/sec: inf/' inf.txt \
    7 'wrk: bad Requests/sec "inf"' "infinity"
number "$W" 's/^Requests\/sec: .*/Requests\/sec: 1e400/' overflow.txt \
    7 'wrk: bad Requests/sec "1e400"' "wrk: a rate past a double"
number "$W" 's/^Requests\/sec: .*/Requests\/sec: -nan/' nanrps.txt \
    7 'wrk: bad Requests/sec "-nan"' "wrk: a NaN rate"
number "$W" 's/^Requests\/sec: .*/Requests\/sec: -nan/; s/^\(.*\) requests in/nan requests in/' nan.txt \
    6 'wrk: request count "nan" is not a number' "NaN requests"
number "$W" 's/^Latency [^ ]*/Latency 1e400us/' latbig.txt \
    4 'wrk: cannot read "1e400us" in the Latency row' "wrk: a latency past a double"
number "$W" 's/^Latency [^ ]*/Latency nanus/' latnan.txt \
    4 'wrk: "nanus" in the Latency row is not a number, though the row holds a measured time' \
    "wrk: a NaN average beside measured latencies"
number "$K" 's/^http_reqs.*/http_reqs.....: 99999999999999999999999 484.82\/s/' bigk6.txt \
    12 'k6: http_reqs count "99999999999999999999999" is not a whole number within 64 bits' "k6: a count past 64 bits"
number "$K" 's/^http_reqs.*/http_reqs.....: NaN NaN\/s/' nank6.txt \
    12 'k6: http_reqs count "NaN" is not a number' "k6: NaN requests and rate"
number "$K" 's/^http_reqs.*/http_reqs.....: 34065 1e400\/s/' overk6.txt \
    12 'k6: cannot read the rate "1e400/s" of http_reqs' "k6: a rate past a double"
number "$K" 's/^iterations.*/iterations.....: 34065 -484.821487\/s/' negk6.txt \
    14 'k6: iterations rate "-484.821487/s" is negative' "k6: a negative rate"
number "$K" 's/^http_reqs.*/http_reqs.....: 34x65 484.821487\/s/' garbk6.txt \
    12 'k6: cannot read "34x65" of http_reqs' "k6: a count with a letter inside"
number "$K" 's/^http_reqs.*/http_reqs.....: 34065abc 484.821487\/s/' gluek6.txt \
    12 'k6: cannot read "34065abc" of http_reqs' "k6: a count with letters glued on, a rate after it"
# A JSON report's number past a double (which a JSON parser reads as
# infinity, and a figure would silently lose): refused at its line.
F="$SRC/tests/fixtures"
number "$F/bombardier/tebeco_PocValidateRequestContentHash__windows-json-blank-p90-4xx.txt" \
    '9s/"latency":{"mean":1990.481452/"latency":{"mean":1e400/' overbomb.txt \
    9 'a number past the range of a double' "bombardier -o json: a latency past a double"
number "$F/oha/denosaurs_bench__bun-hello-oha-json.json" \
    '8s/"requestsPerSec": 80919.55620309559/"requestsPerSec": 8e999/' overoha.json \
    8 'oha-json: a number past the range of a double' "oha -j: a rate past a double"
for v in -nan nan inf -inf 1e400 -5.00 150.00 0.0x; do
    number "$K" "s/^http_req_failed.*/http_req_failed.....: $v% ✓ 0 ✗ 34065/" "failed$v.txt" \
        7 "k6: (http_req_failed rate \"$v%\" is not a number|the rate \"$v%\" of http_req_failed is not a percentage from 0 to 100)" \
        "k6: http_req_failed $v% alone in a valid output"
done
expect_match "$ERR" '^benchdb: failed0.0x.txt:7: k6: the rate "0.0x%" of http_req_failed is not a percentage from 0 to 100$' \
    "k6: a damaged percentage named as such"

# NaN where the tool itself prints it for a statistic of nothing is no
# damage: wrk's "-nan%" share of a run with no request, wrk2's "-nan"
# Req/Sec of a thread, autocannon's old "NaN" latency beside a zero maximum. Those
# import, the NaN stored as no value.
for f in wrk/wg_wrk__issue497-zero-requests-nan.txt wrk2/polis-mail-ru_2020-highload-dht__get-nan-reqsec.txt \
    autocannon/mcollina_autocannon__issue127-old-format-non2xx-nan.txt; do
    bdb import "$SRC/tests/fixtures/$f"
    expect_rc 0 "real NaN output $f imports"
done
expect_eq "$(sql "SELECT count(*) FROM run WHERE tool = 'autocannon' AND latency_avg_ms IS NULL AND requests = 211000")" 1 \
    "autocannon: the NaN average stored as NULL"
before=$(db_digest)

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

# Metadata files that are not JSON, or have the wrong types: the output
# is refused, the message names the metadata file's line.
cp "$R/lihil-2025/04-starlette.txt" m.txt
before=$(db_digest)
printf 'campaign = "x"\n' > m.meta.json
refused_by m.txt m.meta.json "not valid JSON" "metadata not JSON"
printf '{"host": {"vcpus": "four"}}\n' > m.meta.json
refused_by m.txt m.meta.json "host.vcpus must be a number" "metadata with a wrong type"
printf '{"tags": ["a"]}\n' > m.meta.json
refused_by m.txt m.meta.json "tags must be an object" "tags of the wrong shape"
printf '{"stack": {"workers": 1.5}}\n' > m.meta.json
refused_by m.txt m.meta.json "stack.workers: \"1.5\" is not a whole non-negative number" "a fractional worker count"
finish
