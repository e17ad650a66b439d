package search

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
	"flowdeck/backend/source/filestore"
	"flowdeck/backend/source/sqlstore"
	"flowdeck/backend/testfix"
)

// Source ids of the two fixture stores in the golden cache.
const (
	srcFile   int64 = 1
	srcSQLite int64 = 2
)

type fixtureDB struct {
	db   *sqlx.DB
	keys map[int64]map[string]string // source → run id → logical key
}

var (
	fixtureOnce sync.Once
	fixture     *fixtureDB
	fixtureErr  string
)

// goldenDB loads both fixture stores into one cache database, once.
func goldenDB(t *testing.T) *fixtureDB {
	t.Helper()
	fixtureOnce.Do(func() {
		ft := &onceT{T: t}
		db := openTestDB(&keepDir{ft})
		fs, err := filestore.Open(testfix.Path("mlflow-3.5/mlruns"), source.Options{})
		if err != nil {
			fixtureErr = err.Error()
			return
		}
		defer fs.Close()
		sq, err := sqlstore.Open(testfix.Path("mlflow-3.5/mlflow.db"), source.Options{})
		if err != nil {
			fixtureErr = err.Error()
			return
		}
		defer sq.Close()
		loadStore(ft, db, srcFile, fs)
		loadStore(ft, db, srcSQLite, sq)
		fixture = &fixtureDB{db: db, keys: map[int64]map[string]string{
			srcFile:   manifestKeys(ft, "mlflow-3.5/manifest-filestore.json"),
			srcSQLite: manifestKeys(ft, "mlflow-3.5/manifest-sqlite.json"),
		}}
	})
	if fixture == nil {
		t.Fatalf("load fixture: %s", fixtureErr)
	}
	return fixture
}

// onceT and keepDir let the shared fixture outlive the first test: its
// temp dir and cleanup must not be tied to that test.
type onceT struct{ *testing.T }

type keepDir struct{ *onceT }

func (k *keepDir) TempDir() string {
	d, err := os.MkdirTemp("", "search-golden-")
	if err != nil {
		k.Fatal(err)
	}
	fixtureDirs = append(fixtureDirs, d)
	return d
}

var fixtureDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture != nil {
		fixture.db.Close()
	}
	for _, d := range fixtureDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

func (k *keepDir) Cleanup(func()) {}

