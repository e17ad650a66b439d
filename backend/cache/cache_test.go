package cache_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"
	_ "github.com/mattn/go-sqlite3"

	"flowdeck/backend/cache"
	"flowdeck/backend/cache/cachetest"
	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

var ctx = context.Background()

func TestOpenPragmasAndMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "cache.db")
	c, err := cache.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db := c.DB()
	// Every pooled connection must have case-sensitive LIKE and FKs on.
	conns := make([]interface{ Close() error }, 0, 4)
	for i := 0; i < 4; i++ {
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
		var like, fk int
		if err := conn.QueryRowContext(ctx, `SELECT 'ABC' LIKE 'abc'`).Scan(&like); err != nil {
			t.Fatal(err)
		}
		if err := conn.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if like != 0 || fk != 1 {
			t.Errorf("conn %d: 'ABC' LIKE 'abc' = %d (want 0), foreign_keys = %d (want 1)", i, like, fk)
		}
		var mode string
		if err := conn.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode = %q, %v", mode, err)
		}
	}
	for _, cn := range conns {
		cn.Close()
	}
	var v int
	if err := db.Get(&v, `SELECT MAX(version) FROM schema_migrations`); err != nil || v != cache.SchemaVersion() || v < 1 {
		t.Errorf("schema version %d (%v), want %d", v, err, cache.SchemaVersion())
	}
	c.Close()

	// Re-opening is a no-op; a newer schema is refused.
	c, err = cache.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DB().Exec(`INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, '0999_future', 0)`); err != nil {
		t.Fatal(err)
	}
	c.Close()
	_, err = cache.Open(path)
	if err == nil || !strings.Contains(err.Error(), "newer Flowdeck") {
		t.Fatalf("newer cache: err = %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x", "c.db")
	t.Setenv("FLOWDECK_CACHE", p)
	got, err := cache.DefaultPath()
	if err != nil || got != p {
		t.Fatalf("DefaultPath = %q, %v", got, err)
	}
	t.Setenv("FLOWDECK_CACHE", "")
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	got, err = cache.DefaultPath()
	if err != nil || !strings.HasSuffix(got, filepath.Join("flowdeck", "cache.db")) {
		t.Fatalf("DefaultPath = %q, %v", got, err)
	}
}

func TestSources(t *testing.T) {
	c := cachetest.New(t)
	id, err := c.EnsureSource(ctx, "file:///a/mlruns", source.KindFile)
	if err != nil {
		t.Fatal(err)
	}
	id2, _ := c.EnsureSource(ctx, "file:///a/mlruns", source.KindFile)
	if id2 != id {
		t.Errorf("EnsureSource twice: %d then %d", id, id2)
	}
	other, _ := c.EnsureSource(ctx, "sqlite:////b/mlflow.db", source.KindSQLite)
	if err := c.MarkSyncStart(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := c.MarkSyncError(ctx, id, "boom"); err != nil {
		t.Fatal(err)
	}
	s, err := c.Source(ctx, id)
	if err != nil || s.LastError != "boom" || s.LastSyncEnd != 0 || s.LastSyncStart == 0 || s.Kind != source.KindFile {
		t.Fatalf("after error: %+v, %v", s, err)
	}
	if err := c.MarkSyncSuccess(ctx, id, "m1", "3.5", ""); err != nil {
		t.Fatal(err)
	}
	s, _ = c.SourceByURI(ctx, "file:///a/mlruns")
	if s.LastError != "" || s.LastSyncEnd == 0 || s.Marker != "m1" || s.ServerVersion != "3.5" {
		t.Fatalf("after success: %+v", s)
	}
	seedRuns(t, c, id, 3, 2, 2, 5)
	if err := c.DeleteSource(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Source(ctx, id); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("deleted source: %v", err)
	}
	var n int
	c.DB().Get(&n, `SELECT (SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM params) + (SELECT COUNT(*) FROM metric_history)`)
	if n != 0 {
		t.Errorf("%d rows left after DeleteSource", n)
	}
	ls, _ := c.ListSources(ctx)
	if len(ls) != 1 || ls[0].ID != other {
		t.Errorf("ListSources = %+v", ls)
	}
	if err := c.DeleteSource(ctx, 12345); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("delete unknown: %v", err)
	}
}

