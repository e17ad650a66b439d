package search

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"flowdeck/backend/mlflow"
)

// RunQuery is a runs/search request against one cached source.
type RunQuery struct {
	SourceID int64
	// ExperimentIDs limits the search; empty means every experiment of the
	// source (MLflow itself requires at least one).
	ExperimentIDs []string
	Filter        string
	OrderBy       []string
	// MaxResults defaults to 1000 when 0 and may not exceed 50000.
	MaxResults int
	PageToken  string
	// ViewType selects runs by lifecycle stage; "" means ACTIVE_ONLY.
	ViewType mlflow.ViewType
	// CountTotal asks for RunPage.Total. MLflow's runs/search has no total,
	// and without one a search stops at the end of its page.
	CountTotal bool
}

// RunPage is one page of matching run ids, in order.
type RunPage struct {
	RunIDs        []string
	NextPageToken string
	// Total counts every match, on all pages (0 unless CountTotal).
	Total int
}

// Runs searches the cached runs of a source as runs/search does.
//
// Order: the order_by keys in turn (missing and NaN values last in both
// directions), then start_time DESC unless start_time is a key, then
// run_id ASC.
func Runs(ctx context.Context, db Querier, q RunQuery) (RunPage, error) {
	clauses, err := ParseFilter(q.Filter)
	if err != nil {
		return RunPage{}, err
	}
	keys, err := ParseOrderBy(q.OrderBy)
	if err != nil {
		return RunPage{}, err
	}
	limit, err := checkMaxResults(q.MaxResults, defaultRunResults, maxRunResults)
	if err != nil {
		return RunPage{}, err
	}
	offset, err := decodeToken(q.PageToken)
	if err != nil {
		return RunPage{}, err
	}
	if indexedMetricOrder && len(keys) > 0 && keys[0].Kind == Metric && keys[0].Agg == Latest && !selective(ctx, db, q, clauses, keys[0].Key, offset+limit+1) {
		page, err := metricOrdered(ctx, db, q, clauses, keys, offset, limit)
		if err != nil {
			return RunPage{}, err
		}
		if q.CountTotal {
			if page.Total, err = countRuns(ctx, db, q, clauses); err != nil {
				return RunPage{}, err
			}
		}
		return page, nil
	}
	var s sqlBuf
	s.add("SELECT r.run_id FROM runs r")
	order := orderJoins(&s, q.SourceID, keys)
	runWhere(&s, " WHERE ", q, clauses)
	s.add(" ORDER BY " + order)
	if !q.CountTotal {
		s.add(" LIMIT ? OFFSET ?", limit+1, offset)
		return cutPage(ctx, db, s, offset, limit)
	}
	if len(clauses) > 0 {
		// Counting apart would evaluate the filter twice; streaming the
		// sorted ids once is cheaper (the sort needs every match anyway).
		return streamPage(ctx, db, s, offset, limit)
	}
	s.add(" LIMIT ? OFFSET ?", limit, offset)
	page, err := collect(ctx, db, s, 0, limit)
	if err != nil {
		return RunPage{}, err
	}
	if page.Total, err = countRuns(ctx, db, q, clauses); err != nil {
		return RunPage{}, err
	}
	page.NextPageToken = nextToken(offset, len(page.RunIDs), page.Total)
	return page, nil
}

// indexedMetricOrder enables metricOrdered (tests compare it with the
// plain plan).
var indexedMetricOrder = true

// cutPage runs a query limited to limit+1 rows from offset and keeps
// limit; the extra row says whether a next page exists.
func cutPage(ctx context.Context, db Querier, s sqlBuf, offset, limit int) (RunPage, error) {
	page, err := collect(ctx, db, s, 0, limit)
	if err != nil {
		return RunPage{}, err
	}
	if page.Total > limit {
		page.NextPageToken = encodeToken(offset + limit)
	}
	page.Total = 0
	return page, nil
}

