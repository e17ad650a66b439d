package mlflow

// Lifecycle stages, run statuses, view types and model stages use MLflow's
// own spellings.
const (
	LifecycleActive  = "active"
	LifecycleDeleted = "deleted"

	StatusRunning   = "RUNNING"
	StatusScheduled = "SCHEDULED"
	StatusFinished  = "FINISHED"
	StatusFailed    = "FAILED"
	StatusKilled    = "KILLED"

	StageNone       = "None"
	StageStaging    = "Staging"
	StageProduction = "Production"
	StageArchived   = "Archived"
	StageDeleted    = "Deleted_Internal"
)

// ViewType selects active, deleted or all entities, as MLflow's ViewType.
type ViewType string

const (
	ViewActiveOnly  ViewType = "ACTIVE_ONLY"
	ViewDeletedOnly ViewType = "DELETED_ONLY"
	ViewAll         ViewType = "ALL"
)

// Matches reports whether an entity in lifecycle stage ls is shown by v.
// An empty view type means ACTIVE_ONLY, as in MLflow.
func (v ViewType) Matches(ls string) bool {
	switch v {
	case ViewAll:
		return true
	case ViewDeletedOnly:
		return ls == LifecycleDeleted
	default:
		return ls != LifecycleDeleted
	}
}

// ParseViewType accepts MLflow's names (any case) and its proto numbers.
func ParseViewType(s string) (ViewType, bool) {
	switch s {
	case "", "ACTIVE_ONLY", "active_only", "1":
		return ViewActiveOnly, true
	case "DELETED_ONLY", "deleted_only", "2":
		return ViewDeletedOnly, true
	case "ALL", "all", "3":
		return ViewAll, true
	}
	return "", false
}

// RunStatusName maps the FileStore's integer status to its name.
func RunStatusName(n int) string {
	switch n {
	case 1:
		return StatusRunning
	case 2:
		return StatusScheduled
	case 3:
		return StatusFinished
	case 4:
		return StatusFailed
	case 5:
		return StatusKilled
	}
	return StatusRunning
}

// RunStatusNumber maps a run status name to the FileStore's integer.
func RunStatusNumber(s string) int {
	switch s {
	case StatusScheduled:
		return 2
	case StatusFinished:
		return 3
	case StatusFailed:
		return 4
	case StatusKilled:
		return 5
	}
	return 1
}

// KeyValue is a tag or param: {"key": …, "value": …}.
type KeyValue struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Tag and Param are MLflow's names for the same shape.
type (
	Tag   = KeyValue
	Param = KeyValue
)

// Experiment as returned by experiments/get and experiments/search.
type Experiment struct {
	ExperimentID     string `json:"experiment_id"`
	Name             string `json:"name"`
	ArtifactLocation string `json:"artifact_location,omitempty"`
	LifecycleStage   string `json:"lifecycle_stage,omitempty"`
	LastUpdateTime   int64  `json:"last_update_time,omitempty"`
	CreationTime     int64  `json:"creation_time,omitempty"`
	Tags             []Tag  `json:"tags,omitempty"`
}

// Metric is one logged value. In run data it is the latest value per key.
type Metric struct {
	Key           string `json:"key"`
	Value         Float  `json:"value"`
	Timestamp     int64  `json:"timestamp"`
	Step          int64  `json:"step"`
	DatasetName   string `json:"dataset_name,omitempty"`
	DatasetDigest string `json:"dataset_digest,omitempty"`
	ModelID       string `json:"model_id,omitempty"`
	RunID         string `json:"run_id,omitempty"`
}

// Less orders metric points as MLflow picks the latest value: by step, then
// timestamp, then value (NaN sorts above every number, as Python's max over
// tuples keeps the first NaN it meets; we make it deterministic).
func (m Metric) Less(o Metric) bool {
	if m.Step != o.Step {
		return m.Step < o.Step
	}
	if m.Timestamp != o.Timestamp {
		return m.Timestamp < o.Timestamp
	}
	a, b := float64(m.Value), float64(o.Value)
	if a != a || b != b { // NaN
		return a == a && b != b
	}
	return a < b
}

