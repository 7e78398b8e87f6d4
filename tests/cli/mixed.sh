# mixed.sh - several outputs of different tools in one file: each becomes
# a run, the format detected first giving runs 1..k and the stretches
# between its runs giving the rest; logs and prose around them are
# skipped. Every figure below is read off the fixtures' text. (A line
# straight after wrk's Transfer/sec is its Lua script's output: the logs
# here follow a blank line.)
. "$(dirname "$0")/lib.sh"

FX="$SRC/tests/fixtures"
WRK="$FX/wrk/live__wrk__t2_c10_d2s.txt"       # 8 lines
HEY="$FX/hey/live__hey__n2000_c20.txt"        # 42 lines, the first blank

# runs FILE: "seq first-last tool requests rps avg label" per run.
runs() {
    sql "SELECT r.seq || ' ' || r.first_line || '-' || r.last_line || ' ' || r.tool || ' ' ||
                coalesce(r.requests, '-') || ' ' || r.rps || ' ' || coalesce(r.latency_avg_ms, '-') ||
                ' ' || r.label
         FROM run r JOIN source s USING (source_id) WHERE s.file_name = '$1' ORDER BY r.seq"
}

# wrk then hey, with a log line before, between and after: hey is
# detected for the whole file, wrk is found in the stretch before it.
{ echo "2025-01-02 10:00:00 starting wrk"; cat "$WRK"; echo; echo "2025-01-02 10:00:05 starting hey";
  cat "$HEY"; echo "done, 2 runs, see you"; } > wrk-hey.txt
bdb import --label mixed wrk-hey.txt
expect_rc 0 "import wrk + hey"
expect_match "$OUT" "wrk-hey.txt: runs 1-2 \(hey, mixed\)" "two runs"
# wrk: 211244 requests in 2.10s, Requests/sec: 100580.98, Latency 204.28us;
# hey: [200] 2000 responses, Requests/sec: 34383.1418, Average: 0.0005 secs.
expect_eq "$(runs wrk-hey.txt)" "1 13-54 hey 2000 34383.1418 0.5 mixed
2 2-9 wrk 211244 100580.98 0.20428 mixed" "the hey run and the wrk run, with their lines"
expect_eq "$(sql "SELECT threads || '/' || connections FROM run WHERE tool = 'wrk'")" "2/10" \
    "wrk: 2 threads and 10 connections"
expect_eq "$(sql "SELECT format FROM source WHERE file_name = 'wrk-hey.txt'")" hey \
    "the source's format is the one detected first"

# With --format, the file is read as that format alone.
cp wrk-hey.txt wrk-hey-format.txt
echo >> wrk-hey-format.txt
bdb import --format wrk wrk-hey-format.txt
expect_eq "$(runs wrk-hey-format.txt)" "1 2-9 wrk 211244 100580.98 0.20428 wrk-hey-format" \
    "--format wrk: the wrk run alone"

# Seed 003: oha's summary, then the post's comparison table (lines 30-39).
bdb import "$FX/oha/seed003__necro-oha.txt"
expect_rc 0 "import seed 003"
expect_eq "$(runs "$FX/oha/seed003__necro-oha.txt" | cut -d' ' -f2-)" \
"3-22 oha - 1453431.8677 0.6949 seed003__necro-oha
31-31 published - 1514316.0 0.24 necro
32-32 published - 1310342.0 0.261 nginx
33-33 published - 1142127.0 0.351 fasthttp (Go)
34-34 published - 556123.0 0.441 uvicorn, bare ASGI
35-35 published - 549132.0 0.445 granian, bare ASGI
36-36 published - 502746.0 0.684 Go net/http stdlib
37-37 published - 260007.0 0.97 uvicorn + litestar
38-38 published - 50976.0 5.01 uvicorn + starlette
39-39 published - 29852.0 8.56 uvicorn + fastapi" "seed 003: the oha run and the table's nine rows"

# Seed 002's shape: a wrk output with a Markdown table straight after
# Transfer/sec (no blank line), then a chart's source.
{ cat "$FX/wrk/seed002__07-fastapi-msgspec.txt"; cat "$FX/published/seed002__decay-table-and-chart.md"; } > wrk-table.txt
bdb import wrk-table.txt
expect_eq "$(runs wrk-table.txt)" "1 1-8 wrk 328217 32498.99 0.30416 wrk-table
2 11-11 published - 104380.0 - asyncio
3 12-12 published - 46426.0 - Uvicorn
4 13-13 published - 35433.0 - Starlette
5 14-14 published - 17178.0 - FastAPI" "wrk, then the decay table's four rows"

# Seed 000's shape: a k6 summary, a table without a throughput column
# (not a run), prose, and a table with one.
{ cat "$FX/k6/seed000__01-aiohttp.txt"; cat "$FX/published/seed000__two-tab-tables-one-without-throughput.txt"; } > k6-tables.txt
k6n=$(wc -l < "$FX/k6/seed000__01-aiohttp.txt")
bdb import k6-tables.txt
expect_eq "$(runs k6-tables.txt | cut -d' ' -f1,3-)" "1 k6 34065 484.821487 650.66 k6-tables
2 published - 3184.0 1.203 Fast API over REST
3 published - 11356.0 0.086 Fast API over WebSocket
4 published - 9849.0 0.164 gRPC
5 published - 79000.0 0.062 UCall with POSIX + C
6 published - 210000.0 0.04 UCall with io_uring
7 published - 231000.0 0.022 UCall with io_uring + C" "k6, then the table with a throughput column"
expect_eq "$ERR" "" "the table without a throughput column goes unsaid: the stretch had a run"
expect_eq "$(sql "SELECT group_concat(first_line - $k6n, ',') FROM run JOIN source USING (source_id)
                  WHERE file_name = 'k6-tables.txt' AND tool = 'published'")" "14,15,16,17,18,19" \
    "the rows' lines, counted in the whole file"

# A stretch a format claims but cannot read is skipped with a warning:
# between two k6 summaries, the table without a throughput column alone.
{ cat "$FX/k6/seed000__01-aiohttp.txt"; head -9 "$FX/published/seed000__two-tab-tables-one-without-throughput.txt";
  cat "$FX/k6/seed000__03-fastapi-gunicorn-uvicorn.txt"; } > k6-other-k6.txt
bdb import k6-other-k6.txt
expect_rc 0 "k6, another table, k6"
expect_eq "$(runs k6-other-k6.txt | cut -d' ' -f1,3-5)" "1 k6 34065 484.821487
2 k6 31005 440.274209" "the two k6 runs"
expect_eq "$ERR" "benchdb: warning: k6-other-k6.txt:$((k6n + 4)): table-csv, not read: published table without a throughput or request-count column (\"\", \"import ( µs)\", \"create ( µs)\", \"equality ( µs)\", \"order ( µs)\")" \
    "the table between them is skipped with a word"
bdb -q import "$FX/published/seed000__two-tab-tables-one-without-throughput.txt" "$FX/k6/seed000__01-aiohttp.txt"
expect_eq "$ERR" "" "-q: no warning"

# Prose with numbers between two outputs of one tool is no table.
{ cat "$WRK"; echo; echo "We got about 100,000 requests per second here,"; echo "and 2 threads: 10 connections each.";
  echo "Req/s went up by 12% | latency 0.2 ms"; echo; cat "$WRK"; } > wrk-prose-wrk.txt
bdb import wrk-prose-wrk.txt
expect_eq "$(runs wrk-prose-wrk.txt | cut -d' ' -f1-4)" "1 1-8 wrk 211244
2 14-21 wrk 211244" "two wrk runs, the prose skipped"
finish
