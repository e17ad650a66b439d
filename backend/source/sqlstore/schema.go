package sqlstore

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// schema records which tables and columns a database has, so queries only
// name columns that exist in its MLflow revision.
type schema struct {
	cols map[string]map[string]bool
}

// tablesOfInterest are the tables this package reads. Others (traces,
// webhooks, jobs, …) are ignored.
var tablesOfInterest = []string{
	"alembic_version", "experiments", "experiment_tags", "runs", "tags", "params",
	"metrics", "latest_metrics", "datasets", "inputs", "input_tags",
	"logged_models", "logged_model_params", "logged_model_tags", "logged_model_metrics",
	"registered_models", "registered_model_tags", "registered_model_aliases",
	"model_versions", "model_version_tags",
}

func loadSchema(ctx context.Context, db *sqlx.DB) (*schema, error) {
	var names []string
	if err := db.SelectContext(ctx, &names, `SELECT name FROM sqlite_master WHERE type = 'table'`); err != nil {
		return nil, err
	}
	present := map[string]bool{}
	for _, n := range names {
		present[n] = true
	}
	s := &schema{cols: map[string]map[string]bool{}}
	for _, t := range tablesOfInterest {
		if !present[t] {
			continue
		}
		var cols []string
		if err := db.SelectContext(ctx, &cols, `SELECT name FROM pragma_table_info(?)`, t); err != nil {
			return nil, fmt.Errorf("inspect table %s: %w", t, err)
		}
		set := map[string]bool{}
		for _, c := range cols {
			set[c] = true
		}
		s.cols[t] = set
	}
	return s, nil
}

func (s *schema) hasTable(t string) bool { return s.cols[t] != nil }

func (s *schema) has(t, col string) bool { return s.cols[t][col] }

// col returns the column expression if it exists, else the fallback SQL
// literal, so one query text serves every revision.
func (s *schema) col(t, col, fallback string) string {
	if s.has(t, col) {
		return col
	}
	return fallback
}

// workspaceFilter restricts a table to MLflow's 'default' workspace when the
// table has 3.10's workspace column; Flowdeck does not model workspaces.
func (s *schema) workspaceFilter(t, alias string) string {
	if !s.has(t, "workspace") {
		return "1=1"
	}
	if alias != "" {
		return alias + ".workspace = 'default'"
	}
	return "workspace = 'default'"
}
