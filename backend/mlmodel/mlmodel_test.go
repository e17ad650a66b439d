package mlmodel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowdeck/backend/testfix"
)

func TestParseRealMLmodels(t *testing.T) {
	var files []string
	filepath.Walk(testfix.Root(), func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Name() == "MLmodel" {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 4 {
		t.Fatalf("found %d MLmodel files in the fixtures", len(files))
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		c, err := Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(c.Flavors) != 2 || c.Flavors[0].Name != "sklearn" || c.Flavors[1].Name != "python_function" {
			t.Errorf("%s: flavors %+v", f, c.Flavors)
		}
		if c.LoaderModule != "mlflow.sklearn" || c.RunID == "" || c.Signature == nil || len(c.Signature.Inputs) == 0 {
			t.Errorf("%s: card %+v", f, c)
		}
		// Regressors predict float64, classifiers int64 labels: one value per row.
		if o := c.Signature.Outputs[0]; o.Type != "tensor" || (o.Detail != "float64 [-1]" && o.Detail != "int64 [-1]") {
			t.Errorf("%s: outputs %+v", f, c.Signature.Outputs)
		}
		if strings.Contains(f, "mlflow-3.5") && (!strings.HasPrefix(c.ModelID, "m-") || c.ModelID != c.ModelUUID) {
			t.Errorf("%s: 3.x model id %q uuid %q", f, c.ModelID, c.ModelUUID)
		}
		if c.InputExampleInfo["artifact_path"] != "input_example.json" {
			t.Errorf("%s: input example info %v", f, c.InputExampleInfo)
		}
	}
}

func TestParseSignatureShapes(t *testing.T) {
	doc := `flavors:
  python_function: {loader_module: mlflow.pyfunc.model}
signature:
  inputs: '[{"type": "array", "items": {"type": "string"}, "name": "tokens", "required": false}, {"type": "object", "properties": {"a": {"type": "long", "required": true}}, "name": "obj"}]'
  outputs: null
  params: '[{"name": "temperature", "type": "float", "default": 0.7, "shape": null}]'
unknown_future_key: 1
`
	c, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	in := c.Signature.Inputs
	if len(in) != 2 || in[0].Required || in[0].Detail != `items: {"type":"string"}` || !in[1].Required {
		t.Fatalf("inputs %+v", in)
	}
	if c.Signature.Outputs != nil || len(c.Signature.Params) != 1 || c.Signature.Params[0].Default != 0.7 {
		t.Fatalf("signature %+v", c.Signature)
	}
}

func TestParseErrors(t *testing.T) {
	for _, doc := range []string{"", "name: x", "flavors: [", "flavors: {a: {}}\nsignature:\n  inputs: '[{'\n"} {
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("Parse(%q) accepted", doc)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{"mlflow-3.5/mlruns", "mlflow-2.22/mlruns"} {
		filepath.Walk(testfix.Path(p), func(path string, info os.FileInfo, err error) error {
			if err == nil && info.Name() == "MLmodel" {
				b, _ := os.ReadFile(path)
				f.Add(b)
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = Parse(b) })
}
