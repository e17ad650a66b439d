package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"flowdeck/backend/testfix"
)

var (
	bigOnce sync.Once
	bigDir  string
	bigPath string
	bigErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

const bigRuns = 10000

// bigDB is the fixture schema with 10,000 extra runs, each with 8 tags, 5
// params and 4 metrics of 10 points (400k history rows), built once.
func bigDB(tb testing.TB) string {
	tb.Helper()
	bigOnce.Do(func() {
		bigDir, bigErr = os.MkdirTemp("", "sqlstore-bench-")
		if bigErr != nil {
			return
		}
		bigPath = filepath.Join(bigDir, "mlflow.db")
		if bigErr = testfix.CopyTree(testfix.Path("mlflow-3.5/mlflow.db"), bigPath); bigErr != nil {
			return
		}
		bigErr = fillBig(bigPath)
	})
	if bigErr != nil {
		tb.Fatalf("build benchmark database: %v", bigErr)
	}
	return bigPath
}

func fillBig(path string) error {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt := func(q string) *sql.Stmt {
		s, e := tx.Prepare(q)
		if e != nil && err == nil {
			err = e
		}
		return s
	}
	insRun := stmt(`INSERT INTO runs (run_uuid, name, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri, experiment_id) VALUES (?, ?, 'u', 'FINISHED', ?, ?, 'active', ?, 2)`)
	insTag := stmt(`INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)`)
	insParam := stmt(`INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)`)
	insMetric := stmt(`INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, 0)`)
	insLatest := stmt(`INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, 0, ?)`)
	if err != nil {
		return err
	}
	for i := 0; i < bigRuns; i++ {
		id := fmt.Sprintf("%032x", i+1)
		if _, err := insRun.Exec(id, fmt.Sprintf("run-%d", i), int64(i), int64(i+10), "file:///x/"+id+"/artifacts"); err != nil {
			return err
		}
		for k := 0; k < 8; k++ {
			if _, err := insTag.Exec(fmt.Sprintf("tag%d", k), fmt.Sprintf("value %d of run %d with some text", k, i), id); err != nil {
				return err
			}
		}
		for k := 0; k < 5; k++ {
			if _, err := insParam.Exec(fmt.Sprintf("param%d", k), fmt.Sprint(k*i), id); err != nil {
				return err
			}
		}
		for k := 0; k < 4; k++ {
			key := fmt.Sprintf("metric%d", k)
			for st := 0; st < 10; st++ {
				if _, err := insMetric.Exec(key, float64(st)/float64(k+1), int64(1000+st), id, st); err != nil {
					return err
				}
			}
			if _, err := insLatest.Exec(key, 9/float64(k+1), int64(1009), 9, id); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

func BenchmarkRunRefs(b *testing.B) {
	s := openPath(b, bigDB(b))
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		refs, err := s.RunRefs(ctx, nil)
		if err != nil || len(refs) < bigRuns {
			b.Fatalf("%d refs, %v", len(refs), err)
		}
	}
}

func BenchmarkReadRun(b *testing.B) {
	s := openPath(b, bigDB(b))
	ctx := context.Background()
	id := fmt.Sprintf("%032x", bigRuns/2)
	b.ResetTimer()
	for b.Loop() {
		r, err := s.ReadRun(ctx, id)
		if err != nil || len(r.History) != 4 {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadRuns500(b *testing.B) {
	s := openPath(b, bigDB(b))
	ctx := context.Background()
	ids := make([]string, 500)
	for i := range ids {
		ids[i] = fmt.Sprintf("%032x", i+1)
	}
	b.ResetTimer()
	for b.Loop() {
		if r, err := s.ReadRuns(ctx, ids); err != nil || len(r) != 500 {
			b.Fatal(err)
		}
	}
}