// RunInfo as in runs/get.
type RunInfo struct {
	RunUUID        string `json:"run_uuid"`
	ExperimentID   string `json:"experiment_id"`
	RunName        string `json:"run_name,omitempty"`
	UserID         string `json:"user_id,omitempty"`
	Status         string `json:"status"`
	StartTime      int64  `json:"start_time,omitempty"`
	EndTime        int64  `json:"end_time,omitempty"`
	ArtifactURI    string `json:"artifact_uri,omitempty"`
	LifecycleStage string `json:"lifecycle_stage"`
	RunID          string `json:"run_id"`
	// DeletedTime is not part of MLflow's RunInfo JSON; kept for the cache.
	DeletedTime int64 `json:"-"`
}

// RunData holds the latest metrics, params and tags of a run.
type RunData struct {
	Metrics []Metric `json:"metrics,omitempty"`
	Params  []Param  `json:"params,omitempty"`
	Tags    []Tag    `json:"tags,omitempty"`
}

// Dataset as logged with mlflow.log_input.
type Dataset struct {
	Name       string `json:"name"`
	Digest     string `json:"digest"`
	SourceType string `json:"source_type"`
	Source     string `json:"source"`
	Schema     string `json:"schema,omitempty"`
	Profile    string `json:"profile,omitempty"`
}

// DatasetInput links a dataset to a run with input tags (context).
type DatasetInput struct {
	Tags    []Tag   `json:"tags,omitempty"`
	Dataset Dataset `json:"dataset"`
}

// ModelInput is a logged model used as a run input [3.0].
type ModelInput struct {
	ModelID string `json:"model_id"`
}

// ModelOutput is a logged model produced by a run at a step [3.0].
type ModelOutput struct {
	ModelID string `json:"model_id"`
	Step    int64  `json:"step"`
}

// RunInputs is the run's "inputs" object.
type RunInputs struct {
	DatasetInputs []DatasetInput `json:"dataset_inputs,omitempty"`
	ModelInputs   []ModelInput   `json:"model_inputs,omitempty"`
}

// RunOutputs is the run's "outputs" object.
type RunOutputs struct {
	ModelOutputs []ModelOutput `json:"model_outputs,omitempty"`
}

// Run as in runs/get and runs/search.
type Run struct {
	Info    RunInfo     `json:"info"`
	Data    RunData     `json:"data"`
	Inputs  *RunInputs  `json:"inputs,omitempty"`
	Outputs *RunOutputs `json:"outputs,omitempty"`
}

// Tag returns the value of a run tag and whether it is set.
func (r *Run) Tag(key string) (string, bool) {
	for _, t := range r.Data.Tags {
		if t.Key == key {
			return t.Value, true
		}
	}
	return "", false
}

// FileInfo is one entry of artifacts/list.
type FileInfo struct {
	Path     string `json:"path"`
	IsDir    bool   `json:"is_dir"`
	FileSize int64  `json:"file_size,omitempty"`
}

// ListArtifactsResponse is the artifacts/list response.
type ListArtifactsResponse struct {
	RootURI       string     `json:"root_uri,omitempty"`
	Files         []FileInfo `json:"files,omitempty"`
	NextPageToken string     `json:"next_page_token,omitempty"`
}

// RegisteredModelAlias is {"alias": …, "version": "N"}.
type RegisteredModelAlias struct {
	Alias   string `json:"alias"`
	Version string `json:"version"`
}

