# gzip_damage.sh - a damaged gzip file is refused once, as bad input is:
# "benchdb: FILE:LINE: reason", where LINE is the last complete line of
# the text decoded before the damage (1 when there is none); exit 1 and
# nothing stored. Made from real fixtures: a k6 text summary (read whole)
# and k6 --out json points (streamed).
. "$(dirname "$0")/lib.sh"

K6="$SRC/tests/fixtures/k6/derived__adarsh1021_simple-benchmarks__negative-ns-durations-ansi-crlf-compose.txt"
ND="$SRC/tests/fixtures/k6raw/ndjson__MiguelFerreira18_Comparing_JSON_and_ProtoBuf__data-head-metric-first.ndjson.gz"
gzip -n -c "$K6" > k6.txt.gz
cp "$ND" points.ndjson.gz
k6_lines=$(wc -l < "$K6")
nd_lines=$(gzip -dc "$ND" | wc -l)
expect_eq "$k6_lines|$nd_lines" "38|51" "the fixtures' line counts"

# refused FILE REASON LINE: imports FILE and checks the one message.
refused() {
    bdb import "$1"
    expect_rc 1 "$1 refused"
    expect_eq "$ERR" "benchdb: $1:$3: $2" "$1: one message with its line"
    expect_match "$OUT" "1 file: 0 imported \(0 runs\), 0 duplicates, 1 refused" "$1 summary"
    expect_eq "$(sql 'SELECT count(*) FROM source') $(sql 'SELECT count(*) FROM run')" "0 0" \
        "$1 stored nothing"
}

for f in k6.txt.gz points.ndjson.gz; do
    size=$(wc -c < "$f")
    lines=$k6_lines
    [ "$f" = points.ndjson.gz ] && lines=$nd_lines
    # Without its last 4 bytes (the length in the trailer): every line
    # was decoded before the end came too soon.
    head -c $((size - 4)) "$f" > "cut-$f"
    refused "cut-$f" "truncated gzip data" "$lines"
    # The CRC-32 in the trailer flipped: all decoded, then the check fails.
    cp "$f" "crc-$f"
    printf '\377\377\377\377' | dd of="crc-$f" bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
    refused "crc-$f" "corrupt gzip data (incorrect data check)" "$lines"
    # The 10-byte header alone: no line decoded, so line 1.
    head -c 10 "$f" > "head-$f"
    refused "head-$f" "truncated gzip data" 1
    # Cut in the middle: the line is the last complete one gzip -d gets.
    head -c $((size / 2)) "$f" > "half-$f"
    got=$(gzip -dc "half-$f" 2>/dev/null | wc -l)
    refused "half-$f" "truncated gzip data" "$got"
done
# The same bytes whole are imported: the damage alone was refused.
bdb import k6.txt.gz points.ndjson.gz
expect_rc 0 "the undamaged files"
expect_eq "$(sql 'SELECT count(*) FROM source WHERE gzipped = 1')" 2 "two gzipped sources"
finish
