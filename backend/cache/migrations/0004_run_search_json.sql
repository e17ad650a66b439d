-- Flowdeck cache, schema version 4: each run as runs/search writes it
-- (MLflow's JSON, compact), encoded when the run is stored. `runs search
-- --json` then writes a page by concatenating rows instead of loading and
-- encoding every run (two thirds of the time of a 1,000-run page). Runs
-- stored before this version have no row here and are encoded on demand;
-- whatever writes runs must rewrite this row in the same transaction.
CREATE TABLE run_search_json (
    source_id INTEGER NOT NULL,
    run_id    TEXT NOT NULL,
    json      BLOB NOT NULL,
    PRIMARY KEY (source_id, run_id),
    FOREIGN KEY (source_id, run_id) REFERENCES runs(source_id, run_id) ON DELETE CASCADE
);
