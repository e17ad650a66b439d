package syncer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"flowdeck/backend/cache"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

// Progress phases, in the order a sync goes through them.
const (
	PhaseExperiments = "experiments"
	PhaseRuns        = "runs"
	PhaseRegistry    = "registry"
	PhaseDone        = "done"
)

// Progress is one progress report. In the runs phase Done and Total count
// runs to read; other phases report 0/0 or 1/1.
type Progress struct {
	Phase   string
	Done    int
	Total   int
	Message string
}

// Options tune a sync. The zero value is a sensible incremental sync.
type Options struct {
	// Progress, when set, receives reports from the calling goroutine
	// (never concurrently). It should return quickly.
	Progress func(Progress)
	// Workers reading runs in parallel (default 4, at most 16).
	Workers int
	// Full re-reads every run and ignores the store's change marker.
	Full bool
	// SourceID is the cache's id for the store; 0 looks it up (or adds it)
	// by the store's URI.
	SourceID int64
	// BatchSize is the number of runs per write transaction (default 200).
	BatchSize int
}

// Result counts what a sync did.
type Result struct {
	SourceID int64
	// Added, Changed and Unchanged count runs by what the cache held;
	// Removed counts runs dropped because the store no longer lists them.
	Added, Changed, Removed, Unchanged int
	// Failed counts runs that could not be read (left as they were, and
	// retried on the next sync); the source's last_error names the first.
	Failed      int
	Experiments int
	Duration    time.Duration
	// Skipped is true when the store's change marker showed nothing changed.
	Skipped bool
}

// Marker is implemented by stores with a cheap store-wide change marker.
type Marker interface {
	Marker(ctx context.Context) (string, error)
}

// BatchReader is implemented by stores that read many runs at once faster
// than one by one.
type BatchReader interface {
	ReadRuns(ctx context.Context, ids []string) ([]*source.RunBundle, error)
}

// HintedLister is implemented by stores that list runs faster when told
// what the cache holds: the FileStore does not parse meta.yaml again for a
// run whose fingerprint (which covers meta.yaml's size and mtime) and
// experiment are unchanged, and takes the stored lifecycle stage instead.
type HintedLister interface {
	RunRefsKnown(ctx context.Context, experimentIDs []string, known map[string]source.RunRef) ([]source.RunRef, error)
}

// FingerprintReader is implemented by stores that fingerprint a run as they
// read it, the way RunRefs lists it; the syncer stores that fingerprint. A
// hinted listing (HintedLister) may then leave runs the cache lacks
// unfingerprinted, and a cold sync touches each file once.
type FingerprintReader interface {
	ReadRunFingerprint(ctx context.Context, runID string) (*source.RunBundle, string, error)
}

type lockKey struct {
	cache string
	src   int64
}

var running sync.Map // lockKey → struct{}

// Sync brings the cache up to date with st. On failure or cancellation the
// runs already written stay (each complete, with its fingerprint), the rest
// are read on the next sync, the source's last_error says what failed and
// its last successful sync time does not move.
func Sync(ctx context.Context, c *cache.Cache, st source.Store, opts Options) (Result, error) {
	start := time.Now()
	info := st.Info()
	res := Result{SourceID: opts.SourceID}
	if res.SourceID == 0 {
		id, err := c.EnsureSource(ctx, info.URI, info.Kind)
		if err != nil {
			return res, fmt.Errorf("sync %s: %w", info.URI, err)
		}
		res.SourceID = id
	}
	key := lockKey{c.Path(), res.SourceID}
	if _, busy := running.LoadOrStore(key, struct{}{}); busy {
		return res, fmt.Errorf("sync %s: a sync of this source is already running; wait for it to finish: %w", info.URI, mlflow.ErrConflict)
	}
	defer running.Delete(key)
	// Another process (the desktop app, a terminal's flowdeck sync) may be
	// syncing the same source into the same cache: wait for it, then sync
	// incrementally, which is cheap right after its sync.
	unlock, err := lockAcrossProcesses(ctx, c.Path(), res.SourceID, opts.Progress)
	if err != nil {
		return res, fmt.Errorf("sync %s: %w", info.URI, err)
	}
	defer unlock()

	s := &syncer{c: c, st: st, opts: opts, res: &res, src: res.SourceID}
	err = s.run(ctx)
	res.Duration = time.Since(start)
	if err != nil {
		// Record the failure even when ctx is cancelled.
		bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		msg := errorSentence(err)
		if rerr := c.MarkSyncError(bg, res.SourceID, msg); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return res, fmt.Errorf("sync %s: %w", info.URI, err)
	}
	return res, nil
}

// lockAcrossProcesses takes the source's sync lock file next to the cache,
// waiting (cancellably) while another process holds it.
func lockAcrossProcesses(ctx context.Context, cachePath string, src int64, progress func(Progress)) (func(), error) {
	l := flock.New(fmt.Sprintf("%s.sync-%d.lock", cachePath, src))
	ok, err := l.TryLock()
	if err == nil && !ok {
		if progress != nil {
			progress(Progress{Phase: PhaseExperiments, Message: "Waiting for another Flowdeck process that is syncing this source"})
		}
		ok, err = l.TryLockContext(ctx, 100*time.Millisecond)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("lock %s (another process may be syncing this source): %w", l.Path(), err)
	}
	if !ok {
		return nil, fmt.Errorf("another Flowdeck process is syncing this source: %w", mlflow.ErrConflict)
	}
	return func() { _ = l.Unlock() }, nil
}

