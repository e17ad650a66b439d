package sqlstore

import (
	"context"
	"testing"

	"flowdeck/backend/source"
)

func refMap(t *testing.T, s *Store, exps ...string) map[string]source.RunRef {
	t.Helper()
	refs, err := s.RunRefs(context.Background(), exps)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]source.RunRef{}
	for _, r := range refs {
		m[r.RunID] = r
	}
	return m
}

func TestRunRefs(t *testing.T) {
	s := openFixture(t)
	man := loadManifest(t)
	all := refMap(t, s)
	if len(all) != len(man.Runs) {
		t.Fatalf("%d refs, manifest has %d runs", len(all), len(man.Runs))
	}
	if r := all[man.Runs["deleted-run"]]; r.LifecycleStage != "deleted" || r.ExperimentID != "1" {
		t.Errorf("deleted-run ref = %+v", r)
	}
	if r := all[man.Runs["scratch-run"]]; r.LifecycleStage != "deleted" || r.ExperimentID != "3" {
		t.Errorf("scratch-run (deleted experiment) ref = %+v", r)
	}
	exp2 := refMap(t, s, "2")
	if len(exp2) != 3 {
		t.Errorf("experiment 2 has %d runs, want 3 ridge runs", len(exp2))
	}
	for id, r := range exp2 {
		if all[id].Fingerprint != r.Fingerprint {
			t.Errorf("fingerprint of %s depends on the experiment filter", id)
		}
	}
	if len(refMap(t, s, "abc")) != 0 {
		t.Error("non-numeric experiment id matched runs")
	}
	seen := map[string]bool{}
	for _, r := range all {
		if seen[r.Fingerprint] {
			t.Errorf("duplicate fingerprint %s", r.Fingerprint)
		}
		seen[r.Fingerprint] = true
	}
}

// Each change a syncer must notice moves the run's fingerprint, and only
// that run's.
func TestRunRefsFingerprintTracksChanges(t *testing.T) {
	path := copyFixtureDB(t)
	s := openPath(t, path)
	man := loadManifest(t)
	run := man.Runs["still-running"]
	changes := []struct{ name, sql string }{
		{"same-length tag value", `UPDATE tags SET value = 'mlplatform!' WHERE run_uuid = '` + run + `' AND key = 'team'`},
		{"status", `UPDATE runs SET status = 'FINISHED', end_time = 1 WHERE run_uuid = '` + run + `'`},
		{"old history point", `INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES ('train_loss', 5, 1, '` + run + `', -5, 0)`},
		{"new latest metric", `INSERT OR REPLACE INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ('new', 1, 1, 1, 0, '` + run + `')`},
		{"param", `INSERT INTO params (key, value, run_uuid) VALUES ('p', 'v', '` + run + `')`},
		{"tag deleted", `DELETE FROM tags WHERE run_uuid = '` + run + `' AND key = 'team'`},
		{"dataset input", `INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id, step) VALUES ('x', 'DATASET', 'd', 'RUN', '` + run + `', 0)`},
		{"deleted", `UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = 5 WHERE run_uuid = '` + run + `'`},
	}
	before := refMap(t, s)
	for _, c := range changes {
		exec(t, path, c.sql)
		after := refMap(t, s)
		if after[run].Fingerprint == before[run].Fingerprint {
			t.Errorf("%s: fingerprint unchanged", c.name)
		}
		for id, r := range after {
			if id != run && r.Fingerprint != before[id].Fingerprint {
				t.Errorf("%s: fingerprint of unrelated run %s changed", c.name, id)
			}
		}
		before = after
	}
	if before[run].LifecycleStage != "deleted" {
		t.Errorf("lifecycle stage not reported: %+v", before[run])
	}
}
