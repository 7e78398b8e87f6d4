# upgrade.sh - databases made by earlier schema versions open in today's
# benchdb, are migrated forward, and lose nothing.
. "$(dirname "$0")/lib.sh"

for fx in "$SRC"/tests/fixtures/db/v*.sqlite; do
    name=$(basename "$fx" .sqlite)
    cp "$fx" "$T_DIR/$name.sqlite"
    DB="$T_DIR/$name.sqlite"
    old_version=$(sql 'PRAGMA user_version')
    runs=$(sql 'SELECT count(*) FROM run')
    # What the old database says, in the columns every version has.
    before=$(sql "SELECT run_id, label, campaign, scenario, tool, requests, rps, latency_p90_ms,
                         failed_pct, cpu_model, sha256 FROM summary ORDER BY run_id")
    figs=$(sql 'SELECT count(*), total(value) FROM run_figure')
    pcts=$(sql 'SELECT count(*), total(value) FROM run_percentile')
    tags=$(sql "SELECT group_concat(run_id || key || value, ',') FROM (SELECT * FROM run_tag ORDER BY 1, 2)")
    raws=$(sql 'SELECT group_concat(sha256 || length(raw), ",") FROM (SELECT * FROM source ORDER BY source_id)')
    hists=""
    if [ "$old_version" -ge 2 ]; then
        hists=$(sql 'SELECT count(*), sum(length(data)), total(count) FROM run_histogram')
        seconds=$(sql 'SELECT count(*), total(requests) FROM run_second')
    fi

    bdb list
    expect_rc 0 "$name: opens in today's benchdb"
    latest=$("$BENCHDB" --version | sed 's/.*(schema \([0-9]*\),.*/\1/')
    expect_eq "$(sql 'PRAGMA user_version')" "$latest" "$name: migrated from $old_version to the latest schema"
    expect_eq "$(sql 'SELECT count(*) FROM run')" "$runs" "$name: every run is still there"
    expect_eq "$(sql "SELECT run_id, label, campaign, scenario, tool, requests, rps, latency_p90_ms,
                          failed_pct, cpu_model, sha256 FROM summary ORDER BY run_id")" "$before" "$name: summary unchanged"
    expect_eq "$(sql 'SELECT count(*), total(value) FROM run_figure')" "$figs" "$name: figures unchanged"
    expect_eq "$(sql 'SELECT count(*), total(value) FROM run_percentile')" "$pcts" "$name: percentiles unchanged"
    expect_eq "$(sql "SELECT group_concat(run_id || key || value, ',') FROM (SELECT * FROM run_tag ORDER BY 1, 2)")" \
        "$tags" "$name: tags unchanged"
    expect_eq "$(sql 'SELECT group_concat(sha256 || length(raw), ",") FROM (SELECT * FROM source ORDER BY source_id)')" \
        "$raws" "$name: raw outputs unchanged"
    if [ -n "$hists" ]; then
        expect_eq "$(sql 'SELECT count(*), sum(length(data)), total(count) FROM run_histogram')" "$hists" \
            "$name: histograms unchanged"
        expect_eq "$(sql 'SELECT count(*), total(requests) FROM run_second')" "$seconds" "$name: per-second rows unchanged"
    fi
    expect_eq "$(sql 'PRAGMA integrity_check')" ok "$name: integrity"
    expect_eq "$(sql 'PRAGMA foreign_key_check')" "" "$name: foreign keys"
    # And it takes new runs.
    bdb import "$SRC/tests/fixtures/wrk/live__wrk__t2_c10_d2s.txt"
    expect_rc 0 "$name: imports after the upgrade"
done

# A database from a newer benchdb is refused, not damaged.
cp "$SRC/tests/fixtures/db/v1.sqlite" newer.sqlite
sqlite3 newer.sqlite 'PRAGMA user_version = 999'
before=$(sqlite3 newer.sqlite .dump | sha256sum)
DB="$T_DIR/newer.sqlite"
bdb list
expect_rc 3 "a newer schema is refused"
expect_match "$ERR" "schema version 999 is newer than this benchdb knows" "says why"
expect_eq "$(sqlite3 newer.sqlite .dump | sha256sum)" "$before" "and left as it was"
finish
