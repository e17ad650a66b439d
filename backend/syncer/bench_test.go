package syncer_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"flowdeck/backend/cache"
	"flowdeck/backend/demo"
	"flowdeck/backend/syncer"
	"flowdeck/backend/testfix"
)

func benchCold(b *testing.B, dir string) {
	st := openFile(b, dir)
	var res syncer.Result
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c, err := cache.Open(filepath.Join(b.TempDir(), "cache.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err = syncer.Sync(ctx, c, st, syncer.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		c.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(res.Added), "runs")
	if hwm := peakRSSMB(); hwm > 0 {
		b.ReportMetric(hwm, "peakRSS-MB")
	}
}

// BenchmarkColdSync syncs the MLflow 3.5 fixture into an empty cache.
func BenchmarkColdSync(b *testing.B) {
	benchCold(b, testfix.Copy(b, "mlflow-3.5/mlruns"))
}

// BenchmarkWarmResync re-syncs an unchanged fixture (fingerprints only).
func BenchmarkWarmResync(b *testing.B) {
	st := openFile(b, testfix.Copy(b, "mlflow-3.5/mlruns"))
	c, err := cache.Open(filepath.Join(b.TempDir(), "cache.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	mustSync(b, c, st, syncer.Options{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if res := mustSync(b, c, st, syncer.Options{}); res.Changed+res.Added != 0 {
			b.Fatalf("warm re-sync read runs: %+v", res)
		}
	}
}

// BenchmarkColdSync2000 is the budget case: 2,000 runs × 20 params ×
// 10 metrics × 100 steps (target ≲ 2.5 s, peak RSS ≤ 400 MB).
func BenchmarkColdSync2000(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "mlruns")
	if _, err := demo.Generate(dir, demo.Options{Runs: 2000, Params: 20, Metrics: 10, Steps: 100, Tags: 5, Seed: 7}); err != nil {
		b.Fatal(err)
	}
	benchCold(b, dir)
}

// BenchmarkWarmResync2000 re-syncs the unchanged 2,000-run store.
func BenchmarkWarmResync2000(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "mlruns")
	if _, err := demo.Generate(dir, demo.Options{Runs: 2000, Params: 20, Metrics: 10, Steps: 100, Tags: 5, Seed: 7}); err != nil {
		b.Fatal(err)
	}
	st := openFile(b, dir)
	c, err := cache.Open(filepath.Join(b.TempDir(), "cache.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	mustSync(b, c, st, syncer.Options{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mustSync(b, c, st, syncer.Options{})
	}
}

// peakRSSMB reads VmHWM (Linux); 0 elsewhere.
func peakRSSMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}
