package search

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
)

// small builds a hand-made cache: runs a…e in experiment "1" of source 1,
// plus a decoy run in source 2 that must never show up.
func small(t *testing.T) *sqlx.DB {
	db := openTestDB(t)
	tx := db.MustBegin()
	mustExec(t, tx, `INSERT INTO sources(id, uri, kind) VALUES (1, 'a', 'file'), (2, 'b', 'file')`)
	type run struct {
		id, name, ls string
		start        any
		inputs       string
	}
	runs := []run{
		{"a", "alpha [1]*?", "active", 500, `{"dataset_inputs":[{"tags":[{"key":"mlflow.data.context","value":"train"}],"dataset":{"name":"DS-One","digest":"d1"}}]}`},
		{"b", "Ärger", "active", 400, ""},
		{"c", "gamma", "active", 300, "not json"},
		{"d", "delta", "deleted", 200, ""},
		{"e", "eps", "active", nil, ""},
	}
	for _, r := range runs {
		mustExec(t, tx, `INSERT INTO runs(source_id, run_id, experiment_id, run_name, start_time, lifecycle_stage, inputs_json) VALUES (1,?,?,?,?,?,?)`, r.id, "1", r.name, r.start, r.ls, r.inputs)
	}
	mustExec(t, tx, `INSERT INTO runs(source_id, run_id, experiment_id, run_name, start_time) VALUES (2,'z','1','alpha [1]*?',999)`)
	// metric m: a=+inf, b=NaN, c=1, d=2, e missing; history min/max differ.
	met := `INSERT INTO metrics(source_id, run_id, key, value, is_nan, timestamp, step, min_value, max_value, count) VALUES (?,?,'m',?,?,0,0,?,?,1)`
	mustExec(t, tx, met, 1, "a", math.Inf(1), 0, -5.0, math.Inf(1))
	mustExec(t, tx, met, 1, "b", nil, 1, 0.5, 0.5)
	mustExec(t, tx, met, 1, "c", 1.0, 0, 1.0, 9.0)
	mustExec(t, tx, met, 1, "d", 2.0, 0, 2.0, 2.0)
	mustExec(t, tx, met, 2, "z", 1.0, 0, 1.0, 1.0)
	mustExec(t, tx, `INSERT INTO params(source_id, run_id, key, value) VALUES (1,'a','p','10'),(1,'b','p','9'),(1,'c','p','100'),(2,'z','p','10')`)
	mustExec(t, tx, `INSERT INTO tags(source_id, run_id, key, value) VALUES (1,'a','note','line1
has ünïcødé'),(1,'c','note','x')`)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return db
}

