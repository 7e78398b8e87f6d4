-- benchdb schema, migration 2: what raw point data keeps (k6 --out json,
-- --out csv): whole distributions and per-second time series.
--
-- Such files reach gigabytes; their points are not kept (source.raw is
-- NULL), only what is computed from them while they stream: one
-- histogram per metric and one row per second of the test. Units as in
-- migration 1: ms for time, bytes for data; NULL means "none".

-- The whole distribution of one metric of a run (every k6 trend, and
-- http_req_duration{expected_response:true}), so that any percentile can
-- be asked later (`benchdb percentile`). count, min, max and mean are
-- exact; `data` holds the histogram in the format `encoding` names:
--   'benchdb-hdr1'  a log-linear histogram: 128 sub-buckets per power of
--                   two from 2^-20 to 2^40 (in ms: 1 ns to 12.7 days),
--                   one bucket below and one above; any percentile read
--                   from it is within 0.4% of the exact one. Layout (all
--                   varints LEB128): "BH", 0x01, sub-bucket bits (7),
--                   zigzag -20, zigzag 40, count, then min, max, sum as
--                   little-endian IEEE doubles, then runs of non-empty
--                   buckets: (empty buckets skipped, n, n counts).
--                   src/hdr.h is the reference; doc/formats/k6-raw.md
--                   explains it.
-- Percentiles of every histogram (50 75 90 95 99 99.9 99.99) are also in
-- run_percentile, so plain SQL needs no decoding.
CREATE TABLE run_histogram (
    run_id   INTEGER NOT NULL REFERENCES run(run_id) ON DELETE CASCADE,
    metric   TEXT NOT NULL,
    unit     TEXT NOT NULL,
    count    INTEGER NOT NULL,
    min      REAL,
    max      REAL,
    mean     REAL,
    encoding TEXT NOT NULL,
    data     BLOB NOT NULL,
    PRIMARY KEY (run_id, metric)
) STRICT;

-- One row per second of a run with raw point data. `second` counts from
-- the first point of the file (run_param 'series_start' holds its time as
-- written); a point that arrived out of order before it may give a
-- negative second. requests: requests completed in that second (k6
-- http_reqs); failed: of them, failed (k6 http_req_failed); p50/p90/p99:
-- percentiles of that second's request durations (k6 http_req_duration)
-- in ms, NULL in a second without any; vus: the largest number of active
-- virtual users seen in that second, NULL when none was reported. A second
-- without any of these points has no row.
CREATE TABLE run_second (
    run_id   INTEGER NOT NULL REFERENCES run(run_id) ON DELETE CASCADE,
    second   INTEGER NOT NULL,
    requests INTEGER,
    failed   INTEGER,
    p50_ms   REAL,
    p90_ms   REAL,
    p99_ms   REAL,
    vus      INTEGER,
    PRIMARY KEY (run_id, second)
) STRICT, WITHOUT ROWID;

-- The time series with each run's label and campaign, and the failure
-- percentage of each second: one row per run and second, ready to plot
--   SELECT second, requests, p99_ms FROM timeline WHERE run_id = 7;
CREATE VIEW timeline AS
SELECT
    s.run_id,
    c.name AS campaign,
    r.label,
    s.second,
    s.requests,
    s.failed,
    CASE WHEN s.requests > 0 THEN 100.0 * s.failed / s.requests END AS failed_pct,
    s.p50_ms,
    s.p90_ms,
    s.p99_ms,
    s.vus
FROM run_second s
JOIN run r ON r.run_id = s.run_id
LEFT JOIN campaign c ON c.campaign_id = r.campaign_id;
