-- benchdb schema, migration 4: the campaign and scenario indexes of `run`
-- leave out the runs that have none.
--
-- Every index of `run` costs a page written per imported file. Runs
-- imported without metadata have no campaign and no scenario, and a
-- lookup by value never finds a NULL: these two indexes now hold only the
-- runs that have one. A query `campaign = ...` or `scenario = ...` uses
-- them as before (SQLite knows `col = value` implies `col IS NOT NULL`).
--
-- The indexes on stack_id, host_id and load_host_id stay whole: they are
-- reached through the LEFT JOINs of `summary`, and without ANALYZE
-- statistics SQLite would scan a partial one end to end for `--where
-- framework=...` (1.4 s instead of 0.3 s on a million runs).
--
-- What each index of `run` serves:
--   run_campaign (campaign_id, run_id)  --campaign of list, report,
--       export, compare and reparse (`summary WHERE campaign = ...`, in
--       run order); the campaign prune after `delete`
--   run_scenario (scenario)             --scenario of the same commands
--   run_label (label)                   compare A B by label, `summary
--       WHERE label = ...`
--   run_tool (tool)                     `--where tool=...`, compare --by
--       tool (a scan of a million runs takes 2.5 times as long)
--   run_stack (stack_id), run_host (host_id), run_load_host (load_host_id)
--       `--where framework=...`, `server=`, `cpu_model=` and the like
--       through the stack and host tables; the stack and host prunes
--       after `delete` and their foreign-key checks
--   UNIQUE (source_id, seq)             a source's runs (reparse, merge,
--       delete), ON DELETE CASCADE from source
DROP INDEX run_campaign;
CREATE INDEX run_campaign ON run(campaign_id, run_id) WHERE campaign_id IS NOT NULL;
DROP INDEX run_scenario;
CREATE INDEX run_scenario ON run(scenario) WHERE scenario IS NOT NULL;
