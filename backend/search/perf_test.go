package search

import (
	"context"
	"fmt"
	"math/rand"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
)

// synthetic fills a cache database with n runs in two experiments, each
// with 5 params, 5 tags and 10 metrics (m0…m9), straight through SQL.
func synthetic(tb testing.TB, n int) *sqlx.DB {
	db := openTestDB(tb)
	fillN(tb, db, n)
	return db
}

func fillN(tb testing.TB, db *sqlx.DB, n int) {
	rng := rand.New(rand.NewSource(1))
	tx := db.MustBegin()
	mustExec(tb, tx, `INSERT INTO sources(id, uri, kind) VALUES (1, 'file:///bench', 'file')`)
	for e := 0; e < 2; e++ {
		mustExec(tb, tx, `INSERT INTO experiments(source_id, experiment_id, name) VALUES (1, ?, ?)`, fmt.Sprint(e), fmt.Sprint("exp", e))
	}
	run, _ := tx.Prepare(`INSERT INTO runs(source_id, run_id, experiment_id, run_name, user_id, status, start_time, end_time, lifecycle_stage) VALUES (1,?,?,?,?,?,?,?,?)`)
	par, _ := tx.Prepare(`INSERT INTO params(source_id, run_id, key, value) VALUES (1,?,?,?)`)
	tag, _ := tx.Prepare(`INSERT INTO tags(source_id, run_id, key, value) VALUES (1,?,?,?)`)
	met, _ := tx.Prepare(`INSERT INTO metrics(source_id, run_id, key, value, is_nan, timestamp, step, min_value, max_value, count) VALUES (1,?,?,?,0,?,?,?,?,100)`)
	statuses := []string{"FINISHED", "FAILED", "RUNNING", "KILLED"}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("%032x", rng.Uint64())
		ls := "active"
		if i%50 == 0 {
			ls = "deleted"
		}
		start := int64(1700000000000 + rng.Intn(1e9))
		if _, err := run.Exec(id, fmt.Sprint(i%2), fmt.Sprint("run-", i), fmt.Sprint("user", i%7), statuses[i%4], start, start+1000, ls); err != nil {
			tb.Fatal(err)
		}
		for k := 0; k < 5; k++ {
			par.Exec(id, fmt.Sprint("p", k), fmt.Sprint(rng.Intn(100)))
			tag.Exec(id, fmt.Sprint("t", k), fmt.Sprint("v", rng.Intn(10)))
		}
		for k := 0; k < 10; k++ {
			if k == 3 && i%3 == 0 {
				continue // some runs lack m3
			}
			v := rng.Float64()
			met.Exec(id, fmt.Sprint("m", k), v, start, 99, v-0.1, v+0.1)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	db.Exec(`ANALYZE`)
}

func BenchmarkSearch10k(b *testing.B) {
	db := synthetic(b, 10000)
	ctx := context.Background()
	q := RunQuery{SourceID: 1, ExperimentIDs: []string{"0", "1"}, Filter: "metrics.m1 > 0.5", OrderBy: []string{"metrics.m2 DESC"}, MaxResults: 1000}
	page, err := Runs(ctx, db, q)
	if err != nil || len(page.RunIDs) != 1000 || page.Total < 4000 {
		b.Fatalf("page of %d, total %d, err %v", len(page.RunIDs), page.Total, err)
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := Runs(ctx, db, q); err != nil {
			b.Fatal(err)
		}
	}
	// On a shared machine wall time overstates the cost; CPU time is the
	// honest number.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}

// cpuTime is this process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