// bundle builds a run with params, tags and metric histories.
func bundle(id, exp string, params, metrics, steps int) *source.RunBundle {
	r := mlflow.Run{Info: mlflow.RunInfo{RunID: id, RunUUID: id, ExperimentID: exp, Status: mlflow.StatusFinished,
		StartTime: 1700000000000, EndTime: 1700000005000, LifecycleStage: mlflow.LifecycleActive, UserID: "alice",
		ArtifactURI: "file:///x/" + id}}
	for p := 0; p < params; p++ {
		r.Data.Params = append(r.Data.Params, mlflow.Param{Key: fmt.Sprintf("p%02d", p), Value: fmt.Sprint(p * 7)})
	}
	r.Data.Tags = []mlflow.Tag{{Key: "mlflow.runName", Value: "name-" + id}, {Key: "mlflow.user", Value: "alice"}}
	b := &source.RunBundle{Run: r, History: map[string][]mlflow.Metric{}}
	for m := 0; m < metrics; m++ {
		key := fmt.Sprintf("m%02d", m)
		h := make([]mlflow.Metric, steps)
		for s := range h {
			h[s] = mlflow.Metric{Key: key, Value: mlflow.Float(float64(s*m) / 10), Timestamp: 1700000000000 + int64(s), Step: int64(s)}
		}
		b.History[key] = h
	}
	return b
}

