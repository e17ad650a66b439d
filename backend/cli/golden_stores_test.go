package cli

import (
	"encoding/json"
	"math"
	"os"
	"regexp"
	"testing"

	"flowdeck/backend/testfix"
)

// The MLflow 3.5 FileStore and mlflow.db were written by the same generator
// script (testdata/fixtures/README.md), so the CLI must print the same
// content for both once ids are mapped through the manifests. Allowed
// differences, each from the README:
//   - "Ids, timestamps and random values differ from store to store": ids
//     become logical names; timestamps, artifact URIs and model ids go.
//   - "SQLite cannot store infinities, so +inf and -inf come back as
//     `±1.7976931348623157e+308`": the FileStore's "Infinity" is mapped so.
//   - "So runs with a logged model have one duplicate step-0 entry per
//     metric." (MLflow 3 FileStore; "SQLite removes the duplicate").
//   - "56: the run tag `reviewed=yes` was set on `ridge-a1.0`." (SQLite only).
//   - "The FileStores were never used by a server": the registry of the
//     FileStore is compared with rest/41, recorded before call 49.

type goldenManifest struct {
	Runs        map[string]string `json:"runs"`
	Experiments map[string]string `json:"experiments"`
	names       map[string]string // id → "run:<name>" / "exp:<name>"
}

func goldenLoadManifest(t *testing.T, rel string) *goldenManifest {
	b, err := os.ReadFile(testfix.Path(rel))
	if err != nil {
		t.Fatal(err)
	}
	m := &goldenManifest{names: map[string]string{}}
	if err := json.Unmarshal(b, m); err != nil {
		t.Fatal(err)
	}
	for n, id := range m.Runs {
		m.names[id] = "run:" + n
	}
	for n, id := range m.Experiments {
		m.names[id] = "exp:" + n
	}
	return m
}

// goldenSide is one store as the CLI sees it.
type goldenSide struct {
	src string
	man *goldenManifest
}

func goldenBothStores(t *testing.T) (fs, sq goldenSide) {
	return goldenSide{testfix.Path("mlflow-3.5/mlruns"), goldenLoadManifest(t, "mlflow-3.5/manifest-filestore.json")},
		goldenSide{goldenSQLite(t), goldenLoadManifest(t, "mlflow-3.5/manifest-sqlite.json")}
}

var goldenHexID = regexp.MustCompile(`\b[0-9a-f]{32}\b`)

// goldenDropped are fields that hold ids, paths or clock times.
var goldenDropped = map[string]bool{
	"start_time": true, "end_time": true, "timestamp": true, "creation_time": true, "last_update_time": true,
	"creation_timestamp": true, "last_updated_timestamp": true, "artifact_uri": true, "artifact_location": true,
	"source": true, "model_id": true, "root_uri": true,
}

// goldenLogical rewrites a CLI answer of one store into logical names.
func goldenLogical(v any, man *goldenManifest) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if goldenDropped[k] {
				delete(x, k)
				continue
			}
			if k == "experiment_id" {
				if n, ok := man.names[e.(string)]; ok {
					x[k] = n
				}
				continue
			}
			x[k] = goldenLogical(e, man)
		}
		if o, ok := x["outputs"].(map[string]any); ok { // model ids only
			for _, mo := range goldenList(o, "model_outputs") {
				delete(goldenObj(mo), "model_id")
			}
		}
	case []any:
		for i, e := range x {
			x[i] = goldenLogical(e, man)
		}
	case string:
		return goldenHexID.ReplaceAllStringFunc(x, func(id string) string {
			if n, ok := man.names[id]; ok {
				return n
			}
			return id
		})
	}
	return v
}

// goldenInfAsMax maps the FileStore's "±Infinity" to SQLite's ±DBL_MAX.
func goldenInfAsMax(v any) {
	goldenWalk(v, func(m map[string]any) bool {
		switch m["value"] {
		case "Infinity":
			m["value"] = math.MaxFloat64
		case "-Infinity":
			m["value"] = -math.MaxFloat64
		}
		return true
	})
}

