package syncer_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofrs/flock"

	"flowdeck/backend/cache/cachetest"
	"flowdeck/backend/demo"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
	"flowdeck/backend/source/filestore"
	"flowdeck/backend/syncer"
	"flowdeck/backend/testfix"
)

// hookStore wraps a store to inject failures, delays and cancellation.
type hookStore struct {
	source.Store
	readRun func(ctx context.Context, id string) error // before each ReadRun
	runRefs func(ctx context.Context) error            // before RunRefs
}

func (h *hookStore) ReadRun(ctx context.Context, id string) (*source.RunBundle, error) {
	if h.readRun != nil {
		if err := h.readRun(ctx, id); err != nil {
			return nil, err
		}
	}
	return h.Store.ReadRun(ctx, id)
}

func (h *hookStore) RunRefs(ctx context.Context, ids []string) ([]source.RunRef, error) {
	if h.runRefs != nil {
		if err := h.runRefs(ctx); err != nil {
			return nil, err
		}
	}
	return h.Store.RunRefs(ctx, ids)
}

func demoStore(t testing.TB, o demo.Options) (string, source.Store) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mlruns")
	if _, err := demo.Generate(dir, o); err != nil {
		t.Fatalf("generate demo store: %v", err)
	}
	return dir, openFile(t, dir)
}

func TestSyncCancelMidway(t *testing.T) {
	_, st := demoStore(t, demo.Options{Runs: 200, Metrics: 3, Steps: 10, Params: 3, Tags: 2})
	c := cachetest.New(t)
	cctx, cancel := context.WithCancel(ctx)
	var reads atomic.Int32
	hs := &hookStore{Store: st, readRun: func(ctx context.Context, id string) error {
		if reads.Add(1) == 120 {
			cancel()
		}
		return nil
	}}
	start := time.Now()
	res, err := syncer.Sync(cctx, c, hs, syncer.Options{BatchSize: 20, Workers: 2})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled sync: err = %v", err)
	}
	t.Logf("cancelled after %v with %+v", time.Since(start), res)
	s, _ := c.Source(ctx, res.SourceID)
	if s.LastSyncEnd != 0 || !strings.Contains(s.LastError, "cancelled") {
		t.Errorf("source after cancel: %+v", s)
	}
	// What was written is readable and each run is complete.
	fps, err := c.Fingerprints(ctx, res.SourceID)
	if err != nil || len(fps) == 0 || len(fps) >= 200 || len(fps) != res.Added {
		t.Fatalf("cached after cancel: %d runs (%v), result %+v", len(fps), err, res)
	}
	ref := cachetest.New(t)
	refSrc := mustSync(t, ref, st, syncer.Options{}).SourceID
	var ids []string
	for id := range fps {
		ids = append(ids, id)
	}
	got, err := c.Runs(ctx, res.SourceID, ids)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ref.Runs(ctx, refSrc, ids)
	if len(got) != len(want) {
		t.Fatalf("%d runs vs %d", len(got), len(want))
	}
	for i := range got {
		gb, _ := json.Marshal(got[i])
		wb, _ := json.Marshal(want[i])
		if g, w := string(gb), string(wb); g != w {
			t.Errorf("run %s written before the cancel differs from a full sync:\n%s\n%s", ids[i], g, w)
			break
		}
	}
	// The next sync finishes the job.
	res2 := mustSync(t, c, st, syncer.Options{})
	if res2.Added != 200-len(fps) || res2.Unchanged != len(fps) {
		t.Errorf("resumed sync %+v", res2)
	}
	if got, want := dump(t, c, res.SourceID), dump(t, ref, refSrc); got != want {
		t.Errorf("resumed cache differs from a fresh sync:\n%s", diffLines(got, want))
	}
	s, _ = c.Source(ctx, res.SourceID)
	if s.LastSyncEnd == 0 || s.LastError != "" {
		t.Errorf("source after resumed sync: %+v", s)
	}
}

func TestSyncRunFailures(t *testing.T) {
	st := openFile(t, testfix.Copy(t, "mlflow-3.5/mlruns"))
	c := cachetest.New(t)
	hs := &hookStore{Store: st, readRun: func(ctx context.Context, id string) error {
		if id == logregC1 {
			return fmt.Errorf("read %s/meta.yaml: invalid YAML", id)
		}
		return nil
	}}
	res, err := syncer.Sync(ctx, c, hs, syncer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed != 1 || res.Added != 15 {
		t.Errorf("result %+v", res)
	}
	s, _ := c.Source(ctx, res.SourceID)
	if s.LastSyncEnd == 0 || !strings.Contains(s.LastError, logregC1) {
		t.Errorf("source %+v", s)
	}
	if _, err := c.Run(ctx, res.SourceID, logregC1); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("unreadable run cached: %v", err)
	}
	res = mustSync(t, c, st, syncer.Options{})
	if res.Added != 1 || res.Unchanged != 15 {
		t.Errorf("retry %+v", res)
	}
	s, _ = c.Source(ctx, res.SourceID)
	if s.LastError != "" {
		t.Errorf("error not cleared: %q", s.LastError)
	}

	// A source-wide failure stops the sync and keeps the last good time.
	end := s.LastSyncEnd
	time.Sleep(2 * time.Millisecond)
	down := &hookStore{Store: st, runRefs: func(context.Context) error {
		return fmt.Errorf("GET /runs/search: 503: %w", mlflow.ErrUnavailable)
	}}
	if _, err := syncer.Sync(ctx, c, down, syncer.Options{}); !errors.Is(err, mlflow.ErrUnavailable) {
		t.Fatalf("unavailable: %v", err)
	}
	s, _ = c.Source(ctx, res.SourceID)
	if s.LastSyncEnd != end || !strings.Contains(s.LastError, "503") {
		t.Errorf("after failure: %+v", s)
	}
	if n, _ := c.Fingerprints(ctx, res.SourceID); len(n) != 16 {
		t.Errorf("runs lost after a failed sync: %d", len(n))
	}
}

