package demo

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"flowdeck/backend/testfix"
)

// toYmap converts a decoded YAML document into the emitter's types; ok is
// false for shapes the emitter does not handle (floats, non-empty lists).
func toYmap(v any) (any, bool) {
	switch x := v.(type) {
	case nil, string, bool, int:
		return x, true
	case map[string]any:
		m := ymap{}
		for k, e := range x {
			c, ok := toYmap(e)
			if !ok {
				return nil, false
			}
			m[k] = c
		}
		return m, true
	case []any:
		s := make([]string, 0, len(x))
		for _, e := range x {
			str, ok := e.(string)
			if !ok {
				return nil, false
			}
			s = append(s, str)
		}
		return s, true
	}
	return nil, false
}

// TestYAMLMatchesPyYAML re-emits every meta.yaml and MLmodel that real
// MLflow wrote and requires byte-identical output.
func TestYAMLMatchesPyYAML(t *testing.T) {
	checked := 0
	for _, root := range []string{"mlflow-3.5/mlruns", "mlflow-2.22/mlruns"} {
		err := filepath.WalkDir(testfix.Path(root), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || (d.Name() != "meta.yaml" && d.Name() != "MLmodel" && d.Name() != "trace_info.yaml") {
				return err
			}
			want, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			var doc map[string]any
			if err := yaml.Unmarshal(want, &doc); err != nil {
				t.Errorf("%s: %v", path, err)
				return nil
			}
			m, ok := toYmap(doc)
			if !ok {
				return nil
			}
			got := marshalYAML(m.(ymap))
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
			}
			checked++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 40 {
		t.Fatalf("only %d fixture YAML files compared", checked)
	}
	t.Logf("%d fixture YAML files re-emitted byte for byte", checked)
}

func TestYAMLScalarStyles(t *testing.T) {
	cases := map[string]string{
		"":                           "''",
		"0":                          "'0'",
		"123456789012345678":         "'123456789012345678'",
		"1.0":                        "'1.0'",
		"1e-05":                      "1e-05",
		"true":                       "'true'",
		"No":                         "'No'",
		"null":                       "'null'",
		"3.11.2":                     "3.11.2",
		"2026-11-25 20:00:45.822840": "'2026-11-25 20:00:45.822840'",
		"-r requirements.txt":        "-r requirements.txt",
		"- item":                     "'- item'",
		"a: b":                       "'a: b'",
		"a #b":                       "'a #b'",
		"it's":                       "it's",
		"'x'":                        "'''x'''",
		"<script>alert(1)</script>":  "<script>alert(1)</script>",
		"*star":                      "'*star'",
		"tab\there":                  `"tab\there"`,
		" lead":                      "' lead'",
		"日本語 ✓":                      "日本語 ✓",
	}
	for in, want := range cases {
		got := strings.TrimSuffix(string(marshalYAML(ymap{"k": in})), "\n")
		if got != "k: "+want {
			t.Errorf("%q: got %s, want k: %s", in, got, want)
		}
	}
}
