package sqlstore

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

// The fixture's artifact URIs point at /home/ds/mlflow-demo/artifacts; the
// files sit beside mlflow.db, so listing exercises the moved-store lookup.
func TestListArtifactsMatchREST(t *testing.T) {
	s := openFixture(t)
	ctx := context.Background()
	run := "6bfbc67fa311400d8883fefe1a8daeda"
	got, err := s.ListArtifacts(ctx, run, "")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmpDiff(recording(t, "31"), generic(t, got)); d != "" {
		t.Errorf("root listing differs from rest/31:\n%s", d)
	}
	got, err = s.ListArtifacts(ctx, run, "eval")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmpDiff(recording(t, "32"), generic(t, got)); d != "" {
		t.Errorf("eval listing differs from rest/32:\n%s", d)
	}
	// mlflow-artifacts:/ run: readable because artifacts/4 sits beside the db.
	got, err = s.ListArtifacts(ctx, "09267b105e6a4870b854e1feed60ecca", "")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmpDiff(recording(t, "33"), generic(t, got)); d != "" {
		t.Errorf("proxied listing differs from rest/33:\n%s", d)
	}
}

func TestOpenArtifact(t *testing.T) {
	s := openFixture(t)
	ctx := context.Background()
	run := "6bfbc67fa311400d8883fefe1a8daeda"
	rc, size, err := s.OpenArtifact(ctx, run, "notes.txt")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if size != 30 || len(b) != 30 {
		t.Errorf("notes.txt: size %d, read %d; rest/31 says 30", size, len(b))
	}
	rc, _, err = s.OpenArtifact(ctx, "09267b105e6a4870b854e1feed60ecca", "hello.txt")
	if err != nil {
		t.Fatal(err)
	}
	rc.Close()
	if _, _, err := s.OpenArtifact(ctx, run, "missing.txt"); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("missing file: %v", err)
	}
	if _, _, err := s.OpenArtifact(ctx, run, "eval"); !errors.Is(err, mlflow.ErrInvalidArgument) {
		t.Errorf("directory: %v", err)
	}
	for _, bad := range []string{"../../../mlflow.db", "/etc/passwd", "eval/../../x"} {
		if _, _, err := s.OpenArtifact(ctx, run, bad); !errors.Is(err, mlflow.ErrInvalidArgument) {
			t.Errorf("OpenArtifact(%q): %v, want ErrInvalidArgument", bad, err)
		}
		if _, err := s.ListArtifacts(ctx, run, bad); !errors.Is(err, mlflow.ErrInvalidArgument) {
			t.Errorf("ListArtifacts(%q): %v, want ErrInvalidArgument", bad, err)
		}
	}
	if _, err := s.ListArtifacts(ctx, "nope", ""); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("unknown run: %v", err)
	}
}

func TestLoggedModelArtifacts(t *testing.T) {
	s := openFixture(t)
	got, err := s.ListArtifacts(context.Background(), "m-e287ae9f70b54c0e98daf8dca925ec58", "")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range got.Files {
		found = found || f.Path == "MLmodel"
	}
	if !found {
		t.Errorf("MLmodel not listed: %+v", got.Files)
	}
}

func TestProxiedArtifactsWithoutFolder(t *testing.T) {
	// A bare copy of mlflow.db: mlflow-artifacts:/ cannot be resolved.
	path := copyFixtureDB(t)
	s := openPath(t, path)
	_, err := s.ListArtifacts(context.Background(), "09267b105e6a4870b854e1feed60ecca", "")
	if !errors.Is(err, mlflow.ErrUnsupported) || !strings.Contains(err.Error(), "server URL") {
		t.Errorf("err = %v, want ErrUnsupported naming the server URL", err)
	}
	// A file:// run whose folder is nowhere lists as empty, as MLflow does.
	got, err := s.ListArtifacts(context.Background(), "6bfbc67fa311400d8883fefe1a8daeda", "")
	if err != nil || len(got.Files) != 0 {
		t.Errorf("missing folder: %+v, %v", got, err)
	}
}

func TestArtifactSymlinkEscape(t *testing.T) {
	dir := t.TempDir()
	if err := testfix.CopyTree(testfix.Path("mlflow-3.5/mlflow.db"), filepath.Join(dir, "mlflow.db")); err != nil {
		t.Fatal(err)
	}
	runDir := filepath.Join(dir, "artifacts/1/6bfbc67fa311400d8883fefe1a8daeda/artifacts")
	if err := os.MkdirAll(runDir, 0o755); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(dir, "secret.txt")
	os.WriteFile(secret, []byte("x"), 0o644)
	os.WriteFile(filepath.Join(runDir, "ok.txt"), []byte("ok"), 0o644)
	if err := os.Symlink(secret, filepath.Join(runDir, "leak.txt")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	s := openPath(t, filepath.Join(dir, "mlflow.db"))
	ctx := context.Background()
	if _, _, err := s.OpenArtifact(ctx, "6bfbc67fa311400d8883fefe1a8daeda", "leak.txt"); !errors.Is(err, mlflow.ErrInvalidArgument) {
		t.Errorf("escaping symlink opened: %v", err)
	}
	got, err := s.ListArtifacts(ctx, "6bfbc67fa311400d8883fefe1a8daeda", "")
	if err != nil || len(got.Files) != 1 || got.Files[0].Path != "ok.txt" {
		t.Errorf("listing = %+v, %v; want only ok.txt", got, err)
	}
}
