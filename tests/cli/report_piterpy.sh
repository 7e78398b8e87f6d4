# report_piterpy.sh - the talk of seed 000 ("Имя мне скорость", PiterPy
# 2023) rebuilt from results/piterpy-2023 with the Russian template: its
# title slide, "Наш сетап", a "Результаты кратко" slide per run
# ("~1.2к RPS", "412 ms latency p90"), the RPS chart, and the aiohttp write
# run whose every request failed marked ПРОВАЛЕНО everywhere and never
# ranked. Skipped where the build has no k6 parser.
. "$SRC/tests/report/cli-lib.sh"
require_format k6-text

bdb -q import "$SRC/results/piterpy-2023"
expect_rc 0 "import results/piterpy-2023"

bdb report --template ru --pdf talk.pdf --png png --md talk.md --csv talk.csv
expect_rc 0 "report --template ru"
# Terminal table: the failed run last, unranked, marked.
expect_match "$OUT" "^# +Фреймворк +RPS +к предыдущему +к лучшему +ошибки" "Russian headers"
expect_match "$OUT" "
1 +socketify\.py +1,714\.94 +- +0\.0% +0%" "socketify.py first"
expect_match "$OUT" "
- +aiohttp \(write\) +458\.46 +- +- +100% ПРОВАЛЕНО\$" "the failed run: last, no rank, marked"

# title, setup, 8 runs, bars, percentiles, table
check_pdf talk.pdf 13
p1=$(pdf_text talk.pdf 1)
expect_match "$p1" "Имя мне скорость" "title"
expect_match "$p1" "Денис Аникин" "author"
expect_match "$p1" "PiterPy 2023" "campaign"
p2=$(pdf_text talk.pdf 2)
for s in "Наш сетап" "Intel\(R\) Xeon\(R\) Silver 4214 CPU" "KVM" "8 GiB" "Ubuntu 22.04.3 LTS" \
         "MacBook Apple M1 Pro" "nginx" "redis" "pydantic, msgspec" "k6"; do
    expect_match "$p2" "$s" "setup slide: $s"
done
all=$(pdf_text talk.pdf)
for s in "Результаты кратко: FastAPI \+ granian" "~1\.2к RPS" "412 ms latency p90" \
         "Результаты кратко: socketify\.py" "~1\.7к RPS" "37 ms latency p90" \
         "http_reqs\.+: 87062 1241\.222484/s" "µs" "RPS: кто быстрее" "Latency по перцентилям" \
         "прогоны 1-8"; do
    expect_match "$all" "$s" "deck: $s"
done
# The failed run's own slide, its bar and its table row are marked.
failed_pages=0
for i in $(seq 1 13); do
    t=$(pdf_text talk.pdf "$i")
    case "$t" in *"Результаты кратко: aiohttp (write)"*)
        expect_match "$t" "ПРОВАЛЕНО" "the failed run's slide is marked"
        expect_match "$t" "все 32\.2к запросов с ошибкой" "the failed run's slide says why"
        failed_pages=$((failed_pages + 1)) ;;
    esac
    case "$t" in *"RPS: кто быстрее"*)
        expect_match "$t" "ПРОВАЛЕНО · 458 · все 32\.2к запросов с ошибкой" "the failed bar is marked" ;;
    esac
    case "$t" in *"RPS: каждый против предыдущего"*)
        expect_match "$t" "aiohttp \(write\) +458\.46 +- +- +100% ПРОВАЛЕНО" "the failed table row" ;;
    esac
done
expect_eq "$failed_pages" 1 "one slide for the failed run"
check_png png/bars.png 1824x972
check_png png/percentiles.png 1824x972
expect_match "$(cat talk.md)" "\| - \| aiohttp \(write\) \| 458\.46 \| - \| - \| \*\*100% ПРОВАЛЕНО\*\* \|" "Markdown: failed row"
expect_match "$(cat talk.csv)" "
,aiohttp \(write\),rps,458\.463481,,,,100,failed,1,2" "CSV: failed row unranked"

# Latency p90, worst first, in English.
bdb report --metric p90 --order worst --pdf p90.pdf
expect_rc 0 "--metric p90"
expect_match "$OUT" "^# +Run +Latency p90" "English headers"
expect_match "$OUT" "
1 +FastAPI \+ gunicorn \+ uvicorn +2\.07 s" "worst p90 first"
check_pdf p90.pdf 13
finish
