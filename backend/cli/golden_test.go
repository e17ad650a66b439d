package cli

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Golden tests: every REST recording the command line mirrors is replayed
// as the matching `flowdeck … --json` on a copy of mlflow.db — the very
// store the recordings were made against, so ids are the recording's — and
// the JSON must equal the recorded response_body once MLflow's unordered
// lists are ordered alike (goldenCanon).
//
// State (testdata/fixtures/README.md, "State of the SQLite store relative to
// the REST recordings"): mlflow.db is the state after all 72 calls. Calls
// 49–60 changed the registry, call 56 set the run tag reviewed=yes on
// ridge-a1.0 and call 57 the experiment tag mlflow.note.content on
// house-price-regression. Recordings made before a change are compared
// with exactly that change taken out of the CLI's answer (goldenUndo); for
// the registry only entities no call changed, or recordings made after the
// last change to them, are compared.

// goldenUndo takes calls 56 and 57 out of a CLI answer compared with
// recording n, asserting they are there.
func goldenUndo(t *testing.T, n int, v any) {
	t.Helper()
	runTag, expTag := goldenBody(t, 56), goldenBody(t, 57)
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if info := goldenObj(x, "info"); n < 56 && info != nil && info["run_id"] == runTag["run_id"] {
				goldenDropTag(t, goldenObj(x, "data"), runTag["key"].(string), runTag["value"].(string))
			}
			if n < 57 && x["experiment_id"] == expTag["experiment_id"] && x["name"] != nil {
				goldenDropTag(t, x, expTag["key"].(string), expTag["value"].(string))
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
}

// goldenCheck compares the CLI's answer with recording n's response.
func goldenCheck(t *testing.T, n int, got any) {
	t.Helper()
	goldenUndo(t, n, got)
	want := goldenResp(t, n)
	goldenShape(t, n, want, got)
	if d := goldenDiff(want, got); d != "" {
		t.Errorf("rest/%02d %s (-recorded +flowdeck):\n%s", n, goldenRecs[n].Name, d)
	}
}

func TestGoldenExperiments(t *testing.T) {
	src, e := goldenSQLite(t), newGEnv(t)
	// rest/01: ACTIVE_ONLY, order_by name ASC (the CLI has no order_by:
	// its list is put in name order).
	got := e.json("experiments", "search", src)
	sort.SliceStable(got["experiments"].([]any), func(i, j int) bool {
		l := got["experiments"].([]any)
		return goldenObj(l[i])["name"].(string) < goldenObj(l[j])["name"].(string)
	})
	goldenCheck(t, 1, got)
	// rest/02: ALL, in MLflow's default order, which the CLI keeps.
	all := e.json("experiments", "search", src, "--view-type", "ALL")
	goldenCheck(t, 2, all)
	// rest/03 (a filter) and rest/04 (two per page): the CLI has neither;
	// each recorded experiment must equal the CLI's with the same id.
	byID := map[any]any{}
	for _, x := range goldenList(e.json("experiments", "search", src, "--view-type", "ALL"), "experiments") {
		byID[goldenObj(x)["experiment_id"]] = x
	}
	goldenUndo(t, 3, byID[goldenBody(t, 57)["experiment_id"]])
	for _, n := range []int{3, 4} {
		for _, want := range goldenList(goldenResp(t, n), "experiments") {
			if d := goldenDiff(want, goldenCopy(byID[goldenObj(want)["experiment_id"]])); d != "" {
				t.Errorf("rest/%02d (-recorded +flowdeck):\n%s", n, d)
			}
		}
	}
	// rest/05, 07: experiments/get; rest/06: get-by-name, as get of its id.
	for _, n := range []int{5, 6, 7} {
		id := goldenObj(goldenResp(t, n), "experiment")["experiment_id"].(string)
		goldenCheck(t, n, e.json("experiments", "get", src, id))
	}
}

// goldenSearchArgs turns a runs/search recording's body into flags.
func goldenSearchArgs(t *testing.T, n int) []string {
	b := goldenBody(t, n)
	var ids []string
	for _, id := range b["experiment_ids"].([]any) {
		ids = append(ids, id.(string))
	}
	args := []string{"--experiment-ids", strings.Join(ids, ",")}
	if f, ok := b["filter"].(string); ok {
		args = append(args, "--filter", f)
	}
	if ob, ok := b["order_by"].([]any); ok {
		for _, o := range ob {
			args = append(args, "--order-by", o.(string))
		}
	}
	if m, ok := b["max_results"].(float64); ok {
		args = append(args, "--max-results", strconv.Itoa(int(m)))
	}
	if v, ok := b["run_view_type"].(string); ok {
		args = append(args, "--view-type", v)
	}
	return args
}

func TestGoldenRunsSearch(t *testing.T) {
	src, e := goldenSQLite(t), newGEnv(t)
	for _, n := range []int{10, 11, 12, 14, 15, 16} {
		got := e.json(append([]string{"runs", "search", src}, goldenSearchArgs(t, n)...)...)
		goldenCheck(t, n, got)
	}
	// rest/08 and 09: two pages; page 2 follows the CLI's own token (its
	// tokens need not be MLflow's).
	p1 := e.json(append([]string{"runs", "search", src}, goldenSearchArgs(t, 8)...)...)
	tok, _ := p1["next_page_token"].(string)
	if tok == "" {
		t.Fatalf("rest/08 has a next page, flowdeck gave no token")
	}
	delete(p1, "next_page_token")
	want := goldenResp(t, 8)
	delete(want, "next_page_token")
	goldenShape(t, 8, want, p1)
	if d := goldenDiff(want, p1); d != "" {
		t.Errorf("rest/08 (-recorded +flowdeck):\n%s", d)
	}
	p2 := e.json(append([]string{"runs", "search", src, "--page-token", tok}, goldenSearchArgs(t, 9)...)...)
	goldenCheck(t, 9, p2)
}

func TestGoldenRunsSearchErrors(t *testing.T) {
	src, e := goldenSQLite(t), newGEnv(t)
	// MLflow answers 400 to these (OR, a bad operator, a bad direction,
	// max_results above 50000): so must the CLI, with one sentence.
	for _, n := range []int{13, 62, 63, 70} {
		if goldenRecs[n].Status != 400 {
			t.Fatalf("rest/%02d: status %d", n, goldenRecs[n].Status)
		}
		code, out, errs := e.run(append([]string{"runs", "search", src, "--json"}, goldenSearchArgs(t, n)...)...)
		if code == 0 || out != "" {
			t.Errorf("rest/%02d: exit %d, stdout %q; MLflow answered %s", n, code, out, goldenRecs[n].Response)
		}
		goldenOneSentence(t, "rest/"+strconv.Itoa(n), errs)
	}
}

func TestGoldenRunsGet(t *testing.T) {
	src, e := goldenSQLite(t), newGEnv(t)
	for n := 17; n <= 22; n++ {
		goldenCheck(t, n, e.json("runs", "get", src, goldenRecs[n].Query.Get("run_id")))
	}
	// rest/61: an unknown run is an error naming it.
	code, _, errs := e.run("runs", "get", src, goldenRecs[61].Query.Get("run_id"))
	if code == 0 || !strings.Contains(errs, goldenRecs[61].Query.Get("run_id")) {
		t.Errorf("rest/61: exit %d, stderr %q", code, errs)
	}
	goldenOneSentence(t, "rest/61", errs)
}

func TestGoldenMetricHistory(t *testing.T) {
	src, e := goldenSQLite(t), newGEnv(t)
	for _, n := range []int{23, 27, 28} {
		q := goldenRecs[n].Query
		goldenCheck(t, n, e.json("metrics", "history", src, q.Get("run_id"), q.Get("metric_key")))
	}
	// rest/25 and 26 are the first two pages of 25 points: the CLI's full
	// history starts with them, in the same order.
	q := goldenRecs[25].Query
	full := goldenList(e.json("metrics", "history", src, q.Get("run_id"), q.Get("metric_key")), "metrics")
	pages := append(goldenList(goldenResp(t, 25), "metrics"), goldenList(goldenResp(t, 26), "metrics")...)
	if len(full) != 100 || len(pages) != 50 {
		t.Fatalf("train_loss: %d points from flowdeck, %d recorded", len(full), len(pages))
	}
	if d := goldenDiff(map[string]any{"metrics": pages}, map[string]any{"metrics": full[:50]}); d != "" {
		t.Errorf("rest/25+26 (-recorded +flowdeck):\n%s", d)
	}
}

func TestGoldenArtifacts(t *testing.T) {
	src, e := goldenSQLite(t), newGEnv(t)
	for _, n := range []int{31, 32, 33} {
		q := goldenRecs[n].Query
		args := []string{"artifacts", "list", src, q.Get("run_id")}
		if p := q.Get("path"); p != "" {
			args = append(args, p)
		}
		goldenCheck(t, n, e.json(args...))
	}
	// Downloads: rest/34, 35, 37 (mlflow-artifacts paths <exp>/<run>/artifacts/<file>)
	// and rest/38 (get-artifact) must give the recorded bytes.
	for _, n := range []int{34, 35, 37, 38} {
		r := goldenRecs[n]
		run, file := r.Query.Get("run_uuid"), r.Query.Get("path")
		if run == "" {
			parts := strings.SplitN(strings.TrimPrefix(r.Path, "/api/2.0/mlflow-artifacts/artifacts/"), "/", 4)
			run, file = parts[1], parts[3]
		}
		code, out, errs := e.run("artifacts", "get", src, run, file)
		if code != 0 || !bytes.Equal([]byte(out), r.Response) {
			t.Errorf("rest/%02d %s: exit %d (%s), %d bytes, recorded %d", n, file, code, errs, len(out), len(r.Response))
		}
	}
	// rest/39: a missing file (MLflow: 500) is one sentence and a failure.
	code, out, errs := e.run("artifacts", "get", src, "6bfbc67fa311400d8883fefe1a8daeda", "nope.txt")
	if code == 0 || out != "" {
		t.Errorf("rest/39: exit %d, stdout %q", code, out)
	}
	goldenOneSentence(t, "rest/39", errs)
}

func TestGoldenRegistry(t *testing.T) {
	src, e := goldenSQLite(t), newGEnv(t)
	models := goldenList(e.json("models", "search", src), "registered_models")
	byName := map[string]any{}
	for _, m := range models {
		byName[goldenObj(m)["name"].(string)] = m
	}
	// rest/41 lists both models before call 49; only churn-classifier is
	// untouched by calls 49–59. rest/42 (filter name LIKE 'churn%').
	for _, n := range []int{41, 42} {
		for _, want := range goldenList(goldenResp(t, n), "registered_models") {
			name := goldenObj(want)["name"].(string)
			if name != "churn-classifier" {
				continue
			}
			got := goldenCopy(byName[name])
			goldenShape(t, n, want, got)
			if d := goldenDiff(want, got); d != "" {
				t.Errorf("rest/%02d %s (-recorded +flowdeck):\n%s", n, name, d)
			}
		}
	}
	// rest/43 (churn-classifier) and rest/60 (house-price-regressor after
	// the last change to it, call 59).
	for _, n := range []int{43, 60} {
		goldenCheck(t, n, e.json("models", "get", src, goldenRecs[n].Query.Get("name")))
	}
	// rest/45: versions of churn-classifier, version_number DESC.
	vs := e.json("model-versions", "search", src, "--name", "churn-classifier")
	goldenVersionsDesc(vs)
	goldenCheck(t, 45, vs)
	// rest/46 (get), rest/48 (get by alias, as get of the version it names)
	// and rest/59 (the answer of the last change to house-price-regressor v3).
	for _, n := range []int{46, 48, 59} {
		mv := goldenObj(goldenResp(t, n), "model_version")
		goldenCheck(t, n, e.json("model-versions", "get", src, mv["name"].(string), mv["version"].(string)))
	}
	// rest/68: an unknown model.
	code, _, errs := e.run("models", "get", src, goldenRecs[68].Query.Get("name"))
	if code == 0 || !strings.Contains(errs, "no-such-model") {
		t.Errorf("rest/68: exit %d, stderr %q", code, errs)
	}
	goldenOneSentence(t, "rest/68", errs)
	// rest/66: an unknown experiment.
	code, _, errs = e.run("experiments", "get", src, goldenRecs[66].Query.Get("experiment_id"))
	if code == 0 || !strings.Contains(errs, "999999") {
		t.Errorf("rest/66: exit %d, stderr %q", code, errs)
	}
	goldenOneSentence(t, "rest/66", errs)
}

// goldenOneSentence asserts stderr is one "flowdeck: …" line, optionally
// followed by the usage hint.
func goldenOneSentence(t *testing.T, what, stderr string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	if len(lines) == 2 && lines[1] == "Run 'flowdeck --help' for usage." {
		lines = lines[:1]
	}
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "flowdeck: ") || len(lines[0]) < len("flowdeck: ")+10 {
		t.Errorf("%s: stderr is not one sentence:\n%s", what, stderr)
	}
}

// goldenVersionsDesc orders {model_versions: […]} by version_number DESC.
func goldenVersionsDesc(v map[string]any) {
	l := goldenList(v, "model_versions")
	sort.SliceStable(l, func(i, j int) bool {
		a, _ := strconv.Atoi(goldenObj(l[i])["version"].(string))
		b, _ := strconv.Atoi(goldenObj(l[j])["version"].(string))
		return a > b
	})
}