func seedRuns(t testing.TB, c *cache.Cache, src int64, n, params, metrics, steps int) []string {
	t.Helper()
	var ids []string
	var batch []cache.RunWrite
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("run%05d", i)
		ids = append(ids, id)
		batch = append(batch, cache.RunWrite{Bundle: bundle(id, fmt.Sprint(i%3), params, metrics, steps), Fingerprint: "fp-" + id})
		if len(batch) == 200 {
			if err := c.UpsertRuns(ctx, src, batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := c.UpsertRuns(ctx, src, batch); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestRunsWriteRead(t *testing.T) {
	c := cachetest.New(t)
	src, _ := c.EnsureSource(ctx, "file:///r", source.KindFile)
	nan, inf := mlflow.Float(math.NaN()), mlflow.Float(math.Inf(1))
	parent := bundle("parent", "1", 1, 0, 0)
	child := bundle("child", "1", 2, 1, 3)
	child.Run.Data.Tags = append(child.Run.Data.Tags, mlflow.Tag{Key: "mlflow.parentRunId", Value: "parent"})
	child.History["crash"] = []mlflow.Metric{{Key: "crash", Value: 1, Step: 0}, {Key: "crash", Value: nan, Step: 1}, {Key: "crash", Value: inf, Step: 0, Timestamp: 5}}
	child.History["up"] = []mlflow.Metric{{Key: "up", Value: inf, Step: 3}, {Key: "up", Value: mlflow.Float(math.Inf(-1)), Step: 1}}
	child.Run.Inputs = &mlflow.RunInputs{DatasetInputs: []mlflow.DatasetInput{{Dataset: mlflow.Dataset{Name: "d", Digest: "x", SourceType: "code", Source: "{}"},
		Tags: []mlflow.Tag{{Key: "mlflow.data.context", Value: "training"}}}}}
	child.Run.Outputs = &mlflow.RunOutputs{ModelOutputs: []mlflow.ModelOutput{{ModelID: "m-1", Step: 2}}}
	child.Run.Info.RunName = "" // falls back to mlflow.runName
	onlyLatest := bundle("latest", "2", 0, 0, 0)
	onlyLatest.Run.Data.Metrics = []mlflow.Metric{{Key: "acc", Value: 0.9, Step: 4, Timestamp: 9}}
	if err := c.UpsertRuns(ctx, src, []cache.RunWrite{{Bundle: parent, Fingerprint: "f1", New: true}, {Bundle: child, Fingerprint: "f2"}, {Bundle: onlyLatest, Fingerprint: "f3"}}); err != nil {
		t.Fatal(err)
	}

	runs, err := c.Runs(ctx, src, []string{"latest", "nope", "child", "parent"})
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 3 || runs[0].Info.RunID != "latest" || runs[1].Info.RunID != "child" || runs[2].Info.RunID != "parent" {
		t.Fatalf("order: %+v", runs)
	}
	ch := runs[1]
	if ch.Info.RunName != "name-child" || ch.Info.RunUUID != "child" || ch.Info.EndTime != 1700000005000 {
		t.Errorf("child info %+v", ch.Info)
	}
	if len(ch.Data.Params) != 2 || ch.Data.Params[0].Key != "p00" || len(ch.Data.Tags) != 3 {
		t.Errorf("child data %+v", ch.Data)
	}
	byKey := map[string]mlflow.Metric{}
	for _, m := range ch.Data.Metrics {
		byKey[m.Key] = m
	}
	if m := byKey["crash"]; !math.IsNaN(float64(m.Value)) || m.Step != 1 {
		t.Errorf("crash latest = %+v, want NaN at step 1", m)
	}
	if m := byKey["up"]; !math.IsInf(float64(m.Value), 1) {
		t.Errorf("up latest = %+v, want +Inf", m)
	}
	if ch.Inputs == nil || ch.Inputs.DatasetInputs[0].Dataset.Name != "d" || ch.Outputs == nil || ch.Outputs.ModelOutputs[0].ModelID != "m-1" {
		t.Errorf("inputs/outputs %+v %+v", ch.Inputs, ch.Outputs)
	}
	if runs[0].Data.Metrics[0].Value != 0.9 {
		t.Errorf("latest-only metric %+v", runs[0].Data.Metrics)
	}

	sums, err := c.RunSummaries(ctx, src, []string{"child"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums["child"] {
		switch s.Key {
		case "crash":
			if s.Min != 1 || !math.IsInf(float64(s.Max), 1) || s.Count != 3 {
				t.Errorf("crash summary %+v", s)
			}
		case "up":
			if !math.IsInf(float64(s.Min), -1) || !math.IsInf(float64(s.Max), 1) {
				t.Errorf("up summary %+v (±Inf must round-trip through SQLite)", s)
			}
		}
	}
	var isNaN int
	var val any
	c.DB().QueryRow(`SELECT value, is_nan FROM metrics WHERE run_id='child' AND key='crash'`).Scan(&val, &isNaN)
	if val != nil || isNaN != 1 {
		t.Errorf("NaN stored as value=%v is_nan=%d", val, isNaN)
	}

	h, err := c.MetricHistory(ctx, src, "child", "crash")
	if err != nil || len(h) != 3 || !math.IsInf(float64(h[2].Value), 1) || h[2].Key != "crash" {
		t.Errorf("history %+v %v", h, err)
	}
	if h, err := c.MetricHistory(ctx, src, "child", "nokey"); err != nil || len(h) != 0 {
		t.Errorf("unknown key: %v %v", h, err)
	}
	_, err = c.MetricHistory(ctx, src, "ghost", "x")
	if !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("unknown run history: %v", err)
	}
	hs, err := c.MetricHistories(ctx, src, []string{"child", "parent", "latest"}, "m00")
	if err != nil || len(hs) != 1 || len(hs["child"]) != 3 {
		t.Errorf("histories %v %v", hs, err)
	}

	_, err = c.Run(ctx, src, "ghost")
	var me *mlflow.Error
	if !errors.As(err, &me) || me.Message != "Run with id=ghost not found" || me.Code != "RESOURCE_DOES_NOT_EXIST" {
		t.Errorf("Run(ghost) = %v", err)
	}
	kids, err := c.Children(ctx, src, "parent")
	if err != nil || len(kids) != 1 || kids[0].RunID != "child" {
		t.Errorf("children %+v %v", kids, err)
	}
	if p, _ := c.ParentRunID(ctx, src, "child"); p != "parent" {
		t.Errorf("parent = %q", p)
	}
	keys, err := c.RunKeys(ctx, src, []string{"1"})
	if err != nil || strings.Join(keys.Metrics, ",") != "crash,m00,up" || strings.Join(keys.Params, ",") != "p00,p01" {
		t.Errorf("keys %+v %v", keys, err)
	}
	keys, _ = c.RunKeys(ctx, src, nil)
	if strings.Join(keys.Metrics, ",") != "acc,crash,m00,up" {
		t.Errorf("all keys %+v", keys)
	}
	counts, _ := c.ExperimentRunCounts(ctx, src, mlflow.ViewActiveOnly)
	if counts["1"].Runs != 2 || counts["2"].Runs != 1 || counts["1"].LastActivity != 1700000005000 {
		t.Errorf("counts %+v", counts)
	}
	fps, _ := c.Fingerprints(ctx, src)
	if len(fps) != 3 || fps["child"] != "f2" {
		t.Errorf("fingerprints %v", fps)
	}

	// Re-upsert replaces, not merges; delete removes everything.
	child2 := bundle("child", "1", 1, 0, 0)
	if err := c.UpsertRuns(ctx, src, []cache.RunWrite{{Bundle: child2, Fingerprint: "f2b"}}); err != nil {
		t.Fatal(err)
	}
	r, _ := c.Run(ctx, src, "child")
	if len(r.Data.Params) != 1 || len(r.Data.Metrics) != 0 || r.Inputs != nil {
		t.Errorf("after replace: %+v", r)
	}
	if err := c.DeleteRuns(ctx, src, []string{"child", "parent"}); err != nil {
		t.Fatal(err)
	}
	var rows int
	c.DB().Get(&rows, `SELECT (SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM params) + (SELECT COUNT(*) FROM tags) + (SELECT COUNT(*) FROM metrics)`)
	if rows != 1+2+1 { // "latest": its run row, 2 tags, 1 metric
		t.Errorf("%d rows left after DeleteRuns, want 4", rows)
	}
	var packs int
	c.DB().Get(&packs, `SELECT COUNT(*) FROM run_metric_pack`)
	if packs != 1 {
		t.Errorf("%d metric packs left, want 1", packs)
	}
}

func TestExperimentsAndRegistry(t *testing.T) {
	c := cachetest.New(t)
	src, _ := c.EnsureSource(ctx, "file:///e", source.KindFile)
	exps := []mlflow.Experiment{
		{ExperimentID: "10", Name: "ten", LifecycleStage: "active", Tags: []mlflow.Tag{{Key: "b", Value: "2"}, {Key: "a", Value: "1"}}},
		{ExperimentID: "2", Name: "two", LifecycleStage: "deleted", CreationTime: 5},
		{ExperimentID: "0", Name: "Default", LifecycleStage: "active"},
	}
	if err := c.ReplaceExperiments(ctx, src, exps); err != nil {
		t.Fatal(err)
	}
	got, _ := c.Experiments(ctx, src, mlflow.ViewAll)
	if len(got) != 3 || got[0].ExperimentID != "0" || got[1].ExperimentID != "2" || got[2].Tags[0].Key != "a" {
		t.Errorf("experiments %+v", got)
	}
	got, _ = c.Experiments(ctx, src, mlflow.ViewActiveOnly)
	if len(got) != 2 {
		t.Errorf("active %+v", got)
	}
	if err := c.ReplaceExperiments(ctx, src, exps[:1]); err != nil {
		t.Fatal(err)
	}
	_, err := c.Experiment(ctx, src, "2")
	var me *mlflow.Error
	if !errors.As(err, &me) || me.Message != "No Experiment with id=2 exists" {
		t.Errorf("removed experiment: %v", err)
	}
	e, err := c.Experiment(ctx, src, "10")
	if err != nil || len(e.Tags) != 2 {
		t.Errorf("experiment 10: %+v %v", e, err)
	}

	models := []mlflow.RegisteredModel{{Name: "churn", Description: "d", Tags: []mlflow.Tag{{Key: "team", Value: "x"}},
		Aliases: []mlflow.RegisteredModelAlias{{Alias: "champion", Version: "2"}}}}
	versions := []mlflow.ModelVersion{
		{Name: "churn", Version: "1", CurrentStage: "Archived", RunID: "r1"},
		{Name: "churn", Version: "2", CurrentStage: "Production", RunID: "r2", Tags: []mlflow.Tag{{Key: "v", Value: "ok"}}},
		{Name: "churn", Version: "3", CurrentStage: "Production", RunID: "r2"},
	}
	if err := c.ReplaceRegistry(ctx, src, models, versions); err != nil {
		t.Fatal(err)
	}
	m, err := c.RegisteredModel(ctx, src, "churn")
	if err != nil || len(m.Aliases) != 1 || len(m.Tags) != 1 || len(m.LatestVersions) != 2 || m.LatestVersions[1].Version != "3" {
		t.Fatalf("model %+v %v", m, err)
	}
	v, err := c.ModelVersion(ctx, src, "churn", "2")
	if err != nil || len(v.Aliases) != 1 || v.Aliases[0] != "champion" || v.Tags[0].Value != "ok" {
		t.Errorf("version 2 %+v %v", v, err)
	}
	vs, _ := c.ModelVersionsOfRun(ctx, src, "r2")
	if len(vs) != 2 {
		t.Errorf("versions of r2: %+v", vs)
	}
	_, err = c.RegisteredModel(ctx, src, "nope")
	if !errors.As(err, &me) || me.Message != "Registered Model with name=nope not found" {
		t.Errorf("unknown model: %v", err)
	}
	if _, err := c.ModelVersion(ctx, src, "churn", "9"); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("unknown version: %v", err)
	}
	// Moving an alias replaces it.
	models[0].Aliases[0].Version = "3"
	c.ReplaceRegistry(ctx, src, models, versions)
	v, _ = c.ModelVersion(ctx, src, "churn", "3")
	if len(v.Aliases) != 1 {
		t.Errorf("alias did not move: %+v", v)
	}

	lms := []mlflow.LoggedModel{{Info: mlflow.LoggedModelInfo{ModelID: "m-1", ExperimentID: "10", Name: "model", SourceRunID: "r2"}}}
	if err := c.ReplaceLoggedModels(ctx, src, lms); err != nil {
		t.Fatal(err)
	}
	got2, _ := c.LoggedModels(ctx, src, "r2", nil)
	got3, _ := c.LoggedModels(ctx, src, "", []string{"10"})
	got4, _ := c.LoggedModels(ctx, src, "", []string{"11"})
	if len(got2) != 1 || got2[0].Info.Name != "model" || len(got3) != 1 || len(got4) != 0 {
		t.Errorf("logged models %v %v %v", got2, got3, got4)
	}
}

func BenchmarkRuns1000(b *testing.B) {
	c := cachetest.New(b)
	src, _ := c.EnsureSource(ctx, "file:///bench", source.KindFile)
	ids := seedRuns(b, c, src, 1000, 20, 10, 10)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Runs(ctx, src, ids); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpsertRuns writes 200-run batches (20 params, 10 metrics × 100
// steps each) into a fresh cache: the syncer's write path.
func BenchmarkUpsertRuns(b *testing.B) {
	var batch []cache.RunWrite
	for i := 0; i < 200; i++ {
		id := fmt.Sprintf("run%05d", i)
		batch = append(batch, cache.RunWrite{Bundle: bundle(id, "1", 20, 10, 100), Fingerprint: "fp"})
	}
	c := cachetest.New(b)
	src, _ := c.EnsureSource(ctx, "file:///bench", source.KindFile)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := c.UpsertRuns(ctx, src, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*200), "µs/run")
}

// TestRunsOddValuesByteExact stores params and tags that JSON cannot carry
// byte for byte (invalid UTF-8, NUL) next to ordinary and escaped ones: the
// batch path must keep every value exactly.
func TestRunsOddValuesByteExact(t *testing.T) {
	c := cachetest.New(t)
	src, _ := c.EnsureSource(ctx, "file:///odd", source.KindFile)
	odd := map[string]string{
		"plain":   "rf",
		"quotes":  `say "hi" \ back`,
		"newline": "a\nb\tc",
		"unicode": "héllo ✓ 日本",
		"latin1":  "caf\xe9",
		"nul":     "a\x00b",
		"empty":   "",
		"html":    "<script>alert(1)</script>",
	}
	b := bundle("odd", "1", 0, 0, 0)
	for k, v := range odd {
		b.Run.Data.Params = append(b.Run.Data.Params, mlflow.Param{Key: k, Value: v})
		b.Run.Data.Tags = append(b.Run.Data.Tags, mlflow.Tag{Key: "t." + k, Value: v})
	}
	b.Run.Data.Params = append(b.Run.Data.Params, mlflow.Param{Key: "k\xff", Value: "bad key"})
	other := bundle("other", "1", 3, 1, 2)
	if err := c.UpsertRuns(ctx, src, []cache.RunWrite{{Bundle: b, Fingerprint: "f", New: true}, {Bundle: other, Fingerprint: "g", New: true}}); err != nil {
		t.Fatal(err)
	}
	runs, err := c.Runs(ctx, src, []string{"odd", "other"})
	if err != nil || len(runs) != 2 {
		t.Fatalf("runs %v, %v", runs, err)
	}
	params, tags := map[string]string{}, map[string]string{}
	for _, p := range runs[0].Data.Params {
		params[p.Key] = p.Value
	}
	for _, p := range runs[0].Data.Tags {
		tags[p.Key] = p.Value
	}
	for k, v := range odd {
		if got, ok := params[k]; !ok || got != v {
			t.Errorf("param %q = %q (%v), want %q", k, got, ok, v)
		}
		if got, ok := tags["t."+k]; !ok || got != v {
			t.Errorf("tag %q = %q (%v), want %q", "t."+k, got, ok, v)
		}
	}
	if params["k\xff"] != "bad key" {
		t.Errorf("param with an invalid UTF-8 key: %q", params)
	}
	if len(runs[1].Data.Params) != 3 || len(runs[1].Data.Metrics) != 1 {
		t.Errorf("the other run of the batch: %+v", runs[1].Data)
	}
}

// TestMigration3BackfillsPacks downgrades a cache to schema 2 (no packed
// params and tags, no pack row for runs without metrics), reopens it, and
// checks the SQL backfill of migration 3 loads exactly what the Go writer
// stored, odd values included.
func TestMigration3BackfillsPacks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	c, err := cache.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := c.EnsureSource(ctx, "file:///m3", source.KindFile)
	withMetrics := bundle("with", "1", 3, 2, 4)
	withMetrics.Run.Data.Params = append(withMetrics.Run.Data.Params, mlflow.Param{Key: "a:b", Value: "12:x:\n✓"}, mlflow.Param{Key: "Z", Value: ""})
	bare := bundle("bare", "1", 2, 0, 0)
	bare.Run.Data.Tags = append(bare.Run.Data.Tags, mlflow.Tag{Key: "note", Value: "日本 10:20"})
	if err := c.UpsertRuns(ctx, src, []cache.RunWrite{{Bundle: withMetrics, Fingerprint: "a", New: true}, {Bundle: bare, Fingerprint: "b", New: true}}); err != nil {
		t.Fatal(err)
	}
	want, err := c.Runs(ctx, src, []string{"with", "bare"})
	if err != nil || len(want) != 2 || len(want[1].Data.Tags) == 0 {
		t.Fatalf("runs %+v, %v", want, err)
	}
	c.Close()

	db, err := sqlx.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DELETE FROM run_metric_pack WHERE run_id = 'bare'`,
		`ALTER TABLE run_metric_pack DROP COLUMN params`,
		`ALTER TABLE run_metric_pack DROP COLUMN tags`,
		`DROP TABLE run_search_json`,
		`DROP TABLE run_history`,
		`DELETE FROM schema_migrations WHERE version >= 3`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	c, err = cache.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got, err := c.Runs(ctx, src, []string{"with", "bare"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after migration 3:\n got %+v\nwant %+v", got, want)
	}
}

// TestRunsSearchJSONFallsBack: runs stored before schema 4 have no stored
// JSON; RunsSearchJSON encodes them on demand, to the same bytes, in the
// order asked, leaving out unknown ids.
func TestRunsSearchJSONFallsBack(t *testing.T) {
	c := cachetest.New(t)
	src, _ := c.EnsureSource(ctx, "file:///sj", source.KindFile)
	ids := seedRuns(t, c, src, 30, 3, 2, 5)
	ask := append([]string{"nope"}, ids[5], ids[0], ids[17])
	stored, err := c.RunsSearchJSON(ctx, src, ask)
	if err != nil || len(stored) != 3 {
		t.Fatalf("%d, %v", len(stored), err)
	}
	if _, err := c.DB().ExecContext(ctx, `DELETE FROM run_search_json WHERE run_id IN (?, ?)`, ids[0], ids[17]); err != nil {
		t.Fatal(err)
	}
	again, err := c.RunsSearchJSON(ctx, src, ask)
	if err != nil || !reflect.DeepEqual(again, stored) {
		t.Errorf("after losing stored JSON: %v\n%q\nwant\n%q", err, again, stored)
	}
	if !strings.Contains(string(stored[0]), `"run_id":"`+ids[5]+`"`) {
		t.Errorf("first run %s", stored[0])
	}
}

// TestHistoriesFromOldRows: a run stored before schema 5 has one
// metric_history row per key and no run_history row; both history reads
// serve it as they serve runs stored now, side by side.
func TestHistoriesFromOldRows(t *testing.T) {
	c := cachetest.New(t)
	src, _ := c.EnsureSource(ctx, "file:///h5", source.KindFile)
	ids := seedRuns(t, c, src, 4, 1, 3, 7)
	old := ids[1]
	want := map[string][]mlflow.Metric{}
	for _, key := range []string{"m00", "m01", "m02"} {
		h, err := c.MetricHistory(ctx, src, old, key)
		if err != nil || len(h) != 7 {
			t.Fatalf("%s: %d points, %v", key, len(h), err)
		}
		want[key] = h
	}
	all, err := c.MetricHistories(ctx, src, ids, "m01")
	if err != nil || len(all) != 4 {
		t.Fatalf("%d runs, %v", len(all), err)
	}
	// Turn the run into a schema-4 run.
	db := c.DB()
	if _, err := db.ExecContext(ctx, `DELETE FROM run_history WHERE source_id = ? AND run_id = ?`, src, old); err != nil {
		t.Fatal(err)
	}
	for key, h := range want {
		if _, err := db.ExecContext(ctx, `INSERT INTO metric_history (source_id, run_id, key, points) VALUES (?, ?, ?, ?)`, src, old, key, cache.EncodeHistory(h)); err != nil {
			t.Fatal(err)
		}
	}
	for key, h := range want {
		got, err := c.MetricHistory(ctx, src, old, key)
		if err != nil || !reflect.DeepEqual(got, h) {
			t.Errorf("%s from metric_history: %v, %v", key, got, err)
		}
	}
	if h, err := c.MetricHistory(ctx, src, old, "nothere"); err != nil || len(h) != 0 {
		t.Errorf("unknown key: %v, %v", h, err)
	}
	if h, err := c.MetricHistory(ctx, src, ids[0], "nothere"); err != nil || len(h) != 0 {
		t.Errorf("unknown key of a schema-5 run: %v, %v", h, err)
	}
	again, err := c.MetricHistories(ctx, src, ids, "m01")
	if err != nil || !reflect.DeepEqual(again, all) {
		t.Errorf("mixed MetricHistories differ: %v", err)
	}
	if _, err := c.MetricHistory(ctx, src, "nope", "m01"); !errors.Is(err, mlflow.ErrNotFound) {
		t.Errorf("unknown run: %v", err)
	}
}

// TestMigration6ForgetsFingerprints: upgrading to schema 6 makes the next
// sync read every run again (into the current row forms).
func TestMigration6ForgetsFingerprints(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	c, err := cache.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := c.EnsureSource(ctx, "sqlite:////x/mlflow.db", source.KindSQLite)
	seedRuns(t, c, src, 3, 1, 1, 1)
	if err := c.MarkSyncSuccess(ctx, src, "size+mtime", "", ""); err != nil {
		t.Fatal(err)
	}
	c.Close()
	db, err := sqlx.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM schema_migrations WHERE version = 6`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	c, err = cache.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fps, err := c.Fingerprints(ctx, src)
	if err != nil || len(fps) != 3 {
		t.Fatalf("%v %v", fps, err)
	}
	for id, fp := range fps {
		if fp != "" {
			t.Errorf("run %s kept fingerprint %q", id, fp)
		}
	}
	if s, _ := c.Source(ctx, src); s.Marker != "" {
		t.Errorf("marker kept: %q", s.Marker)
	}
}
