package cache

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
)

// ReplaceRegistry makes the source's model registry exactly models and
// versions (tags and aliases included), in one transaction.
func (c *Cache) ReplaceRegistry(ctx context.Context, srcID int64, models []mlflow.RegisteredModel, versions []mlflow.ModelVersion) error {
	return c.write(ctx, "store model registry", func(tx *sqlx.Tx) error {
		for _, t := range []string{"model_version_tags", "model_versions", "registered_model_aliases", "registered_model_tags", "registered_models"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE source_id = ?`, srcID); err != nil {
				return err
			}
		}
		names := map[string]bool{}
		for _, m := range models {
			names[m.Name] = true
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO registered_models
				(source_id, name, creation_timestamp, last_updated_timestamp, description) VALUES (?, ?, ?, ?, ?)`,
				srcID, m.Name, nullInt(m.CreationTimestamp), nullInt(m.LastUpdatedTimestamp), m.Description); err != nil {
				return fmt.Errorf("registered model %s: %w", m.Name, err)
			}
			for _, t := range m.Tags {
				if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO registered_model_tags (source_id, name, key, value) VALUES (?, ?, ?, ?)`,
					srcID, m.Name, t.Key, t.Value); err != nil {
					return err
				}
			}
			for _, a := range m.Aliases {
				v, err := strconv.ParseInt(a.Version, 10, 64)
				if err != nil {
					continue // an alias to a non-numeric version cannot point anywhere
				}
				if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO registered_model_aliases (source_id, name, alias, version) VALUES (?, ?, ?, ?)`,
					srcID, m.Name, a.Alias, v); err != nil {
					return err
				}
			}
		}
		for _, v := range versions {
			n, err := strconv.ParseInt(v.Version, 10, 64)
			if err != nil {
				continue
			}
			if !names[v.Name] {
				// A version of a model the list left out (a prompt): skip it.
				continue
			}
			stage, status := v.CurrentStage, v.Status
			if stage == "" {
				stage = mlflow.StageNone
			}
			if status == "" {
				status = "READY"
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO model_versions (source_id, name, version,
				creation_timestamp, last_updated_timestamp, user_id, current_stage, description, source,
				storage_location, run_id, run_link, status, status_message, model_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				srcID, v.Name, n, nullInt(v.CreationTimestamp), nullInt(v.LastUpdatedTimestamp), v.UserID, stage,
				v.Description, v.Source, v.StorageLocation, v.RunID, v.RunLink, status, v.StatusMessage, v.ModelID); err != nil {
				return fmt.Errorf("model version %s/%s: %w", v.Name, v.Version, err)
			}
			for _, t := range v.Tags {
				if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO model_version_tags (source_id, name, version, key, value) VALUES (?, ?, ?, ?, ?)`,
					srcID, v.Name, n, t.Key, t.Value); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

type modelRow struct {
	Name        string        `db:"name"`
	Created     sql.NullInt64 `db:"creation_timestamp"`
	Updated     sql.NullInt64 `db:"last_updated_timestamp"`
	Description string        `db:"description"`
}

type versionRow struct {
	Name            string        `db:"name"`
	Version         int64         `db:"version"`
	Created         sql.NullInt64 `db:"creation_timestamp"`
	Updated         sql.NullInt64 `db:"last_updated_timestamp"`
	UserID          string        `db:"user_id"`
	Stage           string        `db:"current_stage"`
	Description     string        `db:"description"`
	Source          string        `db:"source"`
	StorageLocation string        `db:"storage_location"`
	RunID           string        `db:"run_id"`
	RunLink         string        `db:"run_link"`
	Status          string        `db:"status"`
	StatusMessage   string        `db:"status_message"`
	ModelID         string        `db:"model_id"`
}

// RegisteredModels lists the source's registered models by name, with
// tags, aliases and latest_versions (the newest version per stage).
func (c *Cache) RegisteredModels(ctx context.Context, srcID int64) ([]mlflow.RegisteredModel, error) {
	return c.registeredModels(ctx, srcID, "")
}

// RegisteredModel returns one registered model.
func (c *Cache) RegisteredModel(ctx context.Context, srcID int64, name string) (*mlflow.RegisteredModel, error) {
	ms, err := c.registeredModels(ctx, srcID, name)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, mlflow.NotFoundf("Registered Model with name=%s not found", name)
	}
	return &ms[0], nil
}

func (c *Cache) registeredModels(ctx context.Context, srcID int64, name string) ([]mlflow.RegisteredModel, error) {
	out := []mlflow.RegisteredModel{}
	where, vwhere, args := `source_id = ?`, `mv.source_id = ?`, []any{srcID}
	if name != "" {
		where, vwhere, args = `source_id = ? AND name = ?`, `mv.source_id = ? AND mv.name = ?`, []any{srcID, name}
	}
	err := c.read(ctx, "read registered models", func(tx *sqlx.Tx) error {
		var rows []modelRow
		if err := tx.SelectContext(ctx, &rows, `SELECT name, creation_timestamp, last_updated_timestamp, description
			FROM registered_models WHERE `+where+` ORDER BY name`, args...); err != nil {
			return err
		}
		idx := map[string]int{}
		for _, r := range rows {
			idx[r.Name] = len(out)
			out = append(out, mlflow.RegisteredModel{Name: r.Name, CreationTimestamp: r.Created.Int64,
				LastUpdatedTimestamp: r.Updated.Int64, Description: r.Description})
		}
		if len(out) == 0 {
			return nil
		}
		var tags []struct {
			Name  string `db:"name"`
			Key   string `db:"key"`
			Value string `db:"value"`
		}
		if err := tx.SelectContext(ctx, &tags, `SELECT name, key, value FROM registered_model_tags WHERE `+where+` ORDER BY name, key`, args...); err != nil {
			return err
		}
		for _, t := range tags {
			if i, ok := idx[t.Name]; ok {
				out[i].Tags = append(out[i].Tags, mlflow.Tag{Key: t.Key, Value: t.Value})
			}
		}
		var aliases []struct {
			Name    string `db:"name"`
			Alias   string `db:"alias"`
			Version int64  `db:"version"`
		}
		if err := tx.SelectContext(ctx, &aliases, `SELECT name, alias, version FROM registered_model_aliases WHERE `+where+` ORDER BY name, alias`, args...); err != nil {
			return err
		}
		for _, a := range aliases {
			if i, ok := idx[a.Name]; ok {
				out[i].Aliases = append(out[i].Aliases, mlflow.RegisteredModelAlias{Alias: a.Alias, Version: strconv.FormatInt(a.Version, 10)})
			}
		}
		vs, err := c.versions(ctx, tx, vwhere, args)
		if err != nil {
			return err
		}
		latest := map[string]map[string]int{} // name → stage → index in vs
		for i, v := range vs {
			if latest[v.Name] == nil {
				latest[v.Name] = map[string]int{}
			}
			if j, ok := latest[v.Name][v.CurrentStage]; !ok || versionNum(vs[j]) < versionNum(v) {
				latest[v.Name][v.CurrentStage] = i
			}
		}
		for name, byStage := range latest {
			i, ok := idx[name]
			if !ok {
				continue
			}
			for _, j := range byStage {
				out[i].LatestVersions = append(out[i].LatestVersions, vs[j])
			}
			sort.Slice(out[i].LatestVersions, func(a, b int) bool {
				return versionNum(out[i].LatestVersions[a]) < versionNum(out[i].LatestVersions[b])
			})
		}
		return nil
	})
	return out, err
}

func versionNum(v mlflow.ModelVersion) int64 {
	n, _ := strconv.ParseInt(v.Version, 10, 64)
	return n
}

// versions loads model versions matching where (over alias mv) with tags
// and aliases, ordered by name then version.
func (c *Cache) versions(ctx context.Context, tx *sqlx.Tx, where string, args []any) ([]mlflow.ModelVersion, error) {
	var rows []versionRow
	if err := tx.SelectContext(ctx, &rows, `SELECT mv.name, mv.version, mv.creation_timestamp, mv.last_updated_timestamp,
		mv.user_id, mv.current_stage, mv.description, mv.source, mv.storage_location, mv.run_id, mv.run_link,
		mv.status, mv.status_message, mv.model_id FROM model_versions mv WHERE `+where+` ORDER BY mv.name, mv.version`, args...); err != nil {
		return nil, err
	}
	out := make([]mlflow.ModelVersion, len(rows))
	type nv struct {
		name string
		v    int64
	}
	idx := make(map[nv]int, len(rows))
	for i, r := range rows {
		idx[nv{r.Name, r.Version}] = i
		out[i] = mlflow.ModelVersion{Name: r.Name, Version: strconv.FormatInt(r.Version, 10),
			CreationTimestamp: r.Created.Int64, LastUpdatedTimestamp: r.Updated.Int64, UserID: r.UserID,
			CurrentStage: r.Stage, Description: r.Description, Source: r.Source, RunID: r.RunID, RunLink: r.RunLink,
			Status: r.Status, StatusMessage: r.StatusMessage, ModelID: r.ModelID, StorageLocation: r.StorageLocation}
	}
	if len(rows) == 0 {
		return out, nil
	}
	var tags []struct {
		Name    string `db:"name"`
		Version int64  `db:"version"`
		Key     string `db:"key"`
		Value   string `db:"value"`
	}
	if err := tx.SelectContext(ctx, &tags, `SELECT t.name, t.version, t.key, t.value FROM model_version_tags t
		JOIN model_versions mv ON mv.source_id = t.source_id AND mv.name = t.name AND mv.version = t.version
		WHERE `+where+` ORDER BY t.name, t.version, t.key`, args...); err != nil {
		return nil, err
	}
	for _, t := range tags {
		if i, ok := idx[nv{t.Name, t.Version}]; ok {
			out[i].Tags = append(out[i].Tags, mlflow.Tag{Key: t.Key, Value: t.Value})
		}
	}
	var aliases []struct {
		Name    string `db:"name"`
		Version int64  `db:"version"`
		Alias   string `db:"alias"`
	}
	if err := tx.SelectContext(ctx, &aliases, `SELECT a.name, a.version, a.alias FROM registered_model_aliases a
		JOIN model_versions mv ON mv.source_id = a.source_id AND mv.name = a.name AND mv.version = a.version
		WHERE `+where+` ORDER BY a.name, a.alias`, args...); err != nil {
		return nil, err
	}
	for _, a := range aliases {
		if i, ok := idx[nv{a.Name, a.Version}]; ok {
			out[i].Aliases = append(out[i].Aliases, a.Alias)
		}
	}
	return out, nil
}

// ModelVersions lists the versions of one model (every model when name is
// ""), by name then version number.
func (c *Cache) ModelVersions(ctx context.Context, srcID int64, name string) ([]mlflow.ModelVersion, error) {
	where, args := `mv.source_id = ?`, []any{srcID}
	if name != "" {
		where, args = `mv.source_id = ? AND mv.name = ?`, []any{srcID, name}
	}
	var out []mlflow.ModelVersion
	err := c.read(ctx, "read model versions", func(tx *sqlx.Tx) (err error) {
		out, err = c.versions(ctx, tx, where, args)
		return err
	})
	return out, err
}

// ModelVersionsOfRun lists the registry versions made from one run.
func (c *Cache) ModelVersionsOfRun(ctx context.Context, srcID int64, runID string) ([]mlflow.ModelVersion, error) {
	var out []mlflow.ModelVersion
	err := c.read(ctx, "read model versions of run "+runID, func(tx *sqlx.Tx) (err error) {
		out, err = c.versions(ctx, tx, `mv.source_id = ? AND mv.run_id = ?`, []any{srcID, runID})
		return err
	})
	return out, err
}

// ModelVersion returns one version; version is the decimal number.
func (c *Cache) ModelVersion(ctx context.Context, srcID int64, name, version string) (*mlflow.ModelVersion, error) {
	n, err := strconv.ParseInt(version, 10, 64)
	if err != nil {
		return nil, mlflow.InvalidParamf("Model version must be an integer, got '%s'", version)
	}
	var out []mlflow.ModelVersion
	err = c.read(ctx, fmt.Sprintf("read model version %s/%s", name, version), func(tx *sqlx.Tx) (err error) {
		out, err = c.versions(ctx, tx, `mv.source_id = ? AND mv.name = ? AND mv.version = ?`, []any{srcID, name, n})
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, mlflow.NotFoundf("Model Version (name=%s, version=%s) not found", name, version)
	}
	return &out[0], nil
}
