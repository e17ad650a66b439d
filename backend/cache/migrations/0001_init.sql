-- Flowdeck cache, schema version 1. Every table is keyed by source_id so
-- several synced sources live side by side. Timestamps are MLflow's ms.
-- The search tables are WITHOUT ROWID: their secondary indexes then carry
-- the primary key (run_id), so a filter on a metric or param finds its runs
-- in one index search instead of two (about 2x faster search at 10k runs).

CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    uri             TEXT NOT NULL UNIQUE,   -- canonical, never with credentials
    kind            TEXT NOT NULL,          -- file | sqlite | rest
    server_version  TEXT NOT NULL DEFAULT '',
    last_sync_start INTEGER,                -- ms
    last_sync_end   INTEGER,                -- ms, end of last successful sync
    last_error      TEXT NOT NULL DEFAULT '',
    last_error_time INTEGER,
    marker          TEXT NOT NULL DEFAULT '' -- store-level change marker (e.g. sqlite file size+mtime)
);

CREATE TABLE experiments (
    source_id         INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    experiment_id     TEXT NOT NULL,
    name              TEXT NOT NULL,
    artifact_location TEXT NOT NULL DEFAULT '',
    lifecycle_stage   TEXT NOT NULL DEFAULT 'active',
    creation_time     INTEGER,
    last_update_time  INTEGER,
    PRIMARY KEY (source_id, experiment_id)
);

CREATE TABLE experiment_tags (
    source_id     INTEGER NOT NULL,
    experiment_id TEXT NOT NULL,
    key           TEXT NOT NULL,
    value         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_id, experiment_id, key),
    FOREIGN KEY (source_id, experiment_id) REFERENCES experiments(source_id, experiment_id) ON DELETE CASCADE
);

CREATE TABLE runs (
    source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    run_id          TEXT NOT NULL,
    experiment_id   TEXT NOT NULL,
    run_name        TEXT NOT NULL DEFAULT '',
    user_id         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'RUNNING',
    start_time      INTEGER,          -- NULL when unknown
    end_time        INTEGER,          -- NULL while running
    artifact_uri    TEXT NOT NULL DEFAULT '',
    lifecycle_stage TEXT NOT NULL DEFAULT 'active',
    deleted_time    INTEGER,
    parent_run_id   TEXT NOT NULL DEFAULT '', -- from tag mlflow.parentRunId
    inputs_json     TEXT NOT NULL DEFAULT '', -- mlflow.RunInputs as JSON, '' when none
    outputs_json    TEXT NOT NULL DEFAULT '', -- mlflow.RunOutputs as JSON, '' when none
    fingerprint     TEXT NOT NULL DEFAULT '', -- source.RunRef.Fingerprint at last read
    PRIMARY KEY (source_id, run_id)
) WITHOUT ROWID;
CREATE INDEX runs_by_experiment ON runs(source_id, experiment_id, start_time DESC, run_id);
CREATE INDEX runs_by_parent ON runs(source_id, parent_run_id);

