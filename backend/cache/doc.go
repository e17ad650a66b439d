// Package cache is Flowdeck's local SQLite database: every synced source's
// experiments, runs, params, tags, metric summaries and histories, registry
// entities and sync bookkeeping, under embedded versioned migrations. Every
// view reads from here, so it is instant and works offline.
package cache
