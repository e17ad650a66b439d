package filestore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
	"flowdeck/backend/testfix"
)

func TestOpen(t *testing.T) {
	tmp := t.TempDir()
	emptyMlruns := filepath.Join(tmp, "mlruns")
	onlyDefault := filepath.Join(tmp, "store")
	notStore := filepath.Join(tmp, "photos")
	emptyOther := filepath.Join(tmp, "other")
	file := filepath.Join(tmp, "file.txt")
	for _, d := range []string{emptyMlruns, filepath.Join(onlyDefault, "0"), filepath.Join(notStore, "2024"), emptyOther} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	must(t, os.WriteFile(filepath.Join(onlyDefault, "0", "meta.yaml"), []byte("experiment_id: '0'\nname: Default\n"), 0o644))
	must(t, os.WriteFile(file, []byte("x"), 0o644))

	cases := []struct {
		name, root string
		want       error
		msg        string
	}{
		{"fixture 3.5", testfix.Path("mlflow-3.5/mlruns"), nil, ""},
		{"fixture 2.22", testfix.Path("mlflow-2.22/mlruns"), nil, ""},
		{"empty mlruns", emptyMlruns, nil, ""},
		{"only Default", onlyDefault, nil, ""},
		{"missing", filepath.Join(tmp, "nope"), mlflow.ErrNotFound, "no such folder"},
		{"unrelated folder", notStore, mlflow.ErrNotMLflow, "no experiment folders with meta.yaml"},
		{"empty non-mlruns folder", emptyOther, mlflow.ErrNotMLflow, "is not an MLflow store"},
		{"a file", file, mlflow.ErrNotMLflow, "is not an MLflow store"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(c.root, source.Options{})
			if c.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if got := s.Info(); got.Kind != source.KindFile || got.URI != "file://"+c.root {
					t.Errorf("Info() = %+v", got)
				}
				return
			}
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("err = %v, want %v containing %q", err, c.want, c.msg)
			}
		})
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestExperiments(t *testing.T) {
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	s, _ := openAt(t, testfix.Path("mlflow-3.5/mlruns"))
	ctx := context.Background()
	names := func(es []mlflow.Experiment) map[string]string {
		out := map[string]string{}
		for _, e := range es {
			out[e.Name] = e.ExperimentID
		}
		return out
	}
	active, err := s.Experiments(ctx, mlflow.ViewActiveOnly)
	must(t, err)
	if got := names(active); len(got) != 3 || got["Default"] != "0" ||
		got["churn-classifier"] != m.Experiments["churn-classifier"] ||
		got["house-price-regression"] != m.Experiments["house-price-regression"] {
		t.Errorf("active experiments = %v", got)
	}
	deleted, err := s.Experiments(ctx, mlflow.ViewDeletedOnly)
	must(t, err)
	if len(deleted) != 1 || deleted[0].Name != "scratch-to-delete" || deleted[0].LifecycleStage != "deleted" {
		t.Fatalf("deleted experiments = %+v", deleted)
	}
	all, err := s.Experiments(ctx, mlflow.ViewAll)
	must(t, err)
	if len(all) != 4 {
		t.Errorf("ALL gives %d experiments, want 4", len(all))
	}

	churn, err := s.GetExperiment(ctx, m.Experiments["churn-classifier"])
	must(t, err)
	want := mlflow.Experiment{
		ExperimentID:     "933127932157694879",
		Name:             "churn-classifier",
		ArtifactLocation: "file:///home/ds/mlflow-demo/mlruns/933127932157694879",
		LifecycleStage:   "active",
		CreationTime:     1795636767481,
		LastUpdateTime:   1795636767481,
		Tags: []mlflow.Tag{
			{Key: "mlflow.note.content", Value: "# Churn classifier\nExperiments for the **churn** model."},
			{Key: "owner", Value: "alice"},
			{Key: "project", Value: "churn"},
		},
	}
	if diff := cmpDiff(want, *churn); diff != "" {
		t.Errorf("churn-classifier (-want +got):\n%s", diff)
	}
	// The deleted experiment's meta.yaml holds a stale tags copy; the tags/
	// folder is what counts, and both say temp=yes here.
	scratch, err := s.GetExperiment(ctx, m.Experiments["scratch-to-delete"])
	must(t, err)
	if scratch.LifecycleStage != "deleted" || len(scratch.Tags) != 1 || scratch.Tags[0] != (mlflow.Tag{Key: "temp", Value: "yes"}) {
		t.Errorf("scratch-to-delete = %+v", scratch)
	}
	for _, id := range []string{"42", "models", ".trash", "../0", ""} {
		if _, err := s.GetExperiment(ctx, id); !errors.Is(err, mlflow.ErrNotFound) {
			t.Errorf("GetExperiment(%q) err = %v, want ErrNotFound", id, err)
		}
	}
}

// TestExperimentTagsFolderWins checks the folder beats a stale YAML copy and
// that folders whose meta.yaml names another id are ignored.
func TestExperimentTagsFolderWins(t *testing.T) {
	root := testfix.Copy(t, "mlflow-3.5/mlruns")
	trash := filepath.Join(root, ".trash", "250147670536669837")
	must(t, os.WriteFile(filepath.Join(trash, "tags", "temp"), []byte("no"), 0o644))
	// A copied experiment folder whose meta.yaml still names the original.
	must(t, testfix.CopyTree(filepath.Join(root, "0"), filepath.Join(root, "77")))
	s, w := openAt(t, root)
	e, err := s.GetExperiment(context.Background(), "250147670536669837")
	must(t, err)
	if len(e.Tags) != 1 || e.Tags[0].Value != "no" {
		t.Errorf("tags = %+v, want temp=no from the tags folder", e.Tags)
	}
	all, err := s.Experiments(context.Background(), mlflow.ViewAll)
	must(t, err)
	for _, e := range all {
		if e.ExperimentID == "77" {
			t.Errorf("experiment folder 77 with id '0' in meta.yaml was listed")
		}
	}
	if !anyContains(w.all(), filepath.Join(root, "77")) {
		t.Errorf("no warning names folder 77: %q", w.all())
	}
}

func anyContains(msgs []string, sub string) bool {
	for _, m := range msgs {
		if strings.Contains(m, sub) {
			return true
		}
	}
	return false
}
