package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
)

// LoggedModels lists the active MLflow 3 logged models of the experiments
// (all when empty), newest first as logged-models/search orders them, with
// params, tags and metrics. Databases older than 3.0 have none.
func (s *Store) LoggedModels(ctx context.Context, experimentIDs []string) ([]mlflow.LoggedModel, error) {
	out := []mlflow.LoggedModel{}
	if !s.sch.hasTable("logged_models") {
		return out, nil
	}
	filter := "1=1"
	if len(experimentIDs) > 0 {
		var nums []string
		for _, id := range experimentIDs {
			if n, err := strconv.ParseInt(id, 10, 64); err == nil {
				nums = append(nums, strconv.FormatInt(n, 10))
			}
		}
		if len(nums) == 0 {
			return out, nil
		}
		filter = "experiment_id IN (" + strings.Join(nums, ",") + ")"
	}
	idx := map[string]int{}
	q := fmt.Sprintf(`SELECT model_id, CAST(experiment_id AS TEXT), name, artifact_location,
			creation_timestamp_ms, last_updated_timestamp_ms, status, lifecycle_stage, model_type,
			source_run_id, status_message
		FROM logged_models WHERE %s AND COALESCE(lifecycle_stage, 'active') <> 'deleted'
		ORDER BY creation_timestamp_ms DESC, model_id`, filter)
	err := s.queryEach(ctx, "read logged models", q, nil, func(r *sqlx.Rows) error {
		var in mlflow.LoggedModelInfo
		var loc, stage, typ, src, msg sql.NullString
		var ct, ut, status sql.NullInt64
		if err := r.Scan(&in.ModelID, &in.ExperimentID, &in.Name, &loc, &ct, &ut, &status, &stage, &typ, &src, &msg); err != nil {
			return err
		}
		in.ArtifactURI, in.LifecycleStage, in.ModelType = loc.String, stage.String, typ.String
		in.SourceRunID, in.StatusMessage = src.String, msg.String
		in.CreationTimestampMs, in.LastUpdatedTimestampMs = ct.Int64, ut.Int64
		in.Status = mlflow.LoggedModelStatusName(int(status.Int64))
		if in.LifecycleStage == "" {
			in.LifecycleStage = mlflow.LifecycleActive
		}
		idx[in.ModelID] = len(out)
		out = append(out, mlflow.LoggedModel{Info: in})
		return nil
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	sub := "model_id IN (SELECT model_id FROM logged_models WHERE " + filter + ")"
	if s.sch.hasTable("logged_model_params") {
		q := `SELECT model_id, param_key, param_value FROM logged_model_params WHERE ` + sub + ` ORDER BY model_id, param_key`
		err := s.queryEach(ctx, "read logged model params", q, nil, func(r *sqlx.Rows) error {
			var id, k string
			var v sql.NullString
			if err := r.Scan(&id, &k, &v); err != nil {
				return err
			}
			if i, ok := idx[id]; ok {
				out[i].Data.Params = append(out[i].Data.Params, mlflow.Param{Key: k, Value: v.String})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if s.sch.hasTable("logged_model_tags") {
		q := `SELECT model_id, tag_key, tag_value FROM logged_model_tags WHERE ` + sub + ` ORDER BY model_id, tag_key`
		err := s.queryEach(ctx, "read logged model tags", q, nil, func(r *sqlx.Rows) error {
			var id, k string
			var v sql.NullString
			if err := r.Scan(&id, &k, &v); err != nil {
				return err
			}
			if i, ok := idx[id]; ok {
				out[i].Info.Tags = append(out[i].Info.Tags, mlflow.Tag{Key: k, Value: v.String})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if s.sch.hasTable("logged_model_metrics") {
		q := `SELECT model_id, metric_name, metric_value, metric_timestamp_ms, metric_step, run_id,
				dataset_name, dataset_digest
			FROM logged_model_metrics WHERE ` + sub + ` ORDER BY rowid`
		err := s.queryEach(ctx, "read logged model metrics", q, nil, func(r *sqlx.Rows) error {
			var id, k string
			var v sql.NullFloat64
			var ts, step sql.NullInt64
			var run, dn, dd sql.NullString
			if err := r.Scan(&id, &k, &v, &ts, &step, &run, &dn, &dd); err != nil {
				return err
			}
			i, ok := idx[id]
			if !ok {
				return nil
			}
			// SQLite turns a bound NaN into NULL, so NULL reads back as NaN.
			val := mlflow.Float(v.Float64)
			if !v.Valid {
				val = mlflow.Float(math.NaN())
			}
			out[i].Data.Metrics = append(out[i].Data.Metrics, mlflow.Metric{
				Key: k, Value: val, Timestamp: ts.Int64, Step: step.Int64,
				ModelID: id, RunID: run.String, DatasetName: dn.String, DatasetDigest: dd.String,
			})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
