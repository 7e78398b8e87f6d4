-- benchdb schema, migration 3: repeated runs form series; validity and
-- efficiency columns in summary.
--
-- One run per stack is noise. Runs of the same campaign and label, with
-- the same stack, scenario, server host and load (tool, connections,
-- threads, VUs, target rate) are one series: the same measurement made
-- again. The `series` view gives each series' median, spread and
-- coefficient of variation; a series whose requests/s vary by more than
-- 5% (CV > 0.05) is marked noisy. Runs whose requests all failed are
-- counted apart, not in the statistics; an output cut short (state
-- 'incomplete') counts with the figures it holds.

-- summary gains (appended, the other columns unchanged):
--   series_key         the series the run belongs to (JSON array of the
--                      identifying fields)
--   rps_per_vcpu       requests/s per vCPU of the server host
--   tail_ratio         p99 / p50 latency (how heavy the tail is)
--   rate_achieved_pct  requests/s against the rate the tool was asked for
--                      (wrk2 -R, vegeta -rate, k6 arrival rates), in %
DROP VIEW summary;
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
    p50.value AS latency_p50_ms,
    (SELECT p.value FROM run_percentile p
      WHERE p.run_id = r.run_id AND p.metric = r.latency_metric AND p.percentile = 90) AS latency_p90_ms,
    (SELECT p.value FROM run_percentile p
      WHERE p.run_id = r.run_id AND p.metric = r.latency_metric AND p.percentile = 95) AS latency_p95_ms,
    p99.value AS latency_p99_ms,
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
    r.imported_at,
    json_array(r.campaign_id, r.label, r.stack_id, r.scenario, r.host_id, r.tool,
               COALESCE(r.connections, r.vus_max), r.threads, r.target_rate) AS series_key,
    r.rps / h.vcpus AS rps_per_vcpu,
    p99.value / NULLIF(p50.value, 0) AS tail_ratio,
    100.0 * r.rps / NULLIF(r.target_rate, 0) AS rate_achieved_pct
FROM run r
JOIN source src ON src.source_id = r.source_id
LEFT JOIN campaign c ON c.campaign_id = r.campaign_id
LEFT JOIN stack s ON s.stack_id = r.stack_id
LEFT JOIN host h ON h.host_id = r.host_id
LEFT JOIN host lh ON lh.host_id = r.load_host_id
LEFT JOIN run_percentile p50
       ON p50.run_id = r.run_id AND p50.metric = r.latency_metric AND p50.percentile = 50
LEFT JOIN run_percentile p99
       ON p99.run_id = r.run_id AND p99.metric = r.latency_metric AND p99.percentile = 99;

-- One value per run, series and metric: the figures the series
-- statistics are taken of (runs whose requests did not all fail).
CREATE VIEW series_value AS
SELECT series_key, run_id, 'rps' AS metric, rps AS value FROM summary WHERE state <> 'failed'
UNION ALL SELECT series_key, run_id, 'p50', latency_p50_ms FROM summary WHERE state <> 'failed'
UNION ALL SELECT series_key, run_id, 'p90', latency_p90_ms FROM summary WHERE state <> 'failed'
UNION ALL SELECT series_key, run_id, 'p95', latency_p95_ms FROM summary WHERE state <> 'failed'
UNION ALL SELECT series_key, run_id, 'p99', latency_p99_ms FROM summary WHERE state <> 'failed';

-- Per series and metric: n, median (the middle value, or the mean of the
-- middle two), min, max, mean, sample standard deviation (n - 1), and the
-- coefficient of variation stddev / mean. NULL values are left out.
CREATE VIEW series_stat AS
WITH v AS (
    SELECT series_key, metric, value,
           row_number() OVER (PARTITION BY series_key, metric ORDER BY value) AS rn,
           count(*) OVER (PARTITION BY series_key, metric) AS cnt,
           avg(value) OVER (PARTITION BY series_key, metric) AS mean
    FROM series_value
    WHERE value IS NOT NULL
)
SELECT series_key, metric,
       max(cnt) AS n,
       avg(CASE WHEN rn IN ((cnt + 1) / 2, (cnt + 2) / 2) THEN value END) AS median,
       min(value) AS min,
       max(value) AS max,
       max(mean) AS mean,
       CASE WHEN max(cnt) > 1 THEN sqrt(sum((value - mean) * (value - mean)) / (max(cnt) - 1)) END
           AS stddev,
       CASE WHEN max(cnt) > 1 AND max(mean) <> 0
            THEN sqrt(sum((value - mean) * (value - mean)) / (max(cnt) - 1)) / abs(max(mean)) END
           AS cv
FROM v
GROUP BY series_key, metric;

-- One row per series: who and what, how many runs (ok and failed), and the
-- statistics of requests/s and of the latency percentiles (ms).
CREATE VIEW series AS
WITH members AS (
    SELECT series_key,
           min(campaign) AS campaign, min(label) AS label, min(scenario) AS scenario,
           min(framework) AS framework, min(server) AS server, min(tool) AS tool,
           min(connections) AS connections, min(cpu_model) AS cpu_model,
           sum(state <> 'failed') AS n_ok,
           sum(state = 'failed') AS n_failed,
           group_concat(run_id) AS run_ids
    FROM summary
    GROUP BY series_key
)
SELECT m.series_key, m.campaign, m.label, m.scenario, m.framework, m.server, m.tool,
       m.connections, m.cpu_model, m.n_ok AS n, m.n_failed, m.run_ids,
       rps.median AS rps_median, rps.min AS rps_min, rps.max AS rps_max,
       rps.mean AS rps_mean, rps.stddev AS rps_stddev, rps.cv AS rps_cv,
       CASE WHEN rps.cv > 0.05 THEN 1 ELSE 0 END AS noisy,
       p50.median AS p50_median_ms, p50.min AS p50_min_ms, p50.max AS p50_max_ms, p50.cv AS p50_cv,
       p90.median AS p90_median_ms, p90.min AS p90_min_ms, p90.max AS p90_max_ms, p90.cv AS p90_cv,
       p95.median AS p95_median_ms, p95.min AS p95_min_ms, p95.max AS p95_max_ms, p95.cv AS p95_cv,
       p99.median AS p99_median_ms, p99.min AS p99_min_ms, p99.max AS p99_max_ms, p99.cv AS p99_cv
FROM members m
LEFT JOIN series_stat rps ON rps.series_key = m.series_key AND rps.metric = 'rps'
LEFT JOIN series_stat p50 ON p50.series_key = m.series_key AND p50.metric = 'p50'
LEFT JOIN series_stat p90 ON p90.series_key = m.series_key AND p90.metric = 'p90'
LEFT JOIN series_stat p95 ON p95.series_key = m.series_key AND p95.metric = 'p95'
LEFT JOIN series_stat p99 ON p99.series_key = m.series_key AND p99.metric = 'p99';
