package conformance

import (
	"sort"
	"testing"
)

// TestMetricHistories compares every metric history, point by point in the
// order the store returns it (values and steps; timestamps differ, whyIDs).
func TestMetricHistories(t *testing.T) {
	ref := openFile35(t)
	for _, k := range others(t) {
		t.Run(k.name, func(t *testing.T) {
			defer k.checkNoStrays(t)
			n := 0
			for _, h := range histories(t, ref, k) {
				want := points(t, ref, h[0], h[1])
				got := points(t, k, h[0], h[1])
				if ref.mustRun(t, h[0]).Outputs != nil && len(ref.mustRun(t, h[0]).Outputs.ModelOutputs) > 0 {
					want = dropStep0Dup(t, h, want) // whyDup, whyDupSQL
				}
				if k.infAsMax { // whyInf
					for i := range want {
						want[i].Value = maxInf(want[i].Value)
					}
				}
				if d := diff(want, got); d != "" {
					t.Errorf("history %s/%s (-filestore-3.5 +%s):\n%s", h[0], h[1], k.name, d)
				}
				n++
			}
			if n < len(restHistories) {
				t.Errorf("only %d histories compared", n)
			}
		})
	}
}

// histories lists [run, key] pairs kind k answers: every metric of every
// run both stores have, or k's recorded ones.
func histories(t *testing.T, ref, k *kind) [][2]string {
	if k.histories != nil {
		return k.histories
	}
	var out [][2]string
	for _, name := range sortedRuns(k) {
		if _, ok := ref.man.Runs[name]; !ok {
			continue // whySQLiteExtra
		}
		var keys []string
		for _, m := range ref.mustRun(t, name).Data.Metrics {
			keys = append(keys, m.Key)
		}
		sort.Strings(keys)
		for _, key := range keys {
			out = append(out, [2]string{name, key})
		}
	}
	if len(out) < 50 {
		t.Fatalf("only %d histories", len(out))
	}
	return out
}

func points(t *testing.T, k *kind, run, key string) []point {
	t.Helper()
	ms, err := k.st.MetricHistory(ctx, k.man.Runs[run], key)
	if err != nil {
		t.Fatalf("%s: MetricHistory(%s, %s): %v", k.name, run, key, err)
	}
	out := make([]point, len(ms))
	for i, m := range ms {
		if m.Key != key {
			t.Errorf("%s: history of %s has a point of %q", k.name, key, m.Key)
		}
		out[i] = point{m.Step, float64(m.Value)}
	}
	return out
}

// dropStep0Dup removes the 3.5 FileStore's repeated step-0 point of a run
// with a logged model (whyDup): the history must hold exactly one step-0
// point more than it logged, equal to the first one.
func dropStep0Dup(t *testing.T, h [2]string, ps []point) []point {
	t.Helper()
	first, last := -1, -1
	for i, p := range ps {
		if p.Step == 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 || first == last || ps[first] != ps[last] {
		t.Errorf("history %s/%s: no duplicate step-0 point (README: %q)", h[0], h[1], whyDup)
		return ps
	}
	return append(ps[:last:last], ps[last+1:]...)
}

// TestDocumentedDuplicate checks the README's own example of whyDup on the
// stores: train_loss of logreg-C0.1 has 101 points for 100 steps in the 3.5
// FileStore and final_accuracy 2 identical points; SQLite and 2.22 have none.
func TestDocumentedDuplicate(t *testing.T) {
	for _, c := range []struct {
		k         *kind
		loss, fin int
	}{{openFile35(t), 101, 2}, {openSQLite(t), 100, 1}, {openFile222(t), 100, 1}} {
		loss, fin := points(t, c.k, "logreg-C0.1", "train_loss"), points(t, c.k, "logreg-C0.1", "final_accuracy")
		if len(loss) != c.loss || len(fin) != c.fin || (len(fin) == 2 && fin[0] != fin[1]) {
			t.Errorf("%s: train_loss %d points (want %d), final_accuracy %v (want %d)", c.k.name, len(loss), c.loss, fin, c.fin)
		}
	}
}

// TestReadRunBundles checks, on every local kind, that ReadRun is GetRun
// plus MetricHistory of each latest metric's key.
func TestReadRunBundles(t *testing.T) {
	for _, k := range []*kind{openFile35(t), openSQLite(t), openFile222(t)} {
		for _, name := range sortedRuns(k) {
			id := k.man.Runs[name]
			b, err := k.st.ReadRun(ctx, id)
			if err != nil {
				t.Fatalf("%s: ReadRun(%s): %v", k.name, name, err)
			}
			if d := diff(canonRun(k.mustRun(t, name)), canonRun(&b.Run)); d != "" {
				t.Errorf("%s: ReadRun(%s).Run (-GetRun +ReadRun):\n%s", k.name, name, d)
			}
			if len(b.History) != len(b.Run.Data.Metrics) {
				t.Errorf("%s: ReadRun(%s) has %d histories for %d metrics", k.name, name, len(b.History), len(b.Run.Data.Metrics))
			}
			for _, m := range b.Run.Data.Metrics {
				h, err := k.st.MetricHistory(ctx, id, m.Key)
				if err != nil {
					t.Fatal(err)
				}
				if d := diff(h, b.History[m.Key]); d != "" {
					t.Errorf("%s: ReadRun(%s) history %s (-MetricHistory +ReadRun):\n%s", k.name, name, m.Key, d)
				}
			}
		}
	}
}
