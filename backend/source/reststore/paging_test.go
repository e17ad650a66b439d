package reststore

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"flowdeck/backend/mlflow"
)

func TestMetricHistoryPaging(t *testing.T) {
	var maxResults []string
	srv := mux(t, map[string]http.HandlerFunc{
		"GET /api/2.0/mlflow/metrics/get-history": func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			maxResults = append(maxResults, q.Get("max_results"))
			switch q.Get("page_token") {
			case "":
				serveRec(25)(w, r)
			case recs[25].Query.Get("page_token"), "eyJvZmZzZXQiOiAyNX0=":
				serveRec(26)(w, r)
			default: // the last page: no token
				writeJSON(w, 200, map[string]any{"metrics": []any{}})
			}
		},
	})
	st := openT(t, srv.URL, fastOpts())
	got, err := st.MetricHistory(ctx, "6bfbc67fa311400d8883fefe1a8daeda", "train_loss")
	if err != nil {
		t.Fatal(err)
	}
	var p1, p2 struct{ Metrics []mlflow.Metric }
	recorded(t, 25, &p1)
	recorded(t, 26, &p2)
	if d := cmp.Diff(append(p1.Metrics, p2.Metrics...), got, floatEq); d != "" {
		t.Errorf("history (-want +got):\n%s", d)
	}
	if !slices.Equal(maxResults, []string{"25000", "25000", "25000"}) {
		t.Errorf("max_results sent: %v", maxResults)
	}
}

func TestStuckPageTokenStops(t *testing.T) {
	var calls atomic.Int32
	srv := mux(t, map[string]http.HandlerFunc{
		"GET /api/2.0/mlflow/metrics/get-history": func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			serveRec(24)(w, r) // empty page, token stuck at offset 0
		},
	})
	st := openT(t, srv.URL, fastOpts())
	_, err := st.MetricHistory(ctx, "6bfbc67fa311400d8883fefe1a8daeda", "val_accuracy")
	if err == nil || !strings.Contains(err.Error(), "twice") {
		t.Fatalf("err = %v", err)
	}
	if calls.Load() != 2 {
		t.Errorf("%d calls, want 2", calls.Load())
	}
}

func TestUnknownMetricIsEmpty(t *testing.T) {
	srv := mux(t, map[string]http.HandlerFunc{
		"GET /api/2.0/mlflow/metrics/get-history": func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, map[string]any{}) },
	})
	got, err := openT(t, srv.URL, fastOpts()).MetricHistory(ctx, "r", "nope")
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("got %v, %v", got, err)
	}
}

// runsServer answers runs/search with rest/10's runs then rest/11's deleted
// run, on two pages; withOutputs adds "outputs" as newer servers might.
func runsServer(t *testing.T, withOutputs bool, runsGet *atomic.Int32) *Store {
	var a, b struct{ Runs []mlflow.Run }
	recorded(t, 10, &a)
	recorded(t, 11, &b)
	if withOutputs {
		for i := range a.Runs {
			a.Runs[i].Outputs = &mlflow.RunOutputs{}
		}
	}
	srv := mux(t, map[string]http.HandlerFunc{
		"POST /api/2.0/mlflow/runs/search": func(w http.ResponseWriter, r *http.Request) {
			var body map[string]any
			json.NewDecoder(r.Body).Decode(&body)
			if body["page_token"] == nil {
				writeJSON(w, 200, map[string]any{"runs": a.Runs, "next_page_token": "p2"})
				return
			}
			writeJSON(w, 200, map[string]any{"runs": b.Runs})
		},
		"GET /api/2.0/mlflow/runs/get": func(w http.ResponseWriter, r *http.Request) {
			runsGet.Add(1)
			serveRec(17)(w, r)
		},
	})
	now := time.Unix(1000, 0)
	st := openT(t, srv.URL, fastOpts(), WithClock(func() time.Time { return now }))
	return st
}

