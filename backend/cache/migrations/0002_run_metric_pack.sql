-- Flowdeck cache, schema version 2: every run's metric summaries packed in
-- one blob (see summaries.go), written with the metrics rows in the same
-- transaction. Loading a page of runs reads one row per run instead of one
-- per (run, metric); the metrics table stays the one search compiles SQL on.
CREATE TABLE run_metric_pack (
    source_id INTEGER NOT NULL,
    run_id    TEXT NOT NULL,
    summaries BLOB NOT NULL,
    PRIMARY KEY (source_id, run_id),
    FOREIGN KEY (source_id, run_id) REFERENCES runs(source_id, run_id) ON DELETE CASCADE
);
