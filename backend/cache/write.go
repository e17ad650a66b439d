package cache

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

// RunWrite is one run to store, with the fingerprint it was listed with
// (taken BEFORE reading, so a run that changed while it was read is read
// again on the next sync).
type RunWrite struct {
	Bundle      *source.RunBundle
	Fingerprint string
	// New says the run is not cached yet (the syncer knows from the
	// fingerprints it loaded), which skips deleting its old rows.
	New bool

	prep *preparedRun
}

// preparedRun is a run encoded into the cache's rows (everything after
// source_id). Encoding is pure CPU work: the syncer's readers do it in
// parallel through Prepare, so the one writer only hands rows to SQLite.
type preparedRun struct {
	id      string
	run     []any          // runs columns after source_id
	kv      [2][][3]string // params, tags: (run_id, key, value)
	metrics []any          // rows of 9: run_id, key, value, is_nan, timestamp, step, min, max, count
	history []byte         // every metric's history (encodeRunHistory)
	pack    []byte         // metric summaries (a zero count when none)
	packKV  [2][]byte      // params, tags packed for cache.unpack
	search  []byte         // the run as runs/search writes it (see searchJSON)
}

// RunID is the id of the run to store.
func (w *RunWrite) RunID() string {
	if w.prep != nil {
		return w.prep.id
	}
	if w.Bundle == nil {
		return ""
	}
	return runID(&w.Bundle.Run.Info)
}

// Prepare encodes the run for UpsertRuns ahead of time and drops the
// bundle (its histories are then held only in their compact encoding).
// UpsertRuns prepares runs that were not.
func (w *RunWrite) Prepare() error {
	if w.prep != nil || w.Bundle == nil {
		return nil
	}
	p, err := prepareRun(w.Bundle, w.Fingerprint)
	if err != nil {
		return fmt.Errorf("run %s: %w", runID(&w.Bundle.Run.Info), err)
	}
	w.prep, w.Bundle = p, nil
	return nil
}

func prepareRun(b *source.RunBundle, fingerprint string) (*preparedRun, error) {
	r := &b.Run
	id := runID(&r.Info)
	if id == "" {
		return nil, fmt.Errorf("run without an id")
	}
	name := r.Info.RunName
	if name == "" {
		name, _ = r.Tag("mlflow.runName")
	}
	parent, _ := r.Tag("mlflow.parentRunId")
	status := r.Info.Status
	if status == "" {
		status = mlflow.StatusRunning
	}
	ls := r.Info.LifecycleStage
	if ls == "" {
		ls = mlflow.LifecycleActive
	}
	inputs, outputs, err := ioJSON(r)
	if err != nil {
		return nil, err
	}
	p := &preparedRun{id: id, run: []any{id, r.Info.ExperimentID, name, r.Info.UserID, status,
		nullInt(r.Info.StartTime), nullInt(r.Info.EndTime), r.Info.ArtifactURI, ls, nullInt(r.Info.DeletedTime),
		parent, inputs, outputs, fingerprint}}
	for i, kvs := range [2][]mlflow.KeyValue{r.Data.Params, r.Data.Tags} {
		rows := make([][3]string, len(kvs))
		for j, kv := range kvs {
			rows[j] = [3]string{id, kv.Key, kv.Value}
		}
		p.kv[i] = rows
	}
	n := len(b.History) + len(r.Data.Metrics)
	done := make(map[string]bool, n)
	sums := make([]MetricSummary, 0, n)
	p.metrics = make([]any, 0, 9*n)
	hs := make([]keyedHistory, 0, n)
	add := func(key string, h []mlflow.Metric) {
		sum := summarize(h)
		sums = append(sums, sum.export(key))
		v := float64(sum.latest.Value)
		isNaN := 0
		var val any = v
		if math.IsNaN(v) {
			val, isNaN = nil, 1
		}
		p.metrics = append(p.metrics, id, key, val, isNaN, sum.latest.Timestamp, sum.latest.Step,
			nullFloat(sum.min), nullFloat(sum.max), sum.count)
		hs = append(hs, keyedHistory{key, EncodeHistory(h)})
	}
	for key, h := range b.History {
		if len(h) == 0 {
			continue
		}
		done[key] = true
		add(key, h)
	}
	// A store that only gave the latest value of a metric: keep that as a
	// one-point history.
	for _, m := range r.Data.Metrics {
		if done[m.Key] {
			continue
		}
		done[m.Key] = true
		m.RunID = ""
		add(m.Key, []mlflow.Metric{m})
	}
	p.history = encodeRunHistory(hs)
	p.pack = encodeSummaries(sums)
	p.packKV = [2][]byte{packKV(r.Data.Params), packKV(r.Data.Tags)}
	// The info as Runs loads it back (NULL times read as 0).
	norm := mlflow.RunInfo{RunID: id, RunUUID: id, ExperimentID: r.Info.ExperimentID, RunName: name, UserID: r.Info.UserID,
		Status: status, StartTime: r.Info.StartTime, EndTime: r.Info.EndTime, ArtifactURI: r.Info.ArtifactURI,
		LifecycleStage: ls, DeletedTime: r.Info.DeletedTime}
	if p.search, err = searchJSON(p, norm, inputs, outputs); err != nil {
		return nil, err
	}
	return p, nil
}