func TestRunRefs(t *testing.T) {
	var gets atomic.Int32
	st := runsServer(t, false, &gets)
	refs, err := st.RunRefs(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 15 {
		t.Fatalf("%d refs, want 14 active + 1 deleted", len(refs))
	}
	deleted, running := 0, 0
	for _, r := range refs {
		if r.LifecycleStage == mlflow.LifecycleDeleted {
			deleted++
		}
		run := st.runs.runs[r.RunID] // as runs/search gave it
		// A live run is read on every sync (its backfills are invisible to
		// runs/search); every other run has a fingerprint.
		want := 32
		if run.Info.Status == mlflow.StatusRunning || run.Info.Status == mlflow.StatusScheduled {
			want = 0
			running++
		}
		if len(r.Fingerprint) != want || r.ExperimentID == "" {
			t.Errorf("ref %+v (status %s)", r, run.Info.Status)
		}
	}
	if deleted != 1 || running == 0 {
		t.Errorf("%d deleted refs, %d running", deleted, running)
	}
	// MLflow 3.5's search results lack "outputs": GetRun must ask runs/get.
	var want struct{ Run mlflow.Run }
	recorded(t, 17, &want)
	got, err := st.GetRun(ctx, "6bfbc67fa311400d8883fefe1a8daeda")
	if err != nil || gets.Load() != 1 || got.Outputs == nil || len(got.Outputs.ModelOutputs) != 1 {
		t.Errorf("GetRun after RunRefs: %v, %d runs/get calls, outputs %+v", err, gets.Load(), got.Outputs)
	}
}

func TestRunRefsRequest(t *testing.T) {
	var a, b struct{ Runs []mlflow.Run }
	recorded(t, 10, &a)
	recorded(t, 11, &b)
	var bodies []map[string]any
	srv := mux(t, map[string]http.HandlerFunc{
		"POST /api/2.0/mlflow/runs/search": func(w http.ResponseWriter, r *http.Request) {
			var body map[string]any
			json.NewDecoder(r.Body).Decode(&body)
			bodies = append(bodies, body)
			if body["page_token"] == nil {
				writeJSON(w, 200, map[string]any{"runs": a.Runs, "next_page_token": "p2"})
				return
			}
			writeJSON(w, 200, map[string]any{"runs": b.Runs})
		},
	})
	st := openT(t, srv.URL, fastOpts())
	if _, err := st.RunRefs(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 2 {
		t.Fatalf("%d runs/search calls", len(bodies))
	}
	want := map[string]any{"experiment_ids": []any{"4", "3", "2", "1", "0"}, "run_view_type": "ALL", "max_results": 1000.0}
	if d := cmp.Diff(want, bodies[0]); d != "" {
		t.Errorf("first body (-want +got):\n%s", d)
	}
	if bodies[1]["page_token"] != "p2" {
		t.Errorf("second body %v", bodies[1])
	}
}

func TestRunCacheWhenSearchIsComplete(t *testing.T) {
	var gets atomic.Int32
	st := runsServer(t, true, &gets)
	if _, err := st.RunRefs(ctx, []string{"1", "2"}); err != nil {
		t.Fatal(err)
	}
	r, err := st.GetRun(ctx, "6bfbc67fa311400d8883fefe1a8daeda")
	if err != nil || gets.Load() != 0 || r.Info.RunName != "logreg-C1.0" {
		t.Fatalf("cached GetRun: %v, %d runs/get calls", err, gets.Load())
	}
	r.Data.Tags[0].Value = "changed" // callers may not corrupt the cache
	r2, _ := st.GetRun(ctx, "6bfbc67fa311400d8883fefe1a8daeda")
	if r2.Data.Tags[0].Value == "changed" {
		t.Error("cache shares slices with callers")
	}
	st.now = func() time.Time { return time.Unix(1000, 0).Add(2 * defaultRunTTL) }
	if _, err := st.GetRun(ctx, "6bfbc67fa311400d8883fefe1a8daeda"); err != nil || gets.Load() != 1 {
		t.Errorf("expired cache: %v, %d runs/get calls", err, gets.Load())
	}
}

func TestFingerprint(t *testing.T) {
	var want struct{ Run mlflow.Run }
	recorded(t, 17, &want)
	r := want.Run
	fp := Fingerprint(&r)
	shuffled := *cloneRun(r)
	slices.Reverse(shuffled.Data.Tags)
	slices.Reverse(shuffled.Data.Metrics)
	if Fingerprint(&shuffled) != fp {
		t.Error("order changed the fingerprint")
	}
	for name, change := range map[string]func(*mlflow.Run){
		"status":   func(r *mlflow.Run) { r.Info.Status = mlflow.StatusFailed },
		"end time": func(r *mlflow.Run) { r.Info.EndTime++ },
		"name":     func(r *mlflow.Run) { r.Info.RunName = "x" },
		"deleted":  func(r *mlflow.Run) { r.Info.LifecycleStage = mlflow.LifecycleDeleted },
		"metric":   func(r *mlflow.Run) { r.Data.Metrics[0].Step++ },
		"value":    func(r *mlflow.Run) { r.Data.Metrics[0].Value += 1e-12 },
		"param":    func(r *mlflow.Run) { r.Data.Params = r.Data.Params[1:] },
		"tag":      func(r *mlflow.Run) { r.Data.Tags[0].Value += "!" },
		"inputs":   func(r *mlflow.Run) { r.Inputs = nil },
		"outputs":  func(r *mlflow.Run) { r.Outputs.ModelOutputs[0].Step = 3 },
	} {
		c := cloneRun(r)
		change(c)
		if Fingerprint(c) == fp {
			t.Errorf("%s change kept the fingerprint", name)
		}
	}
}

func TestReadRunBoundedConcurrency(t *testing.T) {
	var inFlight, peak atomic.Int32
	srv := mux(t, map[string]http.HandlerFunc{
		"GET /api/2.0/mlflow/runs/get": serveRec(17),
		"GET /api/2.0/mlflow/metrics/get-history": func(w http.ResponseWriter, r *http.Request) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			time.Sleep(20 * time.Millisecond)
			key := r.URL.Query().Get("metric_key")
			writeJSON(w, 200, map[string]any{"metrics": []mlflow.Metric{{Key: key, Value: 1, Step: 0, Timestamp: 5}}})
		},
	})
	st := openT(t, srv.URL, fastOpts())
	b, err := st.ReadRun(ctx, "6bfbc67fa311400d8883fefe1a8daeda")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.History) != 7 || b.History["system/gpu_util"][0].Key != "system/gpu_util" {
		t.Errorf("history keys: %d", len(b.History))
	}
	if p := peak.Load(); p > historyWorkers || p < 2 {
		t.Errorf("peak concurrency %d, want 2..%d", p, historyWorkers)
	}
}
