package search

import (
	"context"
	"fmt"
	"strings"
)

// RegistryQuery is a registered-models/search or model-versions/search
// request against one cached source.
type RegistryQuery struct {
	SourceID int64
	Filter   string
	OrderBy  []string
	// MaxResults defaults to 100 (models) / 10000 (versions) when 0 and may
	// not exceed 1000 / 200000, as in MLflow.
	MaxResults int
	PageToken  string
}

// ModelPage is one page of registered model names, in order.
type ModelPage struct {
	Names         []string
	NextPageToken string
	Total         int
}

// VersionRef names one model version.
type VersionRef struct {
	Name    string
	Version int64
}

// VersionPage is one page of model versions, in order.
type VersionPage struct {
	Versions      []VersionRef
	NextPageToken string
	Total         int
}

// RegisteredModels searches the cached registry as
// registered-models/search does: filter on name and tags; order_by keys
// name, creation_timestamp, last_updated_timestamp and timestamp (= last
// updated; the union of what MLflow's two stores accept), then name ASC.
// Prompts are left out unless the filter names mlflow.prompt.is_prompt.
func RegisteredModels(ctx context.Context, db Querier, q RegistryQuery) (ModelPage, error) {
	clauses, err := parseRegistryFilter(q.Filter, modelSpec)
	if err != nil {
		return ModelPage{}, err
	}
	keys, err := parseRegistryOrder(q.OrderBy, modelSpec)
	if err != nil {
		return ModelPage{}, err
	}
	limit, offset, err := regPaging(q, defaultModelResults, maxModelResults)
	if err != nil {
		return ModelPage{}, err
	}
	var s sqlBuf
	s.add("SELECT e.name, 0 FROM registered_models e WHERE e.source_id = ?", q.SourceID)
	regWhere(&s, clauses, modelSpec)
	s.add(" ORDER BY " + regOrderSQL(keys, false))
	refs, total, err := collectRefs(ctx, db, s, offset, limit)
	if err != nil {
		return ModelPage{}, err
	}
	page := ModelPage{Names: make([]string, len(refs)), Total: total, NextPageToken: nextToken(offset, len(refs), total)}
	for i, r := range refs {
		page.Names[i] = r.Name
	}
	return page, nil
}

// ModelVersions searches the cached registry as model-versions/search
// does: filter on name, run_id (IN allowed), source_path, version_number
// and tags; default order last_updated_timestamp DESC, with name ASC and
// version DESC as tie-breakers. Deleted versions never match; prompt
// versions only when the filter names mlflow.prompt.is_prompt.
func ModelVersions(ctx context.Context, db Querier, q RegistryQuery) (VersionPage, error) {
	clauses, err := parseRegistryFilter(q.Filter, versionSpec)
	if err != nil {
		return VersionPage{}, err
	}
	keys, err := parseRegistryOrder(q.OrderBy, versionSpec)
	if err != nil {
		return VersionPage{}, err
	}
	limit, offset, err := regPaging(q, defaultVersionResults, maxVersionResults)
	if err != nil {
		return VersionPage{}, err
	}
	if len(keys) == 0 {
		keys = []regOrder{{col: "last_updated_timestamp", desc: true}}
	}
	var s sqlBuf
	s.add("SELECT e.name, e.version FROM model_versions e WHERE e.source_id = ? AND e.current_stage != 'Deleted_Internal'", q.SourceID)
	regWhere(&s, clauses, versionSpec)
	s.add(" ORDER BY " + regOrderSQL(keys, true))
	refs, total, err := collectRefs(ctx, db, s, offset, limit)
	if err != nil {
		return VersionPage{}, err
	}
	return VersionPage{Versions: refs, Total: total, NextPageToken: nextToken(offset, len(refs), total)}, nil
}

func regPaging(q RegistryQuery, def, max int) (limit, offset int, err error) {
	if limit, err = checkMaxResults(q.MaxResults, def, max); err != nil {
		return 0, 0, err
	}
	offset, err = decodeToken(q.PageToken)
	return limit, offset, err
}

// regWhere appends the filter's conditions over the searched row "e".
func regWhere(s *sqlBuf, clauses []RegClause, spec regSpec) {
	mentionsPrompt := false
	for _, c := range clauses {
		s.add(" AND ")
		if !c.Tag {
			if spec.attrs[c.Key].numeric {
				s.add("e."+c.Col+" "+c.Op+" ?", c.Int)
			} else {
				s.stringCond("e."+c.Col, c.Op, c.Str, c.List)
			}
			continue
		}
		tagSub := "SELECT 1 FROM " + spec.tags + " t WHERE t.source_id = e.source_id AND " + spec.link + " AND t.key = ?"
		switch c.Op {
		case "IS NULL":
			s.add("NOT EXISTS ("+tagSub+")", c.Key)
			continue
		case "IS NOT NULL":
			s.add("EXISTS ("+tagSub+")", c.Key)
			continue
		}
		if c.Key == isPromptKey {
			mentionsPrompt = true
			// A model without the tag is not a prompt: it matches
			// "= 'false'" and "!= 'true'", as in MLflow.
			if c.Op == "=" && c.Str == "false" || c.Op == "!=" && c.Str == "true" {
				s.add("(NOT EXISTS ("+tagSub+") OR ", c.Key)
				s.add("EXISTS ("+tagSub+" AND ", c.Key)
				s.stringCond("t.value", c.Op, c.Str, c.List)
				s.add("))")
				continue
			}
		}
		s.add("EXISTS ("+tagSub+" AND ", c.Key)
		s.stringCond("t.value", c.Op, c.Str, c.List)
		s.add(")")
	}
	if spec.prompts && !mentionsPrompt {
		s.add(" AND NOT EXISTS (SELECT 1 FROM registered_model_tags p WHERE p.source_id = e.source_id AND p.name = e.name AND p.key = ? AND lower(p.value) = 'true')", isPromptKey)
	}
}

// regOrderSQL renders the order keys plus MLflow's tie-breakers; nulls
// (unknown timestamps) sort last.
func regOrderSQL(keys []regOrder, versions bool) string {
	var parts []string
	hasName, hasVersion := false, false
	for _, k := range keys {
		dir := " ASC"
		if k.desc {
			dir = " DESC"
		}
		col := "e." + k.col
		if strings.HasSuffix(k.col, "timestamp") {
			parts = append(parts, col+" IS NULL")
		}
		parts = append(parts, col+dir)
		hasName = hasName || k.col == "name"
		hasVersion = hasVersion || k.col == "version"
	}
	if !hasName {
		parts = append(parts, "e.name ASC")
	}
	if versions && !hasVersion {
		parts = append(parts, "e.version DESC")
	}
	return strings.Join(parts, ", ")
}

// collectRefs reads every (name, version) row, keeps [skip, skip+limit)
// and counts them all (registries are small).
func collectRefs(ctx context.Context, db Querier, s sqlBuf, skip, limit int) ([]VersionRef, int, error) {
	rows, err := db.QueryContext(ctx, s.b.String(), s.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("search registry: %w", err)
	}
	defer rows.Close()
	out := []VersionRef{}
	n := 0
	for rows.Next() {
		if n >= skip && n < skip+limit {
			var r VersionRef
			if err := rows.Scan(&r.Name, &r.Version); err != nil {
				return nil, 0, fmt.Errorf("search registry: %w", err)
			}
			out = append(out, r)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("search registry: %w", err)
	}
	return out, n, nil
}
