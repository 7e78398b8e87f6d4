#!/bin/bash
# progress: importing a large file draws "NAME: N% of M MB" on stderr
# when stderr is a terminal (a pseudo-terminal from script(1)), wipes it
# before the summary, and draws nothing in a pipe, with -q, or for a
# small file. The file: a real k6 --out json sample (fixture) with its
# Point lines repeated to 35 MB, past the 32 MiB threshold.
#
# Environment (tests/CMakeLists.txt): BENCHDB, SRC, TMPROOT.
. "$(dirname "$0")/lib.sh"

command -v script >/dev/null || { echo "progress: script(1) missing" >&2; exit 1; }

fx="$SRC/tests/fixtures/k6raw/ndjson__MiguelFerreira18_Comparing_JSON_and_ProtoBuf__data-head-metric-first.ndjson"
grep -v '"Point"' "$fx" > big.ndjson
points=$(grep '"Point"' "$fx")
for _ in $(seq 1 4800); do printf '%s\n' "$points"; done >> big.ndjson
size_mb=$(( $(stat -c %s big.ndjson) >> 20 ))
[ "$size_mb" -ge 32 ] || fail "generated file is $size_mb MB, under the 32 MiB threshold"

# In a terminal: the percentages, the last one 100%, then a wipe and the summary.
script -qec "\"$BENCHDB\" --db \"$DB\" import big.ndjson" /dev/null > tty.out
RC=$?
expect_rc 0 "import in a terminal"
tty=$(tr '\r' '\n' < tty.out)
expect_match "$tty" "big.ndjson: 0% of $size_mb MB" "first progress line"
expect_match "$tty" "big.ndjson: 50% of $size_mb MB" "half-way progress line"
expect_match "$tty" "big.ndjson: 100% of $size_mb MB" "last progress line"
expect_eq "$(tr '\r' '\n' < tty.out | grep -c "% of $size_mb MB")" 101 "one line per percent"
expect_match "$(tail -c 80 tty.out)" "1 file: 1 imported \(1 run\)" "summary after the progress"
# The sample has 2 http_reqs points (value 1 each), repeated 4800 times.
expect_eq "$(sql "SELECT requests FROM run")" 9600 "requests of the run stored"
expect_eq "$(sql "SELECT count(*) FROM run")" 1 "one run"

# A pipe: no progress.
rm -f "$DB"
bdb import big.ndjson
expect_rc 0 "import in a pipe"
expect_no_match "$ERR" "% of" "stderr in a pipe"

# -q in a terminal: nothing at all.
rm -f "$DB"
script -qec "\"$BENCHDB\" -q --db \"$DB\" import big.ndjson" /dev/null > quiet.out
expect_eq "$(wc -c < quiet.out)" 0 "bytes written with -q"
expect_eq "$(sql "SELECT count(*) FROM run")" 1 "run stored with -q"

# A small file in a terminal: no progress.
rm -f "$DB"
script -qec "\"$BENCHDB\" --db \"$DB\" import \"$fx\"" /dev/null > small.out
expect_no_match "$(cat small.out)" "% of" "small file in a terminal"

finish
