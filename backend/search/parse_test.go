package search

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"flowdeck/backend/mlflow"
)

func asMLflow(t *testing.T, err error) *mlflow.Error {
	t.Helper()
	var me *mlflow.Error
	if !errors.As(err, &me) {
		t.Fatalf("error %v (%T) is not an *mlflow.Error", err, err)
	}
	if !errors.Is(err, mlflow.ErrInvalidArgument) {
		t.Errorf("error %v is not ErrInvalidArgument", err)
	}
	return me
}

// TestInvalidRunFilters checks every request real MLflow rejected on both
// stores: same code, same (normalized) message.
func TestInvalidRunFilters(t *testing.T) {
	for _, c := range loadCases(t).InvalidRuns {
		want := c.FileStore.Error
		if want == nil || c.SQLite.Error == nil {
			continue // disagreements: see TestInvalidFilterDisagreements
		}
		t.Run(c.ID, func(t *testing.T) {
			_, err := ParseFilter(c.FileStore.Filter)
			if err == nil {
				_, err = ParseOrderBy(c.OrderBy)
			}
			if err == nil && c.MaxResults > 0 {
				_, err = checkMaxResults(c.MaxResults, defaultRunResults, maxRunResults)
			}
			if err == nil {
				t.Fatalf("filter %q order_by %q accepted; MLflow: %s", c.FileStore.Filter, c.OrderBy, want.Message)
			}
			me := asMLflow(t, err)
			if me.Code != want.Code {
				t.Errorf("code %s, want %s", me.Code, want.Code)
			}
			if me.Message != want.Normalized {
				t.Errorf("message\n got %q\nwant %q", me.Message, want.Normalized)
			}
		})
	}
}

