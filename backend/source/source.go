// Package source defines what Flowdeck reads from a place MLflow data lives
// (a FileStore folder, a SQLite mlflow.db, a tracking server), how such a
// place is named by a URI, and the options shared by every kind. Each kind
// lives in its own package (filestore, sqlstore, reststore) and implements
// Store; backend/connect opens a URI into the right kind.
package source

import (
	"context"
	"io"

	"flowdeck/backend/mlflow"
)

// Kind names a source kind.
type Kind string

const (
	KindFile   Kind = "file"   // mlruns/ folder
	KindSQLite Kind = "sqlite" // mlflow.db
	KindREST   Kind = "rest"   // tracking server
)

// RunRef names a run and carries a fingerprint: an opaque string that
// changes whenever anything the cache holds about the run changes (info,
// params, tags, metric histories, inputs/outputs). The syncer re-reads a run
// only when its fingerprint differs from the one it stored.
type RunRef struct {
	RunID          string
	ExperimentID   string
	LifecycleStage string
	Fingerprint    string
}

// RunBundle is a run with every metric's full history, in the order
// MetricHistory returns them.
type RunBundle struct {
	Run     mlflow.Run
	History map[string][]mlflow.Metric
}

// StoreInfo describes an opened store.
type StoreInfo struct {
	Kind Kind
	// URI is the display URI: never carries credentials.
	URI string
	// Version is the MLflow version where the store tells it (a server's
	// /version, or the alembic revision of a SQLite store), else "".
	Version string
}

// Store is the read side every source kind implements. Lists are returned
// unordered unless a method says otherwise; the cache and search order them.
// Errors are wrapped with context and classified with mlflow's sentinels
// (mlflow.ErrNotFound, mlflow.ErrUnauthenticated, …).
type Store interface {
	Info() StoreInfo
	Close() error

	// Experiments lists experiments of the given view type, with tags.
	Experiments(ctx context.Context, view mlflow.ViewType) ([]mlflow.Experiment, error)
	GetExperiment(ctx context.Context, id string) (*mlflow.Experiment, error)

	// RunRefs lists every run (active and deleted) of the given experiments
	// (all experiments, active and deleted, when ids is empty).
	RunRefs(ctx context.Context, experimentIDs []string) ([]RunRef, error)
	// GetRun returns a run as runs/get does: latest metrics, params, tags,
	// inputs and outputs.
	GetRun(ctx context.Context, runID string) (*mlflow.Run, error)
	// ReadRun returns the run plus every metric's full history.
	ReadRun(ctx context.Context, runID string) (*RunBundle, error)
	// MetricHistory returns one metric's history as metrics/get-history does
	// (an unknown key gives an empty list, not an error).
	MetricHistory(ctx context.Context, runID, key string) ([]mlflow.Metric, error)

	// ListArtifacts lists one directory level under a run's artifact root
	// (owner is a run id) or a logged model's (owner is an "m-…" id). Paths
	// in the result are owner-relative, as artifacts/list returns them.
	ListArtifacts(ctx context.Context, owner, path string) (*mlflow.ListArtifactsResponse, error)
	// OpenArtifact opens one artifact file for reading; size is -1 if unknown.
	OpenArtifact(ctx context.Context, owner, path string) (rc io.ReadCloser, size int64, err error)

	// LoggedModels lists MLflow 3 logged models of the given experiments
	// (all when empty). Stores without them return an empty list.
	LoggedModels(ctx context.Context, experimentIDs []string) ([]mlflow.LoggedModel, error)

	// RegisteredModels lists registered models with tags, aliases and
	// latest_versions; prompts are left out as MLflow leaves them out.
	RegisteredModels(ctx context.Context) ([]mlflow.RegisteredModel, error)
	// ModelVersions lists non-deleted versions with tags and aliases, of one
	// model, or of every model when name is "".
	ModelVersions(ctx context.Context, name string) ([]mlflow.ModelVersion, error)
}

// Warner receives warnings about data a store skipped (a truncated
// meta.yaml, an unreadable file). Warnings name the file.
type Warner func(msg string)
