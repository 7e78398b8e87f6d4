-- benchdb schema, migration 1: runs, their sources, hosts, stacks, campaigns.
--
-- This file is part of benchdb's public interface: people query these
-- tables and views with sqlite3. Later migrations only add; a column or
-- view documented in README.md keeps its name and meaning.
--
-- Units everywhere: time in milliseconds (columns ending _ms) or seconds
-- (_s), data in bytes, rates per second, percentages 0..100. NULL means
-- the output did not print the figure; nothing is invented.

-- A campaign groups runs made together ("PiterPy 2023").
CREATE TABLE campaign (
    campaign_id INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE
) STRICT;

-- A machine: the server under test or the one the load came from.
-- Shared by every run made on it; `identity` is the canonical text of the
-- other columns, so the same machine is one row.
CREATE TABLE host (
    host_id        INTEGER PRIMARY KEY,
    name           TEXT,
    cpu_model      TEXT,
    vcpus          INTEGER,
    ram_mb         INTEGER,
    virtualization TEXT,
    os             TEXT,
    kernel         TEXT,
    arch           TEXT,
    identity       TEXT NOT NULL UNIQUE
) STRICT;

-- The software under test, shared by runs the same way.
CREATE TABLE stack (
    stack_id          INTEGER PRIMARY KEY,
    language          TEXT,
    language_version  TEXT,
    framework         TEXT,
    framework_version TEXT,
    server            TEXT,
    server_version    TEXT,
    workers           INTEGER,
    event_loop        TEXT,
    serializer        TEXT,
    proxy             TEXT,
    database          TEXT,
    identity          TEXT NOT NULL UNIQUE
) STRICT;

-- One imported file, verbatim. Importing the same bytes again finds this
-- row by sha256 and stores nothing. `raw` is NULL only for raw point data
-- (k6 --out json/csv), which is summarised, not kept.
CREATE TABLE source (
    source_id   INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    file_name   TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    gzipped     INTEGER NOT NULL DEFAULT 0,
    format      TEXT NOT NULL,
    raw         BLOB,
    imported_at TEXT NOT NULL
) STRICT;

