package search

import (
	"context"
	"reflect"
	"testing"

	"flowdeck/backend/mlflow"
)

func TestExperiments(t *testing.T) {
	f := goldenDB(t)
	names := func(src int64, q ExperimentQuery) []string {
		t.Helper()
		q.SourceID = src
		p, err := Experiments(context.Background(), f.db, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		var out []string
		for _, id := range p.ExperimentIDs {
			var n string
			if err := f.db.Get(&n, `SELECT name FROM experiments WHERE source_id = ? AND experiment_id = ?`, src, id); err != nil {
				t.Fatal(err)
			}
			out = append(out, n)
		}
		return out
	}
	for _, src := range []int64{srcFile, srcSQLite} {
		for _, c := range []struct {
			q    ExperimentQuery
			want []string
		}{
			// logged-via-server exists only in the SQLite store.
			{ExperimentQuery{Filter: "name != 'logged-via-server'", OrderBy: []string{"name"}}, []string{"Default", "churn-classifier", "house-price-regression"}},
			{ExperimentQuery{Filter: "name LIKE '%-%' AND name != 'logged-via-server'", ViewType: mlflow.ViewAll, OrderBy: []string{"name DESC"}},
				[]string{"scratch-to-delete", "house-price-regression", "churn-classifier"}},
			{ExperimentQuery{ViewType: mlflow.ViewDeletedOnly}, []string{"scratch-to-delete"}},
			{ExperimentQuery{Filter: "name ILIKE 'CHURN%' AND creation_time > 0"}, []string{"churn-classifier"}},
			{ExperimentQuery{Filter: "tags.`no such tag` IS NULL AND name = 'Default'"}, []string{"Default"}},
		} {
			if got := names(src, c.q); !reflect.DeepEqual(got, c.want) {
				t.Errorf("source %d %+v: got %q want %q", src, c.q, got, c.want)
			}
		}
	}
	for _, bad := range []ExperimentQuery{{Filter: "lifecycle_stage = 'active'"}, {Filter: "name IS NULL"},
		{Filter: "metrics.a > 1"}, {OrderBy: []string{"artifact_location"}}, {Filter: "creation_time > 'x'"}} {
		_, err := Experiments(context.Background(), f.db, ExperimentQuery{SourceID: srcFile, Filter: bad.Filter, OrderBy: bad.OrderBy})
		if err == nil {
			t.Errorf("%+v accepted", bad)
			continue
		}
		asMLflow(t, err)
	}
}
