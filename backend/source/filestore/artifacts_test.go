package filestore

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/testfix"
)

// TestListArtifacts compares listings with rest/31 and rest/32 (the SQLite
// store's copy of the same run artifacts). The stored URIs point at
// /home/ds/mlflow-demo, which does not exist here, so this also covers a
// moved store.
func TestListArtifacts(t *testing.T) {
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	s, _ := openAt(t, testfix.Path("mlflow-3.5/mlruns"))
	ctx := context.Background()
	run := m.Runs["logreg-C1.0"]
	for _, c := range []struct{ rec, path string }{{"31-artifacts-list-root.json", ""}, {"32-artifacts-list-dir.json", "eval"}} {
		var want mlflow.ListArtifactsResponse
		restBody(t, c.rec, &want)
		got, err := s.ListArtifacts(ctx, run, c.path)
		must(t, err)
		if diff := cmpDiff(want.Files, got.Files); diff != "" {
			t.Errorf("list %q (-rest +ours):\n%s", c.path, diff)
		}
		if want := "file:///home/ds/mlflow-demo/mlruns/" + m.Experiments["churn-classifier"] + "/" + run + "/artifacts"; got.RootURI != want {
			t.Errorf("root_uri = %q", got.RootURI)
		}
	}
	for _, p := range []string{"eval/", "./eval", "eval//"} {
		got, err := s.ListArtifacts(ctx, run, p)
		if err != nil || len(got.Files) != 3 || got.Files[0].Path != "eval/per_class" {
			t.Errorf("list %q = %+v, %v", p, got, err)
		}
	}
	// A file or a missing folder lists as empty, as MLflow does.
	for _, p := range []string{"notes.txt", "no/such/dir"} {
		got, err := s.ListArtifacts(ctx, run, p)
		if err != nil || len(got.Files) != 0 {
			t.Errorf("list %q = %+v, %v", p, got, err)
		}
	}
	// 2.22 oom-crash has no artifacts folder at all.
	m22 := loadManifest(t, "mlflow-2.22/manifest-filestore.json")
	s22, _ := openAt(t, testfix.Path("mlflow-2.22/mlruns"))
	got, err := s22.ListArtifacts(ctx, m22.Runs["oom-crash"], "")
	if err != nil || len(got.Files) != 0 {
		t.Errorf("2.22 oom-crash list = %+v, %v", got, err)
	}
	got, err = s22.ListArtifacts(ctx, m22.Runs["logreg-C0.1"], "model")
	if err != nil || !hasPath(got.Files, "model/MLmodel") {
		t.Errorf("2.22 model listing = %+v, %v", got, err)
	}
}

func hasPath(fs []mlflow.FileInfo, p string) bool {
	for _, f := range fs {
		if f.Path == p {
			return true
		}
	}
	return false
}

func TestOpenArtifact(t *testing.T) {
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	s, _ := openAt(t, testfix.Path("mlflow-3.5/mlruns"))
	ctx := context.Background()
	rc, size, err := s.OpenArtifact(ctx, m.Runs["logreg-C0.1"], "notes.txt")
	must(t, err)
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "Run notes for C=0.1\nAll good.\n" || size != int64(len(b)) {
		t.Errorf("notes.txt = %q (size %d)", b, size)
	}
	rc, size, err = s.OpenArtifact(ctx, m.Runs["edge-cases"], "empty.txt")
	must(t, err)
	rc.Close()
	if size != 0 {
		t.Errorf("empty.txt size = %d", size)
	}
	for _, c := range []struct{ path, msg string }{
		{"eval", "is a folder"},
		{"missing.txt", "does not exist"},
	} {
		_, _, err := s.OpenArtifact(ctx, m.Runs["logreg-C0.1"], c.path)
		if !errors.Is(err, mlflow.ErrNotFound) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("open %q err = %v", c.path, err)
		}
	}
	// Logged model artifacts (MLflow 3): models/<m-id>/artifacts.
	list, err := s.ListArtifacts(ctx, "m-b1a41712109f4b7099bbfe159c2c0f99", "")
	if err != nil || !hasPath(list.Files, "MLmodel") || !hasPath(list.Files, "model.pkl") {
		t.Fatalf("logged model listing = %+v, %v", list, err)
	}
	rc, _, err = s.OpenArtifact(ctx, "m-b1a41712109f4b7099bbfe159c2c0f99", "MLmodel")
	must(t, err)
	b, _ = io.ReadAll(rc)
	rc.Close()
	if !strings.Contains(string(b), "model_id: m-b1a41712109f4b7099bbfe159c2c0f99") {
		t.Errorf("MLmodel = %q", b)
	}
	if _, err := s.ListArtifacts(ctx, "m-00000000000000000000000000000000", ""); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("unknown model err = %v", err)
	}
}

