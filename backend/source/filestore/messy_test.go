package filestore

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/testfix"
)

// TestMessyStore damages a copy of the 3.5 store the ways a live or
// hand-edited store gets damaged, and checks the rest still reads right.
func TestMessyStore(t *testing.T) {
	defer func(d time.Duration) { metaRetryDelay = d }(metaRetryDelay)
	metaRetryDelay = time.Millisecond

	root := testfix.Copy(t, "mlflow-3.5/mlruns")
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	exp := filepath.Join(root, m.Experiments["churn-classifier"])
	runDir := func(name string) string { return filepath.Join(exp, m.Runs[name]) }

	// Truncated mid-line (a copy interrupted by a full disk).
	truncated := filepath.Join(runDir("killed-by-user"), "meta.yaml")
	b, _ := os.ReadFile(truncated)
	must(t, os.WriteFile(truncated, b[:len(b)/2+3], 0o644))
	// Empty (MLflow between creating and writing it).
	empty := filepath.Join(runDir("still-running"), "meta.yaml")
	must(t, os.WriteFile(empty, nil, 0o644))
	// Unreadable. Root reads chmod-000 files, so use a folder in its place.
	unreadable := filepath.Join(runDir("rf-n10"), "meta.yaml")
	if os.Geteuid() == 0 {
		must(t, os.Remove(unreadable))
		must(t, os.Mkdir(unreadable, 0o755))
	} else {
		must(t, os.Chmod(unreadable, 0))
	}
	// A run folder without meta.yaml.
	orphan := filepath.Join(exp, "0123456789abcdef0123456789abcdef")
	must(t, os.MkdirAll(filepath.Join(orphan, "metrics"), 0o755))
	// An unknown YAML key (a newer MLflow).
	future := filepath.Join(runDir("rf-n50"), "meta.yaml")
	b, _ = os.ReadFile(future)
	must(t, os.WriteFile(future, append(b, "future_key:\n  nested: [1, 2]\n"...), 0o644))
	// A half-written last metric line: MLflow is appending right now.
	tl := filepath.Join(runDir("oom-crash"), "metrics", "train_loss")
	f, err := os.OpenFile(tl, os.O_APPEND|os.O_WRONLY, 0)
	must(t, err)
	_, err = f.WriteString("1795636775591 99")
	must(t, err)
	must(t, f.Close())
	// A garbage line in the middle of a metric file.
	fa := filepath.Join(runDir("logreg-C0.1"), "metrics", "val_loss")
	b, _ = os.ReadFile(fa)
	lines := strings.SplitAfter(string(b), "\n")
	lines[5] = "not a metric line\n"
	must(t, os.WriteFile(fa, []byte(strings.Join(lines, "")), 0o644))

	s, w := openAt(t, root)
	ctx := context.Background()
	refs, err := s.RunRefs(ctx, nil)
	must(t, err)
	got := map[string]bool{}
	for _, r := range refs {
		got[r.RunID] = true
	}
	for _, name := range []string{"killed-by-user", "still-running", "rf-n10"} {
		if got[m.Runs[name]] {
			t.Errorf("%s with a broken meta.yaml was listed", name)
		}
		if _, err := s.GetRun(ctx, m.Runs[name]); err == nil {
			t.Errorf("GetRun(%s) succeeded on a broken meta.yaml", name)
		}
	}
	if got["0123456789abcdef0123456789abcdef"] {
		t.Error("a folder without meta.yaml was listed as a run")
	}
	if len(refs) != len(m.Runs)-3 {
		t.Errorf("%d refs, want %d", len(refs), len(m.Runs)-3)
	}
	for _, path := range []string{truncated, empty, unreadable, orphan} {
		if !anyContains(w.all(), path) {
			t.Errorf("no warning names %s; warnings: %q", path, w.all())
		}
	}

	r, err := s.GetRun(ctx, m.Runs["rf-n50"])
	if err != nil || r.Info.RunName != "rf-n50" || r.Info.Status != "FINISHED" {
		t.Errorf("run with an unknown YAML key: %+v, %v", r, err)
	}
	b2, err := s.ReadRun(ctx, m.Runs["oom-crash"])
	must(t, err)
	if h := b2.History["train_loss"]; len(h) != 3 || !math.IsInf(float64(b2.Run.Data.Metrics[0].Value), 1) {
		t.Errorf("half-written line leaked: history %+v latest %+v", h, b2.Run.Data.Metrics)
	}
	b3, err := s.ReadRun(ctx, m.Runs["logreg-C0.1"])
	must(t, err)
	if n := len(b3.History["val_loss"]); n != 20 {
		t.Errorf("val_loss has %d points after dropping one bad line, want 20", n)
	}
	if !anyContains(w.all(), fa) || !anyContains(w.all(), "line 6") {
		t.Errorf("no warning names %s line 6: %q", fa, w.all())
	}
	if _, err := s.GetRun(ctx, m.Runs["logreg-C1.0"]); err != nil {
		t.Errorf("an intact run failed: %v", err)
	}
}