// ModelVersion as in model-versions/get.
type ModelVersion struct {
	Name                 string   `json:"name"`
	Version              string   `json:"version"`
	CreationTimestamp    int64    `json:"creation_timestamp,omitempty"`
	LastUpdatedTimestamp int64    `json:"last_updated_timestamp,omitempty"`
	UserID               string   `json:"user_id,omitempty"`
	CurrentStage         string   `json:"current_stage,omitempty"`
	Description          string   `json:"description,omitempty"`
	Source               string   `json:"source,omitempty"`
	RunID                string   `json:"run_id,omitempty"`
	Status               string   `json:"status,omitempty"`
	StatusMessage        string   `json:"status_message,omitempty"`
	Tags                 []Tag    `json:"tags,omitempty"`
	RunLink              string   `json:"run_link,omitempty"`
	Aliases              []string `json:"aliases,omitempty"`
	ModelID              string   `json:"model_id,omitempty"`
	// StorageLocation is not in MLflow's JSON; get-download-uri returns it.
	StorageLocation string `json:"-"`
}

// RegisteredModel as in registered-models/get.
type RegisteredModel struct {
	Name                 string                 `json:"name"`
	CreationTimestamp    int64                  `json:"creation_timestamp,omitempty"`
	LastUpdatedTimestamp int64                  `json:"last_updated_timestamp,omitempty"`
	UserID               string                 `json:"user_id,omitempty"`
	Description          string                 `json:"description,omitempty"`
	LatestVersions       []ModelVersion         `json:"latest_versions,omitempty"`
	Tags                 []Tag                  `json:"tags,omitempty"`
	Aliases              []RegisteredModelAlias `json:"aliases,omitempty"`
}

// LoggedModelInfo is the "info" part of an MLflow 3 logged model.
type LoggedModelInfo struct {
	ModelID                string `json:"model_id"`
	ExperimentID           string `json:"experiment_id"`
	Name                   string `json:"name"`
	CreationTimestampMs    int64  `json:"creation_timestamp_ms,omitempty"`
	LastUpdatedTimestampMs int64  `json:"last_updated_timestamp_ms,omitempty"`
	ArtifactURI            string `json:"artifact_uri,omitempty"`
	Status                 string `json:"status,omitempty"`
	ModelType              string `json:"model_type,omitempty"`
	SourceRunID            string `json:"source_run_id,omitempty"`
	StatusMessage          string `json:"status_message,omitempty"`
	Tags                   []Tag  `json:"tags,omitempty"`
	// LifecycleStage is not in MLflow's JSON; deleted models are skipped.
	LifecycleStage string `json:"-"`
}

// LoggedModelData is the "data" part of an MLflow 3 logged model.
type LoggedModelData struct {
	Params  []Param  `json:"params,omitempty"`
	Metrics []Metric `json:"metrics,omitempty"`
}

// LoggedModel as in logged-models/search [3.0].
type LoggedModel struct {
	Info LoggedModelInfo `json:"info"`
	Data LoggedModelData `json:"data"`
}

// LoggedModelStatusName maps the stored int to the proto name.
func LoggedModelStatusName(n int) string {
	switch n {
	case 1:
		return "LOGGED_MODEL_PENDING"
	case 2:
		return "LOGGED_MODEL_READY"
	case 3:
		return "LOGGED_MODEL_UPLOAD_FAILED"
	}
	return "LOGGED_MODEL_STATUS_UNSPECIFIED"
}

// AsGetResponse shapes a run as runs/get writes it: "inputs" and "outputs"
// are always present, as {} when empty.
func (r Run) AsGetResponse() Run {
	if r.Inputs == nil {
		r.Inputs = &RunInputs{}
	}
	if r.Outputs == nil {
		r.Outputs = &RunOutputs{}
	}
	return r
}

// AsSearchResponse shapes a run as runs/search writes it (MLflow 3.5):
// "inputs" always present, "outputs" never.
func (r Run) AsSearchResponse() Run {
	if r.Inputs == nil {
		r.Inputs = &RunInputs{}
	}
	r.Outputs = nil
	return r
}

// WithoutAliases returns versions as registered-models/search, get and
// model-versions/search write them: MLflow fills a version's aliases only in
// model-versions/get.
func WithoutAliases(vs []ModelVersion) []ModelVersion {
	out := make([]ModelVersion, len(vs))
	for i, v := range vs {
		v.Aliases = nil
		out[i] = v
	}
	return out
}