func manifestKeys(t testing.TB, rel string) map[string]string {
	b, err := os.ReadFile(testfix.Path(rel))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Runs map[string]string `json:"runs"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, id := range m.Runs {
		out[id] = k
	}
	return out
}

// choice records, for each case where MLflow's two stores disagree because
// of a backend behaviour, the answer Flowdeck gives on both fixtures.
var choice = map[string]string{
	"P06": "sqlite",    // LIKE is a real LIKE: '.' is literal, not a regex dot
	"A10": "sqlite",    // same
	"T04": "sqlite",    // '%' crosses newlines, as in SQL
	"A26": "sqlite",    // '(' is a literal character, not a regex error
	"A27": "sqlite",    // '+' is literal; the FileStore's regex matched everything
	"A24": "sqlite",    // a fractional bound compares numerically (FileStore: ValueError)
	"A06": "filestore", // ILIKE folds Unicode case, as Python does
	// M10, M11: not a choice — each cache holds its store's value. The
	// SQLite store itself holds DBL_MAX for +inf, the FileStore holds inf,
	// and the cache compares exactly what it holds (inf is inf).
	// T11, V10 (fixture content) and O23 (run ids) differ by data.
}

func (f *fixtureDB) runKeys(src int64, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		k, ok := f.keys[src][id]
		if !ok {
			k = "?" + id
		}
		out[i] = k
	}
	return out
}

func TestGoldenRunSearches(t *testing.T) {
	f := goldenDB(t)
	cases := loadCases(t).RunCases
	pass := map[string]int{}
	for _, c := range cases {
		for _, st := range []struct {
			name string
			src  int64
			ans  storeAnswer
		}{{"filestore", srcFile, c.Expected.FileStore}, {"sqlite", srcSQLite, c.Expected.SQLite}} {
			t.Run(c.ID+"/"+st.name, func(t *testing.T) {
				want := st.ans
				if ch, ok := choice[c.ID]; ok {
					if ch == "sqlite" {
						want.RunKeys, want.HasNext = c.Expected.SQLite.RunKeys, c.Expected.SQLite.HasNext
					} else {
						want.RunKeys, want.HasNext = c.Expected.FileStore.RunKeys, c.Expected.FileStore.HasNext
					}
				} else if want.Error != nil {
					t.Fatalf("unexpected MLflow error without a recorded choice: %s", want.Error.Message)
				}
				page, err := Runs(context.Background(), f.db, RunQuery{
					SourceID: st.src, ExperimentIDs: st.ans.ExperimentIDs, Filter: st.ans.Filter,
					OrderBy: c.OrderBy, MaxResults: c.MaxResults, ViewType: mlflow.ViewType(c.ViewType),
				})
				if err != nil {
					t.Fatalf("%s: filter %q order_by %q: %v", c.Description, st.ans.Filter, c.OrderBy, err)
				}
				got := f.runKeys(st.src, page.RunIDs)
				if len(want.RunKeys) == 0 && len(got) == 0 {
					got = want.RunKeys
				}
				if !reflect.DeepEqual(got, want.RunKeys) {
					t.Fatalf("%s\nfilter %q order_by %q\n got %q\nwant %q", c.Description, st.ans.Filter, c.OrderBy, got, want.RunKeys)
				}
				if (page.NextPageToken != "") != want.HasNext {
					t.Errorf("next page token %q, MLflow has_next=%v", page.NextPageToken, want.HasNext)
				}
				pass[st.name]++
			})
		}
	}
	t.Logf("run search cases passing: filestore %d/%d, sqlite %d/%d", pass["filestore"], len(cases), pass["sqlite"], len(cases))
}

// TestInvalidFilterDisagreements covers the requests MLflow's stores
// treat differently; each decision is stated inline.
func TestInvalidFilterDisagreements(t *testing.T) {
	f := goldenDB(t)
	byID := map[string]runCase{}
	for _, c := range loadCases(t).InvalidRuns {
		byID[c.ID] = c
	}
	run := func(c runCase, src int64, ans storeAnswer) (RunPage, error) {
		return Runs(context.Background(), f.db, RunQuery{SourceID: src, ExperimentIDs: ans.ExperimentIDs,
			Filter: ans.Filter, OrderBy: c.OrderBy, MaxResults: c.MaxResults, ViewType: mlflow.ViewType(c.ViewType)})
	}
	// E13: a trailing AND is accepted by both stores; so do we.
	c := byID["E13"]
	for src, ans := range map[int64]storeAnswer{srcFile: c.FileStore, srcSQLite: c.SQLite} {
		page, err := run(c, src, ans)
		if err != nil {
			t.Fatalf("E13: %v", err)
		}
		if got := f.runKeys(src, page.RunIDs); !reflect.DeepEqual(got, ans.RunKeys) {
			t.Errorf("E13 source %d: got %q want %q", src, got, ans.RunKeys)
		}
	}
	// E18 (duplicate order_by field), E20/E21 (bad param comparator even
	// when no run reaches it): rejected as SQLite rejects them, with its
	// message; our code is INVALID_PARAMETER_VALUE (SQLite's E18 says
	// INTERNAL_ERROR only because MLflow forgot a code there).
	for _, id := range []string{"E18", "E20", "E21"} {
		c := byID[id]
		_, err := run(c, srcSQLite, c.SQLite)
		if err == nil {
			t.Fatalf("%s accepted", id)
		}
		me := asMLflow(t, err)
		if me.Code != "INVALID_PARAMETER_VALUE" || me.Message != c.SQLite.Error.Normalized {
			t.Errorf("%s: %s %q, want %q", id, me.Code, me.Message, c.SQLite.Error.Normalized)
		}
	}
	// E24: a list compared with != is rejected (the FileStore returned every
	// run, SQLite failed in its driver); the message names the comparator.
	c = byID["E24"]
	_, err := run(c, srcFile, c.FileStore)
	if err == nil {
		t.Fatal("E24 accepted")
	}
	if me := asMLflow(t, err); !strings.Contains(me.Message, "'!='") || !strings.Contains(me.Message, "run_id") {
		t.Errorf("E24 message %q", me.Message)
	}
}
