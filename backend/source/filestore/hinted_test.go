package filestore

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"flowdeck/backend/source"
	"flowdeck/backend/testfix"
)

// TestReadFingerprintMatchesListing: for every run of the real-MLflow
// stores, the fingerprint a read builds equals the one RunRefs lists, so a
// run synced by reading it is not read again by the next sync.
func TestReadFingerprintMatchesListing(t *testing.T) {
	for _, rel := range []string{"mlflow-3.5/mlruns", "mlflow-2.22/mlruns"} {
		s, _ := openAt(t, testfix.Path(rel))
		refs, err := s.RunRefs(context.Background(), nil)
		must(t, err)
		if len(refs) == 0 {
			t.Fatalf("%s: no runs", rel)
		}
		for _, r := range refs {
			b, fp, err := s.ReadRunFingerprint(context.Background(), r.RunID)
			if err != nil {
				t.Fatalf("%s: read %s: %v", rel, r.RunID, err)
			}
			if fp != r.Fingerprint {
				t.Errorf("%s: run %s read fingerprint %s, listed %s", rel, r.RunID, fp, r.Fingerprint)
			}
			if b.Run.Info.LifecycleStage != r.LifecycleStage {
				t.Errorf("%s: run %s lifecycle %s, listed %s", rel, r.RunID, b.Run.Info.LifecycleStage, r.LifecycleStage)
			}
		}
	}
}

// TestRunRefsKnown checks the hinted listing: runs the cache lacks come
// without fingerprint (to be read), unchanged known runs keep their stored
// lifecycle without meta.yaml being parsed, and changed or moved ones are
// validated again.
func TestRunRefsKnown(t *testing.T) {
	root := testfix.Copy(t, "mlflow-3.5/mlruns")
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	s, _ := openAt(t, root)
	ctx := context.Background()
	full, err := s.RunRefs(ctx, nil)
	must(t, err)

	cold, err := s.RunRefsKnown(ctx, nil, map[string]source.RunRef{})
	must(t, err)
	if len(cold) != len(full) {
		t.Fatalf("cold hinted listing has %d runs, want %d", len(cold), len(full))
	}
	for _, r := range cold {
		if r.Fingerprint != "" || r.ExperimentID == "" {
			t.Errorf("a run the cache lacks was listed as %+v", r)
		}
	}

	known := map[string]source.RunRef{}
	for _, r := range full {
		known[r.RunID] = r
	}
	id := m.Runs["logreg-C0.1"]
	// Claim a lifecycle the file does not hold: an unchanged run keeps the
	// known one, which proves meta.yaml was not parsed again.
	k := known[id]
	k.LifecycleStage = "deleted"
	known[id] = k
	// A run the cache holds with a stale fingerprint is validated again.
	other := m.Runs["rf-n10"]
	o := known[other]
	o.Fingerprint = "stale"
	o.LifecycleStage = "deleted"
	known[other] = o
	warm, err := s.RunRefsKnown(ctx, nil, known)
	must(t, err)
	byID := map[string]source.RunRef{}
	for _, r := range warm {
		byID[r.RunID] = r
	}
	if r := byID[id]; r.LifecycleStage != "deleted" || r.Fingerprint != known[id].Fingerprint {
		t.Errorf("unchanged known run: %+v", r)
	}
	if r := byID[other]; r.LifecycleStage != "active" || r.Fingerprint == "stale" || r.Fingerprint == "" {
		t.Errorf("known run with a stale fingerprint: %+v", r)
	}

	// A broken meta.yaml changes the fingerprint, so the run is validated
	// and dropped, as RunRefs drops it.
	dir := filepath.Join(root, m.Experiments["churn-classifier"], id)
	must(t, os.WriteFile(filepath.Join(dir, "meta.yaml"), []byte("run_id: [unclosed\n"), 0o644))
	after, err := s.RunRefsKnown(ctx, nil, known)
	must(t, err)
	for _, r := range after {
		if r.RunID == id {
			t.Errorf("run with a broken meta.yaml listed: %+v", r)
		}
	}
}
