package conformance

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
	"flowdeck/backend/source/filestore"
	"flowdeck/backend/source/restreplay"
	"flowdeck/backend/source/reststore"
	"flowdeck/backend/source/sqlstore"
	"flowdeck/backend/testfix"
)

var ctx = context.Background()

// manifest maps logical names to one store's ids (manifest-*.json).
type manifest struct {
	MLflowVersion string            `json:"mlflow_version"`
	Runs          map[string]string `json:"runs"`
	Experiments   map[string]string `json:"experiments"`
	Registry      map[string][]int  `json:"registry"`
	runName       map[string]string // run id → logical name
	expName       map[string]string // experiment id → logical name
}

func loadManifest(t testing.TB, rel string) *manifest {
	t.Helper()
	b, err := os.ReadFile(testfix.Path(rel))
	if err != nil {
		t.Fatal(err)
	}
	m := &manifest{}
	if err := json.Unmarshal(b, m); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	m.runName, m.expName = map[string]string{}, map[string]string{}
	for name, id := range m.Runs {
		m.runName[id] = name
	}
	for name, id := range m.Experiments {
		m.expName[id] = name
	}
	return m
}

// kind is one store under test with what it can answer and which
// documented MLflow differences apply to it.
type kind struct {
	name string
	st   source.Store
	man  *manifest
	// runs whose GetRun this kind answers (every run of the manifest for
	// local stores; the runs of rest/17–22 for REST).
	runs []string
	// histories this kind answers as [run, key]; nil means every metric.
	histories [][2]string
	// Documented differences (allow_test.go).
	infAsMax  bool // SQLite: ±inf stored as ±DBL_MAX
	dupStep0  bool // FileStore 3.5: duplicate step-0 point on logged-model runs
	mutated   bool // state after the REST calls 49–60
	legacy222 bool // MLflow 2.22: models are run artifacts, no logged models
	local     bool // every operation answerable
	srv       *restreplay.Server
	stray     *strays
}

func allRuns(m *manifest) []string {
	var out []string
	for name := range m.Runs {
		out = append(out, name)
	}
	return out
}

func openFile35(t testing.TB) *kind {
	t.Helper()
	st, err := filestore.Open(testfix.Path("mlflow-3.5/mlruns"), source.Options{Warn: failWarn(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m := loadManifest(t, "mlflow-3.5/manifest-filestore.json")
	return &kind{name: "filestore-3.5", st: st, man: m, runs: allRuns(m), dupStep0: true, local: true}
}

func openFile222(t testing.TB) *kind {
	t.Helper()
	st, err := filestore.Open(testfix.Path("mlflow-2.22/mlruns"), source.Options{Warn: failWarn(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m := loadManifest(t, "mlflow-2.22/manifest-filestore.json")
	return &kind{name: "filestore-2.22", st: st, man: m, runs: allRuns(m), legacy222: true, local: true}
}

func openSQLite(t testing.TB) *kind {
	t.Helper()
	st, err := sqlstore.Open(testfix.Path("mlflow-3.5/mlflow.db"), source.Options{Warn: failWarn(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m := loadManifest(t, "mlflow-3.5/manifest-sqlite.json")
	return &kind{name: "sqlite-3.5", st: st, man: m, runs: allRuns(m), infAsMax: true, mutated: true, local: true}
}

// restRuns are the runs of the runs/get recordings 17–22.
var restRuns = []string{"logreg-C1.0", "rf-n50", "oom-crash", "edge-cases", "deleted-run", "remote-run"}

// restHistories are the get-history recordings 23, 27 and 28 (the ones
// sent with max_results=25000, as the REST store sends it).
var restHistories = [][2]string{{"logreg-C1.0", "val_accuracy"}, {"oom-crash", "train_loss"}, {"edge-cases", "same_step"}}

// openREST replays the recordings made against the SQLite store. Its ids
// are the SQLite manifest's. The experiments, runs and registry it shows
// are all from recordings made before call 49 (the first mutation), so it
// is not "mutated".
func openREST(t testing.TB) *kind {
	t.Helper()
	srv := restreplay.New(t)
	s := &strays{}
	serveShapes(t, srv, s)
	st, err := reststore.Open(ctx, srv.BaseURL(), source.Options{Timeout: 5 * time.Second, Warn: failWarn(t)},
		reststore.WithSleep(func(context.Context, time.Duration) error { return nil }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m := loadManifest(t, "mlflow-3.5/manifest-sqlite.json")
	return &kind{name: "rest-3.5", st: st, man: m, runs: restRuns, histories: restHistories, infAsMax: true, srv: srv, stray: s}
}

// checkNoStrays fails when the REST store asked anything no recording
// answers.
func (k *kind) checkNoStrays(t testing.TB) {
	t.Helper()
	if k.srv == nil {
		return
	}
	for _, r := range k.srv.Unmatched() {
		t.Errorf("%s: no recording answers %s %s?%s %s", k.name, r.Method, r.Path, r.RawQuery, r.Body)
	}
	for _, r := range k.stray.list() {
		t.Errorf("%s: no recording answers %s", k.name, r)
	}
}

// strays collects requests the shape handlers could not answer.
type strays struct {
	mu   sync.Mutex
	reqs []string
}

func (s *strays) add(r string) { s.mu.Lock(); s.reqs = append(s.reqs, r); s.mu.Unlock() }
func (s *strays) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.reqs...)
}

func failWarn(t testing.TB) source.Warner {
	return func(msg string) { t.Errorf("store warning on a clean fixture: %s", msg) }
}

// mustRun returns a kind's run by logical name.
func (k *kind) mustRun(t testing.TB, name string) *mlflow.Run {
	t.Helper()
	id, ok := k.man.Runs[name]
	if !ok {
		t.Fatalf("%s: no run %q in the manifest", k.name, name)
	}
	r, err := k.st.GetRun(ctx, id)
	if err != nil {
		t.Fatalf("%s: GetRun(%s = %s): %v", k.name, name, id, err)
	}
	return r
}

func (k *kind) has(run string) bool {
	for _, r := range k.runs {
		if r == run {
			return true
		}
	}
	return false
}

// recording returns restreplay's recording n.
func recording(t testing.TB, n int) *restreplay.Recording {
	t.Helper()
	for _, r := range recordings(t) {
		if r.Num == n {
			return r
		}
	}
	t.Fatalf("no recording %d", n)
	return nil
}

var (
	recsOnce sync.Once
	recsAll  []*restreplay.Recording
	recsErr  error
)

func recordings(t testing.TB) []*restreplay.Recording {
	t.Helper()
	recsOnce.Do(func() { recsAll, recsErr = restreplay.Load(restreplay.DefaultDir()) })
	if recsErr != nil {
		t.Fatal(recsErr)
	}
	return recsAll
}

// decode decodes recording n's JSON response into v.
func decode(t testing.TB, n int, v any) {
	t.Helper()
	if err := json.Unmarshal(recording(t, n).ResponseJSON, v); err != nil {
		t.Fatalf("recording %d: %v", n, err)
	}
}

func writeRec(w http.ResponseWriter, r *restreplay.Recording) {
	w.Header().Set("Content-Type", r.ContentType)
	w.WriteHeader(r.Status)
	w.Write(r.Response)
}
