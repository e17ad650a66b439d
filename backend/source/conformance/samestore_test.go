package conformance

import (
	"bytes"
	"encoding/json"
	"io"
	"sort"
	"testing"

	"flowdeck/backend/mlflow"
)

// The REST recordings were made against the server on mlflow.db, so the
// replay and the SQLite store are the same store: same ids, same timestamps.
// Here they must agree entity for entity, not just logically.

// canonRun sorts a run's lists by key, as neither kind promises an order.
func canonRun(r *mlflow.Run) string {
	c := *r
	c.Data.Metrics = append([]mlflow.Metric(nil), r.Data.Metrics...)
	c.Data.Params = append([]mlflow.Param(nil), r.Data.Params...)
	c.Data.Tags = append([]mlflow.Tag(nil), r.Data.Tags...)
	sort.Slice(c.Data.Metrics, func(i, j int) bool { return c.Data.Metrics[i].Key < c.Data.Metrics[j].Key })
	sort.Slice(c.Data.Params, func(i, j int) bool { return c.Data.Params[i].Key < c.Data.Params[j].Key })
	sort.Slice(c.Data.Tags, func(i, j int) bool { return c.Data.Tags[i].Key < c.Data.Tags[j].Key })
	if c.Inputs != nil && len(c.Inputs.DatasetInputs) == 0 && len(c.Inputs.ModelInputs) == 0 {
		c.Inputs = nil
	}
	if c.Outputs != nil && len(c.Outputs.ModelOutputs) == 0 {
		c.Outputs = nil
	}
	b, _ := json.MarshalIndent(c, "", " ")
	return string(b)
}

func TestRESTIsTheSQLiteStore(t *testing.T) {
	sq, rest := openSQLite(t), openREST(t)
	defer rest.checkNoStrays(t)

	for _, name := range restRuns { // rest/17–22
		if d := diff(canonRun(sq.mustRun(t, name)), canonRun(rest.mustRun(t, name))); d != "" {
			t.Errorf("run %s (-sqlite +rest):\n%s", name, d)
		}
	}
	for _, h := range restHistories { // rest/23, 27, 28: same points, same order
		id := sq.man.Runs[h[0]]
		want, err1 := sq.st.MetricHistory(ctx, id, h[1])
		got, err2 := rest.st.MetricHistory(ctx, id, h[1])
		if err1 != nil || err2 != nil {
			t.Fatalf("history %v: %v %v", h, err1, err2)
		}
		if d := diff(want, got); d != "" || len(got) == 0 {
			t.Errorf("history %v (-sqlite +rest):\n%s", h, d)
		}
	}
	c1 := sq.man.Runs["logreg-C1.0"]
	for _, l := range []struct{ run, path string }{{c1, ""}, {c1, "eval"}, {sq.man.Runs["remote-run"], ""}} { // rest/31–33
		want, err1 := sq.st.ListArtifacts(ctx, l.run, l.path)
		got, err2 := rest.st.ListArtifacts(ctx, l.run, l.path)
		if err1 != nil || err2 != nil {
			t.Fatalf("list %v: %v %v", l, err1, err2)
		}
		if d := diff(sortFiles(want.Files), sortFiles(got.Files)); d != "" || len(got.Files) == 0 {
			t.Errorf("artifacts of %v (-sqlite +rest):\n%s", l, d)
		}
		if want.RootURI != got.RootURI {
			t.Errorf("artifacts of %v: root_uri %q (sqlite) vs %q (rest)", l, want.RootURI, got.RootURI)
		}
	}
	a, b := readArtifact(t, sq, c1, "eval/summary.json"), readArtifact(t, rest, c1, "eval/summary.json") // rest/38
	if !bytes.Equal(a, b) || len(a) == 0 {
		t.Errorf("eval/summary.json: sqlite %q, rest %q", a, b)
	}

	// Experiments: rest/02 was recorded before call 57 set a tag (whyExpTag).
	sqExps, err1 := sq.st.Experiments(ctx, mlflow.ViewAll)
	restExps, err2 := rest.st.Experiments(ctx, mlflow.ViewAll)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	tag := body(t, 57)
	for i := range sqExps {
		e := &sqExps[i]
		if e.ExperimentID == tag["experiment_id"] {
			e.Tags = dropTag(e.Tags, tag["key"].(string), tag["value"].(string), t)
		}
	}
	byID := func(es []mlflow.Experiment) []mlflow.Experiment {
		sort.Slice(es, func(i, j int) bool { return es[i].ExperimentID < es[j].ExperimentID })
		return es
	}
	if d := diff(byID(sqExps), byID(restExps)); d != "" {
		t.Errorf("experiments (-sqlite minus call 57 +rest/02):\n%s", d)
	}
}

// dropTag removes tag key, which must have value.
func dropTag(tags []mlflow.Tag, key, value string, t *testing.T) []mlflow.Tag {
	t.Helper()
	var out []mlflow.Tag
	found := false
	for _, tg := range tags {
		if tg.Key == key {
			found = tg.Value == value
			continue
		}
		out = append(out, tg)
	}
	if !found {
		t.Errorf("tag %s=%q is missing", key, value)
	}
	return out
}

func sortFiles(fs []mlflow.FileInfo) []mlflow.FileInfo {
	out := append([]mlflow.FileInfo(nil), fs...)
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func readArtifact(t testing.TB, k *kind, owner, path string) []byte {
	t.Helper()
	rc, _, err := k.st.OpenArtifact(ctx, owner, path)
	if err != nil {
		t.Errorf("%s: OpenArtifact(%s, %s): %v", k.name, owner, path, err)
		return nil
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Errorf("%s: read %s: %v", k.name, path, err)
	}
	return b
}
