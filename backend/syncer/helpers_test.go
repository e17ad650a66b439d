package syncer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"flowdeck/backend/cache"
	"flowdeck/backend/cache/cachetest"
	"flowdeck/backend/source"
	"flowdeck/backend/source/filestore"
	"flowdeck/backend/syncer"
)

var ctx = context.Background()

func openFile(t testing.TB, dir string) source.Store {
	t.Helper()
	st, err := filestore.Open(dir, source.Options{})
	if err != nil {
		t.Fatalf("open filestore %s: %v", dir, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func mustSync(t testing.TB, c *cache.Cache, st source.Store, opts syncer.Options) syncer.Result {
	t.Helper()
	res, err := syncer.Sync(ctx, c, st, opts)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return res
}

// dumpTables are compared whole between two caches.
var dumpTables = []string{"experiments", "experiment_tags", "runs", "params", "tags", "metrics", "metric_history",
	"run_metric_pack", "logged_models", "registered_models", "registered_model_tags", "registered_model_aliases",
	"model_versions", "model_version_tags"}

// dump renders every cached row of a source (source_id left out), sorted,
// one line per row, floats exact.
func dump(t testing.TB, c *cache.Cache, src int64) string {
	t.Helper()
	var b strings.Builder
	for _, table := range dumpTables {
		rows, err := c.DB().Query(`SELECT * FROM `+table+` WHERE source_id = ?`, src)
		if err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var parts []string
			for i, v := range vals {
				if cols[i] == "source_id" {
					continue
				}
				switch x := v.(type) {
				case []byte:
					parts = append(parts, fmt.Sprintf("%s=%x", cols[i], x))
				default:
					parts = append(parts, fmt.Sprintf("%s=%v", cols[i], x))
				}
			}
			lines = append(lines, table+": "+strings.Join(parts, " "))
		}
		rows.Close()
		sort.Strings(lines)
		for _, l := range lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// freshDump syncs st into a brand-new cache and dumps it.
func freshDump(t testing.TB, st source.Store) string {
	t.Helper()
	c := cachetest.New(t)
	res := mustSync(t, c, st, syncer.Options{})
	return dump(t, c, res.SourceID)
}

// diffLines names the first lines that differ between two dumps.
func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	in := func(xs []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range xs {
			m[x] = true
		}
		return m
	}
	am, bm := in(al), in(bl)
	var out []string
	for _, l := range al {
		if !bm[l] && len(out) < 6 {
			out = append(out, "- "+clip(l))
		}
	}
	for _, l := range bl {
		if !am[l] && len(out) < 12 {
			out = append(out, "+ "+clip(l))
		}
	}
	return strings.Join(out, "\n")
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func writeFile(t testing.TB, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replaceFile rewrites a file via temp + rename, as careful writers do.
func replaceFile(t testing.TB, path string, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(edit(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func appendFile(t testing.TB, path, data string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(data); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
