package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"flowdeck/backend/source/restreplay"
	"flowdeck/backend/testfix"
)

// gEnv runs the command line in-process with a private cache and config.
type gEnv struct {
	t             *testing.T
	cache, config string
}

func newGEnv(t *testing.T) *gEnv {
	dir := t.TempDir()
	return &gEnv{t: t, cache: filepath.Join(dir, "cache.db"), config: filepath.Join(dir, "sources.json")}
}

// run returns the exit code, stdout and stderr of `flowdeck args…`.
func (e *gEnv) run(args ...string) (int, string, string) {
	e.t.Helper()
	var out, errb bytes.Buffer
	code := Main(append(args, "--cache", e.cache, "--config", e.config), Deps{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

// json runs a --json command that must succeed and decodes its output.
func (e *gEnv) json(args ...string) map[string]any {
	e.t.Helper()
	code, out, errs := e.run(append(args, "--json")...)
	if code != 0 {
		e.t.Fatalf("flowdeck %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		e.t.Fatalf("flowdeck %s: output is not JSON: %v\n%s", strings.Join(args, " "), err, out)
	}
	return v
}

// goldenSQLite copies mlflow.db with its artifacts folder beside it (the
// server's --default-artifact-root and --artifacts-destination) into a temp
// dir and returns the sqlite:/// URI of the copy.
func goldenSQLite(t *testing.T) string {
	dir := t.TempDir()
	for _, rel := range []string{"mlflow.db", "artifacts"} {
		if err := testfix.CopyTree(testfix.Path("mlflow-3.5/"+rel), filepath.Join(dir, rel)); err != nil {
			t.Fatal(err)
		}
	}
	return "sqlite:///" + filepath.Join(dir, "mlflow.db")
}

var goldenRecs = restreplay.ByNumber()

// goldenResp is recording n's JSON response.
func goldenResp(t *testing.T, n int) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(goldenRecs[n].ResponseJSON, &v); err != nil {
		t.Fatalf("rest/%02d: %v", n, err)
	}
	return v
}

// goldenBody is recording n's request body.
func goldenBody(t *testing.T, n int) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(goldenRecs[n].Body, &v); err != nil {
		t.Fatalf("rest/%02d body: %v", n, err)
	}
	return v
}

// goldenCanon orders what MLflow leaves unordered the same way on both
// sides: lists of {key, …} (tags, params, latest metrics) by key, stably,
// so a metric history keeps its order; aliases by name.
func goldenCanon(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = goldenCanon(e)
		}
	case []any:
		for i, e := range x {
			x[i] = goldenCanon(e)
		}
		sort.SliceStable(x, func(i, j int) bool { return goldenSortKey(x[i]) < goldenSortKey(x[j]) })
	}
	return v
}

func goldenSortKey(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		for _, k := range []string{"key", "alias"} {
			if s, ok := x[k].(string); ok {
				return s
			}
		}
	}
	return ""
}

// goldenDiff compares two JSON values after goldenCanon.
func goldenDiff(want, got any) string { return cmp.Diff(goldenCanon(want), goldenCanon(got)) }

// goldenList returns the list under key of a JSON object.
func goldenList(v map[string]any, key string) []any {
	l, _ := v[key].([]any)
	return l
}

func goldenObj(v any, path ...string) map[string]any {
	m, _ := v.(map[string]any)
	for _, p := range path {
		m, _ = m[p].(map[string]any)
	}
	return m
}

// goldenDropTag removes tag key from a {tags: […]} object; it must hold
// value there. Returns whether it was found.
func goldenDropTag(t *testing.T, obj map[string]any, key, value string) {
	t.Helper()
	tags := goldenList(obj, "tags")
	var keep []any
	found := false
	for _, tg := range tags {
		m := tg.(map[string]any)
		if m["key"] == key {
			found = m["value"] == value
			continue
		}
		keep = append(keep, tg)
	}
	if !found {
		t.Errorf("tag %s=%q missing in %v", key, value, tags)
	}
	obj["tags"] = keep
}

// goldenCopy deep-copies a decoded JSON value.
func goldenCopy(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return out
}
