package benchmarks

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"flowdeck/backend/cache"
	"flowdeck/backend/connect"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/search"
	"flowdeck/backend/source"
	"flowdeck/backend/syncer"
)

type env struct {
	c     *cache.Cache
	srcID int64
	exps  []string
}

func setup(b *testing.B) *env {
	b.Helper()
	cachePath, src := os.Getenv("FLOWDECK_BENCH_CACHE"), os.Getenv("FLOWDECK_BENCH_SOURCE")
	if cachePath == "" || src == "" {
		b.Skip("set FLOWDECK_BENCH_CACHE and FLOWDECK_BENCH_SOURCE (see .ci/bench.sh)")
	}
	c, err := cache.Open(cachePath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	canon, _, err := connect.Canonical(src)
	if err != nil {
		b.Fatal(err)
	}
	s, err := c.SourceByURI(context.Background(), canon)
	if err != nil {
		b.Fatalf("%s is not synced into %s: %v", canon, cachePath, err)
	}
	exps, err := c.Experiments(context.Background(), s.ID, mlflow.ViewActiveOnly)
	if err != nil {
		b.Fatal(err)
	}
	e := &env{c: c, srcID: s.ID}
	for _, x := range exps {
		e.exps = append(e.exps, x.ExperimentID)
	}
	return e
}

// BenchmarkSearchJSON is `runs search --filter … --order-by … --max-results
// 1000 --json` minus process start-up: search, load the runs, encode them.
func BenchmarkSearchJSON(b *testing.B) {
	e := setup(b)
	ctx := context.Background()
	filter := os.Getenv("FLOWDECK_BENCH_FILTER")
	if filter == "" {
		filter = "metrics.val_accuracy > 0.5"
	}
	order := os.Getenv("FLOWDECK_BENCH_ORDER")
	if order == "" {
		order = "metrics.val_accuracy DESC"
	}
	var n int
	for b.Loop() {
		page, err := search.Runs(ctx, e.c.DB(), search.RunQuery{SourceID: e.srcID, ExperimentIDs: e.exps, Filter: filter,
			OrderBy: []string{order}, MaxResults: 1000, ViewType: mlflow.ViewActiveOnly})
		if err != nil {
			b.Fatal(err)
		}
		// As `runs search --json` writes into a pipe: the runs as stored in
		// MLflow's JSON at sync time, concatenated.
		runs, err := e.c.RunsSearchJSON(ctx, e.srcID, page.RunIDs)
		if err != nil {
			b.Fatal(err)
		}
		if err := mlflow.WriteSearchRunsPage(io.Discard, runs, page.NextPageToken); err != nil {
			b.Fatal(err)
		}
		n = len(runs)
	}
	b.ReportMetric(float64(n), "runs")
}

// BenchmarkHistories100 reads one metric's full history for 100 runs, as a
// comparison chart does.
func BenchmarkHistories100(b *testing.B) {
	e := setup(b)
	ctx := context.Background()
	page, err := search.Runs(ctx, e.c.DB(), search.RunQuery{SourceID: e.srcID, ExperimentIDs: e.exps, MaxResults: 100, ViewType: mlflow.ViewActiveOnly})
	if err != nil || len(page.RunIDs) == 0 {
		b.Fatalf("pick runs: %v", err)
	}
	key := os.Getenv("FLOWDECK_BENCH_KEY")
	if key == "" {
		key = "train_loss"
	}
	points := 0
	for b.Loop() {
		hs, err := e.c.MetricHistories(ctx, e.srcID, page.RunIDs, key)
		if err != nil {
			b.Fatal(err)
		}
		points = 0
		for _, h := range hs {
			points += len(h)
		}
	}
	b.ReportMetric(float64(points), "points")
}

// BenchmarkColdSync syncs FLOWDECK_BENCH_SOURCE into a fresh cache each
// time: the in-process part of `flowdeck sync` (for -cpuprofile; the script
// times the whole command).
func BenchmarkColdSync(b *testing.B) {
	src := os.Getenv("FLOWDECK_BENCH_SOURCE")
	if src == "" {
		b.Skip("set FLOWDECK_BENCH_SOURCE (see .ci/bench.sh)")
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		c, err := cache.Open(filepath.Join(b.TempDir(), "cache.db"))
		if err != nil {
			b.Fatal(err)
		}
		st, err := connect.Open(ctx, src, source.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		workers, _ := strconv.Atoi(os.Getenv("FLOWDECK_BENCH_WORKERS"))
		if _, err := syncer.Sync(ctx, c, st, syncer.Options{Workers: workers}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		c.Close()
		b.StartTimer()
	}
}
