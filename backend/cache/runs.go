package cache

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

const runCols = `run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri,
	lifecycle_stage, deleted_time, parent_run_id, inputs_json, outputs_json`

// qualifiedRunCols is runCols of the runs table aliased r.
var qualifiedRunCols = "r." + strings.Join(strings.Split(strings.Join(strings.Fields(runCols), " "), ", "), ", r.")

// inIDs is the SQL for "run_id is one of the JSON array bound here": one
// bound parameter however many ids, and SQLite still uses the primary key.
const inIDs = `run_id IN (SELECT value FROM json_each(?))`

// runRow scans one runCols row.
func scanRun(rows *sql.Rows) (mlflow.Run, string, error) {
	var r mlflow.Run
	var start, end, deleted sql.NullInt64
	var parent, inputs, outputs string
	i := &r.Info
	if err := rows.Scan(&i.RunID, &i.ExperimentID, &i.RunName, &i.UserID, &i.Status, &start, &end, &i.ArtifactURI,
		&i.LifecycleStage, &deleted, &parent, &inputs, &outputs); err != nil {
		return r, "", err
	}
	i.RunUUID = i.RunID
	i.StartTime, i.EndTime, i.DeletedTime = start.Int64, end.Int64, deleted.Int64
	if inputs != "" {
		r.Inputs = &mlflow.RunInputs{}
		if err := json.Unmarshal([]byte(inputs), r.Inputs); err != nil {
			return r, "", fmt.Errorf("run %s: cached inputs: %w", i.RunID, err)
		}
	}
	if outputs != "" {
		r.Outputs = &mlflow.RunOutputs{}
		if err := json.Unmarshal([]byte(outputs), r.Outputs); err != nil {
			return r, "", fmt.Errorf("run %s: cached outputs: %w", i.RunID, err)
		}
	}
	return r, parent, nil
}

