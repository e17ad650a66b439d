package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

// runColumns selects a run's info; columns a revision lacks read as NULL
// (runs.name before 2.0, runs.deleted_time before 1.28).
func (s *Store) runColumns() string {
	return fmt.Sprintf(`run_uuid, CAST(experiment_id AS TEXT), %s, user_id, status, start_time, end_time,
		artifact_uri, lifecycle_stage, %s`,
		s.sch.col("runs", "name", "NULL"), s.sch.col("runs", "deleted_time", "NULL"))
}

func scanRunInfo(r *sqlx.Rows) (mlflow.RunInfo, error) {
	var in mlflow.RunInfo
	var exp, name, user, status, uri, stage sql.NullString
	var start, end, del sql.NullInt64
	if err := r.Scan(&in.RunUUID, &exp, &name, &user, &status, &start, &end, &uri, &stage, &del); err != nil {
		return in, err
	}
	in.RunID = in.RunUUID
	in.ExperimentID, in.RunName, in.UserID = exp.String, name.String, user.String
	in.Status, in.ArtifactURI, in.LifecycleStage = status.String, uri.String, stage.String
	in.StartTime, in.EndTime, in.DeletedTime = start.Int64, end.Int64, del.Int64
	if in.LifecycleStage == "" {
		in.LifecycleStage = mlflow.LifecycleActive
	}
	return in, nil
}

// loadRuns reads the runs with the given ids as runs/get returns them, in
// a fixed number of queries per chunk of ids. Unknown ids are absent from
// the map.
func (s *Store) loadRuns(ctx context.Context, ids []string) (map[string]*mlflow.Run, error) {
	runs := make(map[string]*mlflow.Run, len(ids))
	err := forChunks(ids, func(part []string) error {
		args := anyArgs(part)
		in := placeholders(len(part))
		q := fmt.Sprintf(`SELECT %s FROM runs WHERE run_uuid IN (%s)`, s.runColumns(), in)
		err := s.queryEach(ctx, "read runs", q, args, func(r *sqlx.Rows) error {
			info, err := scanRunInfo(r)
			if err != nil {
				return err
			}
			runs[info.RunUUID] = &mlflow.Run{Info: info, Inputs: &mlflow.RunInputs{}, Outputs: &mlflow.RunOutputs{}}
			return nil
		})
		if err != nil {
			return err
		}
		if err := s.loadKV(ctx, runs, "params", in, args); err != nil {
			return err
		}
		if err := s.loadKV(ctx, runs, "tags", in, args); err != nil {
			return err
		}
		if err := s.loadLatestMetrics(ctx, runs, in, args); err != nil {
			return err
		}
		return s.loadRunInputs(ctx, runs, in, args)
	})
	if err != nil {
		return nil, err
	}
	for _, r := range runs {
		// Runs logged before 2.0 have no name column value; MLflow's UI
		// shows the mlflow.runName tag then.
		if r.Info.RunName == "" {
			if v, ok := r.Tag("mlflow.runName"); ok {
				r.Info.RunName = v
			}
		}
	}
	return runs, nil
}

// loadKV fills params or tags.
func (s *Store) loadKV(ctx context.Context, runs map[string]*mlflow.Run, table, in string, args []any) error {
	if !s.sch.hasTable(table) {
		return nil
	}
	q := fmt.Sprintf(`SELECT run_uuid, key, value FROM %s WHERE run_uuid IN (%s) ORDER BY rowid`, table, in)
	return s.queryEach(ctx, "read run "+table, q, args, func(r *sqlx.Rows) error {
		var id, k string
		var v sql.NullString
		if err := r.Scan(&id, &k, &v); err != nil {
			return err
		}
		run := runs[id]
		if run == nil {
			return nil
		}
		kv := mlflow.KeyValue{Key: k, Value: v.String}
		if table == "params" {
			run.Data.Params = append(run.Data.Params, kv)
		} else {
			run.Data.Tags = append(run.Data.Tags, kv)
		}
		return nil
	})
}

// metricCols selects key, value, timestamp, step, is_nan from a metrics
// table; step and is_nan arrived in 2019 revisions.
func (s *Store) metricCols(table string) string {
	return fmt.Sprintf(`key, value, %s, %s, %s`,
		s.sch.col(table, "timestamp", "0"), s.sch.col(table, "step", "0"), s.sch.col(table, "is_nan", "0"))
}

func scanMetric(r *sqlx.Rows, runID *string) (mlflow.Metric, error) {
	var m mlflow.Metric
	var v sql.NullFloat64
	var ts, step sql.NullInt64
	var isNaN sql.NullBool
	if err := r.Scan(runID, &m.Key, &v, &ts, &step, &isNaN); err != nil {
		return m, err
	}
	m.Timestamp, m.Step = ts.Int64, step.Int64
	// NaN is stored as 0 with is_nan set. Infinities were stored as
	// ±DBL_MAX and MLflow's server returns them as such, so they stay.
	if isNaN.Bool {
		m.Value = mlflow.Float(math.NaN())
	} else {
		m.Value = mlflow.Float(v.Float64)
	}
	return m, nil
}