func TestParseFilterTable(t *testing.T) {
	cases := []struct {
		in   string
		want []Clause
	}{
		{"", nil},
		{"   ", nil},
		{"metrics.acc > 0.9", []Clause{{Kind: Metric, Key: "acc", Op: ">", Num: 0.9}}},
		{"metric.acc >= -1", []Clause{{Kind: Metric, Key: "acc", Op: ">=", Num: -1, IsInt: true, Int: -1}}},
		{"metrics.loss < 1e-5", []Clause{{Kind: Metric, Key: "loss", Op: "<", Num: 1e-5}}},
		{"metrics.loss = 1e309", []Clause{{Kind: Metric, Key: "loss", Op: "=", Num: math.Inf(1)}}},
		{"metrics.`f1 score` != .5", []Clause{{Kind: Metric, Key: "f1 score", Op: "!=", Num: 0.5}}},
		{`metrics."system/gpu" <= 2.5E3`, []Clause{{Kind: Metric, Key: "system/gpu", Op: "<=", Num: 2500}}},
		{"metrics.a.b = 1", []Clause{{Kind: Metric, Key: "a.b", Op: "=", Num: 1, IsInt: true, Int: 1}}},
		{"params.lr = '0.1'", []Clause{{Kind: Param, Key: "lr", Op: "=", Str: "0.1"}}},
		{`parameters.lr = "0.1"`, []Clause{{Kind: Param, Key: "lr", Op: "=", Str: "0.1"}}},
		{"param.x like 'a%'", []Clause{{Kind: Param, Key: "x", Op: "LIKE", Str: "a%"}}},
		{"params.x ILIKE 'A_'", []Clause{{Kind: Param, Key: "x", Op: "ILIKE", Str: "A_"}}},
		{"params.x = 'it''s'", []Clause{{Kind: Param, Key: "x", Op: "=", Str: "it''s"}}},
		{"params.x IS NULL", []Clause{{Kind: Param, Key: "x", Op: "IS NULL"}}},
		{"tags.t is not null", []Clause{{Kind: Tag, Key: "t", Op: "IS NOT NULL"}}},
		{"tags.mlflow.source.git.branch = 'main'", []Clause{{Kind: Tag, Key: "mlflow.source.git.branch", Op: "=", Str: "main"}}},
		{"tag.`mlflow.runName` != 'x'", []Clause{{Kind: Tag, Key: "mlflow.runName", Op: "!=", Str: "x"}}},
		{"`tags`.team = 'a'", []Clause{{Kind: Tag, Key: "team", Op: "=", Str: "a"}}},
		{"status = 'FAILED'", []Clause{{Kind: Attribute, Key: "status", Op: "=", Str: "FAILED"}}},
		{"attr.`Run Name` LIKE 'x%'", []Clause{{Kind: Attribute, Key: "run_name", Op: "LIKE", Str: "x%"}}},
		{"run.created >= 17", []Clause{{Kind: Attribute, Key: "start_time", Op: ">=", Num: 17, IsInt: true, Int: 17}}},
		{"attributes.end_time < 1.5", []Clause{{Kind: Attribute, Key: "end_time", Op: "<", Num: 1.5}}},
		{"attributes.run_id IN ('a', \"b\",)", []Clause{{Kind: Attribute, Key: "run_id", Op: "IN", List: []string{"a", "b"}}}},
		{"run_id not in ('a')", []Clause{{Kind: Attribute, Key: "run_id", Op: "NOT IN", List: []string{"a"}}}},
		{"datasets.context IN ('train', 'eval')", []Clause{{Kind: Dataset, Key: "context", Op: "IN", List: []string{"train", "eval"}}}},
		{"dataset.digest = 'abc'", []Clause{{Kind: Dataset, Key: "digest", Op: "=", Str: "abc"}}},
		{"params.a = 'x' AND", []Clause{{Kind: Param, Key: "a", Op: "=", Str: "x"}}},
		{"params.a = 'x' and metrics.m < 2", []Clause{{Kind: Param, Key: "a", Op: "=", Str: "x"}, {Kind: Metric, Key: "m", Op: "<", Num: 2, IsInt: true, Int: 2}}},
		{"tags.u = '日本語 ✓'", []Clause{{Kind: Tag, Key: "u", Op: "=", Str: "日本語 ✓"}}},
	}
	for _, c := range cases {
		got, err := ParseFilter(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if len(got) == 0 && len(c.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q\n got %+v\nwant %+v", c.in, got, c.want)
		}
	}
}

func TestParseFilterErrors(t *testing.T) {
	cases := []struct{ in, msg string }{
		{"params.a = 'x' OR params.b = 'y'", "Invalid clause(s) in filter string: 'OR'"},
		{"(params.a = 'x')", "Invalid clause(s) in filter string: '(params.a = 'x')'"},
		{"params.a = 'x'; params.b = 'y'", "Invalid clause(s) in filter string: ';'"},
		{"params.a =", "Invalid clause(s) in filter string: 'params.a', '='"},
		{"metrics.a IS NULL", "Invalid clause(s) in filter string: 'metrics.a', 'IS', 'NULL'"},
		{"attributes.status IS NOT NULL", "Invalid clause(s) in filter string: 'attributes.status', 'IS', 'NOT NULL'"},
		{"metrics.f1-score > 1", "Invalid comparison clause. Expected 'Identifier' found 'metrics.f1-score'"},
		{"1 = 1", "Invalid comparison clause. Expected 'Identifier' found '1'"},
		{"METRICS.a > 1", "Invalid entity type 'METRICS'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']"},
		{"foo = 'x'", "Invalid attribute key 'foo' specified."},
		{"metrics.a > 0x10", "Expected numeric value type for metric. Found 0x10"},
		{"metrics.a > 1e+5", "Expected numeric value type for metric. Found 1e+5"},
		{"metrics.a NOT LIKE 1", "Invalid comparator 'NOT LIKE' not one of"},
		{"params.a != 'x' AND params.b <> 'y'", "Invalid comparator '<>' not one of '{'!=', '=', 'ILIKE', 'LIKE'}'"},
		{"tags.a = 1", "Expected a quoted string value for tag (e.g. 'my-value'). Got value 1"},
		{"attributes.status = 1", "Expected a quoted string value for attributes. Got value 1"},
		{"attributes.start_time LIKE 1", "Invalid comparator 'LIKE' not one of '{'!=', '<', '<=', '=', '>', '>='}"},
		{"attributes.status > 'a'", "Invalid comparator '>' not one of '{'!=', '=', 'ILIKE', 'IN', 'LIKE', 'NOT IN'}'"},
		{"datasets.name > 'a'", "Invalid comparator '>' not one of '{'!=', '=', 'ILIKE', 'IN', 'LIKE', 'NOT IN'}"},
		{"datasets.name = 1", "Expected a quoted string value for dataset attributes. Got value 1"},
		{"run_id IN ()", "expected a non-empty list of string values, but got empty list"},
		{"run_id IN (1, 2)", "but got different type in list: (1, 2)"},
		{"run_id IN ('a' 'b')", "but got ill-formed list."},
		{"run_id = ('a', 'b')", "Invalid comparator '=' for a list of values"},
		{"params.a = 'unterminated", "Invalid clause(s)"},
		{"params.`a = 'x'", "Invalid clause(s)"},
	}
	for _, c := range cases {
		_, err := ParseFilter(c.in)
		if err == nil {
			t.Errorf("%q accepted", c.in)
			continue
		}
		if me := asMLflow(t, err); !strings.HasPrefix(me.Message, c.msg) && !strings.Contains(me.Message, c.msg) {
			t.Errorf("%q: %q, want %q", c.in, me.Message, c.msg)
		}
	}
}

func TestParseOrderBy(t *testing.T) {
	got, err := ParseOrderBy([]string{"metrics.`f1 score` DESC", "params.lr", "tags.\"a.b\" asc", "created desc",
		"min(metrics.loss)", "MAX( metrics.`val/acc` ) DESC", "attributes.run_name"})
	if err != nil {
		t.Fatal(err)
	}
	want := []OrderKey{{Kind: Metric, Key: "f1 score", Desc: true}, {Kind: Param, Key: "lr"}, {Kind: Tag, Key: "a.b"},
		{Kind: Attribute, Key: "start_time", Desc: true}, {Kind: Metric, Key: "loss", Agg: Min},
		{Kind: Metric, Key: "val/acc", Agg: Max, Desc: true}, {Kind: Attribute, Key: "run_name"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	bad := []struct {
		in  []string
		msg string
	}{
		{[]string{"metrics.a UP"}, "Invalid ordering key in order_by clause 'metrics.a UP'."},
		{[]string{"metrics.a DESC x"}, "Invalid order_by clause 'metrics.a DESC x'. Could not be parsed."},
		{[]string{""}, "Could not be parsed."},
		{[]string{"datasets.name"}, "dataset"},
		{[]string{"attributes.`Run name`"}, "Invalid attribute key 'Run name' specified."},
		{[]string{"start_time", "created DESC"}, "`order_by` contains duplicate fields: ['start_time', 'created DESC']"},
		{[]string{"min(params.a)"}, "min() and max() apply to metrics only"},
		{[]string{"max(metrics.a"}, "Expected min(metrics.<key>)"},
		{[]string{"min(metrics.a) UP"}, "Invalid ordering key"},
	}
	for _, b := range bad {
		_, err := ParseOrderBy(b.in)
		if err == nil {
			t.Errorf("%q accepted", b.in)
			continue
		}
		if me := asMLflow(t, err); !strings.Contains(me.Message, b.msg) {
			t.Errorf("%q: %q, want %q", b.in, me.Message, b.msg)
		}
	}
}
