package filestore

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"flowdeck/backend/mlflow"
)

// writeFiles creates files (path → content) under root.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, c := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		must(t, os.MkdirAll(filepath.Dir(full), 0o755))
		must(t, os.WriteFile(full, []byte(c), 0o644))
	}
}

// TestLegacy1xStore reads a store laid out as MLflow 1.x and ≤0.9 wrote it:
// sequential experiment ids, an int experiment_id, run_uuid only, no
// run_name, no status key, 2-field metric lines.
func TestLegacy1xStore(t *testing.T) {
	root := filepath.Join(t.TempDir(), "mlruns")
	const run = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"
	writeFiles(t, root, map[string]string{
		"0/meta.yaml": "artifact_location: /old/mlruns/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n",
		"1/meta.yaml": "artifact_location: ./mlruns/1\nexperiment_id: 1\nlifecycle_stage: active\nname: legacy\n",
		"1/" + run + "/meta.yaml": "artifact_uri: /old/mlruns/1/" + run + "/artifacts\nend_time: 1500000009000\n" +
			"entry_point_name: ''\nexperiment_id: '1'\nlifecycle_stage: active\nrun_uuid: " + run + "\nsource_name: ''\n" +
			"source_type: 4\nsource_version: ''\nstart_time: 1500000000000\ntags: []\nuser_id: dave\n",
		"1/" + run + "/tags/mlflow.runName": "old-run",
		"1/" + run + "/params/alpha":        "0.5",
		"1/" + run + "/metrics/loss":        "1500000001000 0.9\n1500000002000 0.7\n",
		"1/" + run + "/artifacts/model.txt": "m",
	})
	s, w := openAt(t, root)
	ctx := context.Background()
	es, err := s.Experiments(ctx, mlflow.ViewAll)
	must(t, err)
	if len(es) != 2 || es[1].ExperimentID != "1" || es[1].Name != "legacy" {
		t.Fatalf("experiments = %+v", es)
	}
	refs, err := s.RunRefs(ctx, nil)
	must(t, err)
	if len(refs) != 1 || refs[0].RunID != run || refs[0].ExperimentID != "1" || refs[0].LifecycleStage != "active" {
		t.Fatalf("refs = %+v", refs)
	}
	b, err := s.ReadRun(ctx, run)
	must(t, err)
	i := b.Run.Info
	if i.RunName != "old-run" || i.Status != "RUNNING" || i.UserID != "dave" || i.StartTime != 1500000000000 || i.RunID != run {
		t.Errorf("info = %+v", i)
	}
	// Both points are at step 0, so the later timestamp wins.
	if len(b.Run.Data.Metrics) != 1 || b.Run.Data.Metrics[0].Value != 0.7 || b.Run.Data.Metrics[0].Step != 0 {
		t.Errorf("metrics = %+v", b.Run.Data.Metrics)
	}
	if h := b.History["loss"]; len(h) != 2 || h[0].Timestamp != 1500000001000 {
		t.Errorf("history = %+v", h)
	}
	// A plain-path artifact URI from a store that has since moved.
	list, err := s.ListArtifacts(ctx, run, "")
	if err != nil || len(list.Files) != 1 || list.Files[0].Path != "model.txt" || list.Files[0].FileSize != 1 {
		t.Errorf("artifacts = %+v, %v", list, err)
	}
	if len(w.all()) != 0 {
		t.Errorf("warnings: %q", w.all())
	}
}
