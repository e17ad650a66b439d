package filestore

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/testfix"
)

// TestRunInfo35 checks every manifest run's info against its meta.yaml.
func TestRunInfo35(t *testing.T) {
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	s, w := openAt(t, testfix.Path("mlflow-3.5/mlruns"))
	churn := m.Experiments["churn-classifier"]
	cases := []struct {
		name, exp, status, user, lifecycle string
		start, end                         int64
	}{
		{"logreg-C0.1", churn, "FINISHED", "alice", "active", 1795636767514, 1795636769778},
		{"oom-crash", churn, "FAILED", "bob", "active", 0, 0},
		{"killed-by-user", churn, "KILLED", "", "active", 1795636775593, 1795636775600},
		{"still-running", churn, "RUNNING", "bob", "active", 1795636775601, 0},
		{"deleted-run", churn, "FINISHED", "bob", "deleted", 1795636775609, 1795636775617},
		{"edge-cases ünïcødé", churn, "FINISHED", "carol", "active", 1795636775619, 1795636775632},
		{"scratch-run", m.Experiments["scratch-to-delete"], "FINISHED", "root", "deleted", 1795636781012, 1795636781017},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			key := strings.TrimSuffix(c.name, " ünïcødé")
			r, err := s.GetRun(context.Background(), m.Runs[key])
			must(t, err)
			i := r.Info
			if i.RunName != c.name || i.ExperimentID != c.exp || i.Status != c.status || i.LifecycleStage != c.lifecycle ||
				i.RunID != m.Runs[key] || i.RunUUID != i.RunID {
				t.Errorf("info = %+v", i)
			}
			if c.user != "" && i.UserID != c.user {
				t.Errorf("user = %q, want %q", i.UserID, c.user)
			}
			if c.start != 0 && (i.StartTime != c.start || i.EndTime != c.end) {
				t.Errorf("times = %d..%d, want %d..%d", i.StartTime, i.EndTime, c.start, c.end)
			}
			want := "file:///home/ds/mlflow-demo/mlruns/" + c.exp + "/" + m.Runs[key] + "/artifacts"
			if i.ArtifactURI != want {
				t.Errorf("artifact_uri = %q", i.ArtifactURI)
			}
		})
	}
	if msgs := w.all(); len(msgs) != 0 {
		t.Errorf("clean fixture gave warnings: %q", msgs)
	}
	del, _ := s.GetRun(context.Background(), m.Runs["deleted-run"])
	if del.Info.DeletedTime != 1795636775618 {
		t.Errorf("deleted_time = %d", del.Info.DeletedTime)
	}
}

func TestRunEdgeCases(t *testing.T) {
	for _, fx := range []string{"mlflow-3.5", "mlflow-2.22"} {
		t.Run(fx, func(t *testing.T) {
			m := loadManifest(t, fx+"/manifest-filestore.json")
			s, _ := openAt(t, testfix.Path(fx+"/mlruns"))
			r, err := s.GetRun(context.Background(), m.Runs["edge-cases"])
			must(t, err)
			params := map[string]string{}
			for _, p := range r.Data.Params {
				params[p.Key] = p.Value
			}
			if v, ok := params["empty"]; !ok || v != "" {
				t.Errorf("param empty = %q, %v", v, ok)
			}
			if params["nested/key/path"] != "deep" || params["long_param"] != strings.Repeat("x", 500) {
				t.Errorf("params = %v", params)
			}
			if v, _ := r.Tag("unicode_tag"); v != "日本語 ✓" {
				t.Errorf("unicode_tag = %q", v)
			}
			// Latest values as runs/get reports them (rest/20 shows the
			// same values for the SQLite store written by the same script).
			want := map[string]struct {
				v    float64
				step int64
			}{"same_step": {0.3, 5}, "negative_step": {1.0, -1}, "big_step": {2.0, 1_000_000_000_000}}
			if len(r.Data.Metrics) != len(want) {
				t.Fatalf("metrics = %+v", r.Data.Metrics)
			}
			for _, mt := range r.Data.Metrics {
				w := want[mt.Key]
				if float64(mt.Value) != w.v || mt.Step != w.step {
					t.Errorf("%s latest = %v@%d, want %v@%d", mt.Key, mt.Value, mt.Step, w.v, w.step)
				}
			}
			h, err := s.MetricHistory(context.Background(), m.Runs["edge-cases"], "same_step")
			must(t, err)
			if len(h) != 3 || h[0].Value != 0.1 || h[1].Value != 0.2 || h[2].Value != 0.3 {
				t.Errorf("same_step history = %+v", h)
			}
		})
	}
}

