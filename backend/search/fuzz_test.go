package search

import (
	"errors"
	"testing"

	"flowdeck/backend/mlflow"
)

// FuzzParseFilter: no input panics, and every rejection is an
// INVALID_PARAMETER_VALUE *mlflow.Error. Seeded with every filter and
// order_by of search-cases.json.
func FuzzParseFilter(f *testing.F) {
	c := loadCases(f)
	for _, rc := range append(append([]runCase{}, c.RunCases...), c.InvalidRuns...) {
		for _, a := range []storeAnswer{rc.Expected.FileStore, rc.Expected.SQLite, rc.FileStore, rc.SQLite} {
			if a.Filter != "" {
				f.Add(a.Filter)
			}
		}
		for _, o := range rc.OrderBy {
			f.Add(o)
		}
	}
	for _, g := range [][]registryCase{c.Registry.ModelCases, c.Registry.ModelInvalid, c.Registry.VersionCases, c.Registry.VersionInvalid} {
		for _, rc := range g {
			f.Add(rc.Filter)
			f.Add(rc.FilterTemplate)
		}
	}
	f.Add("min(metrics.`a b`) DESC")
	f.Add("run_id IN ('\\x41', '\\u00e9')")
	f.Fuzz(func(t *testing.T, s string) {
		check := func(what string, err error) {
			if err == nil {
				return
			}
			var me *mlflow.Error
			if !errors.As(err, &me) || me.Code != "INVALID_PARAMETER_VALUE" || !errors.Is(err, mlflow.ErrInvalidArgument) {
				t.Fatalf("%s(%q): %v is not INVALID_PARAMETER_VALUE", what, s, err)
			}
		}
		cl, err := ParseFilter(s)
		check("ParseFilter", err)
		for _, c := range cl {
			var b sqlBuf
			runCond(&b, 1, c) // must not panic either
		}
		_, err = ParseOrderBy([]string{s})
		check("ParseOrderBy", err)
		_, err = parseRegistryFilter(s, modelSpec)
		check("registered models filter", err)
		_, err = parseRegistryFilter(s, versionSpec)
		check("model versions filter", err)
		_, err = parseRegistryOrder([]string{s}, versionSpec)
		check("model versions order", err)
		_, err = decodeToken(s)
		check("page token", err)
		likeToGlob(s, true)
	})
}
