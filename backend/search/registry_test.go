package search

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// regChoice: where MLflow's stores accept different registered-model
// order_by keys, we accept the union and give the accepting store's answer.
var regChoice = map[string]string{
	"R09": "filestore", // creation_timestamp (SQLite rejects it)
	"R14": "sqlite",    // timestamp = last update (the FileStore rejects it)
	// R06, V01, V13, V17 differ by registry content: each store its own.
}

func TestGoldenRegistrySearches(t *testing.T) {
	f := goldenDB(t)
	reg := loadCases(t).Registry
	pass := map[string]int{}
	total := 0
	for _, group := range []struct {
		versions bool
		cases    []registryCase
	}{{false, reg.ModelCases}, {true, reg.VersionCases}} {
		for _, c := range group.cases {
			total++
			for _, st := range []struct {
				name string
				src  int64
				ans  storeAnswer
			}{{"filestore", srcFile, c.Expected.FileStore}, {"sqlite", srcSQLite, c.Expected.SQLite}} {
				t.Run(c.ID+"/"+st.name, func(t *testing.T) {
					want := st.ans
					switch regChoice[c.ID] {
					case "filestore":
						want = c.Expected.FileStore
					case "sqlite":
						want = c.Expected.SQLite
					}
					if want.Error != nil {
						t.Fatalf("unexpected MLflow error without a choice: %s", want.Error.Message)
					}
					q := RegistryQuery{SourceID: st.src, Filter: st.ans.Filter, OrderBy: c.OrderBy, MaxResults: c.MaxResults}
					var got, exp []string
					var next string
					if group.versions {
						page, err := ModelVersions(context.Background(), f.db, q)
						if err != nil {
							t.Fatal(err)
						}
						for _, v := range page.Versions {
							got = append(got, fmt.Sprintf("%s/%d", v.Name, v.Version))
						}
						exp, next = want.Versions, page.NextPageToken
					} else {
						page, err := RegisteredModels(context.Background(), f.db, q)
						if err != nil {
							t.Fatal(err)
						}
						got, exp, next = page.Names, want.Names, page.NextPageToken
					}
					if len(got) == 0 && len(exp) == 0 {
						got = exp
					}
					if !reflect.DeepEqual(got, exp) {
						t.Fatalf("filter %q order_by %q\n got %q\nwant %q", q.Filter, q.OrderBy, got, exp)
					}
					if (next != "") != want.HasNext {
						t.Errorf("next token %q, MLflow has_next=%v", next, want.HasNext)
					}
					pass[st.name]++
				})
			}
		}
	}
	t.Logf("registry cases passing: filestore %d/%d, sqlite %d/%d", pass["filestore"], total, pass["sqlite"], total)
}

// TestInvalidRegistrySearches: same code and message as MLflow; where the
// stores' messages differ (RE1, VE5) we use the FileStore's.
func TestInvalidRegistrySearches(t *testing.T) {
	reg := loadCases(t).Registry
	for _, group := range []struct {
		spec  regSpec
		cases []registryCase
	}{{modelSpec, reg.ModelInvalid}, {versionSpec, reg.VersionInvalid}} {
		for _, c := range group.cases {
			t.Run(c.ID, func(t *testing.T) {
				want := c.FileStore.Error
				_, err := parseRegistryFilter(c.Filter, group.spec)
				if err == nil {
					_, err = parseRegistryOrder(c.OrderBy, group.spec)
				}
				if err == nil {
					t.Fatalf("filter %q order_by %q accepted; MLflow: %s", c.Filter, c.OrderBy, want.Message)
				}
				me := asMLflow(t, err)
				if me.Code != want.Code || me.Message != want.Normalized {
					t.Errorf("got %s %q\nwant %s %q", me.Code, me.Message, want.Code, want.Normalized)
				}
			})
		}
	}
}
