-- Flowdeck cache, schema version 5: every metric history of a run in one
-- row (see runhistory.go) instead of one row per (run, key). A sync then
-- writes 2,000 rows for 2,000 runs instead of 20,000 rows and their random
-- index entries (about a fifth of a cold sync). Runs stored before this
-- version keep their metric_history rows, which readers fall back to; a
-- run written again moves to run_history.
CREATE TABLE run_history (
    source_id INTEGER NOT NULL,
    run_id    TEXT NOT NULL,
    keys      BLOB NOT NULL,
    PRIMARY KEY (source_id, run_id),
    FOREIGN KEY (source_id, run_id) REFERENCES runs(source_id, run_id) ON DELETE CASCADE
);
