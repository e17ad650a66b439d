package syncer_test

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flowdeck/backend/cache"
	"flowdeck/backend/cache/cachetest"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
	"flowdeck/backend/source/sqlstore"
	"flowdeck/backend/syncer"
	"flowdeck/backend/testfix"
)

const (
	churnExp   = "933127932157694879"
	houseExp   = "755620684334694112"
	scratchExp = "250147670536669837"
	logregC1   = "76619a470b1844488e190b52087fda5a"
	deletedRun = "328277100a6c468098b3999930a844ee"
	oomCrash   = "4271960f11ea45a0b0c3fe272c1dfb18"
	rfSweep    = "d681afeb67c1442b950c7971cbebed93"
)

func TestSyncFileStore35(t *testing.T) {
	dir := testfix.Copy(t, "mlflow-3.5/mlruns")
	st := openFile(t, dir)
	c := cachetest.New(t)
	var phases []string
	res := mustSync(t, c, st, syncer.Options{Progress: func(p syncer.Progress) {
		if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
			phases = append(phases, p.Phase)
		}
	}})
	if res.Added != 16 || res.Changed != 0 || res.Removed != 0 || res.Experiments != 4 || res.Failed != 0 {
		t.Fatalf("first sync: %+v", res)
	}
	if got := strings.Join(phases, ","); got != "experiments,runs,registry,done" {
		t.Errorf("phases %s", got)
	}
	src := res.SourceID

	// Spot values against the fixture files.
	r, err := c.Run(ctx, src, logregC1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Info.RunName != "logreg-C1.0" || r.Info.UserID != "bob" || r.Info.Status != "FINISHED" ||
		r.Info.StartTime != 1795636769780 || r.Info.EndTime != 1795636771571 || r.Info.ExperimentID != churnExp {
		t.Errorf("info %+v", r.Info)
	}
	if v, _ := r.Tag("team"); v != "ml-platform" {
		t.Errorf("tag team = %q", v)
	}
	params := map[string]string{}
	for _, p := range r.Data.Params {
		params[p.Key] = p.Value
	}
	if params["C"] != "1.0" || len(params) != 6 {
		t.Errorf("params %v", params)
	}
	if r.Inputs == nil || len(r.Inputs.DatasetInputs) == 0 || r.Inputs.DatasetInputs[0].Dataset.Name != "churn-train" {
		t.Errorf("inputs %+v", r.Inputs)
	}
	h, err := c.MetricHistory(ctx, src, logregC1, "train_loss")
	if err != nil || len(h) != 101 || h[0].Step != 0 || h[0].Timestamp != 1795636769788 || h[0].Value != 1.200021349300455 {
		t.Errorf("train_loss history: %d points, first %+v, %v", len(h), first(h), err)
	}
	// oom-crash train_loss: 2.5 @0, nan @1, inf @2.
	sums, _ := c.RunSummaries(ctx, src, []string{oomCrash})
	if ss := sums[oomCrash]; len(ss) != 1 || !math.IsInf(float64(ss[0].Value), 1) || ss[0].Step != 2 ||
		ss[0].Min != 2.5 || !math.IsInf(float64(ss[0].Max), 1) || ss[0].Count != 3 {
		t.Errorf("oom-crash summaries: %+v", ss)
	}
	if h, _ := c.MetricHistory(ctx, src, oomCrash, "train_loss"); len(h) != 3 || !math.IsNaN(float64(h[1].Value)) {
		t.Errorf("oom-crash history %+v", h)
	}
	kids, _ := c.Children(ctx, src, rfSweep)
	if len(kids) != 3 {
		t.Errorf("rf-sweep children: %d", len(kids))
	}
	d, _ := c.Run(ctx, src, deletedRun)
	if d == nil || d.Info.LifecycleStage != "deleted" || d.Info.DeletedTime != 1795636775618 {
		t.Errorf("deleted run %+v", d)
	}
	exps, _ := c.Experiments(ctx, src, mlflow.ViewAll)
	active, _ := c.Experiments(ctx, src, mlflow.ViewActiveOnly)
	if len(exps) != 4 || len(active) != 3 {
		t.Errorf("experiments all %d active %d", len(exps), len(active))
	}
	m, err := c.RegisteredModel(ctx, src, "churn-classifier")
	if err != nil || len(m.Aliases) != 2 {
		t.Fatalf("model %+v %v", m, err)
	}
	v2, _ := c.ModelVersion(ctx, src, "churn-classifier", "2")
	if v2 == nil || v2.CurrentStage != "Production" || len(v2.Aliases) != 1 || v2.Aliases[0] != "champion" {
		t.Errorf("v2 %+v", v2)
	}
	vs, _ := c.ModelVersions(ctx, src, "")
	if len(vs) != 7 {
		t.Errorf("%d versions, want 7", len(vs))
	}
	lms, _ := c.LoggedModels(ctx, src, "", nil)
	if len(lms) == 0 {
		t.Error("no logged models")
	}
	s, _ := c.Source(ctx, src)
	if s.LastSyncEnd == 0 || s.LastError != "" || s.Kind != source.KindFile {
		t.Errorf("source %+v", s)
	}

	// The cache says what the store says (runs/get of every run).
	for id, want := range storeRuns(t, st) {
		got, err := c.Run(ctx, src, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Data.Params) != len(want.Data.Params) || len(got.Data.Tags) != len(want.Data.Tags) ||
			len(got.Data.Metrics) != len(want.Data.Metrics) || got.Info.Status != want.Info.Status {
			t.Errorf("run %s: cache %d/%d/%d, store %d/%d/%d", id, len(got.Data.Params), len(got.Data.Tags), len(got.Data.Metrics),
				len(want.Data.Params), len(want.Data.Tags), len(want.Data.Metrics))
		}
		for _, wm := range want.Data.Metrics {
			for _, gm := range got.Data.Metrics {
				if gm.Key == wm.Key && (gm.Step != wm.Step || gm.Timestamp != wm.Timestamp ||
					(gm.Value != wm.Value && !(math.IsNaN(float64(gm.Value)) && math.IsNaN(float64(wm.Value))))) {
					t.Errorf("run %s metric %s: cache %+v, store %+v", id, wm.Key, gm, wm)
				}
			}
		}
	}

	before := dump(t, c, src)
	res = mustSync(t, c, st, syncer.Options{})
	if res.Added+res.Changed+res.Removed != 0 || res.Unchanged != 16 || res.Skipped {
		t.Errorf("re-sync: %+v", res)
	}
	if after := dump(t, c, src); after != before {
		t.Errorf("re-sync changed the cache:\n%s", diffLines(before, after))
	}
	res = mustSync(t, c, st, syncer.Options{Full: true})
	if res.Changed != 16 {
		t.Errorf("full re-sync: %+v", res)
	}
}