func TestOOMCrashNaNInf(t *testing.T) {
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	s, _ := openAt(t, testfix.Path("mlflow-3.5/mlruns"))
	b, err := s.ReadRun(context.Background(), m.Runs["oom-crash"])
	must(t, err)
	if len(b.Run.Data.Metrics) != 1 || !math.IsInf(float64(b.Run.Data.Metrics[0].Value), 1) || b.Run.Data.Metrics[0].Step != 2 {
		t.Errorf("latest = %+v, want +Inf at step 2", b.Run.Data.Metrics)
	}
	h := b.History["train_loss"]
	if len(h) != 3 || h[0].Value != 2.5 || !math.IsNaN(float64(h[1].Value)) || !math.IsInf(float64(h[2].Value), 1) {
		t.Errorf("history = %+v", h)
	}
	// JSON as a FileStore-backed server writes it.
	j, _ := json.Marshal(b.Run.Data.Metrics[0])
	if want := `{"key":"train_loss","value":"Infinity","timestamp":1795636775590,"step":2}`; string(j) != want {
		t.Errorf("json = %s, want %s", j, want)
	}
}

// TestDuplicateStepZero checks MLflow 3's re-logged step-0 points are kept.
func TestDuplicateStepZero(t *testing.T) {
	cases := []struct {
		fx                     string
		trainLoss, finalN, gpu int
	}{{"mlflow-3.5", 101, 2, 21}, {"mlflow-2.22", 100, 1, 20}}
	for _, c := range cases {
		m := loadManifest(t, c.fx+"/manifest-filestore.json")
		s, _ := openAt(t, testfix.Path(c.fx+"/mlruns"))
		b, err := s.ReadRun(context.Background(), m.Runs["logreg-C0.1"])
		must(t, err)
		if n := len(b.History["train_loss"]); n != c.trainLoss {
			t.Errorf("%s train_loss has %d points, want %d", c.fx, n, c.trainLoss)
		}
		if n := len(b.History["final_accuracy"]); n != c.finalN {
			t.Errorf("%s final_accuracy has %d points, want %d", c.fx, n, c.finalN)
		}
		if len(b.History["system/gpu_util"]) != c.gpu {
			t.Errorf("%s system/gpu_util = %d points", c.fx, len(b.History["system/gpu_util"]))
		}
		// The history's latest must be the run's reported metric.
		for _, mt := range b.Run.Data.Metrics {
			if l, _ := latest(b.History[mt.Key]); l != mt {
				t.Errorf("%s %s: run metric %+v, history latest %+v", c.fx, mt.Key, mt, l)
			}
		}
		if c.fx == "mlflow-3.5" {
			var tl mlflow.Metric
			for _, mt := range b.Run.Data.Metrics {
				if mt.Key == "train_loss" {
					tl = mt
				}
			}
			if tl.Step != 99 || tl.Value != 0.04105075422994031 || tl.Timestamp != 1795636866526 {
				t.Errorf("train_loss latest = %+v", tl)
			}
		}
	}
}

