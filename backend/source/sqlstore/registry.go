package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
)

// promptTag marks registered models that are MLflow prompts; the registry
// API leaves them out of model listings.
const promptTag = "mlflow.prompt.is_prompt"

type registry struct {
	models   []mlflow.RegisteredModel
	versions []mlflow.ModelVersion // ascending by (name, version), deleted ones left out
	prompts  map[string]bool
}

// readRegistry loads models (one, or all when name is "") with tags and
// aliases, and their live versions with tags and aliases.
func (s *Store) readRegistry(ctx context.Context, name string) (*registry, error) {
	reg := &registry{prompts: map[string]bool{}}
	if !s.sch.hasTable("registered_models") {
		return reg, nil
	}
	where, args := s.sch.workspaceFilter("registered_models", ""), []any{}
	if name != "" {
		where += " AND name = ?"
		args = append(args, name)
	}
	idx := map[string]int{}
	q := `SELECT name, creation_time, last_updated_time, description FROM registered_models WHERE ` + where + ` ORDER BY name`
	err := s.queryEach(ctx, "read registered models", q, args, func(r *sqlx.Rows) error {
		var m mlflow.RegisteredModel
		var ct, ut sql.NullInt64
		var desc sql.NullString
		if err := r.Scan(&m.Name, &ct, &ut, &desc); err != nil {
			return err
		}
		m.CreationTimestamp, m.LastUpdatedTimestamp, m.Description = ct.Int64, ut.Int64, desc.String
		idx[m.Name] = len(reg.models)
		reg.models = append(reg.models, m)
		return nil
	})
	if err != nil || len(reg.models) == 0 {
		return reg, err
	}
	if s.sch.hasTable("registered_model_tags") {
		q := `SELECT name, key, value FROM registered_model_tags WHERE ` + s.sch.workspaceFilter("registered_model_tags", "") + ` ORDER BY rowid`
		err := s.queryEach(ctx, "read registered model tags", q, nil, func(r *sqlx.Rows) error {
			var n, k string
			var v sql.NullString
			if err := r.Scan(&n, &k, &v); err != nil {
				return err
			}
			if i, ok := idx[n]; ok {
				reg.models[i].Tags = append(reg.models[i].Tags, mlflow.Tag{Key: k, Value: v.String})
				if k == promptTag && strings.EqualFold(v.String, "true") {
					reg.prompts[n] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// Aliases arrived in 2.3.
	if s.sch.hasTable("registered_model_aliases") {
		q := `SELECT name, alias, version FROM registered_model_aliases WHERE ` + s.sch.workspaceFilter("registered_model_aliases", "") + ` ORDER BY name, alias`
		err := s.queryEach(ctx, "read registered model aliases", q, nil, func(r *sqlx.Rows) error {
			var n, a string
			var v int64
			if err := r.Scan(&n, &a, &v); err != nil {
				return err
			}
			if i, ok := idx[n]; ok {
				vs := strconv.FormatInt(v, 10)
				reg.models[i].Aliases = append(reg.models[i].Aliases, mlflow.RegisteredModelAlias{Alias: a, Version: vs})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if err := s.readVersions(ctx, reg, idx, name); err != nil {
		return nil, err
	}
	return reg, nil
}

func (s *Store) readVersions(ctx context.Context, reg *registry, idx map[string]int, name string) error {
	if !s.sch.hasTable("model_versions") {
		return nil
	}
	where, args := s.sch.workspaceFilter("model_versions", "")+" AND COALESCE(current_stage, '') <> ?", []any{mlflow.StageDeleted}
	if name != "" {
		where += " AND name = ?"
		args = append(args, name)
	}
	q := fmt.Sprintf(`SELECT name, version, creation_time, last_updated_time, description, user_id,
			current_stage, source, run_id, status, status_message, %s, %s
		FROM model_versions WHERE %s ORDER BY name, version`,
		s.sch.col("model_versions", "run_link", "NULL"), s.sch.col("model_versions", "storage_location", "NULL"), where)
	vidx := map[string]int{}
	err := s.queryEach(ctx, "read model versions", q, args, func(r *sqlx.Rows) error {
		var v mlflow.ModelVersion
		var ver, ct, ut sql.NullInt64
		var desc, user, stage, src, run, status, msg, link, loc sql.NullString
		if err := r.Scan(&v.Name, &ver, &ct, &ut, &desc, &user, &stage, &src, &run, &status, &msg, &link, &loc); err != nil {
			return err
		}
		if _, ok := idx[v.Name]; !ok {
			return nil
		}
		v.Version = strconv.FormatInt(ver.Int64, 10)
		v.CreationTimestamp, v.LastUpdatedTimestamp = ct.Int64, ut.Int64
		v.Description, v.UserID, v.CurrentStage = desc.String, user.String, stage.String
		v.Source, v.RunID, v.Status, v.StatusMessage = src.String, run.String, status.String, msg.String
		v.RunLink, v.StorageLocation = link.String, loc.String
		if v.CurrentStage == "" {
			v.CurrentStage = mlflow.StageNone
		}
		// The SQL registry has no model_id column and MLflow's server
		// returns none (rest/46); the link lives in source (models:/m-…).
		vidx[v.Name+"\x00"+v.Version] = len(reg.versions)
		reg.versions = append(reg.versions, v)
		return nil
	})
	if err != nil || len(reg.versions) == 0 || !s.sch.hasTable("model_version_tags") {
		return err
	}
	q = `SELECT name, version, key, value FROM model_version_tags WHERE ` + s.sch.workspaceFilter("model_version_tags", "") + ` ORDER BY rowid`
	return s.queryEach(ctx, "read model version tags", q, nil, func(r *sqlx.Rows) error {
		var n, k string
		var ver int64
		var v sql.NullString
		if err := r.Scan(&n, &ver, &k, &v); err != nil {
			return err
		}
		if i, ok := vidx[n+"\x00"+strconv.FormatInt(ver, 10)]; ok {
			reg.versions[i].Tags = append(reg.versions[i].Tags, mlflow.Tag{Key: k, Value: v.String})
		}
		return nil
	})
}

// latestVersions picks, per stage, the highest version; stages appear in
// the order their lowest version does, as MLflow's registry builds them.
// Like MLflow, these entries carry tags but no aliases.
func latestVersions(versions []mlflow.ModelVersion) []mlflow.ModelVersion {
	var out []mlflow.ModelVersion
	pos := map[string]int{}
	for _, v := range versions { // ascending by version
		if i, ok := pos[v.CurrentStage]; ok {
			out[i] = v
			continue
		}
		pos[v.CurrentStage] = len(out)
		out = append(out, v)
	}
	return out
}

// RegisteredModels lists registered models (prompts left out) by name with
// tags, aliases and latest_versions.
func (s *Store) RegisteredModels(ctx context.Context) ([]mlflow.RegisteredModel, error) {
	reg, err := s.readRegistry(ctx, "")
	if err != nil {
		return nil, err
	}
	byModel := map[string][]mlflow.ModelVersion{}
	for _, v := range reg.versions {
		byModel[v.Name] = append(byModel[v.Name], v)
	}
	out := []mlflow.RegisteredModel{}
	for _, m := range reg.models {
		if reg.prompts[m.Name] {
			continue
		}
		m.LatestVersions = latestVersions(byModel[m.Name])
		out = append(out, m)
	}
	return out, nil
}

// ModelVersions lists live versions with tags and aliases, of one model or
// of all (prompts left out), ordered by name and version number.
func (s *Store) ModelVersions(ctx context.Context, name string) ([]mlflow.ModelVersion, error) {
	reg, err := s.readRegistry(ctx, name)
	if err != nil {
		return nil, err
	}
	if name != "" && len(reg.models) == 0 {
		return nil, mlflow.NotFoundf("Registered Model with name=%s not found", name)
	}
	aliases := map[string][]string{}
	for _, m := range reg.models {
		for _, a := range m.Aliases {
			aliases[m.Name+"\x00"+a.Version] = append(aliases[m.Name+"\x00"+a.Version], a.Alias)
		}
	}
	out := []mlflow.ModelVersion{}
	for _, v := range reg.versions {
		if reg.prompts[v.Name] || hasPromptTag(v.Tags) {
			continue
		}
		v.Aliases = aliases[v.Name+"\x00"+v.Version]
		out = append(out, v)
	}
	return out, nil
}

func hasPromptTag(tags []mlflow.Tag) bool {
	for _, t := range tags {
		if t.Key == promptTag && strings.EqualFold(t.Value, "true") {
			return true
		}
	}
	return false
}
