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

# A run's slide footer names the run in the template's words.
expect_match "$all" "прогон 2 · k6 · PiterPy 2023 · write" "Russian run footer"
expect_no_match "$all" "run [0-9]+ ·" "no English \"run\" in the Russian deck's footers"
# The different-conditions note in the template's words: the write run's
# scenario differs from the seven read runs'.
expect_match "$all" "сценарий различается: read \(прогоны 1, 3, 4, 5, 6, 7, 8\)" "Russian conditions note"
expect_match "$all" "против write \(прогон 2\)" "Russian conditions note, second side"
expect_no_match "$all" "scenario differs" "no English conditions note in the Russian deck"

# Groups with a failed run (--by): the failed run (2, aiohttp write, every
# request failed) is counted, never averaged in. The (none) server group
# of runs 1, 2, 8 is ranked on runs 1 and 8 alone (median of 484.821487
# and 498.28599) and says 1 of its 3 runs failed; its failed_pct is that
# of runs 1 and 8 (0), not run 2's 100.
bdb report --by server --csv -
expect_rc 0 "--by server --csv -"
expect_match "$OUT" "
4,\(none\),rps,491\.5537385,-57\.2892836042526,-71\.3369112899499,,0,partly_failed,3,\"1, 2, 8\",484\.821487,498\.28599,0\.019368871866705654,0,1
" "--by server: the (none) group, ranked on its two good runs"
expect_match "$OUT" "
5,gunicorn \+ uvicorn,rps,464\.884946,-5\.425407317902027,-72\.89200060236169,,0,ok,2,\"3, 4\",440\.274209,489\.495683,0\.0748676384229429,1,0\$" "--by server: a group without failures"
bdb report --by server
expect_match "$OUT" "
4 +\(none\) +491\.55 \(n=2, ±1\.9%\) +↓57\.3% +↓71\.3% +0% \(1 of 3 runs failed\)
" "--by server table: 1 of 3 runs failed"
bdb report --by framework --csv -
expect_match "$OUT" "
5,aiohttp,rps,484\.821487,-1\.8363064932062145,-71\.72947695845994,,0,partly_failed,2,\"1, 2\",484\.821487,484\.821487,,0,1\$" "--by framework: aiohttp is run 1's figure, 1 of 2 failed"
# A group made only of failed runs: state failed, no rank, last.
bdb report --by scenario --csv -
expect_match "$OUT" "
,write,rps,458\.463481,,,,100,failed,1,2,458\.463481,458\.463481,,0,1\$" "--by scenario: the write group failed, unranked"
bdb -q report --by framework --template ru --pdf by.pdf --md by.md --png bypng
expect_rc 0 "--by framework deck"
expect_match "$(cat by.md)" "\| 5 \| aiohttp \| 484\.82 \| ↓1\.8% \| ↓71\.7% \| \*\*0% \(провалено прогонов: 1 из 2\)\*\* \|" "Markdown: the group's failed runs"
by=$(pdf_text by.pdf)
expect_match "$by" "485 · провалено прогонов: 1 из 2" "the bar of a group with a failed run is marked"
expect_match "$by" "aiohttp +484\.82 +↓1\.8% +↓71\.7% +0% \(провалено прогонов: 1 из 2\)" "the table slide row"
expect_match "$by" "Результаты кратко: aiohttp \(write\)" "the failed run keeps its own slide"

# Markdown on standard output: no image files in the working directory;
# images only where --png says, linked from here.
mkdir md && cd md || exit 2
bdb report --md -
expect_rc 0 "--md -"
expect_match "$OUT" "^# Имя мне скорость|^# PiterPy 2023" "Markdown heading on stdout"
expect_no_match "$OUT" "!\[" "no image links without --png or --svg"
expect_no_match "$OUT" "^#  Run" "the terminal table is not mixed into the Markdown"
expect_match "$ERR" "--md -: no chart images \(--png DIR or --svg DIR writes and links them\)" "--md - says why"
expect_eq "$(ls -A)" "" "--md - wrote no file"
bdb report --md - --png charts
expect_rc 0 "--md - --png charts"
expect_match "$OUT" "!\[Requests per second\]\(charts/bars\.png\)" "--md - links the --png files"
check_png charts/bars.png 1824x972
expect_eq "$(ls -A)" "charts" "--md - --png wrote only the charts directory"
cd .. || exit 2

# Latency p90, worst first, in English.
bdb report --metric p90 --order worst --pdf p90.pdf
expect_rc 0 "--metric p90"
expect_match "$OUT" "^# +Run +Latency p90" "English headers"
expect_match "$OUT" "
1 +FastAPI \+ gunicorn \+ uvicorn +2\.07 s" "worst p90 first"
check_pdf p90.pdf 13
finish