// TestInputsOutputs compares inputs with the REST recording of the same
// dataset (rest/17, written by the same generator).
func TestInputsOutputs(t *testing.T) {
	var rec struct {
		Run mlflow.Run `json:"run"`
	}
	restBody(t, "17-runs-get.json", &rec)
	for _, fx := range []string{"mlflow-3.5", "mlflow-2.22"} {
		m := loadManifest(t, fx+"/manifest-filestore.json")
		s, _ := openAt(t, testfix.Path(fx+"/mlruns"))
		r, err := s.GetRun(context.Background(), m.Runs["logreg-C0.1"])
		must(t, err)
		if diff := cmpDiff(rec.Run.Inputs, r.Inputs); diff != "" {
			t.Errorf("%s inputs (-rest +ours):\n%s", fx, diff)
		}
		wantOut := 0
		if fx == "mlflow-3.5" {
			wantOut = 1
		}
		if r.Outputs == nil || len(r.Outputs.ModelOutputs) != wantOut {
			t.Fatalf("%s outputs = %+v", fx, r.Outputs)
		}
		if wantOut == 1 && r.Outputs.ModelOutputs[0] != (mlflow.ModelOutput{ModelID: "m-b1a41712109f4b7099bbfe159c2c0f99", Step: 0}) {
			t.Errorf("outputs = %+v", r.Outputs.ModelOutputs)
		}
		// A run without inputs has empty objects, as runs/get gives {}.
		r, err = s.GetRun(context.Background(), m.Runs["oom-crash"])
		must(t, err)
		j, _ := json.Marshal(r)
		if !strings.Contains(string(j), `"inputs":{},"outputs":{}`) {
			t.Errorf("%s oom-crash json = %s", fx, j)
		}
	}
}

func TestRunNotFoundAndUnknownMetric(t *testing.T) {
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	s, _ := openAt(t, testfix.Path("mlflow-3.5/mlruns"))
	ctx := context.Background()
	for _, id := range []string{"0123456789abcdef0123456789abcdef", "../0", "tags", ""} {
		_, err := s.GetRun(ctx, id)
		if !errors.Is(err, mlflow.ErrNotFound) || !strings.Contains(err.Error(), "Run '"+id+"' not found") {
			t.Errorf("GetRun(%q) err = %v", id, err)
		}
		if _, err := s.ReadRun(ctx, id); !errors.Is(err, mlflow.ErrNotFound) {
			t.Errorf("ReadRun(%q) err = %v", id, err)
		}
	}
	for _, key := range []string{"nope", "system", "../meta.yaml", "/etc/passwd", ""} {
		h, err := s.MetricHistory(ctx, m.Runs["logreg-C0.1"], key)
		if err != nil || h == nil || len(h) != 0 {
			t.Errorf("MetricHistory(%q) = %v, %v; want empty list", key, h, err)
		}
	}
	h, err := s.MetricHistory(ctx, m.Runs["logreg-C0.1"], "system/gpu_util")
	if err != nil || len(h) != 21 {
		t.Errorf("system/gpu_util = %d points, %v", len(h), err)
	}
}

func TestRunRefs(t *testing.T) {
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	s, w := openAt(t, testfix.Path("mlflow-3.5/mlruns"))
	ctx := context.Background()
	refs, err := s.RunRefs(ctx, nil)
	must(t, err)
	if len(refs) != len(m.Runs) {
		t.Fatalf("%d refs, want %d", len(refs), len(m.Runs))
	}
	byID := map[string]string{}
	for _, r := range refs {
		byID[r.RunID] = r.LifecycleStage
		if r.Fingerprint == "" {
			t.Errorf("%s has no fingerprint", r.RunID)
		}
	}
	for name, id := range m.Runs {
		want := "active"
		if name == "deleted-run" || name == "scratch-run" {
			want = "deleted"
		}
		if byID[id] != want {
			t.Errorf("%s lifecycle = %q, want %q", name, byID[id], want)
		}
	}
	one, err := s.RunRefs(ctx, []string{m.Experiments["house-price-regression"]})
	must(t, err)
	if len(one) != 3 {
		t.Errorf("house-price-regression has %d refs, want 3", len(one))
	}
	if len(w.all()) != 0 {
		t.Errorf("warnings: %q", w.all())
	}
}
