package service

import "flowdeck/backend/mlflow"

// BuildInfo is what Version returns.
type BuildInfo struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	BuildTime string `json:"buildTime"`
	GoVersion string `json:"goVersion"`
	Face      string `json:"face"` // "desktop" or "web"
	// StartRoute is the view the window should open on (flowdeck --open),
	// e.g. "/runs"; "" for the default.
	StartRoute string `json:"startRoute,omitempty"`
}

// SourceView is a configured source as the UI sees it. It never carries
// credentials: HasCredentials only says that some are stored.
type SourceView struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	URI            string `json:"uri"`
	Kind           string `json:"kind"` // file | sqlite | rest
	HasCredentials bool   `json:"hasCredentials"`
	InsecureTLS    bool   `json:"insecureTLS"`
	LastSync       int64  `json:"lastSync"` // ms of last successful sync, 0 = never
	State          string `json:"state"`    // idle | syncing | error
	Error          string `json:"error"`    // last sync error, a sentence for the user
	Stale          bool   `json:"stale"`    // last sync failed: data shown is from LastSync
	ServerVersion  string `json:"serverVersion"`
	Current        bool   `json:"current"`
}

// SourceInput adds or edits a source. Empty credential fields on edit keep
// the stored ones; ClearCredentials removes them.
type SourceInput struct {
	Name             string `json:"name"`
	URI              string `json:"uri"`
	Username         string `json:"username"`
	Password         string `json:"password"`
	Token            string `json:"token"`
	InsecureTLS      bool   `json:"insecureTLS"`
	ClearCredentials bool   `json:"clearCredentials"`
}

// TestResult reports what a connection test found.
type TestResult struct {
	OK            bool   `json:"ok"`
	Kind          string `json:"kind"`
	ServerVersion string `json:"serverVersion"`
	Experiments   int    `json:"experiments"`
	Error         string `json:"error"`
}

// SyncProgress is the payload of the "sync:progress" event.
type SyncProgress struct {
	SourceID string `json:"sourceId"`
	Phase    string `json:"phase"` // experiments | runs | registry | done | error | cancelled
	Done     int    `json:"done"`
	Total    int    `json:"total"`
	Message  string `json:"message"`
}

// ExperimentView is an experiment with counts for the experiments list.
type ExperimentView struct {
	mlflow.Experiment
	RunCount     int   `json:"runCount"`
	LastActivity int64 `json:"lastActivity"` // ms, latest run start/end, else experiment update time
}

// SearchRunsRequest asks for runs as runs/search does, plus UI extras.
type SearchRunsRequest struct {
	SourceID      string   `json:"sourceId"`
	ExperimentIDs []string `json:"experimentIds"`
	Filter        string   `json:"filter"`
	OrderBy       []string `json:"orderBy"` // MLflow syntax; also "metrics.`k`.min DESC" style via SortAggregates
	MaxResults    int      `json:"maxResults"`
	PageToken     string   `json:"pageToken"`
	ViewType      string   `json:"viewType"` // ACTIVE_ONLY | DELETED_ONLY | ALL
}

// MetricSummary is a run's metric: latest value as MLflow defines it, plus
// min, max and count over the whole history.
type MetricSummary struct {
	Key       string       `json:"key"`
	Value     mlflow.Float `json:"value"`
	Timestamp int64        `json:"timestamp"`
	Step      int64        `json:"step"`
	Min       mlflow.Float `json:"min"`
	Max       mlflow.Float `json:"max"`
	Count     int          `json:"count"`
}

// RunRow is one row of the runs table.
type RunRow struct {
	Info        mlflow.RunInfo    `json:"info"`
	Params      map[string]string `json:"params"`
	Tags        map[string]string `json:"tags"`
	Metrics     []MetricSummary   `json:"metrics"`
	ParentRunID string            `json:"parentRunId"`
}

// SearchRunsResult is a page of runs.
type SearchRunsResult struct {
	Runs          []RunRow `json:"runs"`
	NextPageToken string   `json:"nextPageToken"`
	Total         int      `json:"total"` // runs matching the filter
}

// SearchKeys are the metric, param and tag keys of some experiments, for
// column pickers and filter completion.
type SearchKeys struct {
	Metrics []string `json:"metrics"`
	Params  []string `json:"params"`
	Tags    []string `json:"tags"`
}

// RunDetail is everything the run page shows.
type RunDetail struct {
	Run          mlflow.Run           `json:"run"`
	Metrics      []MetricSummary      `json:"metrics"`
	Experiment   mlflow.Experiment    `json:"experiment"`
	Parent       *mlflow.RunInfo      `json:"parent"`
	Children     []mlflow.RunInfo     `json:"children"`
	LoggedModels []mlflow.LoggedModel `json:"loggedModels"`
	// ModelArtifacts are run-relative artifact dirs holding an MLmodel
	// (2.x layout, from mlflow.log-model.history).
	ModelArtifacts []string              `json:"modelArtifacts"`
	ModelVersions  []mlflow.ModelVersion `json:"modelVersions"` // registry versions made from this run
}

// ArtifactPreview is a bounded preview of one artifact file.
type ArtifactPreview struct {
	Path      string `json:"path"`
	Size      int64  `json:"size"`
	Kind      string `json:"kind"` // text | json | yaml | csv | tsv | image | mlmodel | binary | empty
	Text      string `json:"text"` // for text kinds (JSON/YAML pretty-printed), at most the preview limit
	Truncated bool   `json:"truncated"`
	// Table holds CSV/TSV rows (first row = header) for csv/tsv kinds.
	Table [][]string `json:"table,omitempty"`
	// MLmodel is the parsed card for kind mlmodel.
	MLmodel any `json:"mlmodel,omitempty"`
	// URL downloads the whole file (and serves images): same path in both faces.
	URL string `json:"url"`
}

// PlotRequest asks the backend for a metric chart.
type PlotRequest struct {
	SourceID string   `json:"sourceId"`
	RunIDs   []string `json:"runIds"`
	Keys     []string `json:"keys"`
	XAxis    string   `json:"xAxis"` // step | time | relative
	LogY     bool     `json:"logY"`
	Smooth   float64  `json:"smooth"` // 0..1 exponential smoothing
	Width    int      `json:"width"`  // px
	Height   int      `json:"height"` // px
	Dark     bool     `json:"dark"`
}
