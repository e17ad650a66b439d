package sqlstore

import (
	"context"
	"errors"
	"math"
	"testing"

	"flowdeck/backend/mlflow"
)

// GetRun must return what MLflow's server returned for the same database.
func TestGetRunMatchesREST(t *testing.T) {
	s := openFixture(t)
	ctx := context.Background()
	for _, nn := range []string{"17", "18", "19", "20", "21", "22"} {
		want := recording(t, nn)["run"].(map[string]any)
		id := want["info"].(map[string]any)["run_id"].(string)
		got, err := s.GetRun(ctx, id)
		if err != nil {
			t.Fatalf("rest/%s GetRun(%s): %v", nn, id, err)
		}
		assertJSONEqual(t, "rest/"+nn+" run", want, got)
	}
}

func TestGetRunStateAfterRESTCalls(t *testing.T) {
	// Call 56 set reviewed=yes on ridge-a1.0 after the recordings above.
	s := openFixture(t)
	r, err := s.GetRun(context.Background(), loadManifest(t).Runs["ridge-a1.0"])
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := r.Tag("reviewed"); !ok || v != "yes" {
		t.Errorf("tag reviewed = %q, %v; want yes (set by rest/56)", v, ok)
	}
}

func TestGetRunUnknown(t *testing.T) {
	s := openFixture(t)
	_, err := s.GetRun(context.Background(), "00000000000000000000000000000000")
	if !errors.Is(err, mlflow.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	// Same message as MLflow's (rest/61).
	want := recording(t, "61")["message"].(string)
	if err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
}

func TestMetricHistoryMatchesREST(t *testing.T) {
	s := openFixture(t)
	ctx := context.Background()
	for _, nn := range []string{"23", "27", "28"} {
		want := recording(t, nn)
		first := want["metrics"].([]any)[0].(map[string]any)
		// The recordings' query holds run_id; the history's own entries do not.
		runID := map[string]string{"23": "6bfbc67fa311400d8883fefe1a8daeda", "27": "2b5ddf0eb34049899469e11db461d4ca", "28": "29996f1726c0496b8dc70c1a5b2e4d2d"}[nn]
		got, err := s.MetricHistory(ctx, runID, first["key"].(string))
		if err != nil {
			t.Fatal(err)
		}
		// Order matters here: compare without normalizing.
		if d := diffOrdered(t, want["metrics"], got); d != "" {
			t.Errorf("rest/%s history differs (-mlflow +ours):\n%s", nn, d)
		}
	}
}

func TestMetricHistoryPagesJoined(t *testing.T) {
	// rest/25 and rest/26 are the first 50 points of train_loss in order.
	s := openFixture(t)
	got, err := s.MetricHistory(context.Background(), "6bfbc67fa311400d8883fefe1a8daeda", "train_loss")
	if err != nil {
		t.Fatal(err)
	}
	want := append(recording(t, "25")["metrics"].([]any), recording(t, "26")["metrics"].([]any)...)
	if len(got) < len(want) {
		t.Fatalf("got %d points, want at least %d", len(got), len(want))
	}
	if d := diffOrdered(t, want, got[:len(want)]); d != "" {
		t.Errorf("train_loss pages differ:\n%s", d)
	}
}

func TestMetricHistoryEdgeCases(t *testing.T) {
	s := openFixture(t)
	ctx := context.Background()
	h, err := s.MetricHistory(ctx, "2b5ddf0eb34049899469e11db461d4ca", "train_loss")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || !math.IsNaN(float64(h[1].Value)) || float64(h[2].Value) != math.MaxFloat64 {
		t.Errorf("oom-crash history = %v; want NaN at step 1 and DBL_MAX at step 2", h)
	}
	none, err := s.MetricHistory(ctx, "2b5ddf0eb34049899469e11db461d4ca", "no-such-key")
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("unknown key: %v, %v; want empty list", none, err)
	}
	if _, err := s.MetricHistory(ctx, "nope", "x"); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("unknown run: %v", err)
	}
}

func TestReadRunBundles(t *testing.T) {
	s := openFixture(t)
	ctx := context.Background()
	m := loadManifest(t)
	b, err := s.ReadRun(ctx, m.Runs["logreg-C1.0"])
	if err != nil {
		t.Fatal(err)
	}
	want := recording(t, "23")["metrics"]
	if d := diffOrdered(t, want, b.History["val_accuracy"]); d != "" {
		t.Errorf("bundle val_accuracy differs from rest/23:\n%s", d)
	}
	// Every key with a latest value has a history whose max matches it.
	for _, lm := range b.Run.Data.Metrics {
		if len(b.History[lm.Key]) == 0 {
			t.Errorf("no history for %s", lm.Key)
		}
	}
	if len(b.History["train_loss"]) != 100 {
		t.Errorf("train_loss has %d points, want 100 (SQLite drops the duplicate step-0 point)", len(b.History["train_loss"]))
	}
	ids := []string{m.Runs["edge-cases"], "missing", m.Runs["oom-crash"]}
	bs, err := s.ReadRuns(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].Run.Info.RunID != ids[0] || bs[1].Run.Info.RunID != ids[2] {
		t.Fatalf("ReadRuns order/skip wrong: %d bundles", len(bs))
	}
	if got := len(bs[0].History["same_step"]); got != 3 {
		t.Errorf("same_step points = %d, want 3", got)
	}
	if _, err := s.ReadRun(ctx, "missing"); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("ReadRun missing: %v", err)
	}
}

func diffOrdered(t testing.TB, want any, got any) string {
	t.Helper()
	return cmpDiff(want, generic(t, got))
}
