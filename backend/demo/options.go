package demo

// Options size the generated store. Zero fields take the defaults shown.
type Options struct {
	Runs        int   // runs in total (default 60)
	Metrics     int   // metric keys per run (default 6)
	Steps       int   // points per metric history (default 100)
	Params      int   // params per run (default 8)
	Tags        int   // user (non-mlflow.) tags per run (default 5)
	Seed        int64 // random seed (default 1)
	Experiments int   // experiments besides Default (default 3)
	// Hostile adds a run whose name, note and a tag hold HTML/script
	// payloads, for tests that check the UI renders user content inert.
	Hostile bool
	// Workers writing runs in parallel (default 4); output does not depend on it.
	Workers int
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Runs, 60)
	def(&o.Metrics, 6)
	def(&o.Steps, 100)
	def(&o.Params, 8)
	def(&o.Tags, 5)
	def(&o.Experiments, 3)
	def(&o.Workers, 4)
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// Summary describes what Generate wrote, for tests and the CLI.
type Summary struct {
	Root             string              `json:"root"` // absolute mlruns path
	Experiments      []ExperimentSummary `json:"experiments"`
	Runs             []RunSummary        `json:"runs"`
	RegisteredModels []ModelSummary      `json:"registeredModels"`
	Datasets         int                 `json:"datasets"`
	// Totals over all runs.
	Params        int `json:"params"`
	Tags          int `json:"tags"` // user and system tags
	MetricKeys    int `json:"metricKeys"`
	MetricPoints  int `json:"metricPoints"`
	ArtifactFiles int `json:"artifactFiles"`
	LoggedModels  int `json:"loggedModels"`
	// HostileRunID is the run carrying HTML payloads ("" unless Options.Hostile).
	HostileRunID string `json:"hostileRunId"`
}

// ExperimentSummary is one generated experiment (Default included).
type ExperimentSummary struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Runs int    `json:"runs"`
}

// RunSummary is one generated run.
type RunSummary struct {
	ID             string `json:"id"`
	ExperimentID   string `json:"experimentId"`
	Name           string `json:"name"`
	Status         string `json:"status"` // RUNNING | FINISHED | FAILED | KILLED
	LifecycleStage string `json:"lifecycleStage"`
	ParentID       string `json:"parentId"`
	StartTime      int64  `json:"startTime"`
	EndTime        int64  `json:"endTime"` // 0 while RUNNING
	Params         int    `json:"params"`
	Tags           int    `json:"tags"`
	MetricKeys     int    `json:"metricKeys"`
	MetricPoints   int    `json:"metricPoints"`
	ArtifactFiles  int    `json:"artifactFiles"`
	HasModel       bool   `json:"hasModel"`
	DatasetID      string `json:"datasetId"` // md5 dir of its dataset input, or ""
}

// ModelSummary is one registered model.
type ModelSummary struct {
	Name     string           `json:"name"`
	Versions []VersionSummary `json:"versions"`
	Aliases  map[string]int   `json:"aliases"`
}

// VersionSummary is one model version.
type VersionSummary struct {
	Version int    `json:"version"`
	Stage   string `json:"stage"`
	RunID   string `json:"runId"`
}