func ids(t *testing.T, db *sqlx.DB, q RunQuery) []string {
	t.Helper()
	if q.SourceID == 0 {
		q.SourceID = 1
	}
	p, err := Runs(context.Background(), db, q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	return p.RunIDs
}

func TestRunSemantics(t *testing.T) {
	db := small(t)
	for _, c := range []struct {
		q    RunQuery
		want []string
	}{
		{RunQuery{}, []string{"a", "b", "c", "e"}}, // start DESC, unknown start last
		{RunQuery{ExperimentIDs: []string{"1"}, ViewType: mlflow.ViewAll}, []string{"a", "b", "c", "d", "e"}},
		{RunQuery{ViewType: mlflow.ViewDeletedOnly}, []string{"d"}},
		{RunQuery{Filter: "metrics.m > 1e308"}, []string{"a"}},   // +inf is the largest number
		{RunQuery{Filter: "metrics.m = 1e309"}, []string{"a"}},   // 1e309 is +inf
		{RunQuery{Filter: "metrics.m < 5"}, []string{"c"}},       // NaN never compares…
		{RunQuery{Filter: "metrics.m != 1"}, []string{"a", "b"}}, // …except != (IEEE); missing never
		{RunQuery{OrderBy: []string{"metrics.m"}}, []string{"c", "a", "b", "e"}},
		{RunQuery{OrderBy: []string{"metrics.m DESC"}}, []string{"a", "c", "b", "e"}},
		{RunQuery{OrderBy: []string{"min(metrics.m)"}}, []string{"a", "b", "c", "e"}},
		{RunQuery{OrderBy: []string{"max(metrics.`m`) DESC"}}, []string{"a", "c", "b", "e"}},
		{RunQuery{OrderBy: []string{"params.p DESC"}}, []string{"b", "c", "a", "e"}}, // text: "9" > "100" > "10"
		{RunQuery{OrderBy: []string{"start_time ASC"}}, []string{"c", "b", "a", "e"}},
		{RunQuery{Filter: "params.p != '10'"}, []string{"b", "c"}},
		{RunQuery{Filter: "params.p IS NULL"}, []string{"e"}},
		{RunQuery{Filter: "tags.note IS NOT NULL"}, []string{"a", "c"}},
		{RunQuery{Filter: "tags.note LIKE 'line1%'"}, []string{"a"}},    // % crosses newlines
		{RunQuery{Filter: "tags.note ILIKE '%ÜNÏCØDÉ'"}, []string{"a"}}, // Unicode fold
		{RunQuery{Filter: "run_name ILIKE 'ärger'"}, []string{"b"}},
		{RunQuery{Filter: "run_name LIKE 'ärger'"}, nil},                 // LIKE is case-sensitive
		{RunQuery{Filter: "run_name LIKE 'alpha [1]*?'"}, []string{"a"}}, // GLOB specials are literal
		{RunQuery{Filter: "run_name LIKE 'alpha _1]%'"}, []string{"a"}},
		{RunQuery{Filter: "run_name LIKE 'alpha'"}, nil},
		{RunQuery{Filter: "datasets.name ILIKE 'ds-%' AND datasets.context = 'train'"}, []string{"a"}},
		{RunQuery{Filter: "datasets.digest NOT IN ('x')"}, []string{"a"}}, // runs without datasets never match
		{RunQuery{Filter: "run_id IN ('c', 'a', 'z')"}, []string{"a", "c"}},
		{RunQuery{Filter: "attributes.start_time >= 300.5"}, []string{"a", "b"}},
		{RunQuery{Filter: "attributes.start_time != 300"}, []string{"a", "b"}}, // unknown start never matches
	} {
		if got := ids(t, db, c.q); !reflect.DeepEqual(got, c.want) && (len(got) != 0 || len(c.want) != 0) {
			t.Errorf("filter %q order %q: got %q want %q", c.q.Filter, c.q.OrderBy, got, c.want)
		}
	}
}

func TestRunPaging(t *testing.T) {
	db := small(t)
	ctx := context.Background()
	for _, filter := range []string{"", "params.p LIKE '%'"} {
		var all []string
		q := RunQuery{SourceID: 1, MaxResults: 2, Filter: filter, ViewType: mlflow.ViewAll, CountTotal: true}
		for i := 0; ; i++ {
			p, err := Runs(ctx, db, q)
			if err != nil {
				t.Fatal(err)
			}
			want := 5
			if filter != "" {
				want = 3
			}
			if p.Total != want {
				t.Errorf("%q: total %d want %d", filter, p.Total, want)
			}
			all = append(all, p.RunIDs...)
			if p.NextPageToken == "" {
				break
			}
			q.PageToken = p.NextPageToken
			if i > 5 {
				t.Fatal("paging does not end")
			}
		}
		if len(all) != map[bool]int{true: 5, false: 3}[filter == ""] {
			t.Errorf("%q: pages gave %q", filter, all)
		}
		// Without a total, the same pages.
		var again []string
		q = RunQuery{SourceID: 1, MaxResults: 2, Filter: filter, ViewType: mlflow.ViewAll}
		for i := 0; ; i++ {
			p, err := Runs(ctx, db, q)
			if err != nil || p.Total != 0 {
				t.Fatalf("%+v, %v", p, err)
			}
			again = append(again, p.RunIDs...)
			if p.NextPageToken == "" || i > 5 {
				break
			}
			q.PageToken = p.NextPageToken
		}
		if !reflect.DeepEqual(again, all) {
			t.Errorf("%q: pages gave %q", filter, all)
		}
	}
	// A token past the end gives an empty page with the right total.
	p, err := Runs(ctx, db, RunQuery{SourceID: 1, PageToken: encodeToken(50), CountTotal: true})
	if err != nil || len(p.RunIDs) != 0 || p.Total != 4 || p.NextPageToken != "" {
		t.Errorf("past the end: %+v %v", p, err)
	}
	for _, tok := range []string{"!!!", "e30=", "bm90IGpzb24=", encodeToken(-1)} {
		_, err := Runs(ctx, db, RunQuery{SourceID: 1, PageToken: tok})
		if err == nil {
			t.Errorf("token %q accepted", tok)
			continue
		}
		if me := asMLflow(t, err); me.Code != "INVALID_PARAMETER_VALUE" || me.Message[:18] != "Invalid page token" {
			t.Errorf("token %q: %v", tok, err)
		}
	}
	for _, n := range []int{-1, 50001} {
		if _, err := Runs(ctx, db, RunQuery{SourceID: 1, MaxResults: n}); err == nil {
			t.Errorf("max_results %d accepted", n)
		}
	}
}
