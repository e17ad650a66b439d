package sqlstore

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"flowdeck/backend/mlflow"
)

// oldSchema is shaped like a database from MLflow ~1.2 (alembic
// 7ac759974ad8): no runs.name nor deleted_time, no experiment times, no
// latest_metrics, no is_nan, a registry without tags, aliases or run_link,
// and none of the 2.x/3.x tables.
var oldSchema = []string{
	`CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)`,
	`INSERT INTO alembic_version VALUES ('7ac759974ad8')`,
	`CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name VARCHAR(256) NOT NULL UNIQUE,
		artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32))`,
	`CREATE TABLE runs (run_uuid VARCHAR(32) PRIMARY KEY, source_type VARCHAR(20), source_name VARCHAR(500),
		entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(20), start_time BIGINT, end_time BIGINT,
		source_version VARCHAR(50), lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER)`,
	`CREATE TABLE metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL,
		run_uuid VARCHAR(32) NOT NULL, step BIGINT NOT NULL DEFAULT 0,
		PRIMARY KEY (key, timestamp, step, run_uuid, value))`,
	`CREATE TABLE params (key VARCHAR(250) NOT NULL, value VARCHAR(250) NOT NULL, run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid))`,
	`CREATE TABLE tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid))`,
	`CREATE TABLE registered_models (name VARCHAR(256) PRIMARY KEY, creation_time BIGINT, last_updated_time BIGINT, description VARCHAR(5000))`,
	`CREATE TABLE model_versions (name VARCHAR(256) NOT NULL, version INTEGER NOT NULL, creation_time BIGINT,
		last_updated_time BIGINT, description VARCHAR(5000), user_id VARCHAR(256), current_stage VARCHAR(20),
		source VARCHAR(500), run_id VARCHAR(32) NOT NULL, status VARCHAR(20), status_message VARCHAR(500),
		PRIMARY KEY (name, version))`,

	`INSERT INTO experiments VALUES (0, 'Default', '/srv/mlruns/0', 'active')`,
	`INSERT INTO runs VALUES ('aaaa', 'LOCAL', 'train.py', '', 'ann', 'FINISHED', 1000, 2000, '', 'active', '/srv/mlruns/0/aaaa/artifacts', 0)`,
	`INSERT INTO tags VALUES ('mlflow.runName', 'legacy-run', 'aaaa')`,
	`INSERT INTO params VALUES ('lr', '0.1', 'aaaa')`,
	// Latest by (step, timestamp, value): step 3 wins over the later step 2.
	`INSERT INTO metrics VALUES ('loss', 0.9, 100, 'aaaa', 1)`,
	`INSERT INTO metrics VALUES ('loss', 0.5, 300, 'aaaa', 2)`,
	`INSERT INTO metrics VALUES ('loss', 0.7, 200, 'aaaa', 3)`,
	`INSERT INTO metrics VALUES ('loss', 0.6, 200, 'aaaa', 3)`,
	`INSERT INTO registered_models VALUES ('m', 1, 2, NULL)`,
	`INSERT INTO model_versions VALUES ('m', 1, 1, 2, NULL, NULL, 'Production', '/srv/mlruns/0/aaaa/artifacts/model', 'aaaa', 'READY', NULL)`,
}

func TestOldSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	exec(t, path, oldSchema...)
	s := openPath(t, path)
	ctx := context.Background()
	if v := s.Info().Version; v != "alembic 7ac759974ad8" {
		t.Errorf("version %q", v)
	}
	exps, err := s.Experiments(ctx, mlflow.ViewActiveOnly)
	if err != nil || len(exps) != 1 || exps[0].Name != "Default" || exps[0].CreationTime != 0 {
		t.Fatalf("experiments: %+v, %v", exps, err)
	}
	r, err := s.GetRun(ctx, "aaaa")
	if err != nil {
		t.Fatal(err)
	}
	if r.Info.RunName != "legacy-run" || r.Info.DeletedTime != 0 || r.Info.UserID != "ann" {
		t.Errorf("info = %+v", r.Info)
	}
	if len(r.Data.Metrics) != 1 || r.Data.Metrics[0].Step != 3 || float64(r.Data.Metrics[0].Value) != 0.7 {
		t.Errorf("latest metrics = %+v, want loss=0.7 at step 3", r.Data.Metrics)
	}
	h, err := s.MetricHistory(ctx, "aaaa", "loss")
	if err != nil || len(h) != 4 {
		t.Fatalf("history %v, %v", h, err)
	}
	// (timestamp, step, value): 100, 200/0.6, 200/0.7, 300.
	if h[0].Timestamp != 100 || float64(h[1].Value) != 0.6 || h[3].Timestamp != 300 || math.IsNaN(float64(h[0].Value)) {
		t.Errorf("history order = %+v", h)
	}
	refs, err := s.RunRefs(ctx, nil)
	if err != nil || len(refs) != 1 || refs[0].Fingerprint == "" {
		t.Errorf("refs = %+v, %v", refs, err)
	}
	models, err := s.RegisteredModels(ctx)
	if err != nil || len(models) != 1 || len(models[0].LatestVersions) != 1 || len(models[0].Aliases) != 0 {
		t.Errorf("registry = %+v, %v", models, err)
	}
	vs, err := s.ModelVersions(ctx, "m")
	if err != nil || len(vs) != 1 || vs[0].CurrentStage != "Production" {
		t.Errorf("versions = %+v, %v", vs, err)
	}
	lm, err := s.LoggedModels(ctx, nil)
	if err != nil || len(lm) != 0 {
		t.Errorf("logged models = %v, %v", lm, err)
	}
	b, err := s.ReadRun(ctx, "aaaa")
	if err != nil || len(b.History["loss"]) != 4 || b.Run.Inputs == nil {
		t.Errorf("bundle = %+v, %v", b, err)
	}
}

// A 3.10+ database has workspace columns; only the default workspace is read.
func TestWorkspaceColumns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.db")
	exec(t, path, oldSchema...)
	exec(t, path,
		`ALTER TABLE experiments ADD COLUMN workspace VARCHAR(63) NOT NULL DEFAULT 'default'`,
		`ALTER TABLE registered_models ADD COLUMN workspace VARCHAR(63) NOT NULL DEFAULT 'default'`,
		`INSERT INTO experiments VALUES (7, 'elsewhere', '/x', 'active', 'team-b')`,
		`INSERT INTO registered_models VALUES ('other', 1, 1, NULL, 'team-b')`,
	)
	s := openPath(t, path)
	exps, _ := s.Experiments(context.Background(), mlflow.ViewAll)
	if len(exps) != 1 {
		t.Errorf("experiments of all workspaces listed: %+v", exps)
	}
	models, _ := s.RegisteredModels(context.Background())
	if len(models) != 1 || models[0].Name != "m" {
		t.Errorf("models = %+v", models)
	}
}