func TestGoldenStoresRunsSearch(t *testing.T) {
	fs, sq := goldenBothStores(t)
	e := newGEnv(t)
	for _, q := range []struct{ exp, filter, order string }{
		{"churn-classifier", "params.model_type = 'logistic_regression' and metrics.final_accuracy > 0.9", "metrics.final_accuracy DESC"},
		{"churn-classifier", "attributes.status != 'FINISHED'", "attributes.run_name ASC"},
		{"house-price-regression", "metrics.rmse < 1", "params.alpha DESC"},
	} {
		out := map[string]any{}
		for name, s := range map[string]goldenSide{"filestore": fs, "sqlite": sq} {
			got := e.json("runs", "search", s.src, "--experiment-ids", s.man.Experiments[q.exp], "--filter", q.filter, "--order-by", q.order)
			out[name] = goldenLogical(got, s.man)
		}
		goldenInfAsMax(out["filestore"])
		goldenUndoRunTag(t, out["sqlite"])
		if n := len(goldenList(goldenObj(out["filestore"]), "runs")); n < 2 {
			t.Errorf("%v: only %d runs", q, n)
		}
		if d := goldenDiff(out["filestore"], out["sqlite"]); d != "" {
			t.Errorf("runs search %v (-filestore +sqlite):\n%s", q, d)
		}
	}
}

// goldenUndoRunTag takes call 56's tag out of the SQLite side.
func goldenUndoRunTag(t *testing.T, v any) {
	b := goldenBody(t, 56)
	goldenEachRun(v, func(r map[string]any) {
		if goldenObj(r, "info")["run_id"] == "run:ridge-a1.0" {
			goldenDropTag(t, goldenObj(r, "data"), b["key"].(string), b["value"].(string))
		}
	})
}

func TestGoldenStoresRunsGet(t *testing.T) {
	fs, sq := goldenBothStores(t)
	e := newGEnv(t)
	for name, fid := range fs.man.Runs {
		a := goldenLogical(e.json("runs", "get", fs.src, fid), fs.man)
		b := goldenLogical(e.json("runs", "get", sq.src, sq.man.Runs[name]), sq.man)
		goldenInfAsMax(a)
		goldenUndoRunTag(t, b)
		if d := goldenDiff(a, b); d != "" {
			t.Errorf("runs get %s (-filestore +sqlite):\n%s", name, d)
		}
	}
}

func TestGoldenStoresMetricHistory(t *testing.T) {
	fs, sq := goldenBothStores(t)
	e := newGEnv(t)
	for _, c := range []struct {
		run, key string
		dup      bool // a logged-model run: the FileStore repeats step 0
	}{
		{"logreg-C1.0", "train_loss", true},
		{"logreg-C1.0", "final_accuracy", true},
		{"rf-n10", "val_accuracy", false},
		{"oom-crash", "train_loss", false},
		{"edge-cases", "same_step", false},
		{"edge-cases", "big_step", false},
	} {
		a := goldenLogical(e.json("metrics", "history", fs.src, fs.man.Runs[c.run], c.key), fs.man).(map[string]any)
		b := goldenLogical(e.json("metrics", "history", sq.src, sq.man.Runs[c.run], c.key), sq.man).(map[string]any)
		goldenInfAsMax(a)
		if c.dup {
			ms := goldenList(a, "metrics")
			last := goldenObj(ms[len(ms)-1])
			if last["step"] != float64(0) || goldenDiff(last, goldenCopy(ms[0])) != "" {
				t.Errorf("%s/%s: the FileStore's last point %v is not the repeated step 0", c.run, c.key, last)
			} else {
				a["metrics"] = ms[:len(ms)-1]
			}
		}
		if d := goldenDiff(a, b); d != "" || len(goldenList(b, "metrics")) == 0 {
			t.Errorf("metrics history %s/%s (-filestore +sqlite):\n%s", c.run, c.key, d)
		}
	}
}

func TestGoldenStoresModelsSearch(t *testing.T) {
	fs, sq := goldenBothStores(t)
	e := newGEnv(t)
	got := goldenLogical(e.json("models", "search", fs.src), fs.man).(map[string]any)
	// The FileStore has the state rest/41 shows (before call 49).
	want := goldenLogical(goldenResp(t, 41), sq.man).(map[string]any)
	goldenShape(t, 41, want, got)
	if d := goldenDiff(want, got); d != "" {
		t.Errorf("models search (-rest/41 +filestore):\n%s", d)
	}
	// churn-classifier, which no call changed, is the same in both stores.
	sqm := goldenLogical(e.json("models", "search", sq.src), sq.man).(map[string]any)
	goldenShape(t, 41, map[string]any{}, sqm)
	if d := goldenDiff(goldenList(want, "registered_models")[0], goldenList(sqm, "registered_models")[0]); d != "" {
		t.Errorf("churn-classifier (-filestore +sqlite):\n%s", d)
	}
}