// ReplaceExperiments makes the source's experiments exactly exps: upserts
// them (replacing their tags) and removes experiments no longer listed.
// Runs are not touched.
func (c *Cache) ReplaceExperiments(ctx context.Context, srcID int64, exps []mlflow.Experiment) error {
	return c.write(ctx, "store experiments", func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS keep_ids (id TEXT PRIMARY KEY)`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM temp.keep_ids`); err != nil {
			return err
		}
		up, err := tx.PrepareContext(ctx, `INSERT INTO experiments
			(source_id, experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(source_id, experiment_id) DO UPDATE SET name = excluded.name,
			artifact_location = excluded.artifact_location, lifecycle_stage = excluded.lifecycle_stage,
			creation_time = excluded.creation_time, last_update_time = excluded.last_update_time`)
		if err != nil {
			return err
		}
		defer up.Close()
		tag, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO experiment_tags (source_id, experiment_id, key, value) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer tag.Close()
		for _, e := range exps {
			ls := e.LifecycleStage
			if ls == "" {
				ls = mlflow.LifecycleActive
			}
			if _, err := up.ExecContext(ctx, srcID, e.ExperimentID, e.Name, e.ArtifactLocation, ls,
				nullInt(e.CreationTime), nullInt(e.LastUpdateTime)); err != nil {
				return fmt.Errorf("experiment %s: %w", e.ExperimentID, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO temp.keep_ids(id) VALUES (?)`, e.ExperimentID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM experiment_tags WHERE source_id = ? AND experiment_id = ?`, srcID, e.ExperimentID); err != nil {
				return err
			}
			for _, t := range e.Tags {
				if _, err := tag.ExecContext(ctx, srcID, e.ExperimentID, t.Key, t.Value); err != nil {
					return err
				}
			}
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM experiments WHERE source_id = ? AND experiment_id NOT IN (SELECT id FROM temp.keep_ids)`, srcID)
		return err
	})
}

// runStmts are the prepared statements of one runs batch.
type runStmts struct {
	tx        *sqlx.Tx
	run, pack *sqlx.Stmt
	kv        [2]*sqlx.Stmt // params, tags from one JSON array per batch
	del       []*sqlx.Stmt
	multi     map[multiKey]*sqlx.Stmt
}

type multiKey struct {
	table string
	rows  int
}

// multiRows is the most rows one multi-row INSERT carries.
const multiRows = 64

var insertCols = map[string]string{
	"params":          "(source_id, run_id, key, value)",
	"tags":            "(source_id, run_id, key, value)",
	"metrics":         "(source_id, run_id, key, value, is_nan, timestamp, step, min_value, max_value, count)",
	"metric_history":  "(source_id, run_id, key, points)",
	"run_search_json": "(source_id, run_id, json)",
	"run_history":     "(source_id, run_id, keys)",
}

// insert writes rows of width values each after source_id (flattened in
// rows) with multi-row INSERT statements prepared once per (table, row
// count) in the transaction: far fewer driver round trips than one row per
// statement.
func (s *runStmts) insert(ctx context.Context, table string, srcID int64, width int, rows []any) error {
	args := make([]any, 0, min(len(rows)/width, multiRows)*(width+1))
	for len(rows) > 0 {
		n := min(len(rows)/width, multiRows)
		k := multiKey{table, n}
		st := s.multi[k]
		if st == nil {
			row := "(" + strings.TrimSuffix(strings.Repeat("?, ", width+1), ", ") + ")"
			q := "INSERT OR REPLACE INTO " + table + " " + insertCols[table] + " VALUES " +
				strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
			var err error
			if st, err = s.tx.PreparexContext(ctx, q); err != nil {
				return err
			}
			s.multi[k] = st
		}
		args = args[:0]
		for i := 0; i < n; i++ {
			args = append(args, srcID)
			args = append(args, rows[i*width:(i+1)*width]...)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
		rows = rows[n*width:]
	}
	return nil
}

// insertKV writes params or tags rows. Rows go to SQLite as one JSON array
// per batch (two bound values instead of four per row, the bulk of a sync's
// driver calls); a value JSON cannot carry byte for byte (invalid UTF-8, a
// NUL) goes through bound rows instead.
func (s *runStmts) insertKV(ctx context.Context, i int, table string, srcID int64, rows [][3]string) error {
	var bound []any
	clean := rows[:0:0]
	for _, r := range rows {
		if jsonSafe(r[0]) && jsonSafe(r[1]) && jsonSafe(r[2]) {
			clean = append(clean, r)
		} else {
			bound = append(bound, r[0], r[1], r[2])
		}
	}
	if len(clean) > 0 {
		b, err := json.Marshal(clean)
		if err != nil {
			return err
		}
		if _, err := s.kv[i].ExecContext(ctx, srcID, string(b)); err != nil {
			return err
		}
	}
	return s.insert(ctx, table, srcID, 3, bound)
}

func jsonSafe(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

func prepareRunStmts(ctx context.Context, tx *sqlx.Tx) (*runStmts, error) {
	s := &runStmts{tx: tx, multi: map[multiKey]*sqlx.Stmt{}}
	var err error
	prep := func(q string) *sqlx.Stmt {
		if err != nil {
			return nil
		}
		var st *sqlx.Stmt
		st, err = tx.PreparexContext(ctx, q)
		return st
	}
	s.run = prep(`INSERT INTO runs (source_id, run_id, experiment_id, run_name, user_id, status, start_time, end_time,
		artifact_uri, lifecycle_stage, deleted_time, parent_run_id, inputs_json, outputs_json, fingerprint)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(source_id, run_id) DO UPDATE SET experiment_id = excluded.experiment_id,
		run_name = excluded.run_name, user_id = excluded.user_id, status = excluded.status,
		start_time = excluded.start_time, end_time = excluded.end_time, artifact_uri = excluded.artifact_uri,
		lifecycle_stage = excluded.lifecycle_stage, deleted_time = excluded.deleted_time,
		parent_run_id = excluded.parent_run_id, inputs_json = excluded.inputs_json,
		outputs_json = excluded.outputs_json, fingerprint = excluded.fingerprint`)
	s.pack = prep(`INSERT OR REPLACE INTO run_metric_pack (source_id, run_id, summaries, params, tags) VALUES (?, ?, ?, ?, ?)`)
	for i, t := range []string{"params", "tags"} {
		s.kv[i] = prep(`INSERT OR REPLACE INTO ` + t + ` (source_id, run_id, key, value)
			SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(?2) AS j`)
	}
	for _, t := range []string{"params", "tags", "metrics", "metric_history", "run_history", "run_metric_pack", "run_search_json"} {
		s.del = append(s.del, prep(`DELETE FROM `+t+` WHERE source_id = ? AND run_id = ?`))
	}
	if err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *runStmts) close() {
	for _, st := range append([]*sqlx.Stmt{s.run, s.pack, s.kv[0], s.kv[1]}, s.del...) {
		if st != nil {
			st.Close()
		}
	}
	for _, st := range s.multi {
		st.Close()
	}
}

// UpsertRuns stores a batch of runs in one transaction: each run's info,
// params, tags, metric summaries and histories replace what was cached, and
// its fingerprint is written with them (so a run is either wholly updated
// or untouched).
func (c *Cache) UpsertRuns(ctx context.Context, srcID int64, batch []RunWrite) error {
	var runs []*preparedRun
	var fresh []bool
	for i := range batch {
		w := &batch[i]
		if err := w.Prepare(); err != nil {
			return err
		}
		if w.prep != nil {
			runs = append(runs, w.prep)
			fresh = append(fresh, w.New)
		}
	}
	if len(runs) == 0 {
		return nil
	}
	return c.write(ctx, fmt.Sprintf("store %d runs", len(runs)), func(tx *sqlx.Tx) error {
		st, err := prepareRunStmts(ctx, tx)
		if err != nil {
			return err
		}
		defer st.close()
		var kv [2][][3]string
		var metrics, history, search []any
		for i, p := range runs {
			if _, err := st.run.ExecContext(ctx, append([]any{srcID}, p.run...)...); err != nil {
				return fmt.Errorf("run %s: %w", p.id, err)
			}
			if !fresh[i] {
				for _, d := range st.del {
					if _, err := d.ExecContext(ctx, srcID, p.id); err != nil {
						return fmt.Errorf("run %s: %w", p.id, err)
					}
				}
			}
			if _, err := st.pack.ExecContext(ctx, srcID, p.id, p.pack, p.packKV[0], p.packKV[1]); err != nil {
				return fmt.Errorf("run %s: %w", p.id, err)
			}
			kv[0] = append(kv[0], p.kv[0]...)
			kv[1] = append(kv[1], p.kv[1]...)
			metrics = append(metrics, p.metrics...)
			history = append(history, p.id, p.history)
			search = append(search, p.id, p.search)
		}
		if err := st.insertKV(ctx, 0, "params", srcID, kv[0]); err != nil {
			return fmt.Errorf("store params: %w", err)
		}
		if err := st.insertKV(ctx, 1, "tags", srcID, kv[1]); err != nil {
			return fmt.Errorf("store tags: %w", err)
		}
		if err := st.insert(ctx, "metrics", srcID, 9, metrics); err != nil {
			return fmt.Errorf("store metric summaries: %w", err)
		}
		if err := st.insert(ctx, "run_history", srcID, 2, history); err != nil {
			return fmt.Errorf("store metric histories: %w", err)
		}
		if err := st.insert(ctx, "run_search_json", srcID, 2, search); err != nil {
			return fmt.Errorf("store runs as JSON: %w", err)
		}
		return nil
	})
}

// packKV packs key/value pairs as "<bytes>:<key><bytes>:<value>" each,
// sorted by key as SQLite's BINARY collation sorts (the format unpack reads
// and migration 0003 builds in SQL).
func packKV(kvs []mlflow.KeyValue) []byte {
	sorted := slices.SortedFunc(slices.Values(kvs), func(a, b mlflow.KeyValue) int { return strings.Compare(a.Key, b.Key) })
	n := 0
	for _, kv := range sorted {
		n += len(kv.Key) + len(kv.Value) + 8
	}
	b := make([]byte, 0, n)
	for _, kv := range sorted {
		b = strconv.AppendInt(b, int64(len(kv.Key)), 10)
		b = append(b, ':')
		b = append(b, kv.Key...)
		b = strconv.AppendInt(b, int64(len(kv.Value)), 10)
		b = append(b, ':')
		b = append(b, kv.Value...)
	}
	return b
}

func runID(info *mlflow.RunInfo) string {
	if info.RunID != "" {
		return info.RunID
	}
	return info.RunUUID
}

func ioJSON(r *mlflow.Run) (string, string, error) {
	var in, out string
	if r.Inputs != nil && (len(r.Inputs.DatasetInputs) > 0 || len(r.Inputs.ModelInputs) > 0) {
		b, err := json.Marshal(r.Inputs)
		if err != nil {
			return "", "", fmt.Errorf("encode inputs: %w", err)
		}
		in = string(b)
	}
	if r.Outputs != nil && len(r.Outputs.ModelOutputs) > 0 {
		b, err := json.Marshal(r.Outputs)
		if err != nil {
			return "", "", fmt.Errorf("encode outputs: %w", err)
		}
		out = string(b)
	}
	return in, out, nil
}

// DeleteRuns removes runs (and their params, tags, metrics, histories).
func (c *Cache) DeleteRuns(ctx context.Context, srcID int64, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	return c.write(ctx, fmt.Sprintf("remove %d runs", len(ids)), func(tx *sqlx.Tx) error {
		for start := 0; start < len(ids); start += 500 {
			part := ids[start:min(start+500, len(ids))]
			arg, err := jsonList(part)
			if err != nil {
				return err
			}
			// Children explicitly (cheaper than per-row cascade checks).
			for _, t := range []string{"metric_history", "run_history", "metrics", "run_metric_pack", "run_search_json", "params", "tags", "runs"} {
				if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE source_id = ? AND run_id IN (SELECT value FROM json_each(?))`, srcID, arg); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// ReplaceLoggedModels makes the source's logged models exactly models.
func (c *Cache) ReplaceLoggedModels(ctx context.Context, srcID int64, models []mlflow.LoggedModel) error {
	return c.write(ctx, "store logged models", func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM logged_models WHERE source_id = ?`, srcID); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO logged_models (source_id, model_id, experiment_id, source_run_id, json) VALUES (?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for i := range models {
			m := &models[i]
			b, err := json.Marshal(m)
			if err != nil {
				return fmt.Errorf("encode logged model %s: %w", m.Info.ModelID, err)
			}
			if _, err := ins.ExecContext(ctx, srcID, m.Info.ModelID, m.Info.ExperimentID, m.Info.SourceRunID, string(b)); err != nil {
				return err
			}
		}
		return nil
	})
}

func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

func nullFloat(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func jsonList(ids []string) (string, error) {
	if ids == nil {
		ids = []string{}
	}
	b, err := json.Marshal(ids)
	return string(b), err
}