// selective reports whether some filter clause matches so few rows that
// sorting every match beats walking the order key's index: fewer than the
// page needs (upTo; the walk would cover the whole index), or under a
// quarter of the runs that have the metric (the walk would test four rows
// or more per hit). Counts are bounded index counts, cheap either way.
func selective(ctx context.Context, db Querier, q RunQuery, clauses []Clause, orderKey string, upTo int) bool {
	indexed := -1 // runs with the order metric, counted when first needed
	for _, c := range clauses {
		var s sqlBuf
		switch c.Kind {
		case Metric:
			if c.Op == "!=" || c.Key == orderKey {
				continue // the walk tests the order metric's own clauses directly
			}
			s.add("SELECT count(*) FROM (SELECT 1 FROM metrics m WHERE m.source_id = ? AND m.key = ? AND m.value "+c.Op+" ?", q.SourceID, c.Key, c.Num)
		case Param, Tag:
			if c.Op != "=" && c.Op != "IN" {
				continue
			}
			table := "params"
			if c.Kind == Tag {
				table = "tags"
			}
			s.add("SELECT count(*) FROM (SELECT 1 FROM "+table+" k WHERE k.source_id = ? AND k.key = ? AND ", q.SourceID, c.Key)
			s.stringCond("k.value", c.Op, c.Str, c.List)
		default:
			continue
		}
		if indexed < 0 {
			var m sqlBuf
			m.add("SELECT count(*) FROM metrics WHERE source_id = ? AND key = ?", q.SourceID, orderKey)
			n, err := queryInt(ctx, db, m)
			if err != nil {
				return true
			}
			indexed = n
		}
		bound := max(upTo, indexed/4+1)
		s.add(" LIMIT ?)", bound)
		if n, err := queryInt(ctx, db, s); err == nil && n < bound {
			return true
		}
	}
	return false
}

