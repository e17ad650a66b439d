package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
)

func (s *Store) experimentQuery(where string) string {
	return fmt.Sprintf(`SELECT CAST(experiment_id AS TEXT), name, artifact_location, lifecycle_stage, %s, %s
		FROM experiments WHERE %s AND %s ORDER BY experiment_id`,
		s.sch.col("experiments", "creation_time", "NULL"),
		s.sch.col("experiments", "last_update_time", "NULL"),
		s.sch.workspaceFilter("experiments", ""), where)
}

func (s *Store) readExperiments(ctx context.Context, where string, args ...any) ([]mlflow.Experiment, error) {
	var out []mlflow.Experiment
	idx := map[string]int{}
	err := s.queryEach(ctx, "read experiments", s.experimentQuery(where), args, func(r *sqlx.Rows) error {
		var e mlflow.Experiment
		var loc, stage sql.NullString
		var ct, ut sql.NullInt64
		if err := r.Scan(&e.ExperimentID, &e.Name, &loc, &stage, &ct, &ut); err != nil {
			return err
		}
		e.ArtifactLocation, e.LifecycleStage = loc.String, stage.String
		if e.LifecycleStage == "" {
			e.LifecycleStage = mlflow.LifecycleActive
		}
		e.CreationTime, e.LastUpdateTime = ct.Int64, ut.Int64
		idx[e.ExperimentID] = len(out)
		out = append(out, e)
		return nil
	})
	if err != nil || len(out) == 0 || !s.sch.hasTable("experiment_tags") {
		return out, err
	}
	// Tags of every experiment in one pass; there are few experiments.
	q := `SELECT CAST(experiment_id AS TEXT), key, value FROM experiment_tags ORDER BY rowid`
	err = s.queryEach(ctx, "read experiment tags", q, nil, func(r *sqlx.Rows) error {
		var id, k string
		var v sql.NullString
		if err := r.Scan(&id, &k, &v); err != nil {
			return err
		}
		if i, ok := idx[id]; ok {
			out[i].Tags = append(out[i].Tags, mlflow.Tag{Key: k, Value: v.String})
		}
		return nil
	})
	return out, err
}

// Experiments lists experiments of the view type with their tags.
func (s *Store) Experiments(ctx context.Context, view mlflow.ViewType) ([]mlflow.Experiment, error) {
	all, err := s.readExperiments(ctx, "1=1")
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, e := range all {
		if view.Matches(e.LifecycleStage) {
			out = append(out, e)
		}
	}
	return out, nil
}

// GetExperiment returns one experiment, deleted or not.
func (s *Store) GetExperiment(ctx context.Context, id string) (*mlflow.Experiment, error) {
	// SQL experiment ids are integers; anything else cannot exist here.
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil, mlflow.NotFoundf("No Experiment with id=%s exists", id)
	}
	list, err := s.readExperiments(ctx, "experiment_id = ?", n)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, mlflow.NotFoundf("No Experiment with id=%s exists", id)
	}
	return &list[0], nil
}
