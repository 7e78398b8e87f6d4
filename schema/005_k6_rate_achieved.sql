-- benchdb schema, migration 5: rate_achieved_pct of a k6 run compares
-- k6's iterations rate with its target.
--
-- A k6 arrival-rate executor is asked for iterations per second
-- ("100.00 iterations/s for 30s"), which the parser stores as the run's
-- target_rate; an iteration may make several requests, so requests/s
-- against it would read 200 % for a script of two requests that kept its
-- rate exactly. For k6 the achieved rate is the printed iterations rate
-- (run_figure iterations/rate); for every other tool, requests/s as
-- before. The other columns of `summary` are unchanged.
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
    CASE WHEN r.tool = 'k6'
         THEN 100.0 * (SELECT f.value FROM run_figure f
                        WHERE f.run_id = r.run_id AND f.metric = 'iterations' AND f.stat = 'rate')
                    / NULLIF(r.target_rate, 0)
         ELSE 100.0 * r.rps / NULLIF(r.target_rate, 0)
    END AS rate_achieved_pct
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