func TestSyncLock(t *testing.T) {
	st := openFile(t, testfix.Copy(t, "mlflow-3.5/mlruns"))
	c := cachetest.New(t)
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hs := &hookStore{Store: st, runRefs: func(context.Context) error {
		once.Do(func() { close(entered) })
		<-release
		return nil
	}}
	src, _ := c.EnsureSource(ctx, st.Info().URI, st.Info().Kind)
	errc := make(chan error, 1)
	go func() {
		_, err := syncer.Sync(ctx, c, hs, syncer.Options{SourceID: src})
		errc <- err
	}()
	<-entered
	_, err := syncer.Sync(ctx, c, st, syncer.Options{})
	if !errors.Is(err, mlflow.ErrConflict) {
		t.Errorf("second sync: %v, want ErrConflict", err)
	}
	close(release)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.Sync(ctx, c, st, syncer.Options{}); err != nil {
		t.Errorf("sync after the first finished: %v", err)
	}
}

// TestSyncWaitsForAnotherProcess holds the source's sync lock file as
// another Flowdeck process would: a sync says it waits, does not finish
// while the lock is held, then syncs; a cancelled wait ends the sync.
func TestSyncWaitsForAnotherProcess(t *testing.T) {
	st := openFile(t, testfix.Copy(t, "mlflow-3.5/mlruns"))
	c := cachetest.New(t)
	src, err := c.EnsureSource(ctx, st.Info().URI, st.Info().Kind)
	if err != nil {
		t.Fatal(err)
	}
	other := flock.New(fmt.Sprintf("%s.sync-%d.lock", c.Path(), src))
	if ok, err := other.TryLock(); !ok || err != nil {
		t.Fatalf("take the lock: %v %v", ok, err)
	}
	waiting := make(chan struct{})
	var once sync.Once
	type result struct {
		res syncer.Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := syncer.Sync(ctx, c, st, syncer.Options{SourceID: src, Progress: func(p syncer.Progress) {
			if strings.Contains(p.Message, "Waiting for another Flowdeck process") {
				once.Do(func() { close(waiting) })
			}
		}})
		done <- result{res, err}
	}()
	<-waiting
	select {
	case r := <-done:
		t.Fatalf("the sync finished while another process held the lock: %+v %v", r.res, r.err)
	default:
	}
	if err := other.Unlock(); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil || r.res.Added != 16 {
		t.Fatalf("sync after the lock was released: %+v %v", r.res, r.err)
	}

	// A cancelled wait gives up with the context's error.
	if ok, err := other.TryLock(); !ok || err != nil {
		t.Fatalf("take the lock again: %v %v", ok, err)
	}
	defer other.Unlock()
	cctx, cancel := context.WithCancel(ctx)
	_, err = syncer.Sync(cctx, c, st, syncer.Options{SourceID: src, Progress: func(p syncer.Progress) {
		if strings.Contains(p.Message, "Waiting") {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled wait: %v", err)
	}
}

// TestSyncSkipsFoldersThatAreNoRuns: a hinted cold sync lists new folders
// without reading them; one whose meta.yaml is broken, or that has none, is
// then left out as RunRefs leaves it out (MLflow skips it too), not counted
// as a run that failed.
func TestSyncSkipsFoldersThatAreNoRuns(t *testing.T) {
	dir := testfix.Copy(t, "mlflow-3.5/mlruns")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, houseExp, "130bba5140af423490857da2dffa6760", "meta.yaml"), []byte("run_id: [broken\n"), 0o644))
	must(os.MkdirAll(filepath.Join(dir, "0", "0123456789abcdef0123456789abcdef", "metrics"), 0o755))
	var warnings []string
	st, err := filestore.Open(dir, source.Options{Warn: func(m string) { warnings = append(warnings, m) }})
	must(err)
	c := cachetest.New(t)
	res := mustSync(t, c, st, syncer.Options{})
	if res.Added != 15 || res.Failed != 0 {
		t.Errorf("result %+v", res)
	}
	s, _ := c.Source(ctx, res.SourceID)
	if s.LastError != "" {
		t.Errorf("source warning %q", s.LastError)
	}
	if len(warnings) == 0 || !strings.Contains(strings.Join(warnings, "\n"), "malformed YAML") {
		t.Errorf("warnings %q", warnings)
	}
	if _, err := c.Run(ctx, res.SourceID, "130bba5140af423490857da2dffa6760"); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("broken run cached: %v", err)
	}
}
