// Package sqlstore reads an MLflow SQL tracking store kept in SQLite
// (mlflow.db) without MLflow: experiments, runs with their params, tags,
// latest metrics and full histories, dataset inputs and model outputs,
// MLflow 3 logged models, the model registry and the local artifacts the
// runs point at.
//
// The database is opened read-only, so Flowdeck can sit next to a running
// `mlflow server` or training script: SQLite's busy timeout waits out their
// write transactions and no journal file is ever created. Every schema
// revision MLflow 1.x–3.x produced is supported: the tables and columns a
// database actually has are probed once at Open and the queries are built
// from them (an old store has no runs.name, no aliases, no datasets, no
// logged_models, …).
package sqlstore
