package filestore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/testfix"
)

func TestRegisteredModels(t *testing.T) {
	for _, fx := range []string{"mlflow-3.5", "mlflow-2.22"} {
		t.Run(fx, func(t *testing.T) {
			s, _ := openAt(t, testfix.Path(fx+"/mlruns"))
			rms, err := s.RegisteredModels(context.Background())
			must(t, err)
			if len(rms) != 2 || rms[0].Name != "churn-classifier" || rms[1].Name != "house-price-regressor" {
				t.Fatalf("models = %+v", rms)
			}
			churn, house := rms[0], rms[1]
			wantAliases := []mlflow.RegisteredModelAlias{{Alias: "challenger", Version: "4"}, {Alias: "champion", Version: "2"}}
			if diff := cmpDiff(wantAliases, churn.Aliases); diff != "" {
				t.Errorf("churn aliases (-want +got):\n%s", diff)
			}
			if diff := cmpDiff([]mlflow.RegisteredModelAlias{{Alias: "champion", Version: "2"}}, house.Aliases); diff != "" {
				t.Errorf("house aliases: the deleted temp alias must be absent (-want +got):\n%s", diff)
			}
			if churn.Description != "Predicts customer churn. Owned by **ml-platform**." {
				t.Errorf("description = %q", churn.Description)
			}
			if diff := cmpDiff([]mlflow.Tag{{Key: "pii", Value: "false"}, {Key: "task", Value: "classification"}}, churn.Tags); diff != "" {
				t.Errorf("tags:\n%s", diff)
			}
			// rest/41 (before call 49) shows the same stages per version.
			stages := map[string]string{}
			var order []string
			for _, v := range churn.LatestVersions {
				stages[v.Version] = v.CurrentStage
				order = append(order, v.Version)
			}
			if strings.Join(order, ",") != "1,2,3,4" || stages["1"] != "Archived" || stages["2"] != "Production" ||
				stages["3"] != "Staging" || stages["4"] != "None" {
				t.Errorf("latest versions = %v %v", order, stages)
			}
		})
	}
}

func TestModelVersions(t *testing.T) {
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	s, _ := openAt(t, testfix.Path("mlflow-3.5/mlruns"))
	ctx := context.Background()
	vs, err := s.ModelVersions(ctx, "churn-classifier")
	must(t, err)
	if len(vs) != 4 {
		t.Fatalf("%d versions", len(vs))
	}
	v2 := vs[1]
	want := mlflow.ModelVersion{
		Name: "churn-classifier", Version: "2",
		CreationTimestamp: 1795636771563, LastUpdatedTimestamp: 1795636781145,
		CurrentStage: "Production", Description: "churn-classifier v2",
		Source: "models:/m-541de2b883b54de88f40a73a46d16fe1", RunID: m.Runs["logreg-C1.0"], Status: "READY",
		Tags:            []mlflow.Tag{{Key: "validation_status", Value: "passed"}},
		Aliases:         []string{"champion"},
		ModelID:         "m-541de2b883b54de88f40a73a46d16fe1",
		StorageLocation: "file:///home/ds/mlflow-demo/mlruns/933127932157694879/models/m-541de2b883b54de88f40a73a46d16fe1/artifacts",
	}
	if diff := cmpDiff(want, v2); diff != "" {
		t.Errorf("v2 (-want +got):\n%s", diff)
	}
	if vs[0].CurrentStage != "Archived" || vs[3].Aliases[0] != "challenger" {
		t.Errorf("v1 = %+v, v4 = %+v", vs[0], vs[3])
	}
	all, err := s.ModelVersions(ctx, "")
	must(t, err)
	if len(all) != 7 {
		t.Errorf("all versions = %d, want 7", len(all))
	}
	if _, err := s.ModelVersions(ctx, "to-be-deleted"); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("deleted model err = %v", err)
	}
	// 2.22: the version source is a run artifact path.
	s22, _ := openAt(t, testfix.Path("mlflow-2.22/mlruns"))
	v22, err := s22.ModelVersions(ctx, "churn-classifier")
	must(t, err)
	if !strings.HasSuffix(v22[0].Source, "/artifacts/model") || v22[0].StorageLocation != v22[0].Source || v22[0].ModelID != "" {
		t.Errorf("2.22 v1 = %+v", v22[0])
	}
}

