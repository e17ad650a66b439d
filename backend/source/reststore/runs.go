package reststore

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

// searchRuns pages runs/search over a chunk of experiments, all view types.
func (s *Store) searchRuns(ctx context.Context, ids []string) ([]mlflow.Run, bool, error) {
	hasOutputs := false
	runs, err := collect("list runs", func(token string) ([]mlflow.Run, string, error) {
		body := map[string]any{"experiment_ids": ids, "run_view_type": mlflow.ViewAll, "max_results": runsPage}
		if token != "" {
			body["page_token"] = token
		}
		var resp struct {
			Runs          []mlflow.Run `json:"runs"`
			NextPageToken string       `json:"next_page_token"`
		}
		err := s.c.jsonCall(ctx, newCall(http.MethodPost, apiPrefix+"runs/search", nil, body), &resp)
		for _, r := range resp.Runs {
			hasOutputs = hasOutputs || r.Outputs != nil
		}
		return resp.Runs, resp.NextPageToken, err
	})
	return runs, hasOutputs, err
}

// experimentIDs returns ids, or every experiment's (active and deleted).
func (s *Store) experimentIDs(ctx context.Context, ids []string) ([]string, error) {
	if len(ids) > 0 {
		return ids, nil
	}
	exps, err := s.Experiments(ctx, mlflow.ViewAll)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(exps))
	for i, e := range exps {
		out[i] = e.ExperimentID
	}
	return out, nil
}

// RunRefs lists every run of the experiments with a fingerprint, and keeps
// the runs briefly for GetRun/ReadRun.
func (s *Store) RunRefs(ctx context.Context, experimentIDs []string) ([]source.RunRef, error) {
	ids, err := s.experimentIDs(ctx, experimentIDs)
	if err != nil {
		return nil, wrap("list runs", err)
	}
	var refs []source.RunRef
	fetched := map[string]mlflow.Run{}
	complete := false
	for start := 0; start < len(ids); start += experimentIDChunk {
		chunk := ids[start:min(start+experimentIDChunk, len(ids))]
		runs, hasOutputs, err := s.searchRuns(ctx, chunk)
		if err != nil {
			return nil, wrap("list runs", err)
		}
		complete = complete || hasOutputs
		for _, r := range runs {
			id := runID(&r.Info)
			if _, dup := fetched[id]; dup {
				continue
			}
			fetched[id] = r
			ref := source.RunRef{RunID: id, ExperimentID: r.Info.ExperimentID, LifecycleStage: r.Info.LifecycleStage}
			// A live run may log a point below its latest step (async or
			// batched logging), which runs/search cannot show: it goes
			// unfingerprinted, so every sync reads it again until it ends,
			// and its final status change brings the last read.
			if !live(r.Info.Status) {
				ref.Fingerprint = Fingerprint(&r)
			}
			refs = append(refs, ref)
		}
	}
	s.mu.Lock()
	s.runs = runCache{at: s.now(), runs: fetched, complete: complete}
	s.mu.Unlock()
	return refs, nil
}

func runID(info *mlflow.RunInfo) string {
	if info.RunID != "" {
		return info.RunID
	}
	return info.RunUUID
}

// GetRun is runs/get (or a run RunRefs just fetched, where search results
// are complete).
func (s *Store) GetRun(ctx context.Context, runID string) (*mlflow.Run, error) {
	if r, ok := s.cachedRun(runID); ok {
		return r, nil
	}
	var resp struct {
		Run *mlflow.Run `json:"run"`
	}
	q := url.Values{"run_id": {runID}}
	if err := s.c.jsonCall(ctx, newCall(http.MethodGet, apiPrefix+"runs/get", q, nil), &resp); err != nil {
		return nil, wrap("read run "+runID, err)
	}
	if resp.Run == nil {
		return nil, wrap("read run "+runID, mlflow.NotFoundf("the server returned no run"))
	}
	return resp.Run, nil
}

// MetricHistory pages metrics/get-history, always with max_results.
func (s *Store) MetricHistory(ctx context.Context, runID, key string) ([]mlflow.Metric, error) {
	what := "read history of metric " + strconv.Quote(key) + " of run " + runID
	ms, err := collect(what, func(token string) ([]mlflow.Metric, string, error) {
		q := url.Values{"run_id": {runID}, "metric_key": {key}, "max_results": {strconv.Itoa(historyPage)}}
		if token != "" {
			q.Set("page_token", token)
		}
		var resp struct {
			Metrics       []mlflow.Metric `json:"metrics"`
			NextPageToken string          `json:"next_page_token"`
		}
		err := s.c.jsonCall(ctx, newCall(http.MethodGet, apiPrefix+"metrics/get-history", q, nil), &resp)
		return resp.Metrics, resp.NextPageToken, err
	})
	if err != nil {
		return nil, wrap(what, err)
	}
	if ms == nil {
		ms = []mlflow.Metric{}
	}
	return ms, nil
}

// ReadRun is the run plus every metric's history, fetched four at a time.
func (s *Store) ReadRun(ctx context.Context, runID string) (*source.RunBundle, error) {
	run, err := s.GetRun(ctx, runID)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(run.Data.Metrics))
	seen := map[string]bool{}
	for _, m := range run.Data.Metrics {
		if !seen[m.Key] {
			seen[m.Key] = true
			keys = append(keys, m.Key)
		}
	}
	hist := make([][]mlflow.Metric, len(keys))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
		sem      = make(chan struct{}, historyWorkers)
	)
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			h, err := s.MetricHistory(ctx, runID, k)
			if err != nil {
				errOnce.Do(func() { firstErr = err; cancel() })
				return
			}
			hist[i] = h
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, wrap("read run "+runID, err)
	}
	b := &source.RunBundle{Run: *run, History: make(map[string][]mlflow.Metric, len(keys))}
	for i, k := range keys {
		b.History[k] = hist[i]
	}
	return b, nil
}

// live reports whether a run with this status may still log.
func live(status string) bool {
	return status == mlflow.StatusRunning || status == mlflow.StatusScheduled
}