func queryInt(ctx context.Context, db Querier, s sqlBuf) (int, error) {
	rows, err := db.QueryContext(ctx, s.b.String(), s.args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}

// metricOrdered pages a search whose first order key is a metric's latest
// value by walking the metric's index in that order (runs with a number
// first), so SQLite sorts only ties and stops at the end of the page instead
// of sorting every match. Runs whose value is NaN, then runs without the
// metric, follow, as in the plain plan.
func metricOrdered(ctx context.Context, db Querier, q RunQuery, clauses []Clause, keys []OrderKey, offset, limit int) (RunPage, error) {
	first := keys[0]
	dir := " ASC"
	if first.Desc {
		dir = " DESC"
	}
	var head sqlBuf
	head.add("SELECT r.run_id FROM metrics o0 JOIN runs r ON r.source_id = o0.source_id AND r.run_id = o0.run_id")
	rest := orderJoinsFrom(&head, q.SourceID, keys[1:], 1)
	head.add(" WHERE o0.source_id = ? AND o0.key = ? AND o0.value IS NOT NULL AND ", q.SourceID, first.Key)
	// A comparison on the ordering metric itself is tested on the row the
	// index walk is at, not through a list of every run that matches it.
	var others []Clause
	for _, c := range clauses {
		if c.Kind == Metric && c.Key == first.Key && c.Op != "!=" {
			head.add("o0.value "+c.Op+" ? AND ", c.Num)
			continue
		}
		others = append(others, c)
	}
	runWhere(&head, "", q, others)
	head.add(" ORDER BY o0.value"+dir+", "+rest+" LIMIT ?", offset+limit+1)
	page, err := collect(ctx, db, head, offset, limit)
	if err != nil {
		return RunPage{}, err
	}
	headRows := page.Total
	if headRows > offset+limit {
		page.NextPageToken = encodeToken(offset + limit)
		page.Total = 0
		return page, nil
	}
	// The page reaches past the runs with a number: NaN, then missing.
	var tail sqlBuf
	tail.add("SELECT r.run_id FROM runs r LEFT JOIN metrics o0 ON o0.source_id = r.source_id AND o0.run_id = r.run_id AND o0.key = ?", first.Key)
	rest = orderJoinsFrom(&tail, q.SourceID, keys[1:], 1)
	runWhere(&tail, " WHERE ", q, clauses)
	tail.add(" AND (o0.run_id IS NULL OR o0.value IS NULL) ORDER BY o0.run_id IS NULL, " + rest)
	skip := max(0, offset-headRows)
	want := limit - len(page.RunIDs)
	tail.add(" LIMIT ? OFFSET ?", want+1, skip)
	more, err := collect(ctx, db, tail, 0, want)
	if err != nil {
		return RunPage{}, err
	}
	page.RunIDs = append(page.RunIDs, more.RunIDs...)
	page.Total = 0
	if more.Total > want {
		page.NextPageToken = encodeToken(offset + limit)
	}
	return page, nil
}

// streamPage reads every matching id in order, keeps [offset, offset+limit)
// and counts the rest.
func streamPage(ctx context.Context, db Querier, s sqlBuf, offset, limit int) (RunPage, error) {
	page, err := collect(ctx, db, s, offset, limit)
	if err != nil {
		return RunPage{}, err
	}
	page.NextPageToken = nextToken(offset, len(page.RunIDs), page.Total)
	return page, nil
}

// collect runs the query and keeps rows [skip, skip+limit); Total is the
// number of rows the query returned.
func collect(ctx context.Context, db Querier, s sqlBuf, skip, limit int) (RunPage, error) {
	page := RunPage{RunIDs: []string{}}
	rows, err := db.QueryContext(ctx, s.b.String(), s.args...)
	if err != nil {
		return RunPage{}, fmt.Errorf("search runs: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if n >= skip && n < skip+limit {
			var id string
			if err := rows.Scan(&id); err != nil {
				return RunPage{}, fmt.Errorf("search runs: %w", err)
			}
			page.RunIDs = append(page.RunIDs, id)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return RunPage{}, fmt.Errorf("search runs: %w", err)
	}
	page.Total = n
	return page, nil
}

func countRuns(ctx context.Context, db Querier, q RunQuery, clauses []Clause) (int, error) {
	var s sqlBuf
	s.add("SELECT COUNT(*) FROM runs r")
	runWhere(&s, " WHERE ", q, clauses)
	rows, err := db.QueryContext(ctx, s.b.String(), s.args...)
	if err != nil {
		return 0, fmt.Errorf("count runs: %w", err)
	}
	defer rows.Close()
	n := 0
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, fmt.Errorf("count runs: %w", err)
		}
	}
	return n, rows.Err()
}

// runWhere appends the WHERE conditions, after lead: source,
// experiments, view type and the filter's clauses.
func runWhere(s *sqlBuf, lead string, q RunQuery, clauses []Clause) {
	s.add(lead+"r.source_id = ?", q.SourceID)
	if len(q.ExperimentIDs) > 0 {
		s.add(" AND r.experiment_id IN ")
		s.inList(q.ExperimentIDs)
	}
	switch q.ViewType {
	case mlflow.ViewAll:
	case mlflow.ViewDeletedOnly:
		s.add(" AND r.lifecycle_stage = 'deleted'")
	default:
		s.add(" AND r.lifecycle_stage != 'deleted'")
	}
	for _, c := range clauses {
		s.add(" AND ")
		runCond(s, q.SourceID, c)
	}
}