// TestRegistrySoftDeleteAndPrompts edits a copy: a Deleted_Internal version
// disappears everywhere, and a prompt is left out of both lists.
func TestRegistrySoftDeleteAndPrompts(t *testing.T) {
	root := testfix.Copy(t, "mlflow-3.5/mlruns")
	v4 := filepath.Join(root, "models", "churn-classifier", "version-4", "meta.yaml")
	b, _ := os.ReadFile(v4)
	must(t, os.WriteFile(v4, []byte(strings.Replace(string(b), "current_stage: None", "current_stage: Deleted_Internal", 1)), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "models", "house-price-regressor", "tags", "mlflow.prompt.is_prompt"), []byte("true"), 0o644))
	s, _ := openAt(t, root)
	ctx := context.Background()
	rms, err := s.RegisteredModels(ctx)
	must(t, err)
	if len(rms) != 1 || rms[0].Name != "churn-classifier" {
		t.Fatalf("models = %+v", rms)
	}
	for _, v := range rms[0].LatestVersions {
		if v.Version == "4" || v.CurrentStage == "None" {
			t.Errorf("deleted v4 in latest_versions: %+v", v)
		}
	}
	all, err := s.ModelVersions(ctx, "")
	must(t, err)
	if len(all) != 3 {
		t.Errorf("versions = %d, want 3 (v4 deleted, prompt versions left out)", len(all))
	}
}

// TestLoggedModels compares with the shape of rest/40.
func TestLoggedModels(t *testing.T) {
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	s, _ := openAt(t, testfix.Path("mlflow-3.5/mlruns"))
	ctx := context.Background()
	lms, err := s.LoggedModels(ctx, []string{m.Experiments["churn-classifier"]})
	must(t, err)
	if len(lms) != 4 {
		t.Fatalf("%d logged models in churn-classifier, want 4", len(lms))
	}
	all, err := s.LoggedModels(ctx, nil)
	must(t, err)
	if len(all) != 7 {
		t.Errorf("%d logged models in all, want 7", len(all))
	}
	var lm mlflow.LoggedModel
	for _, x := range lms {
		if x.Info.ModelID == "m-1b3f72d5adfd4875bc7ef29638afb2f4" {
			lm = x
		}
	}
	i := lm.Info
	if i.ExperimentID != m.Experiments["churn-classifier"] || i.Name != "model" || i.Status != "LOGGED_MODEL_READY" ||
		i.SourceRunID != m.Runs["logreg-C10.0"] || i.CreationTimestampMs != 1795636771644 || i.LastUpdatedTimestampMs != 1795636773488 ||
		i.ArtifactURI != "file:///home/ds/mlflow-demo/mlruns/933127932157694879/models/m-1b3f72d5adfd4875bc7ef29638afb2f4/artifacts" {
		t.Errorf("info = %+v", i)
	}
	var rec struct {
		Models []mlflow.LoggedModel `json:"models"`
	}
	restBody(t, "40-logged-models-search.json", &rec)
	keys := func(kv []mlflow.KeyValue) string {
		var ks []string
		for _, k := range kv {
			ks = append(ks, k.Key)
		}
		return strings.Join(ks, ",")
	}
	if keys(i.Tags) != keys(rec.Models[0].Info.Tags) {
		t.Errorf("tag keys %s, rest %s", keys(i.Tags), keys(rec.Models[0].Info.Tags))
	}
	var fa *mlflow.Metric
	for k := range lm.Data.Metrics {
		if lm.Data.Metrics[k].Key == "final_accuracy" {
			fa = &lm.Data.Metrics[k]
		}
	}
	if fa == nil || fa.Value != 0.925 || fa.Timestamp != 1795636771597 || fa.RunID != m.Runs["logreg-C10.0"] || fa.ModelID != i.ModelID {
		t.Errorf("final_accuracy = %+v", fa)
	}
	if len(lm.Data.Params) != 6 {
		t.Errorf("params = %+v", lm.Data.Params)
	}
	s22, _ := openAt(t, testfix.Path("mlflow-2.22/mlruns"))
	if got, err := s22.LoggedModels(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("2.22 logged models = %v, %v", got, err)
	}
}