func first(h []mlflow.Metric) mlflow.Metric {
	if len(h) == 0 {
		return mlflow.Metric{}
	}
	return h[0]
}

func storeRuns(t *testing.T, st source.Store) map[string]*mlflow.Run {
	refs, err := st.RunRefs(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*mlflow.Run{}
	for _, r := range refs {
		run, err := st.GetRun(ctx, r.RunID)
		if err != nil {
			t.Fatal(err)
		}
		out[r.RunID] = run
	}
	return out
}

func TestSyncSQLiteMarker(t *testing.T) {
	path := testfix.Copy(t, "mlflow-3.5/mlflow.db")
	st, err := sqlstore.Open(path, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := cachetest.New(t)
	res := mustSync(t, c, st, syncer.Options{})
	if res.Added != 17 || res.Experiments != 5 {
		t.Fatalf("first sync %+v", res)
	}
	want := freshDump(t, st)
	if got := dump(t, c, res.SourceID); got != want {
		t.Errorf("cache differs from a fresh sync:\n%s", diffLines(got, want))
	}
	r, err := c.Run(ctx, res.SourceID, "6bfbc67fa311400d8883fefe1a8daeda")
	if err != nil || r.Info.RunName != "logreg-C1.0" || len(r.Data.Params) == 0 {
		t.Errorf("logreg-C1.0: %+v %v", r, err)
	}
	res = mustSync(t, c, st, syncer.Options{})
	if !res.Skipped || res.Unchanged != 17 || res.Added+res.Changed+res.Removed != 0 {
		t.Errorf("unchanged sqlite re-sync: %+v", res)
	}
	res = mustSync(t, c, st, syncer.Options{Full: true})
	if res.Skipped || res.Changed != 17 {
		t.Errorf("full sqlite re-sync: %+v", res)
	}
}

// TestSyncSeesChanges edits a FileStore copy the way MLflow does and checks
// each edit shows up after an incremental sync, and that the cache then
// equals a fresh sync of the store.
func TestSyncSeesChanges(t *testing.T) {
	dir := testfix.Copy(t, "mlflow-3.5/mlruns")
	st := openFile(t, dir)
	c := cachetest.New(t)
	src := mustSync(t, c, st, syncer.Options{}).SourceID
	run := filepath.Join(dir, churnExp, logregC1)
	check := func(name string, wantChanged, wantRemoved int, verify func()) {
		t.Helper()
		res := mustSync(t, c, st, syncer.Options{})
		if res.Changed != wantChanged || res.Removed != wantRemoved || res.Added != 0 {
			t.Errorf("%s: %+v, want %d changed, %d removed", name, res, wantChanged, wantRemoved)
		}
		verify()
		if got, want := dump(t, c, src), freshDump(t, st); got != want {
			t.Errorf("%s: incremental cache differs from a fresh sync:\n%s", name, diffLines(got, want))
		}
	}

	appendFile(t, filepath.Join(run, "metrics", "train_loss"), "1795636999000 0.01 100\n1795636999001 0.005 101\n")
	check("append metric lines", 1, 0, func() {
		h, _ := c.MetricHistory(ctx, src, logregC1, "train_loss")
		sums, _ := c.RunSummaries(ctx, src, []string{logregC1})
		var cnt int
		for _, s := range sums[logregC1] {
			if s.Key == "train_loss" {
				cnt = s.Count
				if s.Value != 0.005 || s.Step != 101 {
					t.Errorf("latest train_loss %+v", s)
				}
			}
		}
		if len(h) != 103 || cnt != 103 {
			t.Errorf("history %d points, count %d", len(h), cnt)
		}
	})

	writeFile(t, filepath.Join(run, "params", "new_param"), "42")
	check("add param", 1, 0, func() {
		r, _ := c.Run(ctx, src, logregC1)
		if len(r.Data.Params) != 7 {
			t.Errorf("params %v", r.Data.Params)
		}
	})

	replaceFile(t, filepath.Join(run, "tags", "team"), func(string) string { return "research" })
	check("rewrite tag", 1, 0, func() {
		r, _ := c.Run(ctx, src, logregC1)
		if v, _ := r.Tag("team"); v != "research" {
			t.Errorf("team = %q", v)
		}
	})

	replaceFile(t, filepath.Join(run, "meta.yaml"), func(s string) string {
		return strings.Replace(s, "lifecycle_stage: active", "lifecycle_stage: deleted\ndeleted_time: 1795637000000", 1)
	})
	check("delete run", 1, 0, func() {
		r, _ := c.Run(ctx, src, logregC1)
		if r.Info.LifecycleStage != "deleted" {
			t.Errorf("lifecycle %s", r.Info.LifecycleStage)
		}
		n, _ := c.ExperimentRunCounts(ctx, src, mlflow.ViewActiveOnly)
		if n[churnExp].Runs != 10 {
			t.Errorf("active runs in churn: %d", n[churnExp].Runs)
		}
	})
	replaceFile(t, filepath.Join(run, "meta.yaml"), func(s string) string {
		return strings.Replace(s, "lifecycle_stage: deleted\ndeleted_time: 1795637000000", "lifecycle_stage: active", 1)
	})
	check("restore run", 1, 0, func() {
		r, _ := c.Run(ctx, src, logregC1)
		if r.Info.LifecycleStage != "active" || r.Info.DeletedTime != 0 {
			t.Errorf("restored %+v", r.Info)
		}
	})

	// Delete an experiment: move it to .trash and mark it deleted.
	houseDir, trashDir := filepath.Join(dir, houseExp), filepath.Join(dir, ".trash", houseExp)
	if err := os.Rename(houseDir, trashDir); err != nil {
		t.Fatal(err)
	}
	replaceFile(t, filepath.Join(trashDir, "meta.yaml"), func(s string) string {
		return strings.Replace(s, "lifecycle_stage: active", "lifecycle_stage: deleted", 1)
	})
	check("delete experiment", 0, 0, func() {
		e, err := c.Experiment(ctx, src, houseExp)
		if err != nil || e.LifecycleStage != "deleted" {
			t.Errorf("experiment %+v %v", e, err)
		}
	})
	if err := os.Rename(trashDir, houseDir); err != nil {
		t.Fatal(err)
	}
	replaceFile(t, filepath.Join(houseDir, "meta.yaml"), func(s string) string {
		return strings.Replace(s, "lifecycle_stage: deleted", "lifecycle_stage: active", 1)
	})
	check("restore experiment", 0, 0, func() {
		e, _ := c.Experiment(ctx, src, houseExp)
		if e == nil || e.LifecycleStage != "active" {
			t.Errorf("experiment %+v", e)
		}
	})

	model := filepath.Join(dir, "models", "churn-classifier")
	replaceFile(t, filepath.Join(model, "aliases", "champion"), func(string) string { return "3" })
	check("move alias", 0, 0, func() {
		v, _ := c.ModelVersion(ctx, src, "churn-classifier", "3")
		if v == nil || !strings.Contains(strings.Join(v.Aliases, ","), "champion") {
			t.Errorf("v3 %+v", v)
		}
	})

	if err := testfix.CopyTree(filepath.Join(model, "version-4"), filepath.Join(model, "version-5")); err != nil {
		t.Fatal(err)
	}
	replaceFile(t, filepath.Join(model, "version-5", "meta.yaml"), func(s string) string {
		return strings.Replace(s, "version: 4", "version: 5", 1)
	})
	check("add model version", 0, 0, func() {
		if _, err := c.ModelVersion(ctx, src, "churn-classifier", "5"); err != nil {
			t.Errorf("v5: %v", err)
		}
	})

	if err := os.RemoveAll(run); err != nil {
		t.Fatal(err)
	}
	check("remove run folder", 0, 1, func() {
		if _, err := c.Run(ctx, src, logregC1); !errors.Is(err, mlflow.ErrNotFound) {
			t.Errorf("removed run: %v", err)
		}
		if h, err := c.MetricHistory(ctx, src, logregC1, "train_loss"); !errors.Is(err, mlflow.ErrNotFound) {
			t.Errorf("removed run history: %v %v", h, err)
		}
	})
}

// TestSyncLockAndSources checks the per-source lock and that two sources
// live side by side.
func TestSyncTwoSources(t *testing.T) {
	c := cachetest.New(t)
	a := openFile(t, testfix.Copy(t, "mlflow-3.5/mlruns"))
	b := openFile(t, testfix.Copy(t, "mlflow-2.22/mlruns"))
	ra := mustSync(t, c, a, syncer.Options{})
	rb := mustSync(t, c, b, syncer.Options{})
	if ra.SourceID == rb.SourceID || rb.Added == 0 {
		t.Fatalf("%+v %+v", ra, rb)
	}
	if err := c.DeleteSource(ctx, rb.SourceID); err != nil {
		t.Fatal(err)
	}
	fp, _ := c.Fingerprints(ctx, ra.SourceID)
	if len(fp) != 16 {
		t.Errorf("source a lost runs: %d", len(fp))
	}
	var _ *cache.Cache = c
}

// TestStoredSearchJSONEqualsEncodingRuns: the JSON stored with each run at
// sync time is byte for byte what encoding the run Runs loads gives, for
// every run of the real-MLflow FileStore and SQLite fixtures.
func TestStoredSearchJSONEqualsEncodingRuns(t *testing.T) {
	for _, kind := range []string{"file", "sqlite"} {
		t.Run(kind, func(t *testing.T) {
			var st source.Store
			if kind == "file" {
				st = openFile(t, testfix.Copy(t, "mlflow-3.5/mlruns"))
			} else {
				s, err := sqlstore.Open(testfix.Copy(t, "mlflow-3.5/mlflow.db"), source.Options{})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				st = s
			}
			c := cachetest.New(t)
			res := mustSync(t, c, st, syncer.Options{})
			fps, err := c.Fingerprints(ctx, res.SourceID)
			if err != nil || len(fps) < 16 {
				t.Fatalf("%d runs, %v", len(fps), err)
			}
			var ids []string
			for id := range fps {
				ids = append(ids, id)
			}
			got, err := c.RunsSearchJSON(ctx, res.SourceID, ids)
			if err != nil || len(got) != len(ids) {
				t.Fatalf("%d of %d, %v", len(got), len(ids), err)
			}
			runs, err := c.Runs(ctx, res.SourceID, ids)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range runs {
				var b strings.Builder
				enc := json.NewEncoder(&b)
				enc.SetEscapeHTML(false)
				sr := r.AsSearchResponse()
				if err := enc.Encode(&sr); err != nil {
					t.Fatal(err)
				}
				if want := strings.TrimSuffix(b.String(), "\n"); string(got[i]) != want {
					t.Errorf("run %s: stored JSON\n%s\nencoding Runs\n%s", r.Info.RunID, got[i], want)
				}
			}
		})
	}
}
