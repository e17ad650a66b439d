package sqlstore

import (
	"context"
	"errors"
	"testing"

	"flowdeck/backend/mlflow"
)

func TestExperimentsMatchREST(t *testing.T) {
	s := openFixture(t)
	ctx := context.Background()
	all, err := s.Experiments(ctx, mlflow.ViewAll)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]mlflow.Experiment{}
	for _, e := range all {
		byID[e.ExperimentID] = e
	}
	// rest/02 lists all five; experiment 2 got a note from rest/57 later.
	for _, w := range recording(t, "02")["experiments"].([]any) {
		want := w.(map[string]any)
		id := want["experiment_id"].(string)
		got, ok := byID[id]
		if !ok {
			t.Errorf("experiment %s missing", id)
			continue
		}
		if id == "2" {
			got.Tags = withoutTag(got.Tags, "mlflow.note.content")
		}
		assertJSONEqual(t, "rest/02 experiment "+id, want, got)
	}
	if len(all) != 5 {
		t.Errorf("ALL view: %d experiments, want 5", len(all))
	}
	active, _ := s.Experiments(ctx, mlflow.ViewActiveOnly)
	if len(active) != len(recording(t, "01")["experiments"].([]any)) {
		t.Errorf("ACTIVE_ONLY: %d experiments, rest/01 has %d", len(active), len(recording(t, "01")["experiments"].([]any)))
	}
	deleted, _ := s.Experiments(ctx, mlflow.ViewDeletedOnly)
	if len(deleted) != 1 || deleted[0].ExperimentID != "3" {
		t.Errorf("DELETED_ONLY: %+v", deleted)
	}
}

func TestGetExperiment(t *testing.T) {
	s := openFixture(t)
	ctx := context.Background()
	for _, nn := range []string{"05", "07"} {
		want := recording(t, nn)["experiment"].(map[string]any)
		got, err := s.GetExperiment(ctx, want["experiment_id"].(string))
		if err != nil {
			t.Fatal(err)
		}
		assertJSONEqual(t, "rest/"+nn, want, got)
	}
	e2, err := s.GetExperiment(ctx, "2")
	if err != nil {
		t.Fatal(err)
	}
	if v := tagValue(e2.Tags, "mlflow.note.content"); v != "Updated via REST" {
		t.Errorf("experiment 2 note = %q, want the value rest/57 set", v)
	}
	_, err = s.GetExperiment(ctx, "999999")
	if !errors.Is(err, mlflow.ErrNotFound) || err.Error() != recording(t, "66")["message"] {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := s.GetExperiment(ctx, "abc"); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("non-numeric id: %v", err)
	}
}

func withoutTag(tags []mlflow.Tag, key string) []mlflow.Tag {
	var out []mlflow.Tag
	for _, t := range tags {
		if t.Key != key {
			out = append(out, t)
		}
	}
	return out
}

func tagValue(tags []mlflow.Tag, key string) string {
	for _, t := range tags {
		if t.Key == key {
			return t.Value
		}
	}
	return ""
}
