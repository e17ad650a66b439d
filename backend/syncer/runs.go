package syncer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"flowdeck/backend/cache"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

// Runs a worker takes at a time: one ReadRuns call for a BatchReader
// store (sqlite), a few ReadRun calls otherwise (small, so a slow store such
// as a tracking server still keeps every worker busy).
const (
	batchChunk  = 100
	singleChunk = 8
)

type readResult struct {
	writes  []cache.RunWrite
	missing []string // listed, then gone when read
	failed  []failure
	err     error // fatal: stops the sync
}

// add keeps a run read in full, encoded for the cache here, in the
// parallel readers, rather than in the one writer.
func (res *readResult) add(w cache.RunWrite) {
	if err := w.Prepare(); err != nil {
		res.failed = append(res.failed, failure{w.RunID(), err})
		return
	}
	res.writes = append(res.writes, w)
}

type failure struct {
	runID string
	err   error
}

// syncRuns lists runs, drops the ones gone, reads the new and changed ones
// and writes them in batches. It returns a warning sentence when some runs
// could not be read.
func (s *syncer) syncRuns(ctx context.Context) (string, error) {
	s.progress(Progress{Phase: PhaseRuns, Message: "Listing runs"})
	known, err := s.c.StoredRefs(ctx, s.src)
	if err != nil {
		return "", err
	}
	var refs []source.RunRef
	if hl, ok := s.st.(HintedLister); ok && !s.opts.Full {
		refs, err = hl.RunRefsKnown(ctx, nil, known)
	} else {
		refs, err = s.st.RunRefs(ctx, nil)
	}
	if err != nil {
		return "", fmt.Errorf("list runs: %w", err)
	}
	stored := make(map[string]string, len(known))
	for id, r := range known {
		stored[id] = r.Fingerprint
	}
	s.stored = stored // read-only from here on; workers consult it
	listed := make(map[string]bool, len(refs))
	var todo []source.RunRef
	for _, r := range refs {
		if r.RunID == "" || listed[r.RunID] {
			continue
		}
		listed[r.RunID] = true
		fp, ok := stored[r.RunID]
		switch {
		case !ok:
			todo = append(todo, r)
		case s.opts.Full || fp != r.Fingerprint || r.Fingerprint == "":
			todo = append(todo, r)
		default:
			s.res.Unchanged++
		}
	}
	var gone []string
	for id := range stored {
		if !listed[id] {
			gone = append(gone, id)
		}
	}
	if err := s.c.DeleteRuns(ctx, s.src, gone); err != nil {
		return "", err
	}
	s.res.Removed = len(gone)

	total := len(todo)
	s.progress(Progress{Phase: PhaseRuns, Total: total, Message: fmt.Sprintf("Reading %d runs", total)})
	if total == 0 {
		return "", nil
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := s.opts.Workers
	if workers <= 0 {
		workers = 4
	}
	chunk := singleChunk
	if _, ok := s.st.(BatchReader); ok {
		chunk = batchChunk
	}
	workers = min(workers, 16, (total+chunk-1)/chunk)
	batchSize := s.opts.BatchSize
	if batchSize <= 0 {
		batchSize = 200
	}
	jobs := make(chan []source.RunRef)
	// Room for about one write batch of results, so readers keep reading
	// while a batch is written (memory stays bounded by it).
	results := make(chan readResult, workers+batchSize/chunk)
	go func() {
		defer close(jobs)
		for i := 0; i < len(todo); i += chunk {
			select {
			case jobs <- todo[i:min(i+chunk, len(todo))]:
			case <-ctx.Done():
				return
			}
		}
	}()
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(results)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Go(func() {
				for part := range jobs {
					r := s.read(ctx, part)
					select {
					case results <- r:
					case <-ctx.Done():
						return
					}
					if r.err != nil {
						return
					}
				}
			})
		}
		wg.Wait()
	}()

	var (
		batch    []cache.RunWrite
		readDone int
		failures []failure
		missing  []string
		firstErr error
		lastTick time.Time
	)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := s.c.UpsertRuns(ctx, s.src, batch); err != nil {
			return err
		}
		for _, w := range batch {
			if _, ok := stored[w.RunID()]; ok {
				s.res.Changed++
			} else {
				s.res.Added++
			}
		}
		batch = batch[:0]
		return nil
	}
	for r := range results {
		if firstErr != nil {
			batch = append(batch, r.writes...)
			continue // drain
		}
		// Runs read in full before an error are complete: keep them.
		batch = append(batch, r.writes...)
		if r.err != nil {
			firstErr = r.err
			cancel()
			continue
		}
		missing = append(missing, r.missing...)
		failures = append(failures, r.failed...)
		readDone += len(r.writes) + len(r.missing) + len(r.failed)
		if len(batch) >= batchSize {
			if err := flush(); err != nil {
				firstErr = err
				cancel()
				continue
			}
		}
		if time.Since(lastTick) > 100*time.Millisecond || readDone == total {
			lastTick = time.Now()
			s.progress(Progress{Phase: PhaseRuns, Done: readDone, Total: total, Message: fmt.Sprintf("Read %d of %d runs", readDone, total)})
		}
	}
	<-done
	if firstErr == nil {
		if err := ctx.Err(); err != nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		// Runs read so far are complete: keep them (each with its own
		// fingerprint; the rest are read on the next sync).
		bg, cancelBG := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancelBG()
		if err := s.c.UpsertRuns(bg, s.src, batch); err == nil {
			for _, w := range batch {
				if _, ok := stored[w.RunID()]; ok {
					s.res.Changed++
				} else {
					s.res.Added++
				}
			}
		}
		return "", firstErr
	}
	if err := flush(); err != nil {
		return "", err
	}
	var drop []string
	for _, id := range missing {
		if _, ok := stored[id]; ok {
			drop = append(drop, id)
		}
	}
	if err := s.c.DeleteRuns(ctx, s.src, drop); err != nil {
		return "", err
	}
	s.res.Removed += len(drop)
	s.res.Failed = len(failures)
	if len(failures) > 0 {
		return fmt.Sprintf("%d runs could not be read and were left as they were (first: run %s: %v); they are retried on the next sync",
			len(failures), failures[0].runID, failures[0].err), nil
	}
	return "", nil
}

