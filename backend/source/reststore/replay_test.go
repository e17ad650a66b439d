package reststore

import (
	"context"
	"errors"
	"io"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

var ctx = context.Background()

func TestOpenInfo(t *testing.T) {
	st, srv := openReplay(t)
	want := source.StoreInfo{Kind: source.KindREST, URI: srv.URL, Version: "3.5.2.dev0"}
	if got := st.Info(); got != want {
		t.Errorf("Info = %+v, want %+v", got, want)
	}
}

func TestGetRunMatchesRecordings(t *testing.T) {
	st, srv := openReplay(t)
	for n := 17; n <= 22; n++ {
		var want struct{ Run mlflow.Run }
		recorded(t, n, &want)
		got, err := st.GetRun(ctx, recs[n].Query.Get("run_id"))
		if err != nil {
			t.Fatalf("rest/%d: %v", n, err)
		}
		if d := cmp.Diff(&want.Run, got, floatEq); d != "" {
			t.Errorf("rest/%d GetRun (-recorded +got):\n%s", n, d)
		}
	}
	if un := srv.Unmatched(); len(un) != 0 {
		t.Errorf("unexpected calls: %+v", un)
	}
}

func TestMetricHistoryMatchesRecordings(t *testing.T) {
	st, srv := openReplay(t)
	for _, n := range []int{23, 27, 28} {
		var want struct{ Metrics []mlflow.Metric }
		recorded(t, n, &want)
		q := recs[n].Query
		got, err := st.MetricHistory(ctx, q.Get("run_id"), q.Get("metric_key"))
		if err != nil {
			t.Fatalf("rest/%d: %v", n, err)
		}
		if d := cmp.Diff(want.Metrics, got, floatEq); d != "" || len(got) == 0 {
			t.Errorf("rest/%d (-recorded +got):\n%s", n, d)
		}
	}
	if got := srv.Served(); !slices.Equal(got, []int{23, 27, 28}) {
		t.Errorf("served %v (the store must send max_results=25000 as rest/23)", got)
	}
}

func TestExperimentsFromRecordings(t *testing.T) {
	st, _ := openReplay(t)
	for _, n := range []int{5, 7} {
		var want struct{ Experiment mlflow.Experiment }
		recorded(t, n, &want)
		got, err := st.GetExperiment(ctx, recs[n].Query.Get("experiment_id"))
		if err != nil || !cmp.Equal(&want.Experiment, got) {
			t.Errorf("rest/%d: %v %s", n, err, cmp.Diff(&want.Experiment, got))
		}
	}
	var all struct{ Experiments []mlflow.Experiment }
	recorded(t, 2, &all)
	got, err := st.Experiments(ctx, mlflow.ViewAll)
	if err != nil || !cmp.Equal(all.Experiments, got) {
		t.Errorf("Experiments: %v %s", err, cmp.Diff(all.Experiments, got))
	}
}

func TestRecordedErrors(t *testing.T) {
	st, srv := openReplay(t)
	_, err := st.GetRun(ctx, "00000000000000000000000000000000") // rest/61
	var me *mlflow.Error
	if !errors.Is(err, mlflow.ErrNotFound) || !errors.As(err, &me) || me.Code != "RESOURCE_DOES_NOT_EXIST" {
		t.Errorf("unknown run: %v", err)
	}
	if _, err := st.GetExperiment(ctx, "999999"); !errors.Is(err, mlflow.ErrNotFound) { // rest/66
		t.Errorf("unknown experiment: %v", err)
	}
	// rest/67: a 500 with an MLflow JSON error is an answer: no retry.
	_, err = st.GetExperiment(ctx, "abc")
	if err == nil || errors.As(err, &me) && me.Code != "INTERNAL_ERROR" {
		t.Errorf("non-numeric id: %v", err)
	}
	if got := srv.Served(); !slices.Equal(got, []int{61, 66, 67}) {
		t.Errorf("served %v, want each error once", got)
	}
}

func TestArtifactsFromRecordings(t *testing.T) {
	st, srv := openReplay(t)
	for _, n := range []int{31, 32, 33} {
		var want mlflow.ListArtifactsResponse
		recorded(t, n, &want)
		q := recs[n].Query
		got, err := st.ListArtifacts(ctx, q.Get("run_id"), q.Get("path"))
		if err != nil || !cmp.Equal(&want, got) {
			t.Errorf("rest/%d: %v %s", n, err, cmp.Diff(&want, got))
		}
	}
	rc, size, err := st.OpenArtifact(ctx, "6bfbc67fa311400d8883fefe1a8daeda", "eval/summary.json") // rest/38
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != `{"accuracy": 0.9333333333333333, "C": 1.0}` || size != 42 {
		t.Errorf("artifact %q size %d", b, size)
	}
	if un := srv.Unmatched(); len(un) != 0 {
		t.Errorf("unexpected calls: %+v", un)
	}
}

func TestMissingArtifactIsNotFound(t *testing.T) {
	st, srv := openReplay(t)
	srv.Handle("GET /get-artifact", serveRec(39))
	_, _, err := st.OpenArtifact(ctx, "6bfbc67fa311400d8883fefe1a8daeda", "nope.txt")
	if !errors.Is(err, mlflow.ErrNotFound) {
		t.Fatalf("missing artifact: %v", err)
	}
	n := 0
	for _, r := range srv.Received() {
		if r.Path == "/get-artifact" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("missing artifact asked %d times, want 1 (a 500 there is not retried)", n)
	}
}

func TestUnsafeArtifactPaths(t *testing.T) {
	st, srv := openReplay(t)
	before := len(srv.Received())
	for _, p := range []string{"../x", "a/../../b", "/etc/passwd", `..\x`, "C:/x"} {
		if _, err := st.ListArtifacts(ctx, "6bfbc67fa311400d8883fefe1a8daeda", p); !errors.Is(err, mlflow.ErrInvalidArgument) {
			t.Errorf("ListArtifacts(%q): %v", p, err)
		}
		if _, _, err := st.OpenArtifact(ctx, "m-0123", p); !errors.Is(err, mlflow.ErrInvalidArgument) {
			t.Errorf("OpenArtifact(%q): %v", p, err)
		}
	}
	if len(srv.Received()) != before {
		t.Error("unsafe paths reached the server")
	}
}
