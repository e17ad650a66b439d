// Package syncer brings a source's data into the cache. A sync lists the
// store's runs with their fingerprints and re-reads only the runs that are
// new or whose fingerprint changed, with a small pool of readers; it writes
// them in batches, one short transaction each, so the cache stays readable
// (and each run consistent) throughout, and removes runs the store no longer
// lists. Experiments, the model registry and logged models are re-read on
// every sync (they are small). A store with a change marker (sqlite) whose
// marker did not move is skipped entirely.
//
// Two syncs of the same source in one cache never run at once: the second
// returns at once with an error wrapping mlflow.ErrConflict (the caller
// already has a sync under way, whose progress it can follow).
package syncer