-- One run: one output of one load tool. A file holding several outputs
-- gives several runs, numbered by `seq` in the order they appear.
CREATE TABLE run (
    run_id           INTEGER PRIMARY KEY,
    source_id        INTEGER NOT NULL REFERENCES source(source_id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    first_line       INTEGER,
    last_line        INTEGER,
    campaign_id      INTEGER REFERENCES campaign(campaign_id),
    scenario         TEXT,
    label            TEXT NOT NULL,
    notes            TEXT,
    stack_id         INTEGER REFERENCES stack(stack_id),
    host_id          INTEGER REFERENCES host(host_id),
    load_host_id     INTEGER REFERENCES host(host_id),
    tool             TEXT NOT NULL,
    format           TEXT NOT NULL,
    tool_version     TEXT,
    command          TEXT,
    url              TEXT,
    state            TEXT NOT NULL CHECK (state IN ('ok', 'failed', 'incomplete')),
    published        INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    requests         INTEGER,
    rps              REAL,
    duration_s       REAL,
    latency_avg_ms   REAL,
    latency_min_ms   REAL,
    latency_med_ms   REAL,
    latency_max_ms   REAL,
    latency_stdev_ms REAL,
    failed_requests  INTEGER,
    failed_pct       REAL,
    bytes_received   REAL,
    bytes_sent       REAL,
    iterations       INTEGER,
    vus              INTEGER,
    vus_max          INTEGER,
    threads          INTEGER,
    connections      INTEGER,
    target_rate      REAL,
    non2xx           INTEGER,
    checks_passed    INTEGER,
    checks_failed    INTEGER,
    latency_metric   TEXT,
    imported_at      TEXT NOT NULL,
    UNIQUE (source_id, seq)
) STRICT;

CREATE INDEX run_campaign ON run(campaign_id, run_id);
CREATE INDEX run_stack ON run(stack_id);
CREATE INDEX run_host ON run(host_id);
CREATE INDEX run_load_host ON run(load_host_id);
CREATE INDEX run_tool ON run(tool);
CREATE INDEX run_scenario ON run(scenario);
CREATE INDEX run_label ON run(label);

-- Every figure the output printed, by metric and statistic, as named by
-- the tool: ('http_req_blocked', 'avg', 0.55589, 'ms', '555.89µs'); seq is
-- the printed order.
CREATE TABLE run_figure (
    run_id  INTEGER NOT NULL REFERENCES run(run_id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    metric  TEXT NOT NULL,
    stat    TEXT NOT NULL,
    value   REAL,
    unit    TEXT NOT NULL,
    printed TEXT,
    PRIMARY KEY (run_id, metric, stat)
) STRICT, WITHOUT ROWID;

-- Every percentile printed, of any metric (k6's med is percentile 50).
-- total_count is the cumulative count where the tool prints one.
CREATE TABLE run_percentile (
    run_id      INTEGER NOT NULL REFERENCES run(run_id) ON DELETE CASCADE,
    metric      TEXT NOT NULL,
    percentile  REAL NOT NULL,
    value       REAL,
    unit        TEXT NOT NULL,
    printed     TEXT,
    total_count INTEGER,
    PRIMARY KEY (run_id, metric, percentile)
) STRICT, WITHOUT ROWID;

-- k6 thresholds: the expression where printed, and whether it passed.
CREATE TABLE run_threshold (
    run_id     INTEGER NOT NULL REFERENCES run(run_id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    metric     TEXT NOT NULL,
    expression TEXT,
    ok         INTEGER NOT NULL CHECK (ok IN (0, 1)),
    observed   TEXT,
    PRIMARY KEY (run_id, seq)
) STRICT, WITHOUT ROWID;

-- k6 checks; passes/fails NULL where the output does not count them.
CREATE TABLE run_check (
    run_id INTEGER NOT NULL REFERENCES run(run_id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    grp    TEXT NOT NULL,
    name   TEXT NOT NULL,
    passes INTEGER,
    fails  INTEGER,
    PRIMARY KEY (run_id, seq)
) STRICT, WITHOUT ROWID;

-- Counted things: socket errors by kind (kind 'read', message NULL),
-- error distributions (message -> count), status codes (kind 'status').
CREATE TABLE run_count (
    run_id  INTEGER NOT NULL REFERENCES run(run_id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    kind    TEXT,
    message TEXT,
    count   INTEGER,
    PRIMARY KEY (run_id, seq)
) STRICT, WITHOUT ROWID;

-- The load tool's parameters as the output states them.
CREATE TABLE run_param (
    run_id INTEGER NOT NULL REFERENCES run(run_id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
) STRICT, WITHOUT ROWID;

-- Histogram buckets where the tool prints them.
CREATE TABLE run_bucket (
    run_id INTEGER NOT NULL REFERENCES run(run_id) ON DELETE CASCADE,
    metric TEXT NOT NULL,
    seq    INTEGER NOT NULL,
    lower  REAL,
    upper  REAL,
    count  INTEGER,
    PRIMARY KEY (run_id, metric, seq)
) STRICT, WITHOUT ROWID;

-- Free tags of a run (--tag key=value, "tags" in metadata files).
CREATE TABLE run_tag (
    run_id INTEGER NOT NULL REFERENCES run(run_id) ON DELETE CASCADE,
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
) STRICT, WITHOUT ROWID;

CREATE INDEX run_tag_kv ON run_tag(key, value);

-- One row per run, no joins needed.
CREATE VIEW summary AS
SELECT
    r.run_id,
    c.name AS campaign,
    r.scenario,
    r.label,
    s.framework,
    s.server,
    s.language,
    s.language_version,
    s.workers,
    r.tool,
    r.tool_version,
    COALESCE(r.connections, r.vus_max) AS connections,
    r.duration_s,
    r.requests,
    r.rps,
    r.latency_avg_ms,
    (SELECT p.value FROM run_percentile p
      WHERE p.run_id = r.run_id AND p.metric = r.latency_metric AND p.percentile = 50) AS latency_p50_ms,
    (SELECT p.value FROM run_percentile p
      WHERE p.run_id = r.run_id AND p.metric = r.latency_metric AND p.percentile = 90) AS latency_p90_ms,
    (SELECT p.value FROM run_percentile p
      WHERE p.run_id = r.run_id AND p.metric = r.latency_metric AND p.percentile = 95) AS latency_p95_ms,
    (SELECT p.value FROM run_percentile p
      WHERE p.run_id = r.run_id AND p.metric = r.latency_metric AND p.percentile = 99) AS latency_p99_ms,
    r.latency_max_ms,
    r.failed_requests,
    r.failed_pct,
    r.bytes_received,
    h.cpu_model,
    h.vcpus,
    h.ram_mb,
    src.file_name AS source_file,
    src.sha256,
    r.state,
    r.published,
    r.threads,
    r.vus_max,
    r.latency_min_ms,
    r.latency_stdev_ms,
    r.bytes_sent,
    r.non2xx,
    r.iterations,
    r.url,
    s.framework_version,
    s.server_version,
    s.event_loop,
    s.serializer,
    s.proxy,
    s.database,
    h.virtualization,
    h.os,
    lh.cpu_model AS load_cpu_model,
    r.format,
    r.imported_at
FROM run r
JOIN source src ON src.source_id = r.source_id
LEFT JOIN campaign c ON c.campaign_id = r.campaign_id
LEFT JOIN stack s ON s.stack_id = r.stack_id
LEFT JOIN host h ON h.host_id = r.host_id
LEFT JOIN host lh ON lh.host_id = r.load_host_id;

-- Every latency percentile of each run's headline latency metric
-- (http_req_duration for k6, the Latency row for wrk), in ms.
CREATE VIEW latency AS
SELECT p.run_id, p.percentile, p.value AS latency_ms
FROM run_percentile p
JOIN run r ON r.run_id = p.run_id
WHERE p.metric = r.latency_metric AND p.unit = 'ms';
