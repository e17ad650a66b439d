export namespace mlflow {
	
	export class Dataset {
	    name: string;
	    digest: string;
	    source_type: string;
	    source: string;
	    schema?: string;
	    profile?: string;
	
	    static createFrom(source: any = {}) {
	        return new Dataset(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.digest = source["digest"];
	        this.source_type = source["source_type"];
	        this.source = source["source"];
	        this.schema = source["schema"];
	        this.profile = source["profile"];
	    }
	}
	export class KeyValue {
	    key: string;
	    value: string;
	
	    static createFrom(source: any = {}) {
	        return new KeyValue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.value = source["value"];
	    }
	}
	export class DatasetInput {
	    tags?: KeyValue[];
	    dataset: Dataset;
	
	    static createFrom(source: any = {}) {
	        return new DatasetInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tags = this.convertValues(source["tags"], KeyValue);
	        this.dataset = this.convertValues(source["dataset"], Dataset);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Experiment {
	    experiment_id: string;
	    name: string;
	    artifact_location?: string;
	    lifecycle_stage?: string;
	    last_update_time?: number;
	    creation_time?: number;
	    tags?: KeyValue[];
	
	    static createFrom(source: any = {}) {
	        return new Experiment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.experiment_id = source["experiment_id"];
	        this.name = source["name"];
	        this.artifact_location = source["artifact_location"];
	        this.lifecycle_stage = source["lifecycle_stage"];
	        this.last_update_time = source["last_update_time"];
	        this.creation_time = source["creation_time"];
	        this.tags = this.convertValues(source["tags"], KeyValue);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FileInfo {
	    path: string;
	    is_dir: boolean;
	    file_size?: number;
	
	    static createFrom(source: any = {}) {
	        return new FileInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.is_dir = source["is_dir"];
	        this.file_size = source["file_size"];
	    }
	}
	
	export class ListArtifactsResponse {
	    root_uri?: string;
	    files?: FileInfo[];
	    next_page_token?: string;
	
	    static createFrom(source: any = {}) {
	        return new ListArtifactsResponse(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.root_uri = source["root_uri"];
	        this.files = this.convertValues(source["files"], FileInfo);
	        this.next_page_token = source["next_page_token"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Metric {
	    key: string;
	    value: number;
	    timestamp: number;
	    step: number;
	    dataset_name?: string;
	    dataset_digest?: string;
	    model_id?: string;
	    run_id?: string;
	
	    static createFrom(source: any = {}) {
	        return new Metric(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.value = source["value"];
	        this.timestamp = source["timestamp"];
	        this.step = source["step"];
	        this.dataset_name = source["dataset_name"];
	        this.dataset_digest = source["dataset_digest"];
	        this.model_id = source["model_id"];
	        this.run_id = source["run_id"];
	    }
	}
	export class LoggedModelData {
	    params?: KeyValue[];
	    metrics?: Metric[];
	
	    static createFrom(source: any = {}) {
	        return new LoggedModelData(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.params = this.convertValues(source["params"], KeyValue);
	        this.metrics = this.convertValues(source["metrics"], Metric);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LoggedModelInfo {
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
	    tags?: KeyValue[];
	
	    static createFrom(source: any = {}) {
	        return new LoggedModelInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.model_id = source["model_id"];
	        this.experiment_id = source["experiment_id"];
	        this.name = source["name"];
	        this.creation_timestamp_ms = source["creation_timestamp_ms"];
	        this.last_updated_timestamp_ms = source["last_updated_timestamp_ms"];
	        this.artifact_uri = source["artifact_uri"];
	        this.status = source["status"];
	        this.model_type = source["model_type"];
	        this.source_run_id = source["source_run_id"];
	        this.status_message = source["status_message"];
	        this.tags = this.convertValues(source["tags"], KeyValue);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LoggedModel {
	    info: LoggedModelInfo;
	    data: LoggedModelData;
	
	    static createFrom(source: any = {}) {
	        return new LoggedModel(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.info = this.convertValues(source["info"], LoggedModelInfo);
	        this.data = this.convertValues(source["data"], LoggedModelData);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	export class ModelInput {
	    model_id: string;
	
	    static createFrom(source: any = {}) {
	        return new ModelInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.model_id = source["model_id"];
	    }
	}
	export class ModelOutput {
	    model_id: string;
	    step: number;
	
	    static createFrom(source: any = {}) {
	        return new ModelOutput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.model_id = source["model_id"];
	        this.step = source["step"];
	    }
	}
	export class ModelVersion {
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
	    tags?: KeyValue[];
	    run_link?: string;
	    aliases?: string[];
	    model_id?: string;
	
	    static createFrom(source: any = {}) {
	        return new ModelVersion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.version = source["version"];
	        this.creation_timestamp = source["creation_timestamp"];
	        this.last_updated_timestamp = source["last_updated_timestamp"];
	        this.user_id = source["user_id"];
	        this.current_stage = source["current_stage"];
	        this.description = source["description"];
	        this.source = source["source"];
	        this.run_id = source["run_id"];
	        this.status = source["status"];
	        this.status_message = source["status_message"];
	        this.tags = this.convertValues(source["tags"], KeyValue);
	        this.run_link = source["run_link"];
	        this.aliases = source["aliases"];
	        this.model_id = source["model_id"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RegisteredModelAlias {
	    alias: string;
	    version: string;
	
	    static createFrom(source: any = {}) {
	        return new RegisteredModelAlias(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.alias = source["alias"];
	        this.version = source["version"];
	    }
	}
	export class RegisteredModel {
	    name: string;
	    creation_timestamp?: number;
	    last_updated_timestamp?: number;
	    user_id?: string;
	    description?: string;
	    latest_versions?: ModelVersion[];
	    tags?: KeyValue[];
	    aliases?: RegisteredModelAlias[];
	
	    static createFrom(source: any = {}) {
	        return new RegisteredModel(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.creation_timestamp = source["creation_timestamp"];
	        this.last_updated_timestamp = source["last_updated_timestamp"];
	        this.user_id = source["user_id"];
	        this.description = source["description"];
	        this.latest_versions = this.convertValues(source["latest_versions"], ModelVersion);
	        this.tags = this.convertValues(source["tags"], KeyValue);
	        this.aliases = this.convertValues(source["aliases"], RegisteredModelAlias);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class RunOutputs {
	    model_outputs?: ModelOutput[];
	
	    static createFrom(source: any = {}) {
	        return new RunOutputs(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.model_outputs = this.convertValues(source["model_outputs"], ModelOutput);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RunInputs {
	    dataset_inputs?: DatasetInput[];
	    model_inputs?: ModelInput[];
	
	    static createFrom(source: any = {}) {
	        return new RunInputs(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dataset_inputs = this.convertValues(source["dataset_inputs"], DatasetInput);
	        this.model_inputs = this.convertValues(source["model_inputs"], ModelInput);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RunData {
	    metrics?: Metric[];
	    params?: KeyValue[];
	    tags?: KeyValue[];
	
	    static createFrom(source: any = {}) {
	        return new RunData(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.metrics = this.convertValues(source["metrics"], Metric);
	        this.params = this.convertValues(source["params"], KeyValue);
	        this.tags = this.convertValues(source["tags"], KeyValue);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RunInfo {
	    run_uuid: string;
	    experiment_id: string;
	    run_name?: string;
	    user_id?: string;
	    status: string;
	    start_time?: number;
	    end_time?: number;
	    artifact_uri?: string;
	    lifecycle_stage: string;
	    run_id: string;
	
	    static createFrom(source: any = {}) {
	        return new RunInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.run_uuid = source["run_uuid"];
	        this.experiment_id = source["experiment_id"];
	        this.run_name = source["run_name"];
	        this.user_id = source["user_id"];
	        this.status = source["status"];
	        this.start_time = source["start_time"];
	        this.end_time = source["end_time"];
	        this.artifact_uri = source["artifact_uri"];
	        this.lifecycle_stage = source["lifecycle_stage"];
	        this.run_id = source["run_id"];
	    }
	}
	export class Run {
	    info: RunInfo;
	    data: RunData;
	    inputs?: RunInputs;
	    outputs?: RunOutputs;
	
	    static createFrom(source: any = {}) {
	        return new Run(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.info = this.convertValues(source["info"], RunInfo);
	        this.data = this.convertValues(source["data"], RunData);
	        this.inputs = this.convertValues(source["inputs"], RunInputs);
	        this.outputs = this.convertValues(source["outputs"], RunOutputs);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	

}

export namespace service {
	
	export class ArtifactPreview {
	    path: string;
	    size: number;
	    kind: string;
	    text: string;
	    truncated: boolean;
	    table?: string[][];
	    mlmodel?: any;
	    url: string;
	
	    static createFrom(source: any = {}) {
	        return new ArtifactPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.size = source["size"];
	        this.kind = source["kind"];
	        this.text = source["text"];
	        this.truncated = source["truncated"];
	        this.table = source["table"];
	        this.mlmodel = source["mlmodel"];
	        this.url = source["url"];
	    }
	}
	export class BuildInfo {
	    version: string;
	    commit: string;
	    buildTime: string;
	    goVersion: string;
	    face: string;
	    startRoute?: string;
	
	    static createFrom(source: any = {}) {
	        return new BuildInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.commit = source["commit"];
	        this.buildTime = source["buildTime"];
	        this.goVersion = source["goVersion"];
	        this.face = source["face"];
	        this.startRoute = source["startRoute"];
	    }
	}
	export class ExperimentView {
	    experiment_id: string;
	    name: string;
	    artifact_location?: string;
	    lifecycle_stage?: string;
	    last_update_time?: number;
	    creation_time?: number;
	    tags?: mlflow.KeyValue[];
	    runCount: number;
	    lastActivity: number;
	
	    static createFrom(source: any = {}) {
	        return new ExperimentView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.experiment_id = source["experiment_id"];
	        this.name = source["name"];
	        this.artifact_location = source["artifact_location"];
	        this.lifecycle_stage = source["lifecycle_stage"];
	        this.last_update_time = source["last_update_time"];
	        this.creation_time = source["creation_time"];
	        this.tags = this.convertValues(source["tags"], mlflow.KeyValue);
	        this.runCount = source["runCount"];
	        this.lastActivity = source["lastActivity"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MetricSummary {
	    key: string;
	    value: number;
	    timestamp: number;
	    step: number;
	    min: number;
	    max: number;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new MetricSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.value = source["value"];
	        this.timestamp = source["timestamp"];
	        this.step = source["step"];
	        this.min = source["min"];
	        this.max = source["max"];
	        this.count = source["count"];
	    }
	}
	export class PlotRequest {
	    sourceId: string;
	    runIds: string[];
	    keys: string[];
	    xAxis: string;
	    logY: boolean;
	    smooth: number;
	    width: number;
	    height: number;
	    dark: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PlotRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sourceId = source["sourceId"];
	        this.runIds = source["runIds"];
	        this.keys = source["keys"];
	        this.xAxis = source["xAxis"];
	        this.logY = source["logY"];
	        this.smooth = source["smooth"];
	        this.width = source["width"];
	        this.height = source["height"];
	        this.dark = source["dark"];
	    }
	}
	export class RunDetail {
	    run: mlflow.Run;
	    metrics: MetricSummary[];
	    experiment: mlflow.Experiment;
	    parent?: mlflow.RunInfo;
	    children: mlflow.RunInfo[];
	    loggedModels: mlflow.LoggedModel[];
	    modelArtifacts: string[];
	    modelVersions: mlflow.ModelVersion[];
	
	    static createFrom(source: any = {}) {
	        return new RunDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.run = this.convertValues(source["run"], mlflow.Run);
	        this.metrics = this.convertValues(source["metrics"], MetricSummary);
	        this.experiment = this.convertValues(source["experiment"], mlflow.Experiment);
	        this.parent = this.convertValues(source["parent"], mlflow.RunInfo);
	        this.children = this.convertValues(source["children"], mlflow.RunInfo);
	        this.loggedModels = this.convertValues(source["loggedModels"], mlflow.LoggedModel);
	        this.modelArtifacts = source["modelArtifacts"];
	        this.modelVersions = this.convertValues(source["modelVersions"], mlflow.ModelVersion);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RunRow {
	    info: mlflow.RunInfo;
	    params: {[key: string]: string};
	    tags: {[key: string]: string};
	    metrics: MetricSummary[];
	    parentRunId: string;
	
	    static createFrom(source: any = {}) {
	        return new RunRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.info = this.convertValues(source["info"], mlflow.RunInfo);
	        this.params = source["params"];
	        this.tags = source["tags"];
	        this.metrics = this.convertValues(source["metrics"], MetricSummary);
	        this.parentRunId = source["parentRunId"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SearchKeys {
	    metrics: string[];
	    params: string[];
	    tags: string[];
	
	    static createFrom(source: any = {}) {
	        return new SearchKeys(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.metrics = source["metrics"];
	        this.params = source["params"];
	        this.tags = source["tags"];
	    }
	}
	export class SearchRunsRequest {
	    sourceId: string;
	    experimentIds: string[];
	    filter: string;
	    orderBy: string[];
	    maxResults: number;
	    pageToken: string;
	    viewType: string;
	
	    static createFrom(source: any = {}) {
	        return new SearchRunsRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sourceId = source["sourceId"];
	        this.experimentIds = source["experimentIds"];
	        this.filter = source["filter"];
	        this.orderBy = source["orderBy"];
	        this.maxResults = source["maxResults"];
	        this.pageToken = source["pageToken"];
	        this.viewType = source["viewType"];
	    }
	}
	export class SearchRunsResult {
	    runs: RunRow[];
	    nextPageToken: string;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new SearchRunsResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.runs = this.convertValues(source["runs"], RunRow);
	        this.nextPageToken = source["nextPageToken"];
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SourceInput {
	    name: string;
	    uri: string;
	    username: string;
	    password: string;
	    token: string;
	    insecureTLS: boolean;
	    clearCredentials: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SourceInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.uri = source["uri"];
	        this.username = source["username"];
	        this.password = source["password"];
	        this.token = source["token"];
	        this.insecureTLS = source["insecureTLS"];
	        this.clearCredentials = source["clearCredentials"];
	    }
	}
	export class SourceView {
	    id: string;
	    name: string;
	    uri: string;
	    kind: string;
	    hasCredentials: boolean;
	    insecureTLS: boolean;
	    lastSync: number;
	    state: string;
	    error: string;
	    stale: boolean;
	    serverVersion: string;
	    current: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SourceView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.uri = source["uri"];
	        this.kind = source["kind"];
	        this.hasCredentials = source["hasCredentials"];
	        this.insecureTLS = source["insecureTLS"];
	        this.lastSync = source["lastSync"];
	        this.state = source["state"];
	        this.error = source["error"];
	        this.stale = source["stale"];
	        this.serverVersion = source["serverVersion"];
	        this.current = source["current"];
	    }
	}
	export class TestResult {
	    ok: boolean;
	    kind: string;
	    serverVersion: string;
	    experiments: number;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new TestResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.kind = source["kind"];
	        this.serverVersion = source["serverVersion"];
	        this.experiments = source["experiments"];
	        this.error = source["error"];
	    }
	}

}

