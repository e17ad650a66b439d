package service

import (
	"context"
	"encoding/json"
	"sort"
	"strings"

	"flowdeck/backend/cache"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/search"
)

// ListExperiments lists a source's cached experiments with run counts and
// last activity, newest activity first.
func (s *Service) ListExperiments(sourceID, viewType string) ([]ExperimentView, error) {
	s.wait()
	ctx := s.baseCtx
	_, cid, err := s.cacheSource(ctx, sourceID)
	if err != nil {
		return nil, err
	}
	view, ok := mlflow.ParseViewType(viewType)
	if !ok {
		return nil, mlflow.InvalidParamf("view type %q is not one of ACTIVE_ONLY, DELETED_ONLY, ALL", viewType)
	}
	exps, err := s.deps.Cache.Experiments(ctx, cid, view)
	if err != nil {
		return nil, err
	}
	counts, err := s.deps.Cache.ExperimentRunCounts(ctx, cid, mlflow.ViewActiveOnly)
	if err != nil {
		return nil, err
	}
	out := make([]ExperimentView, 0, len(exps))
	for _, e := range exps {
		c := counts[e.ExperimentID]
		last := c.LastActivity
		if last == 0 {
			last = e.LastUpdateTime
		}
		out = append(out, ExperimentView{Experiment: e, RunCount: c.Runs, LastActivity: last})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].LastActivity != out[j].LastActivity {
			return out[i].LastActivity > out[j].LastActivity
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// SearchRuns searches the cached runs with MLflow's filter and order_by and
// returns table rows with per-metric summaries.
func (s *Service) SearchRuns(req SearchRunsRequest) (SearchRunsResult, error) {
	s.wait()
	ctx := s.baseCtx
	_, cid, err := s.cacheSource(ctx, req.SourceID)
	if err != nil {
		return SearchRunsResult{}, err
	}
	view, ok := mlflow.ParseViewType(req.ViewType)
	if !ok {
		return SearchRunsResult{}, mlflow.InvalidParamf("view type %q is not one of ACTIVE_ONLY, DELETED_ONLY, ALL", req.ViewType)
	}
	page, err := search.Runs(ctx, s.deps.Cache.DB(), search.RunQuery{
		SourceID: cid, ExperimentIDs: req.ExperimentIDs, Filter: req.Filter, OrderBy: req.OrderBy,
		MaxResults: req.MaxResults, PageToken: req.PageToken, ViewType: view, CountTotal: true,
	})
	if err != nil {
		return SearchRunsResult{}, err
	}
	rows, err := s.runRows(ctx, cid, page.RunIDs)
	if err != nil {
		return SearchRunsResult{}, err
	}
	return SearchRunsResult{Runs: rows, NextPageToken: page.NextPageToken, Total: page.Total}, nil
}

func (s *Service) runRows(ctx context.Context, cid int64, ids []string) ([]RunRow, error) {
	runs, err := s.deps.Cache.Runs(ctx, cid, ids)
	if err != nil {
		return nil, err
	}
	sums, err := s.deps.Cache.RunSummaries(ctx, cid, ids)
	if err != nil {
		return nil, err
	}
	rows := make([]RunRow, 0, len(runs))
	for _, r := range runs {
		row := RunRow{Info: r.Info, Params: make(map[string]string, len(r.Data.Params)), Tags: make(map[string]string, len(r.Data.Tags)),
			Metrics: toSummaries(sums[r.Info.RunID])}
		for _, p := range r.Data.Params {
			row.Params[p.Key] = p.Value
		}
		for _, t := range r.Data.Tags {
			row.Tags[t.Key] = t.Value
		}
		row.ParentRunID = row.Tags["mlflow.parentRunId"]
		rows = append(rows, row)
	}
	return rows, nil
}

func toSummaries(in []cache.MetricSummary) []MetricSummary {
	out := make([]MetricSummary, len(in))
	for i, m := range in {
		out[i] = MetricSummary{Key: m.Key, Value: m.Value, Timestamp: m.Timestamp, Step: m.Step, Min: m.Min, Max: m.Max, Count: m.Count}
	}
	return out
}

// SearchKeys lists the metric, param and tag keys of some experiments.
func (s *Service) SearchKeys(sourceID string, experimentIDs []string) (SearchKeys, error) {
	s.wait()
	_, cid, err := s.cacheSource(s.baseCtx, sourceID)
	if err != nil {
		return SearchKeys{}, err
	}
	k, err := s.deps.Cache.RunKeys(s.baseCtx, cid, experimentIDs)
	if err != nil {
		return SearchKeys{}, err
	}
	return SearchKeys{Metrics: k.Metrics, Params: k.Params, Tags: k.Tags}, nil
}

// GetRun returns everything the run page shows.
func (s *Service) GetRun(sourceID, runID string) (RunDetail, error) {
	s.wait()
	ctx := s.baseCtx
	_, cid, err := s.cacheSource(ctx, sourceID)
	if err != nil {
		return RunDetail{}, err
	}
	c := s.deps.Cache
	run, err := c.Run(ctx, cid, runID)
	if err != nil {
		return RunDetail{}, err
	}
	d := RunDetail{Run: *run, Children: []mlflow.RunInfo{}, LoggedModels: []mlflow.LoggedModel{}, ModelArtifacts: []string{}, ModelVersions: []mlflow.ModelVersion{}}
	sums, err := c.RunSummaries(ctx, cid, []string{runID})
	if err != nil {
		return RunDetail{}, err
	}
	d.Metrics = toSummaries(sums[runID])
	if exp, err := c.Experiment(ctx, cid, run.Info.ExperimentID); err == nil {
		d.Experiment = *exp
	}
	if parent, ok := run.Tag("mlflow.parentRunId"); ok && parent != "" {
		if infos, err := c.RunInfos(ctx, cid, []string{parent}); err == nil && len(infos) == 1 {
			d.Parent = &infos[0]
		}
	}
	if d.Children, err = c.Children(ctx, cid, runID); err != nil {
		return RunDetail{}, err
	}
	if d.LoggedModels, err = c.LoggedModels(ctx, cid, runID, nil); err != nil {
		return RunDetail{}, err
	}
	if d.ModelVersions, err = c.ModelVersionsOfRun(ctx, cid, runID); err != nil {
		return RunDetail{}, err
	}
	d.ModelArtifacts = modelArtifactPaths(run)
	return d, nil
}

// modelArtifactPaths reads the 2.x mlflow.log-model.history tag: the
// run-relative folders that hold an MLmodel.
func modelArtifactPaths(r *mlflow.Run) []string {
	out := []string{}
	v, ok := r.Tag("mlflow.log-model.history")
	if !ok {
		return out
	}
	var hist []struct {
		ArtifactPath string `json:"artifact_path"`
	}
	if json.Unmarshal([]byte(v), &hist) != nil {
		return out
	}
	seen := map[string]bool{}
	for _, h := range hist {
		p := strings.Trim(h.ArtifactPath, "/")
		if p != "" && !seen[p] && !strings.Contains(p, "://") {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// MetricHistory returns one metric's full history from the cache.
func (s *Service) MetricHistory(sourceID, runID, key string) ([]mlflow.Metric, error) {
	s.wait()
	_, cid, err := s.cacheSource(s.baseCtx, sourceID)
	if err != nil {
		return nil, err
	}
	return s.deps.Cache.MetricHistory(s.baseCtx, cid, runID, key)
}

// RegisteredModels lists the source's registered models.
func (s *Service) RegisteredModels(sourceID string) ([]mlflow.RegisteredModel, error) {
	s.wait()
	_, cid, err := s.cacheSource(s.baseCtx, sourceID)
	if err != nil {
		return nil, err
	}
	return s.deps.Cache.RegisteredModels(s.baseCtx, cid)
}

// ModelVersions lists one registered model's versions.
func (s *Service) ModelVersions(sourceID, name string) ([]mlflow.ModelVersion, error) {
	s.wait()
	_, cid, err := s.cacheSource(s.baseCtx, sourceID)
	if err != nil {
		return nil, err
	}
	return s.deps.Cache.ModelVersions(s.baseCtx, cid, name)
}
