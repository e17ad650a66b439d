package syncer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"flowdeck/backend/cache/cachetest"
	"flowdeck/backend/syncer"
	"flowdeck/backend/testfix"
)

// TestSyncWhileWriting syncs in a loop while a writer appends metric lines
// (each in two writes, so readers meet half lines) and rewrites meta.yaml
// via temp+rename. After the writer stops, one more sync must leave the
// cache equal to a fresh sync of the final store.
func TestSyncWhileWriting(t *testing.T) {
	dir := testfix.Copy(t, "mlflow-3.5/mlruns")
	st := openFile(t, dir)
	c := cachetest.New(t)
	runs := []string{
		filepath.Join(dir, churnExp, logregC1),
		filepath.Join(dir, churnExp, rfSweep),
		filepath.Join(dir, churnExp, oomCrash),
	}
	nameRe := regexp.MustCompile(`(?m)^run_name: .*$`)
	rounds := 150
	if testing.Short() {
		rounds = 40
	}
	var stop atomic.Bool
	writerDone := make(chan error, 1)
	go func() {
		defer stop.Store(true)
		for i := 0; i < rounds; i++ {
			run := runs[i%len(runs)]
			f, err := os.OpenFile(filepath.Join(run, "metrics", "race_metric"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			if err != nil {
				writerDone <- err
				return
			}
			fmt.Fprintf(f, "%d %g", 1795637000000+int64(i), float64(i)/7)
			time.Sleep(200 * time.Microsecond)
			fmt.Fprintf(f, " %d\n", i)
			f.Close()
			// Sizes only grow, so every rewrite is visible to fingerprints
			// even within one file-system timestamp tick.
			meta := filepath.Join(run, "meta.yaml")
			b, err := os.ReadFile(meta)
			if err != nil {
				writerDone <- err
				return
			}
			out := nameRe.ReplaceAllString(string(b), "run_name: r"+strings.Repeat("x", i))
			if err := os.WriteFile(meta+".tmp", []byte(out), 0o644); err != nil {
				writerDone <- err
				return
			}
			if err := os.Rename(meta+".tmp", meta); err != nil {
				writerDone <- err
				return
			}
			time.Sleep(time.Millisecond)
		}
		writerDone <- nil
	}()
	syncs := 0
	for !stop.Load() {
		if _, err := syncer.Sync(ctx, c, st, syncer.Options{}); err != nil {
			t.Fatalf("sync %d during writes: %v", syncs, err)
		}
		syncs++
	}
	if err := <-writerDone; err != nil {
		t.Fatal(err)
	}
	res := mustSync(t, c, st, syncer.Options{})
	t.Logf("%d syncs during %d write rounds; final sync %+v", syncs, rounds, res)
	if syncs < 2 {
		t.Logf("only %d syncs overlapped the writer", syncs)
	}
	got, want := dump(t, c, res.SourceID), freshDump(t, st)
	if got != want {
		t.Fatalf("cache after live writes differs from a fresh sync:\n%s", diffLines(got, want))
	}
	h, err := c.MetricHistory(ctx, res.SourceID, logregC1, "race_metric")
	if err != nil || len(h) != (rounds+2)/3 {
		t.Errorf("race_metric: %d points (%v), want %d", len(h), err, (rounds+2)/3)
	}
	_ = cachetest.New
}
