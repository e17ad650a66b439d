package service

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flowdeck/backend/cache/cachetest"
	"flowdeck/backend/config"
	"flowdeck/backend/connect"
	"flowdeck/backend/events"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/mlmodel"
	"flowdeck/backend/testfix"
)

// Run ids of the 3.5 FileStore fixture (manifest-filestore.json).
const (
	churnExp  = "933127932157694879"
	rfSweep   = "d681afeb67c1442b950c7971cbebed93"
	rfN10     = "216d4d5f87274bb780c61e83e5e30c91"
	rfN100    = "4354377239c0472eb43ecbd9d4b5603e"
	logregC1  = "76619a470b1844488e190b52087fda5a"
	fileStore = "mlflow-3.5/mlruns"
)

type recorder struct {
	got []events.Event
}

func (r *recorder) Emit(name string, p any) {
	r.got = append(r.got, events.Event{Name: name, Payload: p})
}
func (r *recorder) PickPath(string) (string, error) { return "/picked", nil }
func newBackend(t *testing.T, uris ...string) (*Backend, *Service) {
	t.Helper()
	cfg, err := config.Load(filepath.Join(t.TempDir(), "sources.json"))
	if err != nil {
		t.Fatal(err)
	}
	b := NewBackend(Deps{Cache: cachetest.New(t), Config: cfg, Open: connect.Open, Face: "web"})
	for i, u := range uris {
		if _, err := b.AddCommandLineSource(u, i == 0); err != nil {
			t.Fatal(err)
		}
	}
	b.Start(nil)
	t.Cleanup(b.Stop)
	return b, b.Service()
}

func syncAll(t *testing.T, b *Backend) {
	t.Helper()
	for _, src := range b.svc.deps.Config.List() {
		if _, err := b.SyncNow(b.svc.baseCtx, src.ID, nil); err != nil {
			t.Fatalf("sync %s: %v", src.URI, err)
		}
	}
}