// read reads one chunk of runs. Errors that concern the whole source
// (authentication, availability, cancellation) are fatal; a run that
// vanished is reported missing; any other per-run error is a failure that
// leaves the run for the next sync.
func (s *syncer) read(ctx context.Context, refs []source.RunRef) readResult {
	var res readResult
	if br, ok := s.st.(BatchReader); ok {
		ids := make([]string, len(refs))
		for i, r := range refs {
			ids[i] = r.RunID
		}
		bundles, err := br.ReadRuns(ctx, ids)
		if err == nil {
			got := make(map[string]*source.RunBundle, len(bundles))
			for _, b := range bundles {
				if b != nil {
					got[bundleID(b)] = b
				}
			}
			for _, r := range refs {
				if b := got[r.RunID]; b != nil {
					res.add(s.write(r, b))
				} else {
					res.missing = append(res.missing, r.RunID)
				}
			}
			return res
		}
		if fatal(ctx, err) {
			res.err = fmt.Errorf("read runs: %w", err)
			return res
		}
		// Fall back to one by one to isolate the bad run.
	}
	for _, r := range refs {
		if err := ctx.Err(); err != nil {
			res.err = err
			return res
		}
		var b *source.RunBundle
		var err error
		if fr, ok := s.st.(FingerprintReader); ok {
			b, r.Fingerprint, err = fr.ReadRunFingerprint(ctx, r.RunID)
		} else {
			b, err = s.st.ReadRun(ctx, r.RunID)
		}
		switch {
		case err == nil && b != nil:
			res.add(s.write(r, b))
		case err == nil || errors.Is(err, mlflow.ErrNotFound):
			res.missing = append(res.missing, r.RunID)
		case fatal(ctx, err):
			res.err = fmt.Errorf("read run %s: %w", r.RunID, err)
			return res
		default:
			res.failed = append(res.failed, failure{r.RunID, err})
		}
	}
	return res
}

// write pairs a bundle with the fingerprint listed BEFORE it was read, so
// a run that changed while being read is read again next time.
func (s *syncer) write(r source.RunRef, b *source.RunBundle) cache.RunWrite {
	if b.Run.Info.RunID == "" {
		b.Run.Info.RunID = r.RunID
	}
	if b.Run.Info.RunUUID == "" {
		b.Run.Info.RunUUID = r.RunID
	}
	if b.Run.Info.ExperimentID == "" {
		b.Run.Info.ExperimentID = r.ExperimentID
	}
	_, cached := s.stored[r.RunID]
	return cache.RunWrite{Bundle: b, Fingerprint: r.Fingerprint, New: !cached}
}

func bundleID(b *source.RunBundle) string {
	if b.Run.Info.RunID != "" {
		return b.Run.Info.RunID
	}
	return b.Run.Info.RunUUID
}

func fatal(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, mlflow.ErrUnauthenticated) || errors.Is(err, mlflow.ErrPermission) ||
		errors.Is(err, mlflow.ErrUnavailable)
}
