package search

import (
	"context"
	"fmt"
	"strings"

	"flowdeck/backend/mlflow"
)

// ExperimentQuery is an experiments/search request against one cached
// source.
type ExperimentQuery struct {
	SourceID int64
	Filter   string
	OrderBy  []string
	// MaxResults defaults to 1000 when 0 and may not exceed 50000.
	MaxResults int
	PageToken  string
	ViewType   mlflow.ViewType // "" means ACTIVE_ONLY
}

// ExperimentPage is one page of experiment ids, in order.
type ExperimentPage struct {
	ExperimentIDs []string
	NextPageToken string
	Total         int
}

var experimentSpec = regSpec{
	attrs: map[string]regAttr{"name": {col: "name"},
		"creation_time": {col: "creation_time", numeric: true}, "last_update_time": {col: "last_update_time", numeric: true}},
	stringOps: stringOps,
	orderKeys: map[string]string{"name": "name", "experiment_id": "experiment_id",
		"creation_time": "creation_time", "last_update_time": "last_update_time"},
	numericMsg: "Expected a quoted string value for attributes. Got value %s",
	table:      "experiments", tags: "experiment_tags",
	nullTags: true, link: "e.experiment_id = t.experiment_id",
}

// Experiments searches cached experiments as experiments/search does
// (MLFLOW-FORMATS §5.4): filter on name, creation_time, last_update_time
// and tags (IS [NOT] NULL allowed on tags); order_by name, experiment_id,
// creation_time, last_update_time; default creation_time DESC; then
// experiment_id ASC as the tie-breaker (numeric ids in numeric order).
func Experiments(ctx context.Context, db Querier, q ExperimentQuery) (ExperimentPage, error) {
	clauses, err := parseRegistryFilter(q.Filter, experimentSpec)
	if err != nil {
		return ExperimentPage{}, err
	}
	keys, err := parseRegistryOrder(q.OrderBy, experimentSpec)
	if err != nil {
		return ExperimentPage{}, err
	}
	limit, err := checkMaxResults(q.MaxResults, defaultExpResults, maxExpResults)
	if err != nil {
		return ExperimentPage{}, err
	}
	offset, err := decodeToken(q.PageToken)
	if err != nil {
		return ExperimentPage{}, err
	}
	if len(keys) == 0 {
		keys = []regOrder{{col: "creation_time", desc: true}}
	}
	var s sqlBuf
	s.add("SELECT e.experiment_id, 0 FROM experiments e WHERE e.source_id = ?", q.SourceID)
	switch q.ViewType {
	case mlflow.ViewAll:
	case mlflow.ViewDeletedOnly:
		s.add(" AND e.lifecycle_stage = 'deleted'")
	default:
		s.add(" AND e.lifecycle_stage != 'deleted'")
	}
	regWhere(&s, clauses, experimentSpec)
	s.add(" ORDER BY " + experimentOrderSQL(keys))
	refs, total, err := collectRefs(ctx, db, s, offset, limit)
	if err != nil {
		return ExperimentPage{}, fmt.Errorf("search experiments: %w", err)
	}
	page := ExperimentPage{ExperimentIDs: make([]string, len(refs)), Total: total, NextPageToken: nextToken(offset, len(refs), total)}
	for i, r := range refs {
		page.ExperimentIDs[i] = r.Name
	}
	return page, nil
}

func experimentOrderSQL(keys []regOrder) string {
	var parts []string
	hasID := false
	for _, k := range keys {
		dir := " ASC"
		if k.desc {
			dir = " DESC"
		}
		switch k.col {
		case "experiment_id":
			hasID = true
			parts = append(parts, "length(e.experiment_id)"+dir, "e.experiment_id"+dir)
		case "name":
			parts = append(parts, "e.name"+dir)
		default:
			parts = append(parts, "e."+k.col+" IS NULL", "e."+k.col+dir)
		}
	}
	if !hasID {
		parts = append(parts, "length(e.experiment_id) ASC", "e.experiment_id ASC")
	}
	return strings.Join(parts, ", ")
}
