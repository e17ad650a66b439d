package search

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
)

// tiesStore makes n runs over two experiments with metric values drawn from
// a small set (many ties), NaN, +Inf and missing values, equal start times
// and deleted runs: everything the ordering rules treat specially.
func tiesStore(t *testing.T, n int) *sqlx.DB {
	db := openTestDB(t)
	tx := db.MustBegin()
	mustExec(t, tx, `INSERT INTO sources(id, uri, kind) VALUES (1, 'a', 'file')`)
	rng := rand.New(rand.NewPCG(1, 2))
	met := `INSERT OR IGNORE INTO metrics(source_id, run_id, key, value, is_nan, timestamp, step, min_value, max_value, count) VALUES (1,?,?,?,?,0,0,?,?,1)`
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("r%04d", rng.IntN(100000))
		ls := "active"
		if rng.IntN(10) == 0 {
			ls = "deleted"
		}
		var start any = 1000 + rng.IntN(5)
		if rng.IntN(20) == 0 {
			start = nil
		}
		mustExec(t, tx, `INSERT OR IGNORE INTO runs(source_id, run_id, experiment_id, run_name, start_time, lifecycle_stage) VALUES (1,?,?,?,?,?)`,
			id, fmt.Sprint(rng.IntN(2)), "n"+id, start, ls)
		for _, key := range []string{"acc", "loss"} {
			switch r := rng.IntN(12); {
			case r == 0: // missing
			case r == 1:
				mustExec(t, tx, `INSERT OR IGNORE INTO metrics(source_id, run_id, key, value, is_nan, timestamp, step, min_value, max_value, count) VALUES (1,?,?,NULL,1,0,0,NULL,NULL,1)`, id, key)
			case r == 2:
				mustExec(t, tx, met, id, key, math.Inf(1), 0, math.Inf(1), math.Inf(1))
			default:
				v := float64(rng.IntN(8)) / 8
				mustExec(t, tx, met, id, key, v, 0, v, v)
			}
		}
		mustExec(t, tx, `INSERT OR IGNORE INTO params(source_id, run_id, key, value) VALUES (1,?,'model',?)`, id, []string{"rf", "lr", "svm"}[rng.IntN(3)])
		if rng.IntN(50) == 0 {
			mustExec(t, tx, `INSERT OR IGNORE INTO tags(source_id, run_id, key, value) VALUES (1,?,'rare','yes')`, id)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestMetricOrderPlanAgrees: the index-walking plan for metric order keys
// gives exactly the plain plan's order, page after page, with and without
// totals, for selective and broad filters.
func TestMetricOrderPlanAgrees(t *testing.T) {
	db := tiesStore(t, 1500)
	ctx := context.Background()
	all := func(q RunQuery, page int) ([]string, int) {
		q.MaxResults = page
		var out []string
		total := -1
		for i := 0; ; i++ {
			p, err := Runs(ctx, db, q)
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			if total == -1 {
				total = p.Total
			} else if p.Total != total {
				t.Fatalf("%+v: total moved from %d to %d", q, total, p.Total)
			}
			out = append(out, p.RunIDs...)
			if p.NextPageToken == "" {
				return out, total
			}
			q.PageToken = p.NextPageToken
			if i > 10000 {
				t.Fatal("paging does not end")
			}
		}
	}
	filters := []string{"", "metrics.acc > 0.3", "metrics.loss <= 0.5", "params.model = 'rf'", "tags.rare = 'yes'",
		"metrics.acc > 0.9 and params.model != 'lr'", "attributes.start_time >= 1002"}
	orders := [][]string{{"metrics.acc DESC"}, {"metrics.acc ASC"}, {"metrics.acc", "metrics.loss DESC"},
		{"metrics.loss DESC", "params.model"}, {"metrics.acc DESC", "attributes.start_time ASC"}, {"metrics.nothere"}}
	views := []mlflow.ViewType{mlflow.ViewActiveOnly, mlflow.ViewAll}
	checked := 0
	for _, f := range filters {
		for _, o := range orders {
			for _, v := range views {
				q := RunQuery{SourceID: 1, Filter: f, OrderBy: o, ViewType: v, ExperimentIDs: []string{"0", "1"}, CountTotal: true}
				indexedMetricOrder = false
				want, wantTotal := all(q, 50000)
				indexedMetricOrder = true
				if wantTotal != len(want) {
					t.Fatalf("plain plan: total %d for %d runs", wantTotal, len(want))
				}
				for _, page := range []int{97, 1000} {
					for _, count := range []bool{false, true} {
						q.CountTotal = count
						got, total := all(q, page)
						if !reflect.DeepEqual(got, want) {
							t.Errorf("filter %q order %q view %v page %d: %d runs, want %d; first difference at %d",
								f, o, v, page, len(got), len(want), firstDiff(got, want))
						}
						if count && total != wantTotal {
							t.Errorf("filter %q order %q: total %d, want %d", f, o, total, wantTotal)
						}
						checked++
					}
				}
			}
		}
	}
	indexedMetricOrder = true
	if checked == 0 {
		t.Fatal("nothing checked")
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
