package cache

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
)

type experimentRow struct {
	ID               string        `db:"experiment_id"`
	Name             string        `db:"name"`
	ArtifactLocation string        `db:"artifact_location"`
	LifecycleStage   string        `db:"lifecycle_stage"`
	CreationTime     sql.NullInt64 `db:"creation_time"`
	LastUpdateTime   sql.NullInt64 `db:"last_update_time"`
}

// Experiments lists the source's experiments shown by view, with tags,
// ordered by experiment id (numerically where ids are numbers).
func (c *Cache) Experiments(ctx context.Context, srcID int64, view mlflow.ViewType) ([]mlflow.Experiment, error) {
	out := []mlflow.Experiment{}
	err := c.read(ctx, "read experiments", func(tx *sqlx.Tx) error {
		var err error
		out, err = c.experiments(ctx, tx, `source_id = ?`, srcID)
		return err
	})
	if err != nil {
		return nil, err
	}
	kept := out[:0]
	for _, e := range out {
		if view.Matches(e.LifecycleStage) {
			kept = append(kept, e)
		}
	}
	return kept, nil
}

// Experiment returns one experiment (any lifecycle stage), with tags.
func (c *Cache) Experiment(ctx context.Context, srcID int64, id string) (*mlflow.Experiment, error) {
	var out []mlflow.Experiment
	err := c.read(ctx, "read experiment "+id, func(tx *sqlx.Tx) error {
		var err error
		out, err = c.experiments(ctx, tx, `source_id = ? AND experiment_id = ?`, srcID, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, mlflow.NotFoundf("No Experiment with id=%s exists", id)
	}
	return &out[0], nil
}

// ExperimentByName returns the experiment with this name (any stage).
func (c *Cache) ExperimentByName(ctx context.Context, srcID int64, name string) (*mlflow.Experiment, error) {
	var out []mlflow.Experiment
	err := c.read(ctx, "read experiment "+name, func(tx *sqlx.Tx) error {
		var err error
		out, err = c.experiments(ctx, tx, `source_id = ? AND name = ?`, srcID, name)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, mlflow.NotFoundf("Could not find experiment with name '%s'", name)
	}
	return &out[0], nil
}

func (c *Cache) experiments(ctx context.Context, tx *sqlx.Tx, where string, args ...any) ([]mlflow.Experiment, error) {
	var rows []experimentRow
	if err := tx.SelectContext(ctx, &rows, `SELECT experiment_id, name, artifact_location, lifecycle_stage,
		creation_time, last_update_time FROM experiments WHERE `+where+`
		ORDER BY length(experiment_id), experiment_id`, args...); err != nil {
		return nil, err
	}
	out := make([]mlflow.Experiment, len(rows))
	idx := make(map[string]int, len(rows))
	for i, r := range rows {
		idx[r.ID] = i
		out[i] = mlflow.Experiment{ExperimentID: r.ID, Name: r.Name, ArtifactLocation: r.ArtifactLocation,
			LifecycleStage: r.LifecycleStage, CreationTime: r.CreationTime.Int64, LastUpdateTime: r.LastUpdateTime.Int64}
	}
	if len(rows) == 0 {
		return out, nil
	}
	var tags []struct {
		ID    string `db:"experiment_id"`
		Key   string `db:"key"`
		Value string `db:"value"`
	}
	if err := tx.SelectContext(ctx, &tags, `SELECT experiment_id, key, value FROM experiment_tags WHERE `+where+`
		ORDER BY experiment_id, key`, args...); err != nil {
		return nil, err
	}
	for _, t := range tags {
		if i, ok := idx[t.ID]; ok {
			out[i].Tags = append(out[i].Tags, mlflow.Tag{Key: t.Key, Value: t.Value})
		}
	}
	return out, nil
}

// ExperimentCount is what the experiments list shows next to a name.
type ExperimentCount struct {
	Runs int
	// LastActivity is the latest run start or end time (ms), 0 if no run.
	LastActivity int64
}

// ExperimentRunCounts counts, per experiment, the runs shown by view.
func (c *Cache) ExperimentRunCounts(ctx context.Context, srcID int64, view mlflow.ViewType) (map[string]ExperimentCount, error) {
	cond := `lifecycle_stage != 'deleted'`
	switch view {
	case mlflow.ViewAll:
		cond = `1`
	case mlflow.ViewDeletedOnly:
		cond = `lifecycle_stage = 'deleted'`
	}
	rows, err := c.rdb.QueryContext(ctx, `SELECT experiment_id, COUNT(*),
		COALESCE(MAX(MAX(COALESCE(start_time, 0)), MAX(COALESCE(end_time, 0))), 0)
		FROM runs WHERE source_id = ? AND `+cond+` GROUP BY experiment_id`, srcID)
	if err != nil {
		return nil, c.wrap(err, "count runs")
	}
	defer rows.Close()
	out := map[string]ExperimentCount{}
	for rows.Next() {
		var id string
		var n ExperimentCount
		if err := rows.Scan(&id, &n.Runs, &n.LastActivity); err != nil {
			return nil, c.wrap(err, "count runs")
		}
		out[id] = n
	}
	return out, c.wrap(rows.Err(), "count runs")
}