func TestArtifactPathEscapes(t *testing.T) {
	root := testfix.Copy(t, "mlflow-3.5/mlruns")
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	run := m.Runs["logreg-C0.1"]
	arts := filepath.Join(root, m.Experiments["churn-classifier"], run, "artifacts")
	secret := filepath.Join(filepath.Dir(root), "secret.txt")
	must(t, os.WriteFile(secret, []byte("secret"), 0o644))
	must(t, os.Symlink(secret, filepath.Join(arts, "leak.txt")))
	must(t, os.Symlink(filepath.Dir(root), filepath.Join(arts, "eval", "up")))
	must(t, os.Symlink("notes.txt", filepath.Join(arts, "inside.txt"))) // stays inside: allowed
	s, w := openAt(t, root)
	ctx := context.Background()
	for _, p := range []string{"../x", "../../meta.yaml", "eval/../../x", "/etc/passwd", `..\x`, "leak.txt", "eval/up", "eval/up/secret.txt"} {
		_, _, err := s.OpenArtifact(ctx, run, p)
		if !errors.Is(err, mlflow.ErrInvalidArgument) || !strings.Contains(err.Error(), "escapes the run") {
			t.Errorf("open %q err = %v, want an escape error", p, err)
		}
		if _, err := s.ListArtifacts(ctx, run, p); !errors.Is(err, mlflow.ErrInvalidArgument) {
			t.Errorf("list %q err = %v, want ErrInvalidArgument", p, err)
		}
	}
	list, err := s.ListArtifacts(ctx, run, "")
	must(t, err)
	if hasPath(list.Files, "leak.txt") || !hasPath(list.Files, "inside.txt") {
		t.Errorf("listing = %+v: want inside.txt, not leak.txt", list.Files)
	}
	if !anyContains(w.all(), "leak.txt") {
		t.Errorf("no warning about leak.txt: %q", w.all())
	}
	rc, _, err := s.OpenArtifact(ctx, run, "inside.txt")
	must(t, err)
	rc.Close()
}

func TestNonFileArtifactURI(t *testing.T) {
	root := testfix.Copy(t, "mlflow-3.5/mlruns")
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	run := m.Runs["logreg-C0.1"]
	meta := filepath.Join(root, m.Experiments["churn-classifier"], run, "meta.yaml")
	b, _ := os.ReadFile(meta)
	b = []byte(strings.Replace(string(b), "file:///home/ds/mlflow-demo/mlruns", "s3://bucket/mlruns", 1))
	must(t, os.WriteFile(meta, b, 0o644))
	// A plain absolute path elsewhere that does not exist and is not in
	// this store's layout cannot be found.
	run2 := m.Runs["logreg-C1.0"]
	meta2 := filepath.Join(root, m.Experiments["churn-classifier"], run2, "meta.yaml")
	b, _ = os.ReadFile(meta2)
	b = []byte(strings.Replace(string(b), "file:///home/ds/mlflow-demo/mlruns/"+m.Experiments["churn-classifier"]+"/"+run2+"/artifacts", "/data/elsewhere", 1))
	must(t, os.WriteFile(meta2, b, 0o644))
	s, _ := openAt(t, root)
	_, err := s.ListArtifacts(context.Background(), run, "")
	if !errors.Is(err, mlflow.ErrUnsupported) || !strings.Contains(err.Error(), "s3://bucket/mlruns") {
		t.Errorf("s3 err = %v", err)
	}
	_, err = s.ListArtifacts(context.Background(), run2, "")
	if !errors.Is(err, mlflow.ErrNotFound) || !strings.Contains(err.Error(), "/data/elsewhere") {
		t.Errorf("missing root err = %v", err)
	}
}
