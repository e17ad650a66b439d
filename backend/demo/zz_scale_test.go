package demo

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestZZScale(t *testing.T) {
	if os.Getenv("DEMO_SCALE") == "" {
		t.Skip()
	}
	dir := filepath.Join(t.TempDir(), "mlruns")
	st := time.Now()
	s, err := Generate(dir, Options{Runs: 10000, Params: 20, Metrics: 10, Steps: 100})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("10k runs: %v, %d points, %d artifact files", time.Since(st), s.MetricPoints, s.ArtifactFiles)
	t.SkipNow() // leave removal to TempDir
}