func TestBrowseFixtureStore(t *testing.T) {
	b, s := newBackend(t, testfix.Path(fileStore))
	syncAll(t, b)

	srcs, err := s.ListSources()
	if err != nil || len(srcs) != 1 || !srcs[0].Current || srcs[0].LastSync == 0 || srcs[0].Kind != "file" {
		t.Fatalf("sources: %+v %v", srcs, err)
	}
	exps, err := s.ListExperiments("", "ACTIVE_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range exps {
		counts[e.Name] = e.RunCount
	}
	// The fixture README: churn-classifier holds 11 active runs (12 with the
	// deleted one), house-price-regression 3, Default none.
	if counts["churn-classifier"] != 11 || counts["house-price-regression"] != 3 || counts["Default"] != 0 || len(exps) != 3 {
		t.Fatalf("experiments: %v", counts)
	}

	res, err := s.SearchRuns(SearchRunsRequest{ExperimentIDs: []string{churnExp}, Filter: "params.model_type = 'random_forest'", OrderBy: []string{"params.n_estimators ASC"}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range res.Runs {
		names = append(names, r.Info.RunName)
	}
	// Params sort as strings: "10" < "100" < "50" (README-search.md rule 4).
	if strings.Join(names, ",") != "rf-n10,rf-n100,rf-n50" || res.Total != 3 {
		t.Fatalf("runs %v total %d", names, res.Total)
	}
	for _, r := range res.Runs {
		if r.ParentRunID != rfSweep {
			t.Errorf("%s parent %q", r.Info.RunName, r.ParentRunID)
		}
		if len(r.Metrics) == 0 || r.Metrics[0].Count == 0 {
			t.Errorf("%s has no metric summaries", r.Info.RunName)
		}
	}

	_, err = s.SearchRuns(SearchRunsRequest{ExperimentIDs: []string{churnExp}, Filter: "metrics.acc >"})
	var me *mlflow.Error
	if !errors.As(err, &me) || me.Code != "INVALID_PARAMETER_VALUE" {
		t.Fatalf("bad filter: %v", err)
	}

	d, err := s.GetRun("", rfSweep)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Children) != 3 || d.Parent != nil || d.Experiment.Name != "churn-classifier" {
		t.Fatalf("sweep detail: %d children, parent %v, exp %q", len(d.Children), d.Parent, d.Experiment.Name)
	}
	child, err := s.GetRun("", rfN10)
	if err != nil || child.Parent == nil || child.Parent.RunID != rfSweep {
		t.Fatalf("child detail: %+v %v", child.Parent, err)
	}
	if len(child.LoggedModels) != 0 {
		t.Errorf("rf-n10 logged no model, detail shows %d", len(child.LoggedModels))
	}
	// In the fixture only rf-n100 of the sweep logged a model (its models/m-*
	// meta.yaml names it as source_run_id).
	n100, err := s.GetRun("", rfN100)
	if err != nil || len(n100.LoggedModels) != 1 || n100.LoggedModels[0].Info.SourceRunID != rfN100 {
		t.Errorf("rf-n100 logged models: %+v %v", n100.LoggedModels, err)
	}

	keys, err := s.SearchKeys("", []string{churnExp})
	if err != nil || !contains(keys.Metrics, "system/gpu_util") || !contains(keys.Params, "optimizer/lr") || !contains(keys.Tags, "mlflow.runName") {
		t.Fatalf("keys %+v %v", keys, err)
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func TestArtifactPreviews(t *testing.T) {
	b, s := newBackend(t, testfix.Path(fileStore))
	syncAll(t, b)
	cases := []struct {
		path, kind, text string
	}{
		{"notes.txt", "text", "Run notes for C=1.0"},
		{"eval/summary.json", "json", "{\n  \"accuracy\": 0.9333333333333333,"},
		{"config/config.yaml", "yaml", ""},
		{"eval/sample.csv", "csv", ""},
		{"plots/loss_1.png", "image", ""},
	}
	for _, c := range cases {
		pv, err := s.PreviewArtifact("", logregC1, c.path)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		if pv.Kind != c.kind || !strings.HasPrefix(pv.Text, c.text) || pv.Size <= 0 || pv.Truncated {
			t.Errorf("%s: kind %q size %d truncated %v text %.40q", c.path, pv.Kind, pv.Size, pv.Truncated, pv.Text)
		}
	}
	pv, _ := s.PreviewArtifact("", logregC1, "eval/sample.csv")
	if len(pv.Table) < 2 || strings.Join(pv.Table[0], ",") != "tenure,monthly_charges,support_calls,age" {
		t.Errorf("csv table %v", pv.Table)
	}
	if _, err := s.PreviewArtifact("", logregC1, "../../../meta.yaml"); !errors.Is(err, mlflow.ErrInvalidArgument) {
		t.Errorf("escaping path: %v", err)
	}
}

func TestMLmodelPreviewOfLoggedModel(t *testing.T) {
	b, s := newBackend(t, testfix.Path(fileStore))
	syncAll(t, b)
	d, err := s.GetRun("", logregC1)
	if err != nil || len(d.LoggedModels) == 0 {
		t.Fatalf("logged models of logreg-C1.0: %v %v", d.LoggedModels, err)
	}
	mid := d.LoggedModels[0].Info.ModelID
	pv, err := s.PreviewArtifact("", mid, "MLmodel")
	if err != nil {
		t.Fatal(err)
	}
	card, ok := pv.MLmodel.(*mlmodel.Card)
	if pv.Kind != "mlmodel" || !ok || card.ModelID != mid || card.Files["requirements.txt"] == "" || card.InputExample == "" {
		t.Fatalf("preview %+v card %+v", pv, card)
	}
}

func TestArtifactHandler(t *testing.T) {
	b, _ := newBackend(t, testfix.Path(fileStore))
	syncAll(t, b)
	srv := httptest.NewServer(b.ArtifactHandler())
	defer srv.Close()
	id := b.svc.currentID()
	get := func(p string) *http.Response {
		r, err := http.Get(srv.URL + "/artifact?" + url.Values{"source": {id}, "run": {logregC1}, "path": {p}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		return r
	}
	if r := get("plots/loss_1.png"); r.StatusCode != 200 || r.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "inline") {
		t.Errorf("png: %d %v", r.StatusCode, r.Header)
	}
	if r := get("notes.txt"); r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(r.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("text: %d %v", r.StatusCode, r.Header)
	}
	if r := get("../../meta.yaml"); r.StatusCode != 400 {
		t.Errorf("escape: %d", r.StatusCode)
	}
	if r := get("missing.txt"); r.StatusCode != 404 {
		t.Errorf("missing: %d", r.StatusCode)
	}
}

func TestMetricPlotSVG(t *testing.T) {
	b, s := newBackend(t, testfix.Path(fileStore))
	syncAll(t, b)
	svg, err := s.MetricPlot(PlotRequest{RunIDs: []string{rfN10, logregC1}, Keys: []string{"train_loss"}, Width: 600, Height: 300})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(svg, "<svg") || !strings.Contains(svg, "rf-n10") || !strings.Contains(svg, "logreg-C1.0") {
		t.Fatalf("svg lacks the chart or its legend: %.200s", svg)
	}
	if _, err := s.MetricPlot(PlotRequest{RunIDs: []string{rfN10}, Keys: []string{"no_such_metric"}}); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("unknown metric: %v", err)
	}
}

func TestSourcesLifecycleKeepsSecrets(t *testing.T) {
	_, s := newBackend(t)
	bad := s.TestSource(SourceInput{URI: filepath.Join(t.TempDir(), "nope")})
	if bad.OK || bad.Error == "" {
		t.Fatalf("missing folder tested OK: %+v", bad)
	}
	good := s.TestSource(SourceInput{URI: testfix.Path(fileStore)})
	if !good.OK || good.Kind != "file" || good.Experiments != 3 {
		t.Fatalf("fixture test: %+v", good)
	}
	if _, err := s.AddSource(SourceInput{URI: testfix.Path(fileStore), Password: "pw"}); !errors.Is(err, mlflow.ErrInvalidArgument) {
		t.Errorf("credentials on a folder accepted: %v", err)
	}
	v, err := s.AddSource(SourceInput{Name: "team", URI: "http://127.0.0.1:1", Username: "alice", Password: "hunter2", Token: "tok-123"})
	if err != nil {
		t.Fatal(err)
	}
	if !v.HasCredentials {
		t.Errorf("view does not say credentials are stored")
	}
	all, _ := s.ListSources()
	b, _ := json.Marshal(all)
	if strings.Contains(string(b), "hunter2") || strings.Contains(string(b), "tok-123") {
		t.Fatalf("secret sent to the UI: %s", b)
	}
	// The sync of an unreachable server ends in a stale, explained state.
	deadline := time.Now().Add(30 * time.Second)
	for {
		all, _ = s.ListSources()
		if all[0].State == "error" || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if all[0].State != "error" || !strings.Contains(all[0].Error, "127.0.0.1:1") {
		t.Errorf("unreachable server state: %+v", all[0])
	}
	if err := s.RemoveSource(v.ID); err != nil {
		t.Fatal(err)
	}
	if all, _ = s.ListSources(); len(all) != 0 {
		t.Errorf("after remove: %+v", all)
	}
}

func TestPickPathOnlyOnDesktop(t *testing.T) {
	_, s := newBackend(t)
	if _, err := s.PickPath("folder"); !errors.Is(err, mlflow.ErrUnsupported) {
		t.Errorf("web face PickPath: %v", err)
	}
	cfg, _ := config.Load("")
	b := NewBackend(Deps{Cache: cachetest.New(t), Config: cfg, Open: connect.Open, Face: "desktop"})
	rec := &recorder{}
	b.Start(rec)
	defer b.Stop()
	if p, err := b.Service().PickPath("folder"); err != nil || p != "/picked" {
		t.Errorf("desktop PickPath: %q %v", p, err)
	}
	b.Hub().Emit(events.SyncProgress, 1)
	if len(rec.got) != 1 {
		t.Errorf("runtime got %d events", len(rec.got))
	}
}

var _ = os.Getenv
