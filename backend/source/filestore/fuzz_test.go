package filestore

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowdeck/backend/testfix"
)

// seedFiles adds up to limit fixture files matching glob to the corpus.
func seedFiles(f *testing.F, glob string, limit int) {
	paths, _ := filepath.Glob(testfix.Path(glob))
	for i, p := range paths {
		if i == limit {
			break
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
}

// FuzzParseMetricLine: never panics, and an accepted line's fields come back
// when formatted again (the parser accepts nothing it cannot represent).
func FuzzParseMetricLine(f *testing.F) {
	for _, s := range []string{"1795636775589 nan 1", "1 2", "1 2 3 ds dg", "1 -inf -1", "x"} {
		f.Add(s)
	}
	seedFiles(f, "mlflow-3.5/mlruns/*/*/metrics/*", 10)
	f.Fuzz(func(t *testing.T, line string) {
		for _, l := range strings.Split(line, "\n") {
			m, err := ParseMetricLine(l)
			if err != nil {
				continue
			}
			n := len(strings.Split(strings.TrimSpace(l), " "))
			if n != 2 && n != 3 && n != 5 {
				t.Fatalf("accepted %d fields: %q", n, l)
			}
			if (n != 5 && m.DatasetName != "") || m.Key != "" {
				t.Fatalf("line %q parsed as %+v", l, m)
			}
		}
		mf := parseMetricData([]byte(line), "k", ParseMetricLine)
		if len(mf.History) > strings.Count(line, "\n") {
			t.Fatalf("%d points from %d complete lines", len(mf.History), strings.Count(line, "\n"))
		}
	})
}

// FuzzDecodeMeta: every meta.yaml decoder returns an error or a value, never
// panics, on any input.
func FuzzDecodeMeta(f *testing.F) {
	seedFiles(f, "mlflow-3.5/mlruns/*/meta.yaml", 3)
	seedFiles(f, "mlflow-3.5/mlruns/*/*/meta.yaml", 3)
	seedFiles(f, "mlflow-3.5/mlruns/*/*/*/meta.yaml", 4)
	seedFiles(f, "mlflow-3.5/mlruns/models/*/version-*/meta.yaml", 2)
	f.Add("experiment_id: 1\nstatus: [1]\n")
	f.Add("tags: {a: &x [*x]}\n")
	f.Fuzz(func(t *testing.T, doc string) {
		data := []byte(doc)
		_ = decodeMeta(data, &experimentMeta{})
		var r runMeta
		if err := decodeMeta(data, &r); err == nil {
			_ = statusName(string(r.Status))
		}
		_ = decodeMeta(data, &loggedModelMeta{})
		_ = decodeMeta(data, &datasetMeta{})
		_ = decodeMeta(data, &ioMeta{})
		_ = decodeMeta(data, &registeredModelMeta{})
		_ = decodeMeta(data, &versionMeta{})
	})
}