// Runs loads runs with their params, tags and latest metrics, in the order
// of runIDs. Ids not in the cache are left out. Params, tags and metrics
// are ordered by key.
func (c *Cache) Runs(ctx context.Context, srcID int64, runIDs []string) ([]mlflow.Run, error) {
	if len(runIDs) == 0 {
		return []mlflow.Run{}, nil
	}
	ids, err := jsonList(runIDs)
	if err != nil {
		return nil, err
	}
	var loaded []rawRun
	err = c.read(ctx, fmt.Sprintf("read %d runs", len(runIDs)), func(tx *sqlx.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+qualifiedRunCols+`, p.summaries, p.params, p.tags
			FROM runs r LEFT JOIN run_metric_pack p ON p.source_id = r.source_id AND p.run_id = r.run_id
			WHERE r.source_id = ? AND r.`+inIDs, srcID, ids)
		if err != nil {
			return err
		}
		defer rows.Close()
		loaded = make([]rawRun, 0, len(runIDs))
		for rows.Next() {
			var x rawRun
			var start, end, deleted sql.NullInt64
			var parent string
			i := &x.run.Info
			if err := rows.Scan(&i.RunID, &i.ExperimentID, &i.RunName, &i.UserID, &i.Status, &start, &end, &i.ArtifactURI,
				&i.LifecycleStage, &deleted, &parent, &x.inputs, &x.outputs, &x.sums, &x.params, &x.tags); err != nil {
				return err
			}
			i.RunUUID = i.RunID
			i.StartTime, i.EndTime, i.DeletedTime = start.Int64, end.Int64, deleted.Int64
			loaded = append(loaded, x)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	// Decoding (JSON inputs, packed summaries, params and tags) is most of
	// the cost of a page: spread it over the cores.
	if err := decodeParallel(loaded); err != nil {
		return nil, c.wrap(err, fmt.Sprintf("read %d runs", len(runIDs)))
	}
	byID := make(map[string]*mlflow.Run, len(loaded))
	for i := range loaded {
		byID[loaded[i].run.Info.RunID] = &loaded[i].run
	}
	out := make([]mlflow.Run, 0, len(loaded))
	for _, id := range runIDs {
		if r := byID[id]; r != nil {
			out = append(out, *r)
		}
	}
	return out, nil
}

// rawRun is a runs row with its pack, as read, before decoding.
type rawRun struct {
	run                mlflow.Run
	inputs, outputs    string
	sums, params, tags []byte
}

func (x *rawRun) decode() error {
	r := &x.run
	if x.inputs != "" {
		r.Inputs = &mlflow.RunInputs{}
		if err := json.Unmarshal([]byte(x.inputs), r.Inputs); err != nil {
			return fmt.Errorf("run %s: cached inputs: %w", r.Info.RunID, err)
		}
	}
	if x.outputs != "" {
		r.Outputs = &mlflow.RunOutputs{}
		if err := json.Unmarshal([]byte(x.outputs), r.Outputs); err != nil {
			return fmt.Errorf("run %s: cached outputs: %w", r.Info.RunID, err)
		}
	}
	if x.sums == nil { // no pack row: a run written half way; re-sync repairs it
		return nil
	}
	ss, err := decodeSummaries(x.sums)
	if err != nil {
		return fmt.Errorf("metric summaries of run %s: %w; re-sync the source to repair the cache", r.Info.RunID, err)
	}
	if len(ss) > 0 {
		r.Data.Metrics = make([]mlflow.Metric, len(ss))
		for i, s := range ss {
			r.Data.Metrics[i] = s.Metric()
		}
	}
	if r.Data.Params, err = unpack(x.params, 0); err != nil {
		return fmt.Errorf("params of run %s: %w", r.Info.RunID, err)
	}
	if r.Data.Tags, err = unpack(x.tags, 0); err != nil {
		return fmt.Errorf("tags of run %s: %w", r.Info.RunID, err)
	}
	x.sums, x.params, x.tags, x.inputs, x.outputs = nil, nil, nil, "", ""
	return nil
}

// decodeParallel decodes runs on up to GOMAXPROCS goroutines.
func decodeParallel(runs []rawRun) error {
	workers := min(runtime.GOMAXPROCS(0), (len(runs)+63)/64)
	if workers <= 1 {
		for i := range runs {
			if err := runs[i].decode(); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	per := (len(runs) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		part := runs[min(w*per, len(runs)):min((w+1)*per, len(runs))]
		wg.Go(func() {
			for i := range part {
				if err := part[i].decode(); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// unpack reads a packed key/value list (see packKV); n is a capacity hint.
func unpack(b []byte, n int) ([]mlflow.KeyValue, error) {
	if len(b) == 0 {
		return nil, nil
	}
	if n <= 0 {
		n = bytes.Count(b, []byte{':'}) / 2
	}
	out := make([]mlflow.KeyValue, 0, n)
	s := string(b) // one allocation; keys and values are substrings of it
	next := func() (string, bool) {
		i := 0
		l := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			l = l*10 + int(s[i]-'0')
			i++
			if l > len(s) {
				return "", false
			}
		}
		if i == 0 || i >= len(s) || s[i] != ':' || i+1+l > len(s) {
			return "", false
		}
		v := s[i+1 : i+1+l]
		s = s[i+1+l:]
		return v, true
	}
	for len(s) > 0 {
		k, ok1 := next()
		v, ok2 := next()
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("damaged packed key/value list; re-sync the source to repair the cache")
		}
		out = append(out, mlflow.KeyValue{Key: k, Value: v})
	}
	if !sort.SliceIsSorted(out, func(i, j int) bool { return out[i].Key < out[j].Key }) {
		sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	}
	return out, nil
}

// MetricSummary is one metric of one run: the latest point as MLflow picks
// it, plus min and max over the history (NaN when every value is NaN) and
// the number of points.
type MetricSummary struct {
	Key       string
	Value     mlflow.Float
	Timestamp int64
	Step      int64
	Min       mlflow.Float
	Max       mlflow.Float
	Count     int
}

// Metric is the summary's latest point as runs/get shows it.
func (s MetricSummary) Metric() mlflow.Metric {
	return mlflow.Metric{Key: s.Key, Value: s.Value, Timestamp: s.Timestamp, Step: s.Step}
}

// eachSummaries streams each run's packed metric summaries (sorted by key).
func eachSummaries(ctx context.Context, tx *sqlx.Tx, srcID int64, ids string, fn func(runID []byte, ss []MetricSummary)) error {
	rows, err := tx.QueryContext(ctx, `SELECT run_id, summaries FROM run_metric_pack WHERE source_id = ? AND `+inIDs, srcID, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	var runID, blob sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&runID, &blob); err != nil {
			return err
		}
		ss, err := decodeSummaries(blob)
		if err != nil {
			return fmt.Errorf("metric summaries of run %s: %w; re-sync the source to repair the cache", runID, err)
		}
		fn(runID, ss)
	}
	return rows.Err()
}

// RunSummaries gives, per run, every metric's summary (ordered by key).
func (c *Cache) RunSummaries(ctx context.Context, srcID int64, runIDs []string) (map[string][]MetricSummary, error) {
	out := make(map[string][]MetricSummary, len(runIDs))
	if len(runIDs) == 0 {
		return out, nil
	}
	ids, err := jsonList(runIDs)
	if err != nil {
		return nil, err
	}
	err = c.read(ctx, "read metric summaries", func(tx *sqlx.Tx) error {
		return eachSummaries(ctx, tx, srcID, ids, func(runID []byte, ss []MetricSummary) {
			out[string(runID)] = ss
		})
	})
	return out, err
}

// Run returns one run (any lifecycle stage) with params, tags, latest
// metrics, inputs and outputs.
func (c *Cache) Run(ctx context.Context, srcID int64, runID string) (*mlflow.Run, error) {
	rs, err := c.Runs(ctx, srcID, []string{runID})
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, mlflow.NotFoundf("Run with id=%s not found", runID)
	}
	return &rs[0], nil
}

// ParentRunID returns the run's parent (from tag mlflow.parentRunId), "" if none.
func (c *Cache) ParentRunID(ctx context.Context, srcID int64, runID string) (string, error) {
	var p string
	err := c.rdb.GetContext(ctx, &p, `SELECT parent_run_id FROM runs WHERE source_id = ? AND run_id = ?`, srcID, runID)
	if err == sql.ErrNoRows {
		return "", mlflow.NotFoundf("Run with id=%s not found", runID)
	}
	return p, c.wrap(err, "read run "+runID)
}

// Children lists the runs whose mlflow.parentRunId is runID, newest first.
func (c *Cache) Children(ctx context.Context, srcID int64, runID string) ([]mlflow.RunInfo, error) {
	return c.runInfos(ctx, "list child runs of "+runID,
		`SELECT `+runCols+` FROM runs WHERE source_id = ? AND parent_run_id = ? ORDER BY start_time DESC, run_id`, srcID, runID)
}

// RunInfos returns the infos of runs, in no particular order.
func (c *Cache) RunInfos(ctx context.Context, srcID int64, runIDs []string) ([]mlflow.RunInfo, error) {
	ids, err := jsonList(runIDs)
	if err != nil {
		return nil, err
	}
	return c.runInfos(ctx, "read run infos", `SELECT `+runCols+` FROM runs WHERE source_id = ? AND `+inIDs, srcID, ids)
}

func (c *Cache) runInfos(ctx context.Context, what, q string, args ...any) ([]mlflow.RunInfo, error) {
	rows, err := c.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, c.wrap(err, what)
	}
	defer rows.Close()
	out := []mlflow.RunInfo{}
	for rows.Next() {
		r, _, err := scanRun(rows)
		if err != nil {
			return nil, c.wrap(err, what)
		}
		out = append(out, r.Info)
	}
	return out, c.wrap(rows.Err(), what)
}

// MetricHistory returns one metric's full history in logged order. An
// unknown key of a known run gives an empty list, as MLflow does.
func (c *Cache) MetricHistory(ctx context.Context, srcID int64, runID, key string) ([]mlflow.Metric, error) {
	if h, found, err := c.runHistoryOf(ctx, srcID, runID, key); found || err != nil {
		return h, err
	}
	// A run stored before schema 5: its metric_history rows.
	var blob []byte
	err := c.rdb.GetContext(ctx, &blob, `SELECT points FROM metric_history WHERE source_id = ? AND run_id = ? AND key = ?`, srcID, runID, key)
	if err == sql.ErrNoRows {
		var n int
		if err := c.rdb.GetContext(ctx, &n, `SELECT COUNT(*) FROM runs WHERE source_id = ? AND run_id = ?`, srcID, runID); err != nil {
			return nil, c.wrap(err, "read run "+runID)
		}
		if n == 0 {
			return nil, mlflow.NotFoundf("Run with id=%s not found", runID)
		}
		return []mlflow.Metric{}, nil
	}
	if err != nil {
		return nil, c.wrap(err, fmt.Sprintf("read history of %s in run %s", key, runID))
	}
	h, err := DecodeHistory(key, blob)
	if err != nil {
		return nil, fmt.Errorf("history of %s in run %s: %w; re-sync the source to repair the cache", key, runID, err)
	}
	return h, nil
}

// MetricHistories returns one metric's history for several runs (runs
// without that metric are absent from the map).
func (c *Cache) MetricHistories(ctx context.Context, srcID int64, runIDs []string, key string) (map[string][]mlflow.Metric, error) {
	out := make(map[string][]mlflow.Metric, len(runIDs))
	if len(runIDs) == 0 {
		return out, nil
	}
	ids, err := jsonList(runIDs)
	if err != nil {
		return nil, err
	}
	// Runs stored before schema 5 have metric_history rows instead: the
	// union reads each run from where it is.
	rows, err := c.rdb.QueryContext(ctx, `SELECT run_id, keys, 1 FROM run_history WHERE source_id = ? AND `+inIDs+`
		UNION ALL SELECT run_id, points, 0 FROM metric_history WHERE source_id = ? AND key = ? AND `+inIDs,
		srcID, ids, srcID, key, ids)
	if err != nil {
		return nil, c.wrap(err, "read histories of "+key)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var blob sql.RawBytes
		var perRun bool
		if err := rows.Scan(&id, &blob, &perRun); err != nil {
			return nil, c.wrap(err, "read histories of "+key)
		}
		if perRun {
			points, ok, err := findRunHistory(blob, key)
			if err != nil {
				return nil, fmt.Errorf("histories of run %s: %w; re-sync the source to repair the cache", id, err)
			}
			if !ok {
				continue
			}
			blob = points
		}
		h, err := DecodeHistory(key, blob)
		if err != nil {
			return nil, fmt.Errorf("history of %s in run %s: %w; re-sync the source to repair the cache", key, id, err)
		}
		out[id] = h
	}
	return out, c.wrap(rows.Err(), "read histories of "+key)
}

// Keys are the distinct metric, param and tag keys of some runs.
type Keys struct {
	Metrics []string
	Params  []string
	Tags    []string
}

// RunKeys lists the distinct metric, param and tag keys of the runs of the
// given experiments (all when expIDs is empty), sorted.
func (c *Cache) RunKeys(ctx context.Context, srcID int64, expIDs []string) (*Keys, error) {
	k := &Keys{Metrics: []string{}, Params: []string{}, Tags: []string{}}
	exps, err := jsonList(expIDs)
	if err != nil {
		return nil, err
	}
	err = c.read(ctx, "list run keys", func(tx *sqlx.Tx) error {
		for _, t := range []struct {
			table string
			dst   *[]string
		}{{"metrics", &k.Metrics}, {"params", &k.Params}, {"tags", &k.Tags}} {
			// Every experiment: the (source_id, key, …) index answers
			// DISTINCT directly. Some: walk their runs.
			q, args := `SELECT DISTINCT key FROM `+t.table+` WHERE source_id = ? ORDER BY key`, []any{srcID}
			if len(expIDs) > 0 {
				q = `SELECT DISTINCT x.key FROM runs r JOIN ` + t.table + ` x ON x.source_id = r.source_id AND x.run_id = r.run_id
					WHERE r.source_id = ? AND r.experiment_id IN (SELECT value FROM json_each(?)) ORDER BY x.key`
				args = append(args, exps)
			}
			if err := tx.SelectContext(ctx, t.dst, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	return k, err
}

// Fingerprints maps every cached run of the source to the fingerprint it
// was stored with.
func (c *Cache) Fingerprints(ctx context.Context, srcID int64) (map[string]string, error) {
	refs, err := c.StoredRefs(ctx, srcID)
	out := make(map[string]string, len(refs))
	for id, r := range refs {
		out[id] = r.Fingerprint
	}
	return out, err
}

// StoredRefs returns what the cache holds of each run of a source as the
// source listed it: experiment, lifecycle stage and fingerprint, by run id.
func (c *Cache) StoredRefs(ctx context.Context, srcID int64) (map[string]source.RunRef, error) {
	rows, err := c.rdb.QueryContext(ctx, `SELECT run_id, experiment_id, lifecycle_stage, fingerprint FROM runs WHERE source_id = ?`, srcID)
	if err != nil {
		return nil, c.wrap(err, "read run fingerprints")
	}
	defer rows.Close()
	out := map[string]source.RunRef{}
	for rows.Next() {
		var r source.RunRef
		if err := rows.Scan(&r.RunID, &r.ExperimentID, &r.LifecycleStage, &r.Fingerprint); err != nil {
			return nil, c.wrap(err, "read run fingerprints")
		}
		out[r.RunID] = r
	}
	return out, c.wrap(rows.Err(), "read run fingerprints")
}

// LoggedModels lists the source's logged models of one run (runID set), or
// of the given experiments (all when expIDs is empty), by model id.
func (c *Cache) LoggedModels(ctx context.Context, srcID int64, runID string, expIDs []string) ([]mlflow.LoggedModel, error) {
	var q string
	var args []any
	switch {
	case runID != "":
		q, args = `SELECT json FROM logged_models WHERE source_id = ? AND source_run_id = ? ORDER BY model_id`, []any{srcID, runID}
	case len(expIDs) > 0:
		exps, err := jsonList(expIDs)
		if err != nil {
			return nil, err
		}
		q, args = `SELECT json FROM logged_models WHERE source_id = ? AND experiment_id IN (SELECT value FROM json_each(?)) ORDER BY model_id`, []any{srcID, exps}
	default:
		q, args = `SELECT json FROM logged_models WHERE source_id = ? ORDER BY model_id`, []any{srcID}
	}
	var blobs []string
	if err := c.rdb.SelectContext(ctx, &blobs, q, args...); err != nil {
		return nil, c.wrap(err, "read logged models")
	}
	out := make([]mlflow.LoggedModel, len(blobs))
	for i, b := range blobs {
		if err := json.Unmarshal([]byte(b), &out[i]); err != nil {
			return nil, fmt.Errorf("cached logged model: %w; re-sync the source to repair the cache", err)
		}
	}
	return out, nil
}
