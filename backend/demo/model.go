package demo

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

const (
	modelMLflowVersion = "2.22.0"
	modelPython        = "3.11.7"
	modelSklearn       = "1.5.2"
)

// modelPickle is a valid pickle (protocol 4) of an empty dict: a stand-in
// for the fitted estimator a real run would save.
var modelPickle = []byte{0x80, 0x04, '}', 0x94, '.'}

func modelUUID(rp *runPlan) string { return md5hex("model:" + rp.id) }

func modelTime(rp *runPlan) string {
	return time.UnixMilli(rp.end - 1500).UTC().Format("2006-01-02 15:04:05.000000")
}

func pyfuncFlavor() ymap {
	return ymap{
		"env":           ymap{"conda": "conda.yaml", "virtualenv": "python_env.yaml"},
		"loader_module": "mlflow.sklearn", "model_path": "model.pkl", "predict_fn": "predict",
		"python_version": modelPython,
	}
}

func sklearnFlavor() ymap {
	return ymap{"code": nil, "pickled_model": "model.pkl", "serialization_format": "cloudpickle", "sklearn_version": modelSklearn}
}

// logModelHistory is the 2.x mlflow.log-model.history tag value, spelled as
// Python's json.dumps writes it.
func logModelHistory(rp *runPlan) string {
	return fmt.Sprintf(`[{"run_id": "%s", "artifact_path": "model", "utc_time_created": "%s", "model_uuid": "%s", `+
		`"flavors": {"python_function": {"model_path": "model.pkl", "predict_fn": "predict", "loader_module": "mlflow.sklearn", `+
		`"python_version": "%s", "env": {"conda": "conda.yaml", "virtualenv": "python_env.yaml"}}, `+
		`"sklearn": {"pickled_model": "model.pkl", "sklearn_version": "%s", "serialization_format": "cloudpickle", "code": null}}}]`,
		rp.id, modelTime(rp), modelUUID(rp), modelPython, modelSklearn)
}

func signatureInputs(features []string) string {
	parts := make([]string, len(features))
	for i, f := range features {
		parts[i] = fmt.Sprintf(`{"type": "double", "name": %s, "required": true}`, jsonString(f))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		return `""`
	}
	return string(b)
}

// writeModel writes a 2.x-style logged scikit-learn model under dir.
func (p *plan) writeModel(t *tree, r *rand.Rand, rp *runPlan, dir string) (int, error) {
	feats := rp.hp.features
	rows := make([]string, 3)
	for i := range rows {
		vals := make([]string, len(feats))
		for j := range vals {
			vals[j] = strconv.FormatFloat(r.Float64(), 'g', -1, 64)
		}
		rows[i] = "[" + strings.Join(vals, ", ") + "]"
	}
	cols := make([]string, len(feats))
	for i, f := range feats {
		cols[i] = jsonString(f)
	}
	example := `{"columns": [` + strings.Join(cols, ", ") + `], "data": [` + strings.Join(rows, ", ") + `]}`
	var serving strings.Builder
	serving.WriteString("{\n  \"dataframe_split\": ")
	var tmp any
	if err := json.Unmarshal([]byte(example), &tmp); err != nil {
		return 0, fmt.Errorf("input example of run %s: %w", rp.id, err)
	}
	ind, err := json.MarshalIndent(tmp, "  ", "  ")
	if err != nil {
		return 0, fmt.Errorf("serving example of run %s: %w", rp.id, err)
	}
	serving.Write(ind)
	serving.WriteString("\n}")

	outType := "int64"
	if rp.exp.spec.task != "classification" {
		outType = "float64"
	}
	mlmodel := ymap{
		"artifact_path":               "model",
		"flavors":                     ymap{"python_function": pyfuncFlavor(), "sklearn": sklearnFlavor()},
		"is_signature_from_type_hint": false,
		"mlflow_version":              modelMLflowVersion,
		"model_size_bytes":            len(modelPickle),
		"model_uuid":                  modelUUID(rp),
		"prompts":                     nil,
		"run_id":                      rp.id,
		"saved_input_example_info": ymap{
			"artifact_path": "input_example.json", "pandas_orient": "split",
			"serving_input_path": "serving_input_example.json", "type": "dataframe",
		},
		"signature": ymap{
			"inputs":  signatureInputs(feats),
			"outputs": `[{"type": "tensor", "tensor-spec": {"dtype": "` + outType + `", "shape": [-1]}}]`,
			"params":  nil,
		},
		"type_hint_from_example": false,
		"utc_time_created":       modelTime(rp),
	}
	reqs := "mlflow==" + modelMLflowVersion + "\ncloudpickle==3.0.0\nscikit-learn==" + modelSklearn
	conda := "channels:\n- conda-forge\ndependencies:\n- python=" + modelPython + "\n- pip<=24.0\n- pip:\n" +
		"  - mlflow==" + modelMLflowVersion + "\n  - cloudpickle==3.0.0\n  - scikit-learn==" + modelSklearn + "\nname: mlflow-env\n"
	pyenv := "python: " + modelPython + "\nbuild_dependencies:\n- pip==24.0\n- setuptools==69.5.1\n- wheel==0.43.0\ndependencies:\n- -r requirements.txt\n"
	files := []struct {
		name string
		data []byte
	}{
		{"MLmodel", marshalYAML(mlmodel)},
		{"model.pkl", modelPickle},
		{"requirements.txt", []byte(reqs)},
		{"conda.yaml", []byte(conda)},
		{"python_env.yaml", []byte(pyenv)},
		{"input_example.json", []byte(example)},
		{"serving_input_example.json", []byte(serving.String())},
	}
	for i, f := range files {
		if err := t.write(dir+"/"+f.name, f.data); err != nil {
			return i, err
		}
	}
	return len(files), nil
}
