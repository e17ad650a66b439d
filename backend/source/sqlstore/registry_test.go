package sqlstore

import (
	"context"
	"errors"
	"testing"

	"flowdeck/backend/mlflow"
)

func TestRegisteredModelsMatchREST(t *testing.T) {
	s := openFixture(t)
	models, err := s.RegisteredModels(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(models) != 2 || models[0].Name != "churn-classifier" || models[1].Name != "house-price-regressor" {
		t.Fatalf("models = %+v", models)
	}
	// rest/60 is the final state of house-price-regressor; compare in order,
	// since latest_versions' order is MLflow's too.
	want := recording(t, "60")["registered_model"]
	if d := cmpDiff(want, generic(t, models[1])); d != "" {
		t.Errorf("house-price-regressor differs from rest/60:\n%s", d)
	}
	// churn-classifier was not touched by calls 49–59, so rest/41 holds.
	want41 := recording(t, "41")["registered_models"].([]any)[0]
	if d := cmpDiff(want41, generic(t, models[0])); d != "" {
		t.Errorf("churn-classifier differs from rest/41:\n%s", d)
	}
}

func TestModelVersionsMatchREST(t *testing.T) {
	s := openFixture(t)
	ctx := context.Background()
	vs, err := s.ModelVersions(ctx, "churn-classifier")
	if err != nil {
		t.Fatal(err)
	}
	// rest/45 (search, newest first) has no aliases; MLflow adds them only on
	// get, as rest/46 and rest/48 show for v2. We return them everywhere.
	search := recording(t, "45")["model_versions"].([]any)
	if len(vs) != len(search) {
		t.Fatalf("%d versions, rest/45 has %d", len(vs), len(search))
	}
	for i, w := range search {
		got := vs[len(vs)-1-i]
		if got.Version == "2" {
			assertJSONEqual(t, "rest/46 v2", recording(t, "46")["model_version"], got)
			assertJSONEqual(t, "rest/48 alias champion", recording(t, "48")["model_version"], got)
			got.Aliases = nil
		}
		if got.Version == "4" && len(got.Aliases) != 1 {
			t.Errorf("v4 aliases = %v, want [challenger]", got.Aliases)
		}
		got.Aliases = nil
		assertJSONEqual(t, "rest/45 v"+got.Version, w, got)
	}
	all, err := s.ModelVersions(ctx, "")
	if err != nil || len(all) != 7 {
		t.Errorf("all versions: %d, %v; want 7", len(all), err)
	}
	if _, err := s.ModelVersions(ctx, "no-such-model"); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("unknown model: %v", err)
	}
}

func TestRegistrySkipsPromptsAndDeletedVersions(t *testing.T) {
	path := copyFixtureDB(t)
	exec(t, path,
		`INSERT INTO registered_models (name, creation_time, last_updated_time) VALUES ('my-prompt', 1, 1)`,
		`INSERT INTO registered_model_tags (key, value, name) VALUES ('mlflow.prompt.is_prompt', 'true', 'my-prompt')`,
		`INSERT INTO model_versions (name, version, creation_time, current_stage, source) VALUES ('my-prompt', 1, 1, 'None', 'x')`,
		`INSERT INTO model_versions (name, version, creation_time, current_stage, source, run_id) VALUES ('churn-classifier', 5, 1, 'Deleted_Internal', 'REDACTED-SOURCE-PATH', 'REDACTED-RUN-ID')`,
	)
	s := openPath(t, path)
	ctx := context.Background()
	models, _ := s.RegisteredModels(ctx)
	for _, m := range models {
		if m.Name == "my-prompt" {
			t.Error("prompt listed as a registered model")
		}
	}
	vs, _ := s.ModelVersions(ctx, "")
	for _, v := range vs {
		if v.Name == "my-prompt" || v.Version == "5" {
			t.Errorf("listed %s v%s", v.Name, v.Version)
		}
	}
	if len(vs) != 7 {
		t.Errorf("%d versions, want 7", len(vs))
	}
}
