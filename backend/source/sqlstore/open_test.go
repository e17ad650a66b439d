package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
	"flowdeck/backend/testfix"
)

func TestOpenInfo(t *testing.T) {
	s := openFixture(t)
	info := s.Info()
	p := testfix.Path("mlflow-3.5/mlflow.db")
	if info.Kind != source.KindSQLite || info.URI != "sqlite:///"+p || info.Version != "alembic bf29a5ff90ea" {
		t.Errorf("Info = %+v", info)
	}
	// The URI must round-trip through the shared parser.
	if loc, err := source.ParseURI(info.URI); err != nil || loc.Path != p {
		t.Errorf("ParseURI(%q) = %+v, %v", info.URI, loc, err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.db")
	if _, err := Open(missing, source.Options{}); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("missing: %v", err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("Open created the missing database file")
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("this is not a database, just some text long enough to have a header......................................................"), 0o644)
	if _, err := Open(junk, source.Options{}); !errors.Is(err, mlflow.ErrNotMLflow) {
		t.Errorf("text file: %v", err)
	}
	other := filepath.Join(dir, "other.db")
	exec(t, other, `CREATE TABLE notes (id INTEGER, body TEXT)`)
	if _, err := Open(other, source.Options{}); !errors.Is(err, mlflow.ErrNotMLflow) {
		t.Errorf("foreign SQLite: %v", err)
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	if _, err := Open(empty, source.Options{}); !errors.Is(err, mlflow.ErrNotMLflow) {
		t.Errorf("empty file: %v", err)
	}
	if _, err := Open(dir, source.Options{}); !errors.Is(err, mlflow.ErrNotMLflow) {
		t.Errorf("directory: %v", err)
	}
}

func TestOpenPathWithSpecialCharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my runs?#%20 ü")
	os.MkdirAll(dir, 0o755)
	dst := filepath.Join(dir, "mlflow.db")
	if err := testfix.CopyTree(testfix.Path("mlflow-3.5/mlflow.db"), dst); err != nil {
		t.Fatal(err)
	}
	s := openPath(t, dst)
	if exps, err := s.Experiments(context.Background(), mlflow.ViewAll); err != nil || len(exps) != 5 {
		t.Errorf("Experiments: %d, %v", len(exps), err)
	}
}

// Reads must work while a writer holds its transaction, and must wait out
// an exclusive lock instead of failing.
func TestReadWhileWriterBusy(t *testing.T) {
	path := copyFixtureDB(t)
	s := openPath(t, path)
	ctx := context.Background()
	runID := loadManifest(t).Runs["oom-crash"]

	w, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.SetMaxOpenConns(1)
	tx, err := w.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO tags (key, value, run_uuid) VALUES ('uncommitted', 'x', ?)`, runID); err != nil {
		t.Fatal(err)
	}
	r, err := s.GetRun(ctx, runID)
	if err != nil {
		t.Fatalf("GetRun during a write transaction: %v", err)
	}
	if _, ok := r.Tag("uncommitted"); ok {
		t.Error("read an uncommitted tag")
	}
	tx.Rollback()

	// Exclusive lock released after 300 ms: the read waits, then succeeds.
	if _, err := w.Exec(`BEGIN EXCLUSIVE`); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		time.Sleep(300 * time.Millisecond)
		w.Exec(`COMMIT`)
		close(done)
	}()
	if _, err := s.RunRefs(ctx, nil); err != nil {
		t.Errorf("RunRefs under an exclusive lock: %v", err)
	}
	<-done
	if _, err := os.Stat(path + "-journal"); err == nil {
		t.Error("a -journal file was left behind")
	}
}

func TestMarkerChangesOnWrite(t *testing.T) {
	path := copyFixtureDB(t)
	s := openPath(t, path)
	ctx := context.Background()
	m1, err := s.Marker(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m2, _ := s.Marker(ctx); m2 != m1 {
		t.Errorf("marker changed without a write: %q → %q", m1, m2)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(path, old, old) // make sure the write moves mtime
	m1, _ = s.Marker(ctx)
	exec(t, path, `UPDATE runs SET status = 'KILLED' WHERE run_uuid = 'd23fff6eff584954953cb9f7cd08a9f7'`)
	if m2, _ := s.Marker(ctx); m2 == m1 {
		t.Error("marker unchanged after a commit")
	}
}