// TestEmptyMetaRetried checks an empty meta.yaml filled in during the retry
// window is read, as MLflow's own reader allows.
func TestEmptyMetaRetried(t *testing.T) {
	defer func(d time.Duration) { metaRetryDelay = d }(metaRetryDelay)
	metaRetryDelay = 30 * time.Millisecond
	root := testfix.Copy(t, "mlflow-3.5/mlruns")
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	meta := filepath.Join(root, m.Experiments["churn-classifier"], m.Runs["rf-n100"], "meta.yaml")
	full, _ := os.ReadFile(meta)
	must(t, os.WriteFile(meta, nil, 0o644))
	s, _ := openAt(t, root)
	done := make(chan error, 1)
	go func() {
		time.Sleep(10 * time.Millisecond)
		done <- os.WriteFile(meta, full, 0o644)
	}()
	r, err := s.GetRun(context.Background(), m.Runs["rf-n100"])
	must(t, <-done)
	if err != nil || r.Info.RunName != "rf-n100" {
		t.Errorf("GetRun = %+v, %v", r, err)
	}
}

// TestFingerprint checks a fingerprint changes with every kind of change
// the cache holds and only then.
func TestFingerprint(t *testing.T) {
	root := testfix.Copy(t, "mlflow-3.5/mlruns")
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	id := m.Runs["logreg-C0.1"]
	dir := filepath.Join(root, m.Experiments["churn-classifier"], id)
	s, _ := openAt(t, root)
	fp := func() string {
		refs, err := s.RunRefs(context.Background(), []string{m.Experiments["churn-classifier"]})
		must(t, err)
		for _, r := range refs {
			if r.RunID == id {
				return r.Fingerprint
			}
		}
		t.Fatal("run not listed")
		return ""
	}
	prev := fp()
	if again := fp(); again != prev {
		t.Fatal("fingerprint changed without a change")
	}
	later := time.Now().Add(time.Hour)
	changes := []struct {
		name string
		do   func() error
	}{
		{"metric appended", func() error {
			return appendFile(filepath.Join(dir, "metrics", "train_loss"), "1795636866527 0.04 100\n")
		}},
		{"nested metric appended", func() error {
			return appendFile(filepath.Join(dir, "metrics", "system", "gpu_util"), "1795636866527 50 20\n")
		}},
		{"tag overwritten, same size", func() error {
			p := filepath.Join(dir, "tags", "team")
			must(t, os.WriteFile(p, []byte("ml-platfor2"), 0o644))
			return os.Chtimes(p, later, later)
		}},
		{"param added", func() error { return os.WriteFile(filepath.Join(dir, "params", "new"), []byte("1"), 0o644) }},
		{"meta.yaml rewritten", func() error {
			return appendFile(filepath.Join(dir, "meta.yaml"), "")
		}},
		{"input added", func() error { return os.MkdirAll(filepath.Join(dir, "inputs", "abc"), 0o755) }},
		{"output added", func() error { return os.MkdirAll(filepath.Join(dir, "outputs", "m-abc"), 0o755) }},
	}
	for i, c := range changes {
		must(t, c.do())
		if c.name == "meta.yaml rewritten" {
			tm := later.Add(time.Duration(i) * time.Minute)
			must(t, os.Chtimes(filepath.Join(dir, "meta.yaml"), tm, tm))
		}
		now := fp()
		if now == prev {
			t.Errorf("%s: fingerprint unchanged", c.name)
		}
		// A read fingerprints the run from the files it reads, the same way.
		if _, read, err := s.ReadRunFingerprint(context.Background(), id); err != nil || read != now {
			t.Errorf("%s: read fingerprint %s, listed %s (%v)", c.name, read, now, err)
		}
		prev = now
	}
	// The run deleted: lifecycle read again because meta.yaml changed.
	meta := filepath.Join(dir, "meta.yaml")
	b, _ := os.ReadFile(meta)
	must(t, os.WriteFile(meta, []byte(strings.Replace(string(b), "lifecycle_stage: active", "lifecycle_stage: deleted", 1)), 0o644))
	refs, err := s.RunRefs(context.Background(), nil)
	must(t, err)
	for _, r := range refs {
		if r.RunID == id && r.LifecycleStage != mlflow.LifecycleDeleted {
			t.Errorf("lifecycle after delete = %q", r.LifecycleStage)
		}
	}
}

func appendFile(p, s string) error {
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(s)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
