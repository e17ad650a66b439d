package conformance

import (
	"encoding/json"
	"errors"
	"sort"
	"testing"

	"flowdeck/backend/mlflow"
)

// The reference is the MLflow 3.5 FileStore: the generator's clean state
// (whyFSClean). Every other kind is compared to it, and the REST replay is
// also compared to the SQLite store it was recorded on, id for id.

// others opens every kind but the reference.
func others(t *testing.T) []*kind {
	return []*kind{openSQLite(t), openREST(t), openFile222(t)}
}

// body decodes recording n's request body.
func body(t testing.TB, n int) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(recording(t, n).Body, &m); err != nil {
		t.Fatalf("recording %d body: %v", n, err)
	}
	return m
}

func sortedRuns(k *kind) []string {
	out := append([]string(nil), k.runs...)
	sort.Strings(out)
	return out
}

func TestExperiments(t *testing.T) {
	ref := openFile35(t)
	all, err := ref.st.Experiments(ctx, mlflow.ViewAll)
	if err != nil {
		t.Fatal(err)
	}
	want := expViews(all)
	if len(want) != 4 || want["scratch-to-delete"].Lifecycle != mlflow.LifecycleDeleted {
		t.Fatalf("reference experiments: %+v", want)
	}
	for _, k := range others(t) {
		t.Run(k.name, func(t *testing.T) {
			defer k.checkNoStrays(t)
			exps, err := k.st.Experiments(ctx, mlflow.ViewAll)
			if err != nil {
				t.Fatal(err)
			}
			got, listed := expViews(exps), expViews(exps)
			if _, ok := k.man.Experiments["logged-via-server"]; ok { // whySQLiteExtra
				if got["logged-via-server"].Lifecycle != mlflow.LifecycleActive {
					t.Errorf("logged-via-server: %+v", got["logged-via-server"])
				}
				delete(got, "logged-via-server")
			}
			if k.mutated { // whyMutated, whyExpTag
				b := body(t, 57)
				if v := got["house-price-regression"].Tags[b["key"].(string)]; v != b["value"] {
					t.Errorf("call 57's tag: got %q, want %q", v, b["value"])
				}
				delete(got["house-price-regression"].Tags, b["key"].(string))
			}
			if d := diff(want, got); d != "" {
				t.Errorf("Experiments(ALL) (-filestore-3.5 +%s):\n%s", k.name, d)
			}
			for name, id := range k.man.Experiments {
				if !k.local && id != "1" && id != "3" { // rest/05 and rest/07
					continue
				}
				e, err := k.st.GetExperiment(ctx, id)
				if err != nil {
					t.Errorf("GetExperiment(%s = %s): %v", name, id, err)
					continue
				}
				if e.Name != name || e.ExperimentID != id {
					t.Errorf("GetExperiment(%s) = %s %q", id, e.ExperimentID, e.Name)
				}
				if d := diff(listed[name], expViews([]mlflow.Experiment{*e})[name]); d != "" {
					t.Errorf("GetExperiment(%s) differs from the listing:\n%s", name, d)
				}
			}
			if !k.local {
				return
			}
			active, err := k.st.Experiments(ctx, mlflow.ViewActiveOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range active {
				if e.Name == "scratch-to-delete" {
					t.Error("ACTIVE_ONLY lists the deleted experiment")
				}
			}
			if len(active) != len(exps)-1 {
				t.Errorf("ACTIVE_ONLY lists %d of %d experiments, want all but scratch-to-delete", len(active), len(exps))
			}
		})
	}
}

func TestRunRefs(t *testing.T) {
	ref := openFile35(t)
	want := refViews(t, ref)
	for _, k := range others(t) {
		if !k.local {
			continue // the REST store's runs/search pages were not recorded
		}
		t.Run(k.name, func(t *testing.T) {
			got := refViews(t, k)
			if _, ok := k.man.Runs["remote-run"]; ok { // whySQLiteExtra
				if got["remote-run"] != "logged-via-server/active" {
					t.Errorf("remote-run: %q", got["remote-run"])
				}
				delete(got, "remote-run")
			}
			if d := diff(want, got); d != "" {
				t.Errorf("RunRefs (-filestore-3.5 +%s):\n%s", k.name, d)
			}
		})
	}
}

// refViews maps each listed run to "experiment/lifecycle" and checks that
// every run of the manifest is listed.
func refViews(t *testing.T, k *kind) map[string]string {
	refs, err := k.st.RunRefs(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range refs {
		name, ok := k.man.runName[r.RunID]
		if !ok {
			t.Errorf("%s: RunRefs lists %s, which is not in the manifest", k.name, r.RunID)
			continue
		}
		out[name] = k.man.expName[r.ExperimentID] + "/" + r.LifecycleStage
		if r.Fingerprint == "" {
			t.Errorf("%s: run %s has no fingerprint", k.name, name)
		}
	}
	if len(out) != len(k.man.Runs) {
		t.Errorf("%s: RunRefs lists %d runs, the manifest %d", k.name, len(out), len(k.man.Runs))
	}
	return out
}

func TestRuns(t *testing.T) {
	ref := openFile35(t)
	for _, k := range others(t) {
		t.Run(k.name, func(t *testing.T) {
			defer k.checkNoStrays(t)
			for _, name := range sortedRuns(k) {
				if _, ok := ref.man.Runs[name]; !ok {
					if name != "remote-run" { // whySQLiteExtra
						t.Errorf("run %q is in no FileStore", name)
					}
					continue
				}
				want := ref.runView(ref.mustRun(t, name))
				got := k.runView(k.mustRun(t, name))
				allowRun(t, k, name, &want, &got)
				if d := diff(want, got); d != "" {
					t.Errorf("run %s (-filestore-3.5 +%s):\n%s", name, k.name, d)
				}
			}
		})
	}
}

// allowRun applies the documented differences of kind k to run name.
func allowRun(t *testing.T, k *kind, name string, want, got *runView) {
	t.Helper()
	if k.infAsMax { // whyInf
		for key, p := range want.Latest {
			p.Value = maxInf(p.Value)
			want.Latest[key] = p
		}
	}
	if k.mutated && name == "ridge-a1.0" { // whyRunTag
		b := body(t, 56)
		if v := got.Tags[b["key"].(string)]; v != b["value"] {
			t.Errorf("call 56's tag on ridge-a1.0: got %q, want %q", v, b["value"])
		}
		delete(got.Tags, b["key"].(string))
	}
	if k.legacy222 { // whyLegacyModels: a 2.22 run with a model has the
		// log-model history tag where a 3.5 run has a model output.
		const hist = "mlflow.log-model.history"
		_, tagged := got.Tags[hist]
		if tagged != (want.ModelOutputs > 0) {
			t.Errorf("run %s: 2.22 %s tag %v, 3.5 model outputs %d", name, hist, tagged, want.ModelOutputs)
		}
		delete(got.Tags, hist)
		want.ModelOutputs = 0
	}
}

// TestNotFound: an unknown run or experiment is mlflow.ErrNotFound on every
// kind (REST: rest/61 and rest/66); an unknown metric key is an empty
// history, not an error (local kinds; no REST recording asks for one).
func TestNotFound(t *testing.T) {
	for _, k := range append(others(t), openFile35(t)) {
		if _, err := k.st.GetRun(ctx, "00000000000000000000000000000000"); !errors.Is(err, mlflow.ErrNotFound) {
			t.Errorf("%s: GetRun(unknown) = %v, want ErrNotFound", k.name, err)
		}
		if _, err := k.st.GetExperiment(ctx, "999999"); !errors.Is(err, mlflow.ErrNotFound) {
			t.Errorf("%s: GetExperiment(999999) = %v, want ErrNotFound", k.name, err)
		}
		k.checkNoStrays(t)
		if !k.local {
			continue
		}
		h, err := k.st.MetricHistory(ctx, k.man.Runs["logreg-C1.0"], "no_such_metric")
		if err != nil || h == nil || len(h) != 0 {
			t.Errorf("%s: MetricHistory(unknown key) = %v, %v; want an empty list", k.name, h, err)
		}
	}
}
