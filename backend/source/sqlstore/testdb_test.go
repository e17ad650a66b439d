package sqlstore

import (
	"database/sql"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"flowdeck/backend/source"
	"flowdeck/backend/testfix"
)

// copyFixtureDB gives a test a writable copy of mlflow.db.
func copyFixtureDB(t testing.TB) string {
	t.Helper()
	return testfix.Copy(t, "mlflow-3.5/mlflow.db")
}

// exec runs statements on a database with a read-write connection, as
// MLflow or a training script would.
func exec(t testing.TB, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func openPath(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path, source.Options{})
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