// errorSentence is what the source's last_error shows.
func errorSentence(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return "The last sync was cancelled before it finished; the data shown may be incomplete."
	case errors.Is(err, context.DeadlineExceeded):
		return "The last sync took too long and was stopped; the data shown may be incomplete."
	}
	return err.Error()
}

type syncer struct {
	c    *cache.Cache
	st   source.Store
	opts Options
	res  *Result
	src  int64
	// stored maps cached run ids to their fingerprints at the start of the
	// runs phase.
	stored map[string]string
}

func (s *syncer) progress(p Progress) {
	if s.opts.Progress != nil {
		s.opts.Progress(p)
	}
}

func (s *syncer) run(ctx context.Context) error {
	if err := s.c.MarkSyncStart(ctx, s.src); err != nil {
		return err
	}
	src, err := s.c.Source(ctx, s.src)
	if err != nil {
		return err
	}
	// The marker is taken before anything is read: a change made during
	// the sync moves it, so the next sync does not skip.
	marker := ""
	if m, ok := s.st.(Marker); ok {
		if mk, err := m.Marker(ctx); err == nil {
			marker = mk
		} else if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if !s.opts.Full && marker != "" && marker == src.Marker && src.LastSyncEnd > 0 && src.LastError == "" {
		counts, err := s.c.ExperimentRunCounts(ctx, s.src, mlflow.ViewAll)
		if err != nil {
			return err
		}
		for _, n := range counts {
			s.res.Unchanged += n.Runs
		}
		s.res.Skipped = true
		if err := s.c.MarkSyncSuccess(ctx, s.src, marker, s.st.Info().Version, ""); err != nil {
			return err
		}
		s.progress(Progress{Phase: PhaseDone, Message: "Nothing changed since the last sync."})
		return nil
	}

	s.progress(Progress{Phase: PhaseExperiments, Message: "Reading experiments"})
	exps, err := s.st.Experiments(ctx, mlflow.ViewAll)
	if err != nil {
		return fmt.Errorf("list experiments: %w", err)
	}
	if err := s.c.ReplaceExperiments(ctx, s.src, exps); err != nil {
		return err
	}
	s.res.Experiments = len(exps)
	s.progress(Progress{Phase: PhaseExperiments, Done: 1, Total: 1, Message: fmt.Sprintf("%d experiments", len(exps))})

	warning, err := s.syncRuns(ctx)
	if err != nil {
		return err
	}

	s.progress(Progress{Phase: PhaseRegistry, Message: "Reading the model registry"})
	if err := s.syncRegistry(ctx); err != nil {
		return err
	}
	if err := s.c.MarkSyncSuccess(ctx, s.src, marker, s.st.Info().Version, warning); err != nil {
		return err
	}
	s.progress(Progress{Phase: PhaseDone, Done: 1, Total: 1, Message: s.summary()})
	return nil
}

func (s *syncer) summary() string {
	r := s.res
	msg := fmt.Sprintf("%d new, %d changed, %d removed, %d unchanged runs", r.Added, r.Changed, r.Removed, r.Unchanged)
	if r.Failed > 0 {
		msg += fmt.Sprintf("; %d could not be read", r.Failed)
	}
	return msg
}

// syncRegistry re-reads registered models, versions and logged models. A
// store without a registry (ErrUnsupported) keeps an empty one.
func (s *syncer) syncRegistry(ctx context.Context) error {
	models, err := s.st.RegisteredModels(ctx)
	if err != nil && !errors.Is(err, mlflow.ErrUnsupported) {
		return fmt.Errorf("list registered models: %w", err)
	}
	var versions []mlflow.ModelVersion
	if err == nil {
		versions, err = s.st.ModelVersions(ctx, "")
		if err != nil && !errors.Is(err, mlflow.ErrUnsupported) {
			return fmt.Errorf("list model versions: %w", err)
		}
	}
	if err := s.c.ReplaceRegistry(ctx, s.src, models, versions); err != nil {
		return err
	}
	lms, err := s.st.LoggedModels(ctx, nil)
	// Servers older than MLflow 3 have no logged-models endpoint (404).
	if err != nil && !errors.Is(err, mlflow.ErrUnsupported) && !errors.Is(err, mlflow.ErrNotFound) {
		return fmt.Errorf("list logged models: %w", err)
	}
	if err := s.c.ReplaceLoggedModels(ctx, s.src, lms); err != nil {
		return err
	}
	s.progress(Progress{Phase: PhaseRegistry, Done: 1, Total: 1,
		Message: fmt.Sprintf("%d registered models, %d versions, %d logged models", len(models), len(versions), len(lms))})
	return nil
}
