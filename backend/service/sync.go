package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"flowdeck/backend/config"
	"flowdeck/backend/events"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/syncer"
)

// SyncResult summarises one sync (CLI output).
type SyncResult struct {
	Added, Changed, Removed, Unchanged int
	Experiments                        int
	Skipped                            bool
	Duration                           time.Duration
}

// SyncSource starts a background sync of a source; progress arrives as
// "sync:progress" events. Starting a sync that is already running is a no-op.
func (s *Service) SyncSource(id string) error {
	s.wait()
	src, err := s.source(id)
	if err != nil {
		return err
	}
	return s.startSync(src)
}

// CancelSync stops a running sync; what it already stored stays readable.
func (s *Service) CancelSync(id string) error {
	s.mu.Lock()
	j, ok := s.syncs[id]
	s.mu.Unlock()
	if ok {
		j.cancel()
	}
	return nil
}

func (s *Service) waitSync(id string) {
	s.mu.Lock()
	j, ok := s.syncs[id]
	s.mu.Unlock()
	if ok {
		<-j.done
	}
}

func (s *Service) startSync(src config.Source) error {
	s.mu.Lock()
	if _, running := s.syncs[src.ID]; running {
		s.mu.Unlock()
		return nil
	}
	ctx, cancel := context.WithCancel(s.baseCtx)
	j := &syncJob{cancel: cancel, done: make(chan struct{})}
	s.syncs[src.ID] = j
	s.mu.Unlock()
	s.deps.Hub.Emit(events.SourcesChanged, nil)
	go func() {
		defer func() {
			cancel()
			s.mu.Lock()
			delete(s.syncs, src.ID)
			s.mu.Unlock()
			close(j.done)
			s.deps.Hub.Emit(events.SourcesChanged, nil)
		}()
		_, _ = s.runSync(ctx, src, nil)
	}()
	return nil
}

func (s *Service) syncBlocking(ctx context.Context, id string, progress func(SyncProgress)) (SyncResult, error) {
	src, err := s.source(id)
	if err != nil {
		return SyncResult{}, err
	}
	return s.runSync(ctx, src, progress)
}

// runSync opens the store and syncs it into the cache, emitting progress.
func (s *Service) runSync(ctx context.Context, src config.Source, progress func(SyncProgress)) (SyncResult, error) {
	emit := func(p SyncProgress) {
		p.SourceID = src.ID
		s.deps.Hub.Emit(events.SyncProgress, p)
		if progress != nil {
			progress(p)
		}
	}
	_, cid, err := s.cacheSource(ctx, src.ID)
	if err != nil {
		return SyncResult{}, err
	}
	st, err := s.store(ctx, src)
	if err != nil {
		msg := userMessage(err)
		_ = s.deps.Cache.MarkSyncError(context.Background(), cid, msg)
		emit(SyncProgress{Phase: "error", Message: msg})
		return SyncResult{}, err
	}
	res, err := syncer.Sync(ctx, s.deps.Cache, st, syncer.Options{
		SourceID: cid,
		Progress: func(p syncer.Progress) {
			emit(SyncProgress{Phase: p.Phase, Done: p.Done, Total: p.Total, Message: p.Message})
		},
	})
	out := SyncResult{Added: res.Added, Changed: res.Changed, Removed: res.Removed, Unchanged: res.Unchanged,
		Experiments: res.Experiments, Skipped: res.Skipped, Duration: res.Duration}
	switch {
	case errors.Is(err, context.Canceled):
		emit(SyncProgress{Phase: "cancelled", Message: "sync cancelled; the data synced before stays available"})
		return out, err
	case err != nil:
		msg := userMessage(err)
		if errors.Is(err, mlflow.ErrUnavailable) || errors.Is(err, mlflow.ErrUnauthenticated) {
			// A server that went away may come back with a new connection.
			s.closeStore(src.ID)
		}
		emit(SyncProgress{Phase: "error", Message: msg})
		return out, fmt.Errorf("sync %s: %w", src.URI, err)
	}
	emit(SyncProgress{Phase: "done", Done: res.Added + res.Changed, Total: res.Added + res.Changed,
		Message: fmt.Sprintf("%d added, %d changed, %d removed", res.Added, res.Changed, res.Removed)})
	return out, nil
}
