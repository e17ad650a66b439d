package conformance

import (
	"encoding/json"
	"sort"
	"testing"
)

// loggedView is an MLflow 3 logged model, keyed by its source run's name.
type loggedView struct {
	Name, Status, ModelType, Experiment string
	Params, Tags                        map[string]string
	Metrics                             []string
	Files                               []string // artifact paths (contents hold ids)
}

func loggedViews(t *testing.T, k *kind) map[string]loggedView {
	ms, err := k.st.LoggedModels(ctx, nil)
	if err != nil {
		t.Fatalf("%s: LoggedModels: %v", k.name, err)
	}
	out := map[string]loggedView{}
	for _, m := range ms {
		run := k.man.runName[m.Info.SourceRunID]
		v := loggedView{Name: m.Info.Name, Status: m.Info.Status, ModelType: m.Info.ModelType,
			Experiment: k.man.expName[m.Info.ExperimentID], Params: map[string]string{}, Tags: map[string]string{}}
		for _, p := range m.Data.Params {
			v.Params[p.Key] = p.Value
		}
		for _, tg := range m.Info.Tags {
			v.Tags[tg.Key] = k.logical(tg.Value)
		}
		for _, x := range m.Data.Metrics {
			v.Metrics = append(v.Metrics, x.Key+"@"+string(mustJSON(x.Step))+"="+string(mustJSON(x.Value)))
		}
		sort.Strings(v.Metrics)
		for _, e := range tree(t, k, m.Info.ModelID) {
			v.Files = append(v.Files, e.Path)
		}
		if _, dup := out[run]; dup || run == "" {
			t.Errorf("%s: logged model %s of run %q (%s)", k.name, m.Info.ModelID, run, m.Info.SourceRunID)
		}
		out[run] = v
	}
	return out
}

func TestLoggedModels(t *testing.T) {
	ref := openFile35(t)
	want := loggedViews(t, ref)
	// Every run with a model output has its logged model, and no other.
	for _, name := range sortedRuns(ref) {
		out := ref.mustRun(t, name).Outputs
		has := out != nil && len(out.ModelOutputs) > 0
		if _, ok := want[name]; ok != has {
			t.Errorf("run %s: model outputs %v, logged model %v", name, has, ok)
		}
	}
	if len(want) != 7 { // logreg ×3, rf-n100, ridge ×3: the registered versions
		t.Errorf("%d logged models: %v", len(want), want)
	}
	sq := openSQLite(t)
	if d := diff(want, loggedViews(t, sq)); d != "" {
		t.Errorf("logged models (-filestore-3.5 +sqlite-3.5):\n%s", d)
	}
	if got := loggedViews(t, openFile222(t)); len(got) != 0 { // whyLegacyModels
		t.Errorf("MLflow 2.22 store lists logged models: %v", got)
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