CREATE TABLE params (
    source_id INTEGER NOT NULL,
    run_id    TEXT NOT NULL,
    key       TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (source_id, run_id, key),
    FOREIGN KEY (source_id, run_id) REFERENCES runs(source_id, run_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX params_by_key ON params(source_id, key, value);

CREATE TABLE tags (
    source_id INTEGER NOT NULL,
    run_id    TEXT NOT NULL,
    key       TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (source_id, run_id, key),
    FOREIGN KEY (source_id, run_id) REFERENCES runs(source_id, run_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX tags_by_key ON tags(source_id, key, value);

-- Per-(run, metric) summary. value/timestamp/step are the latest point as
-- MLflow picks it (greatest (step, timestamp, value)). SQLite turns NaN into
-- NULL, so non-finite values are flagged: is_nan=1 means value is NaN (value
-- column NULL); ±Inf are stored as SQLite's ±Inf reals. min/max ignore NaN
-- (NULL when every value is NaN).
CREATE TABLE metrics (
    source_id  INTEGER NOT NULL,
    run_id     TEXT NOT NULL,
    key        TEXT NOT NULL,
    value      REAL,
    is_nan     INTEGER NOT NULL DEFAULT 0,
    timestamp  INTEGER NOT NULL,
    step       INTEGER NOT NULL,
    min_value  REAL,
    max_value  REAL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (source_id, run_id, key),
    FOREIGN KEY (source_id, run_id) REFERENCES runs(source_id, run_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX metrics_by_key ON metrics(source_id, key, value);

-- Full history of one metric of one run, in the source's order, as one
-- compact blob (see history.go): plots read one row per (run, key).
CREATE TABLE metric_history (
    source_id INTEGER NOT NULL,
    run_id    TEXT NOT NULL,
    key       TEXT NOT NULL,
    points    BLOB NOT NULL,
    PRIMARY KEY (source_id, run_id, key),
    FOREIGN KEY (source_id, run_id) REFERENCES runs(source_id, run_id) ON DELETE CASCADE
);

CREATE TABLE logged_models (
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    model_id      TEXT NOT NULL,
    experiment_id TEXT NOT NULL,
    source_run_id TEXT NOT NULL DEFAULT '',
    json          TEXT NOT NULL,   -- mlflow.LoggedModel
    PRIMARY KEY (source_id, model_id)
);
CREATE INDEX logged_models_by_run ON logged_models(source_id, source_run_id);

CREATE TABLE registered_models (
    source_id              INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name                   TEXT NOT NULL,
    creation_timestamp     INTEGER,
    last_updated_timestamp INTEGER,
    description            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_id, name)
);

CREATE TABLE registered_model_tags (
    source_id INTEGER NOT NULL,
    name      TEXT NOT NULL,
    key       TEXT NOT NULL,
    value     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_id, name, key),
    FOREIGN KEY (source_id, name) REFERENCES registered_models(source_id, name) ON DELETE CASCADE
);

CREATE TABLE registered_model_aliases (
    source_id INTEGER NOT NULL,
    name      TEXT NOT NULL,
    alias     TEXT NOT NULL,
    version   INTEGER NOT NULL,
    PRIMARY KEY (source_id, name, alias),
    FOREIGN KEY (source_id, name) REFERENCES registered_models(source_id, name) ON DELETE CASCADE
);

CREATE TABLE model_versions (
    source_id              INTEGER NOT NULL,
    name                   TEXT NOT NULL,
    version                INTEGER NOT NULL,
    creation_timestamp     INTEGER,
    last_updated_timestamp INTEGER,
    user_id                TEXT NOT NULL DEFAULT '',
    current_stage          TEXT NOT NULL DEFAULT 'None',
    description            TEXT NOT NULL DEFAULT '',
    source                 TEXT NOT NULL DEFAULT '',
    storage_location       TEXT NOT NULL DEFAULT '',
    run_id                 TEXT NOT NULL DEFAULT '',
    run_link               TEXT NOT NULL DEFAULT '',
    status                 TEXT NOT NULL DEFAULT 'READY',
    status_message         TEXT NOT NULL DEFAULT '',
    model_id               TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_id, name, version),
    FOREIGN KEY (source_id, name) REFERENCES registered_models(source_id, name) ON DELETE CASCADE
);
CREATE INDEX model_versions_by_run ON model_versions(source_id, run_id);

CREATE TABLE model_version_tags (
    source_id INTEGER NOT NULL,
    name      TEXT NOT NULL,
    version   INTEGER NOT NULL,
    key       TEXT NOT NULL,
    value     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_id, name, version, key),
    FOREIGN KEY (source_id, name, version) REFERENCES model_versions(source_id, name, version) ON DELETE CASCADE
);

-- Writes Flowdeck made to a source (registry actions come later).
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL,
    time      INTEGER NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '',
    result    TEXT NOT NULL DEFAULT ''
);
