package search

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/jmoiron/sqlx"
	_ "github.com/mattn/go-sqlite3"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

// A test-only loader: it fills a cache database (the real schema, read
// from backend/cache/migrations) from a source.Store with plain SQL, so
// these tests depend on neither the cache API nor the syncer.

// openTestDB creates an empty cache database in a temp dir, with the
// pragmas the cache connection uses.
func openTestDB(t testing.TB) *sqlx.DB {
	t.Helper()
	schema, err := os.ReadFile(filepath.Join("..", "cache", "migrations", "0001_init.sql"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cache.db")
	db, err := sqlx.Open("sqlite3", "file:"+path+"?_case_sensitive_like=1&_foreign_keys=1&_journal_mode=WAL&_synchronous=OFF&_cache_size=-16000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(string(schema)); err != nil {
		t.Fatal(err)
	}
	return db
}

func mustExec(t testing.TB, tx *sqlx.Tx, q string, args ...any) {
	t.Helper()
	if _, err := tx.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// loadStore copies everything search reads from st into db as source id.
func loadStore(t testing.TB, db *sqlx.DB, id int64, st source.Store) {
	t.Helper()
	ctx := context.Background()
	tx := db.MustBegin()
	defer tx.Rollback()
	info := st.Info()
	mustExec(t, tx, `INSERT INTO sources(id, uri, kind) VALUES (?, ?, ?)`, id, info.URI, string(info.Kind))

	exps, err := st.Experiments(ctx, mlflow.ViewAll)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range exps {
		mustExec(t, tx, `INSERT INTO experiments(source_id, experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES (?,?,?,?,?,?,?)`,
			id, e.ExperimentID, e.Name, e.ArtifactLocation, e.LifecycleStage, nullInt(e.CreationTime), nullInt(e.LastUpdateTime))
		for _, tg := range e.Tags {
			mustExec(t, tx, `INSERT INTO experiment_tags(source_id, experiment_id, key, value) VALUES (?,?,?,?)`, id, e.ExperimentID, tg.Key, tg.Value)
		}
	}
	refs, err := st.RunRefs(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range refs {
		b, err := st.ReadRun(ctx, ref.RunID)
		if err != nil {
			t.Fatalf("read run %s: %v", ref.RunID, err)
		}
		insertRun(t, tx, id, b)
	}
	loadRegistry(t, tx, id, st)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func insertRun(t testing.TB, tx *sqlx.Tx, id int64, b *source.RunBundle) {
	r := b.Run
	name := r.Info.RunName
	if name == "" {
		name, _ = r.Tag("mlflow.runName")
	}
	parent, _ := r.Tag("mlflow.parentRunId")
	inputs := ""
	if r.Inputs != nil && (len(r.Inputs.DatasetInputs) > 0 || len(r.Inputs.ModelInputs) > 0) {
		j, _ := json.Marshal(r.Inputs)
		inputs = string(j)
	}
	mustExec(t, tx, `INSERT INTO runs(source_id, run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage, parent_run_id, inputs_json)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, id, r.Info.RunID, r.Info.ExperimentID, name, r.Info.UserID, r.Info.Status,
		nullInt(r.Info.StartTime), nullInt(r.Info.EndTime), r.Info.ArtifactURI, r.Info.LifecycleStage, parent, inputs)
	for _, p := range r.Data.Params {
		mustExec(t, tx, `INSERT INTO params(source_id, run_id, key, value) VALUES (?,?,?,?)`, id, r.Info.RunID, p.Key, p.Value)
	}
	for _, tg := range r.Data.Tags {
		mustExec(t, tx, `INSERT INTO tags(source_id, run_id, key, value) VALUES (?,?,?,?)`, id, r.Info.RunID, tg.Key, tg.Value)
	}
	for key, h := range b.History {
		insertMetric(t, tx, id, r.Info.RunID, key, h)
	}
}

// insertMetric stores a metric summary the way the schema describes it.
func insertMetric(t testing.TB, tx *sqlx.Tx, id int64, runID, key string, h []mlflow.Metric) {
	if len(h) == 0 {
		return
	}
	latest := h[0]
	var lo, hi any
	for _, m := range h {
		if latest.Less(m) {
			latest = m
		}
		v := float64(m.Value)
		if math.IsNaN(v) {
			continue
		}
		if lo == nil || v < lo.(float64) {
			lo = v
		}
		if hi == nil || v > hi.(float64) {
			hi = v
		}
	}
	var val any = float64(latest.Value)
	isNaN := 0
	if math.IsNaN(float64(latest.Value)) {
		val, isNaN = nil, 1
	}
	mustExec(t, tx, `INSERT INTO metrics(source_id, run_id, key, value, is_nan, timestamp, step, min_value, max_value, count) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		id, runID, key, val, isNaN, latest.Timestamp, latest.Step, lo, hi, len(h))
}

func loadRegistry(t testing.TB, tx *sqlx.Tx, id int64, st source.Store) {
	ctx := context.Background()
	models, err := st.RegisteredModels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range models {
		mustExec(t, tx, `INSERT INTO registered_models(source_id, name, creation_timestamp, last_updated_timestamp, description) VALUES (?,?,?,?,?)`,
			id, m.Name, nullInt(m.CreationTimestamp), nullInt(m.LastUpdatedTimestamp), m.Description)
		for _, tg := range m.Tags {
			mustExec(t, tx, `INSERT INTO registered_model_tags(source_id, name, key, value) VALUES (?,?,?,?)`, id, m.Name, tg.Key, tg.Value)
		}
		for _, a := range m.Aliases {
			v, _ := strconv.Atoi(a.Version)
			mustExec(t, tx, `INSERT INTO registered_model_aliases(source_id, name, alias, version) VALUES (?,?,?,?)`, id, m.Name, a.Alias, v)
		}
	}
	versions, err := st.ModelVersions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range versions {
		n, _ := strconv.Atoi(v.Version)
		mustExec(t, tx, `INSERT INTO model_versions(source_id, name, version, creation_timestamp, last_updated_timestamp, user_id, current_stage, description, source, run_id, status)
			VALUES (?,?,?,?,?,?,?,?,?,?,?)`, id, v.Name, n, nullInt(v.CreationTimestamp), nullInt(v.LastUpdatedTimestamp),
			v.UserID, v.CurrentStage, v.Description, v.Source, v.RunID, v.Status)
		for _, tg := range v.Tags {
			mustExec(t, tx, `INSERT INTO model_version_tags(source_id, name, version, key, value) VALUES (?,?,?,?,?)`, id, v.Name, n, tg.Key, tg.Value)
		}
	}
}
