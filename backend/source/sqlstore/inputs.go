package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
)

// loadRunInputs fills dataset inputs (DATASET→RUN edges, 2.4+) with their
// input tags, and MLflow 3 model inputs (RUN_INPUT→MODEL_INPUT) and model
// outputs (RUN_OUTPUT→MODEL_OUTPUT, with step).
func (s *Store) loadRunInputs(ctx context.Context, runs map[string]*mlflow.Run, in string, args []any) error {
	if !s.sch.hasTable("inputs") {
		return nil
	}
	if s.sch.hasTable("datasets") {
		if err := s.loadDatasetInputs(ctx, runs, in, args); err != nil {
			return err
		}
	}
	q := fmt.Sprintf(`SELECT source_type, source_id, destination_id, %s FROM inputs
		WHERE source_type IN ('RUN_INPUT', 'RUN_OUTPUT') AND source_id IN (%s) ORDER BY rowid`,
		s.sch.col("inputs", "step", "0"), in)
	return s.queryEach(ctx, "read run model inputs and outputs", q, args, func(r *sqlx.Rows) error {
		var typ, runID, modelID string
		var step sql.NullInt64
		if err := r.Scan(&typ, &runID, &modelID, &step); err != nil {
			return err
		}
		run := runs[runID]
		if run == nil {
			return nil
		}
		if typ == "RUN_INPUT" {
			run.Inputs.ModelInputs = append(run.Inputs.ModelInputs, mlflow.ModelInput{ModelID: modelID})
		} else {
			run.Outputs.ModelOutputs = append(run.Outputs.ModelOutputs, mlflow.ModelOutput{ModelID: modelID, Step: step.Int64})
		}
		return nil
	})
}

func (s *Store) loadDatasetInputs(ctx context.Context, runs map[string]*mlflow.Run, in string, args []any) error {
	type key struct{ run, input string }
	pos := map[key]int{} // index into the run's DatasetInputs
	q := fmt.Sprintf(`SELECT i.destination_id, i.input_uuid, d.name, d.digest, d.dataset_source_type,
			d.dataset_source, d.dataset_schema, d.dataset_profile
		FROM inputs i JOIN datasets d ON i.source_id = d.dataset_uuid
		WHERE i.destination_type = 'RUN' AND i.destination_id IN (%s) ORDER BY i.rowid`, in)
	err := s.queryEach(ctx, "read dataset inputs", q, args, func(r *sqlx.Rows) error {
		var runID, inputID string
		var d mlflow.Dataset
		var name, digest, st, src, sch, prof sql.NullString
		if err := r.Scan(&runID, &inputID, &name, &digest, &st, &src, &sch, &prof); err != nil {
			return err
		}
		run := runs[runID]
		if run == nil {
			return nil
		}
		d = mlflow.Dataset{Name: name.String, Digest: digest.String, SourceType: st.String,
			Source: src.String, Schema: sch.String, Profile: prof.String}
		pos[key{runID, inputID}] = len(run.Inputs.DatasetInputs)
		run.Inputs.DatasetInputs = append(run.Inputs.DatasetInputs, mlflow.DatasetInput{Dataset: d})
		return nil
	})
	if err != nil || len(pos) == 0 || !s.sch.hasTable("input_tags") {
		return err
	}
	q = fmt.Sprintf(`SELECT i.destination_id, t.input_uuid, t.name, t.value
		FROM input_tags t JOIN inputs i ON i.input_uuid = t.input_uuid
		WHERE i.destination_type = 'RUN' AND i.destination_id IN (%s) ORDER BY t.rowid`, in)
	return s.queryEach(ctx, "read dataset input tags", q, args, func(r *sqlx.Rows) error {
		var runID, inputID, k string
		var v sql.NullString
		if err := r.Scan(&runID, &inputID, &k, &v); err != nil {
			return err
		}
		i, ok := pos[key{runID, inputID}]
		if !ok {
			return nil
		}
		di := &runs[runID].Inputs.DatasetInputs[i]
		di.Tags = append(di.Tags, mlflow.Tag{Key: k, Value: v.String})
		return nil
	})
}
