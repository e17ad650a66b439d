// Package cache is Flowdeck's local SQLite database: every synced source's
// experiments, runs, params, tags, metric summaries and histories, registry
// entities and sync bookkeeping, under embedded versioned migrations. Every
// view reads from here, so it is instant and works offline.
//
// Files: cache.go (Open, pools, pragmas), migrate.go (schema_migrations),
// sources.go (sources and sync bookkeeping), write.go (batched run writes,
// experiments, logged models), registry.go (model registry), runs.go and
// experiments.go (reads), history.go (metric history blobs), summaries.go
// (per-run packed metric summaries, migration 0002, for the runs hot path).
//
// Writes go through one connection with BEGIN IMMEDIATE; reads through a
// pool of their own inside read transactions, so a reader never sees half a
// batch. Not-found reads return mlflow.NotFoundf errors with MLflow's
// wording ("Run with id=X not found", "No Experiment with id=X exists").
package cache
