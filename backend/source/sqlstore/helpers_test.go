package sqlstore

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"flowdeck/backend/source"
	"flowdeck/backend/testfix"
)

// openFixture opens the real MLflow 3.5 mlflow.db (read-only, in place).
func openFixture(t testing.TB) *Store {
	t.Helper()
	s, err := Open(testfix.Path("mlflow-3.5/mlflow.db"), source.Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// manifest maps the fixture's logical names to ids.
type manifest struct {
	Runs        map[string]string `json:"runs"`
	Experiments map[string]string `json:"experiments"`
}

func loadManifest(t testing.TB) manifest {
	t.Helper()
	var m manifest
	b, err := os.ReadFile(testfix.Path("mlflow-3.5/manifest-sqlite.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// recording returns response_body of rest/NN-*.json, decoded generically.
func recording(t testing.TB, nn string) map[string]any {
	t.Helper()
	matches, _ := filepath.Glob(testfix.Path("mlflow-3.5/rest/" + nn + "-*.json"))
	if len(matches) != 1 {
		t.Fatalf("recording %s: found %d files", nn, len(matches))
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Body map[string]any `json:"response_body"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	return rec.Body
}

// generic turns a value into the form encoding/json gives a recording, so
// our JSON and MLflow's compare field by field.
func generic(t testing.TB, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var g any
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// normalize sorts lists of key/value-like objects (metrics, params, tags),
// whose order MLflow does not define, so only content is compared.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
		if len(x) > 0 {
			if m, ok := x[0].(map[string]any); ok {
				if _, hasKey := m["key"]; hasKey {
					sort.SliceStable(x, func(i, j int) bool { return fmt.Sprint(x[i]) < fmt.Sprint(x[j]) })
				}
			}
		}
	}
	return v
}

func assertJSONEqual(t testing.TB, what string, want, got any) {
	t.Helper()
	if d := cmp.Diff(normalize(want), normalize(generic(t, got))); d != "" {
		t.Errorf("%s differs from MLflow's response (-mlflow +ours):\n%s", what, d)
	}
}

func cmpDiff(a, b any) string { return cmp.Diff(a, b) }