// loadLatestMetrics fills run data metrics from latest_metrics, or, on
// databases older than that table (2019), computes the maximum by
// (step, timestamp, value) per key from the full history as MLflow did.
func (s *Store) loadLatestMetrics(ctx context.Context, runs map[string]*mlflow.Run, in string, args []any) error {
	var q string
	switch {
	case s.sch.hasTable("latest_metrics"):
		q = fmt.Sprintf(`SELECT run_uuid, %s FROM latest_metrics WHERE run_uuid IN (%s) ORDER BY rowid`,
			s.metricCols("latest_metrics"), in)
	case s.sch.hasTable("metrics"):
		q = fmt.Sprintf(`SELECT run_uuid, key, value, ts, st, nan FROM (
			SELECT run_uuid, key, value, ts, st, nan, ROW_NUMBER() OVER (
				PARTITION BY run_uuid, key ORDER BY st DESC, ts DESC, value DESC) AS rn
			FROM (SELECT run_uuid, key, value, %s AS ts, %s AS st, %s AS nan
				FROM metrics WHERE run_uuid IN (%s))
		) WHERE rn = 1 ORDER BY run_uuid, key`,
			s.sch.col("metrics", "timestamp", "0"), s.sch.col("metrics", "step", "0"),
			s.sch.col("metrics", "is_nan", "0"), in)
	default:
		return nil
	}
	return s.queryEach(ctx, "read latest metrics", q, args, func(r *sqlx.Rows) error {
		var id string
		m, err := scanMetric(r, &id)
		if err != nil {
			return err
		}
		if run := runs[id]; run != nil {
			run.Data.Metrics = append(run.Data.Metrics, m)
		}
		return nil
	})
}

// GetRun returns a run as runs/get does.
func (s *Store) GetRun(ctx context.Context, runID string) (*mlflow.Run, error) {
	runs, err := s.loadRuns(ctx, []string{runID})
	if err != nil {
		return nil, err
	}
	r := runs[runID]
	if r == nil {
		return nil, mlflow.NotFoundf("Run with id=%s not found", runID)
	}
	return r, nil
}

// ReadRun returns the run and the full history of every metric.
func (s *Store) ReadRun(ctx context.Context, runID string) (*source.RunBundle, error) {
	b, err := s.ReadRuns(ctx, []string{runID})
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, mlflow.NotFoundf("Run with id=%s not found", runID)
	}
	return b[0], nil
}

// ReadRuns is the batch form of ReadRun for syncing: it reads many runs
// and all their histories with a fixed number of queries per 500 ids
// instead of several per run. Bundles come back in the order of ids;
// unknown ids are skipped (a run cannot be deleted from SQL by MLflow, but
// a database may be replaced between RunRefs and ReadRuns).
func (s *Store) ReadRuns(ctx context.Context, ids []string) ([]*source.RunBundle, error) {
	runs, err := s.loadRuns(ctx, ids)
	if err != nil {
		return nil, err
	}
	hist := make(map[string]map[string][]mlflow.Metric, len(runs))
	if s.sch.hasTable("metrics") {
		err = forChunks(ids, func(part []string) error {
			q := fmt.Sprintf(`SELECT run_uuid, %s FROM metrics WHERE run_uuid IN (%s) ORDER BY run_uuid, key, %s`,
				s.metricCols("metrics"), placeholders(len(part)), historyOrder(s.sch))
			return s.queryEach(ctx, "read metric histories", q, anyArgs(part), func(r *sqlx.Rows) error {
				var id string
				m, err := scanMetric(r, &id)
				if err != nil {
					return err
				}
				h := hist[id]
				if h == nil {
					h = map[string][]mlflow.Metric{}
					hist[id] = h
				}
				h[m.Key] = append(h[m.Key], m)
				return nil
			})
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]*source.RunBundle, 0, len(runs))
	seen := map[string]bool{}
	for _, id := range ids {
		r := runs[id]
		if r == nil || seen[id] {
			continue
		}
		seen[id] = true
		h := hist[id]
		if h == nil {
			h = map[string][]mlflow.Metric{}
		}
		out = append(out, &source.RunBundle{Run: *r, History: h})
	}
	return out, nil
}

// historyOrder is MLflow's SQL order for a metric's history: timestamp,
// then step, then the stored value (NaN sorts as its stored 0).
func historyOrder(sch *schema) string {
	return fmt.Sprintf("%s, %s, value", sch.col("metrics", "timestamp", "0"), sch.col("metrics", "step", "0"))
}

// MetricHistory returns one metric's history in MLflow's order. An unknown
// run is an error; an unknown key gives an empty list.
func (s *Store) MetricHistory(ctx context.Context, runID, key string) ([]mlflow.Metric, error) {
	var n int
	if err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM runs WHERE run_uuid = ?`, runID); err != nil {
		return nil, s.wrap(err, "read run")
	}
	if n == 0 {
		return nil, mlflow.NotFoundf("Run with id=%s not found", runID)
	}
	out := []mlflow.Metric{}
	if !s.sch.hasTable("metrics") {
		return out, nil
	}
	q := fmt.Sprintf(`SELECT run_uuid, %s FROM metrics WHERE run_uuid = ? AND key = ? ORDER BY %s`,
		s.metricCols("metrics"), historyOrder(s.sch))
	err := s.queryEach(ctx, "read metric history", q, []any{runID, key}, func(r *sqlx.Rows) error {
		var id string
		m, err := scanMetric(r, &id)
		if err == nil {
			out = append(out, m)
		}
		return err
	})
	return out, err
}
