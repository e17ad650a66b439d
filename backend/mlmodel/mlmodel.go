// Package mlmodel reads MLflow's MLmodel file — flavors, signature, input
// example and the ids linking a model to its run and logged model — and the
// environment files logged beside it, into a card the UI can show.
package mlmodel

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ColumnSpec is one input or output column (or tensor) of a signature.
type ColumnSpec struct {
	Name     string `json:"name,omitempty"`
	Type     string `json:"type"`
	Required bool   `json:"required"`
	// Detail renders composite types (array items, object properties,
	// tensor dtype and shape) as MLflow users read them.
	Detail string `json:"detail,omitempty"`
}

// ParamSpec is one inference parameter of a signature.
type ParamSpec struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Default any    `json:"default,omitempty"`
	Shape   any    `json:"shape,omitempty"`
}

// Signature is the parsed signature block.
type Signature struct {
	Inputs  []ColumnSpec `json:"inputs"`
	Outputs []ColumnSpec `json:"outputs"`
	Params  []ParamSpec  `json:"params"`
}

// Flavor is one flavor with its settings.
type Flavor struct {
	Name   string         `json:"name"`
	Config map[string]any `json:"config"`
}

// Card is what the UI shows for an MLmodel.
type Card struct {
	ArtifactPath     string            `json:"artifact_path,omitempty"`
	RunID            string            `json:"run_id,omitempty"`
	ModelID          string            `json:"model_id,omitempty"`
	ModelUUID        string            `json:"model_uuid,omitempty"`
	UTCTimeCreated   string            `json:"utc_time_created,omitempty"`
	MLflowVersion    string            `json:"mlflow_version,omitempty"`
	ModelSizeBytes   int64             `json:"model_size_bytes,omitempty"`
	Flavors          []Flavor          `json:"flavors"`
	LoaderModule     string            `json:"loader_module,omitempty"`
	PythonVersion    string            `json:"python_version,omitempty"`
	Signature        *Signature        `json:"signature,omitempty"`
	InputExampleInfo map[string]any    `json:"saved_input_example_info,omitempty"`
	Metadata         map[string]any    `json:"metadata,omitempty"`
	EnvVars          []string          `json:"env_vars,omitempty"`
	Files            map[string]string `json:"files,omitempty"`         // requirements.txt, conda.yaml, python_env.yaml (bounded)
	InputExample     string            `json:"input_example,omitempty"` // bounded text of the example file
}

type rawModel struct {
	ArtifactPath     string                    `yaml:"artifact_path"`
	RunID            string                    `yaml:"run_id"`
	ModelID          string                    `yaml:"model_id"`
	ModelUUID        string                    `yaml:"model_uuid"`
	UTCTimeCreated   string                    `yaml:"utc_time_created"`
	MLflowVersion    string                    `yaml:"mlflow_version"`
	ModelSizeBytes   int64                     `yaml:"model_size_bytes"`
	Flavors          map[string]map[string]any `yaml:"flavors"`
	Signature        map[string]*string        `yaml:"signature"`
	InputExampleInfo map[string]any            `yaml:"saved_input_example_info"`
	Metadata         map[string]any            `yaml:"metadata"`
	EnvVars          []string                  `yaml:"env_vars"`
}

// Parse reads an MLmodel document. Unknown keys are ignored, as MLflow's
// readers ignore them; a malformed signature is reported, not guessed at.
func Parse(b []byte) (*Card, error) {
	var raw rawModel
	if err := yaml.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("parse MLmodel: %w", err)
	}
	if len(raw.Flavors) == 0 {
		return nil, fmt.Errorf("parse MLmodel: no flavors: this is not an MLmodel file")
	}
	c := &Card{ArtifactPath: raw.ArtifactPath, RunID: raw.RunID, ModelID: raw.ModelID, ModelUUID: raw.ModelUUID,
		UTCTimeCreated: raw.UTCTimeCreated, MLflowVersion: raw.MLflowVersion, ModelSizeBytes: raw.ModelSizeBytes,
		InputExampleInfo: raw.InputExampleInfo, Metadata: raw.Metadata, EnvVars: raw.EnvVars}
	names := make([]string, 0, len(raw.Flavors))
	for n := range raw.Flavors {
		names = append(names, n)
	}
	// python_function is the generic flavor; show the specific ones first.
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "python_function") != (names[j] == "python_function") {
			return names[j] == "python_function"
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		cfg := raw.Flavors[n]
		if cfg == nil {
			cfg = map[string]any{}
		}
		c.Flavors = append(c.Flavors, Flavor{Name: n, Config: cfg})
	}
	if pf := raw.Flavors["python_function"]; pf != nil {
		c.LoaderModule, _ = pf["loader_module"].(string)
		c.PythonVersion = fmt.Sprint(orEmpty(pf["python_version"]))
	}
	if raw.Signature != nil {
		sig, err := parseSignature(raw.Signature)
		if err != nil {
			return nil, err
		}
		c.Signature = sig
	}
	return c, nil
}

func orEmpty(v any) any {
	if v == nil {
		return ""
	}
	return v
}

func parseSignature(m map[string]*string) (*Signature, error) {
	sig := &Signature{}
	if s := m["inputs"]; s != nil && *s != "" {
		cols, err := parseColumns(*s)
		if err != nil {
			return nil, fmt.Errorf("parse MLmodel signature inputs: %w", err)
		}
		sig.Inputs = cols
	}
	if s := m["outputs"]; s != nil && *s != "" {
		cols, err := parseColumns(*s)
		if err != nil {
			return nil, fmt.Errorf("parse MLmodel signature outputs: %w", err)
		}
		sig.Outputs = cols
	}
	if s := m["params"]; s != nil && *s != "" {
		if err := json.Unmarshal([]byte(*s), &sig.Params); err != nil {
			return nil, fmt.Errorf("parse MLmodel signature params: %w", err)
		}
	}
	return sig, nil
}

type rawColumn struct {
	Name       string          `json:"name"`
	Type       json.RawMessage `json:"type"`
	Required   *bool           `json:"required"`
	Items      json.RawMessage `json:"items"`
	Properties json.RawMessage `json:"properties"`
	Values     json.RawMessage `json:"values"`
	Tensor     *struct {
		DType string  `json:"dtype"`
		Shape []int64 `json:"shape"`
	} `json:"tensor-spec"`
}

func parseColumns(s string) ([]ColumnSpec, error) {
	var raws []rawColumn
	if err := json.Unmarshal([]byte(s), &raws); err != nil {
		return nil, err
	}
	out := make([]ColumnSpec, 0, len(raws))
	for _, r := range raws {
		var typ string
		if err := json.Unmarshal(r.Type, &typ); err != nil {
			typ = strings.TrimSpace(string(r.Type))
		}
		c := ColumnSpec{Name: r.Name, Type: typ, Required: r.Required == nil || *r.Required}
		switch {
		case r.Tensor != nil:
			c.Detail = fmt.Sprintf("%s %v", r.Tensor.DType, r.Tensor.Shape)
		case len(r.Items) > 0:
			c.Detail = "items: " + compact(r.Items)
		case len(r.Properties) > 0:
			c.Detail = "properties: " + compact(r.Properties)
		case len(r.Values) > 0:
			c.Detail = "values: " + compact(r.Values)
		}
		out = append(out, c)
	}
	return out, nil
}

func compact(b json.RawMessage) string {
	var v any
	if json.Unmarshal(b, &v) != nil {
		return string(b)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

// SiblingFiles are the environment files MLflow logs beside MLmodel.
var SiblingFiles = []string{"requirements.txt", "conda.yaml", "python_env.yaml"}
