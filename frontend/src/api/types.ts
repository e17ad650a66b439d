// TypeScript mirrors of backend/service/types.go and backend/mlflow/entities.go.
// Keep field names exactly as the Go JSON tags spell them.

/** MLflow writes non-finite floats as strings. */
export type MFloat = number | 'NaN' | 'Infinity' | '-Infinity';

export interface BuildInfo {
  version: string;
  commit: string;
  buildTime: string;
  goVersion: string;
  face: 'desktop' | 'web' | string;
  /** In-app path to open on start (`flowdeck --open /runs`). */
  startRoute?: string;
}

export type SourceKind = 'file' | 'sqlite' | 'rest';
export type SourceState = 'idle' | 'syncing' | 'error';

export interface SourceView {
  id: string;
  name: string;
  uri: string;
  kind: SourceKind | string;
  hasCredentials: boolean;
  insecureTLS: boolean;
  lastSync: number;
  state: SourceState | string;
  error: string;
  stale: boolean;
  serverVersion: string;
  current: boolean;
}

export interface SourceInput {
  name: string;
  uri: string;
  username: string;
  password: string;
  token: string;
  insecureTLS: boolean;
  clearCredentials: boolean;
}

export interface TestResult {
  ok: boolean;
  kind: string;
  serverVersion: string;
  experiments: number;
  error: string;
}

export type SyncPhase = 'experiments' | 'runs' | 'registry' | 'done' | 'error' | 'cancelled';

export interface SyncProgress {
  sourceId: string;
  phase: SyncPhase | string;
  done: number;
  total: number;
  message: string;
}

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export interface KeyValue {
  key: string;
  value: string;
}
export type Tag = KeyValue;
export type Param = KeyValue;

export interface Experiment {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
  last_update_time?: number;
  creation_time?: number;
  tags?: Tag[];
}

export interface ExperimentView extends Experiment {
  runCount: number;
  lastActivity: number;
}

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface RunInfo {
  run_uuid: string;
  experiment_id: string;
  run_name?: string;
  user_id?: string;
  status: RunStatus | string;
  start_time?: number;
  end_time?: number;
  artifact_uri?: string;
  lifecycle_stage: string;
  run_id: string;
}

export interface Metric {
  key: string;
  value: MFloat;
  timestamp: number;
  step: number;
  dataset_name?: string;
  dataset_digest?: string;
  model_id?: string;
  run_id?: string;
}

export interface RunData {
  metrics?: Metric[];
  params?: Param[];
  tags?: Tag[];
}

export interface Dataset {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface DatasetInput {
  tags?: Tag[];
  dataset: Dataset;
}

export interface RunInputs {
  dataset_inputs?: DatasetInput[];
  model_inputs?: { model_id: string }[];
}

export interface RunOutputs {
  model_outputs?: { model_id: string; step: number }[];
}

export interface Run {
  info: RunInfo;
  data: RunData;
  inputs?: RunInputs;
  outputs?: RunOutputs;
}

export interface SearchRunsRequest {
  sourceId: string;
  experimentIds: string[];
  filter: string;
  orderBy: string[];
  maxResults: number;
  pageToken: string;
  viewType: ViewType;
}

export interface MetricSummary {
  key: string;
  value: MFloat;
  timestamp: number;
  step: number;
  min: MFloat;
  max: MFloat;
  count: number;
}

export interface RunRow {
  info: RunInfo;
  params: Record<string, string> | null;
  tags: Record<string, string> | null;
  metrics: MetricSummary[] | null;
  parentRunId: string;
}

export interface SearchRunsResult {
  runs: RunRow[] | null;
  nextPageToken: string;
  total: number;
}

export interface SearchKeys {
  metrics: string[] | null;
  params: string[] | null;
  tags: string[] | null;
}

export interface RegisteredModelAlias {
  alias: string;
  version: string;
}

export interface ModelVersion {
  name: string;
  version: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  current_stage?: string;
  description?: string;
  source?: string;
  run_id?: string;
  status?: string;
  status_message?: string;
  tags?: Tag[];
  run_link?: string;
  aliases?: string[];
  model_id?: string;
}

export interface RegisteredModel {
  name: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  description?: string;
  latest_versions?: ModelVersion[];
  tags?: Tag[];
  aliases?: RegisteredModelAlias[];
}

export interface LoggedModelInfo {
  model_id: string;
  experiment_id: string;
  name: string;
  creation_timestamp_ms?: number;
  last_updated_timestamp_ms?: number;
  artifact_uri?: string;
  status?: string;
  model_type?: string;
  source_run_id?: string;
  status_message?: string;
  tags?: Tag[];
}

export interface LoggedModel {
  info: LoggedModelInfo;
  data: { params?: Param[]; metrics?: Metric[] };
}

export interface RunDetail {
  run: Run;
  metrics: MetricSummary[] | null;
  experiment: Experiment;
  parent: RunInfo | null;
  children: RunInfo[] | null;
  loggedModels: LoggedModel[] | null;
  modelArtifacts: string[] | null;
  modelVersions: ModelVersion[] | null;
}

export interface FileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

export interface ListArtifactsResult {
  root_uri?: string;
  files?: FileInfo[] | null;
}

export type PreviewKind = 'text' | 'json' | 'yaml' | 'csv' | 'tsv' | 'image' | 'mlmodel' | 'binary' | 'empty';

/** One column of an MLmodel signature, as MLflow writes it. */
export interface SignatureColumn {
  name?: string;
  type?: string;
  required?: boolean;
  [extra: string]: unknown;
}

export interface MLmodelCard {
  flavors?: Record<string, Record<string, unknown>>;
  signature?: {
    inputs?: SignatureColumn[] | null;
    outputs?: SignatureColumn[] | null;
    params?: SignatureColumn[] | null;
  } | null;
  saved_input_example_info?: Record<string, unknown> | null;
  run_id?: string;
  model_id?: string;
  utc_time_created?: string;
  mlflow_version?: string;
  input_example?: string;
  [extra: string]: unknown;
}

export interface ArtifactPreview {
  path: string;
  size: number;
  kind: PreviewKind | string;
  text: string;
  truncated: boolean;
  table?: string[][] | null;
  mlmodel?: MLmodelCard | null;
  url: string;
}

export interface PlotRequest {
  sourceId: string;
  runIds: string[];
  keys: string[];
  xAxis: 'step' | 'time' | 'relative';
  logY: boolean;
  smooth: number;
  width: number;
  height: number;
  dark: boolean;
}