// runCond appends the SQL condition of one clause over runs r.
func runCond(s *sqlBuf, src int64, c Clause) {
	switch c.Kind {
	case Metric:
		s.add("r.run_id IN (SELECT m.run_id FROM metrics m WHERE m.source_id = ? AND m.key = ? AND ", src, c.Key)
		if c.Op == "!=" {
			// NaN != x is true (IEEE, Python); value is NULL for NaN.
			s.add("(m.is_nan = 1 OR m.value != ?))", c.Num)
		} else {
			s.add("m.value "+c.Op+" ?)", c.Num)
		}
	case Param, Tag:
		table := "params"
		if c.Kind == Tag {
			table = "tags"
		}
		switch c.Op {
		case "IS NULL":
			s.add("r.run_id NOT IN (SELECT k.run_id FROM "+table+" k WHERE k.source_id = ? AND k.key = ?)", src, c.Key)
		case "IS NOT NULL":
			s.add("r.run_id IN (SELECT k.run_id FROM "+table+" k WHERE k.source_id = ? AND k.key = ?)", src, c.Key)
		default:
			s.add("r.run_id IN (SELECT k.run_id FROM "+table+" k WHERE k.source_id = ? AND k.key = ? AND ", src, c.Key)
			s.stringCond("k.value", c.Op, c.Str, c.List)
			s.add(")")
		}
	case Attribute:
		col := "r." + c.Key // a fixed column name from searchAttrs
		if numericAttrs[c.Key] {
			s.add(col+" "+c.Op+" ?", numArg(c))
			return
		}
		s.stringCond(col, c.Op, c.Str, c.List)
	case Dataset:
		s.add("EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(r.inputs_json) THEN r.inputs_json ELSE '{}' END, '$.dataset_inputs') d WHERE ")
		if c.Key == "context" {
			s.add("EXISTS (SELECT 1 FROM json_each(d.value, '$.tags') t WHERE json_extract(t.value, '$.key') = 'mlflow.data.context' AND ")
			s.stringCond("json_extract(t.value, '$.value')", c.Op, c.Str, c.List)
			s.add(")")
		} else {
			s.stringCond("json_extract(d.value, '$.dataset."+c.Key+"')", c.Op, c.Str, c.List)
		}
		s.add(")")
	default:
		s.add("0")
	}
}

// numArg binds an integer literal exactly and anything else as a float.
func numArg(c Clause) any {
	if c.IsInt {
		return c.Int
	}
	return c.Num
}

// orderJoins appends the LEFT JOINs the order keys need and returns the
// ORDER BY list.
func orderJoins(s *sqlBuf, src int64, keys []OrderKey) string {
	return orderJoinsFrom(s, src, keys, 0)
}

// orderJoinsFrom is orderJoins with join aliases numbered from first.
func orderJoinsFrom(s *sqlBuf, src int64, keys []OrderKey, first int) string {
	var order []string
	hasStart := false
	for j, k := range keys {
		i := first + j
		dir := " ASC"
		if k.Desc {
			dir = " DESC"
		}
		alias := "o" + strconv.Itoa(i)
		switch k.Kind {
		case Metric:
			s.add(" LEFT JOIN metrics "+alias+" ON "+alias+".source_id = r.source_id AND "+alias+".run_id = r.run_id AND "+alias+".key = ?", k.Key)
			col := alias + ".value"
			switch k.Agg {
			case Min:
				col = alias + ".min_value"
			case Max:
				col = alias + ".max_value"
			}
			// 0 numbers, 1 NaN, 2 missing: both last whatever the direction.
			order = append(order, "CASE WHEN "+alias+".run_id IS NULL THEN 2 WHEN "+col+" IS NULL THEN 1 ELSE 0 END", col+dir)
		case Param, Tag:
			table := "params"
			if k.Kind == Tag {
				table = "tags"
			}
			s.add(" LEFT JOIN "+table+" "+alias+" ON "+alias+".source_id = r.source_id AND "+alias+".run_id = r.run_id AND "+alias+".key = ?", k.Key)
			order = append(order, alias+".value IS NULL", alias+".value"+dir)
		case Attribute:
			col := "r." + k.Key
			if numericAttrs[k.Key] {
				order = append(order, col+" IS NULL")
			}
			order = append(order, col+dir)
			hasStart = hasStart || k.Key == "start_time"
		}
	}
	if !hasStart {
		// NULL is the smallest value, so DESC leaves unknown starts last.
		order = append(order, "r.start_time DESC")
	}
	order = append(order, "r.run_id ASC")
	return strings.Join(order, ", ")
}
