package cli

import (
	"testing"
)

// The CLI prints MLflow's exact JSON shapes (runs/get: "inputs" and
// "outputs" always present; runs/search: "inputs" only; registry searches
// and latest_versions without version aliases). MLflow itself writes a run
// without inputs either as "inputs": {} (rest/18) or not at all (rest/22,
// a run logged through the server), so an empty object and an absent key
// compare equal; TestGoldenJSONShape pins the exact shape on recordings
// that have it.
func goldenShape(t *testing.T, n int, want, got any) {
	t.Helper()
	for _, v := range []any{want, got} {
		goldenEachRun(v, func(r map[string]any) {
			for _, k := range []string{"inputs", "outputs"} {
				if m, ok := r[k].(map[string]any); ok && len(m) == 0 {
					delete(r, k)
				}
			}
		})
	}
}

func goldenEachRun(v any, f func(map[string]any)) {
	goldenWalk(v, func(m map[string]any) bool {
		if m["info"] != nil && m["data"] != nil {
			f(m)
			return false
		}
		return true
	})
}

func goldenEachModel(v any, f func(map[string]any)) {
	goldenWalk(v, func(m map[string]any) bool {
		if _, ok := m["latest_versions"]; ok || m["aliases"] != nil && m["name"] != nil && m["version"] == nil {
			f(m)
			return false
		}
		return true
	})
}

// goldenWalk calls f on every object; f returns whether to descend.
func goldenWalk(v any, f func(map[string]any) bool) {
	switch x := v.(type) {
	case map[string]any:
		if !f(x) {
			return
		}
		for _, e := range x {
			goldenWalk(e, f)
		}
	case []any:
		for _, e := range x {
			goldenWalk(e, f)
		}
	}
}

// TestGoldenJSONShape asserts MLflow's exact JSON shape for one recording
// of each kind the differences above touch.
func TestGoldenJSONShape(t *testing.T) {
	src, e := goldenSQLite(t), newGEnv(t)
	cases := map[int][]string{
		18: {"runs", "get", src, goldenRecs[18].Query.Get("run_id")},
		12: append([]string{"runs", "search", src}, goldenSearchArgs(t, 12)...),
		43: {"models", "get", src, "churn-classifier"},
		45: {"model-versions", "search", src, "--name", "churn-classifier"},
	}
	for n, args := range cases {
		got := e.json(args...)
		if n == 45 {
			goldenVersionsDesc(got) // rest/45's order_by
		}
		if d := goldenDiff(goldenResp(t, n), got); d != "" {
			t.Errorf("rest/%02d (-recorded +flowdeck):\n%s", n, d)
		}
	}
}
