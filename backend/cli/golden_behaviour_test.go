package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"
)

// What a user sees when the source is wrong: exit code 1 (2 for bad
// usage), nothing on stdout, one sentence on stderr.

func goldenFails(t *testing.T, e *gEnv, wantCode int, mention string, args ...string) string {
	t.Helper()
	code, out, errs := e.run(args...)
	if code != wantCode || out != "" {
		t.Errorf("flowdeck %s: exit %d (want %d), stdout %q", strings.Join(args, " "), code, wantCode, out)
	}
	goldenOneSentence(t, strings.Join(args, " "), errs)
	if !strings.Contains(errs, mention) {
		t.Errorf("flowdeck %s: stderr %q does not mention %q", strings.Join(args, " "), errs, mention)
	}
	return errs
}

func TestGoldenWrongPath(t *testing.T) {
	e := newGEnv(t)
	missing := filepath.Join(t.TempDir(), "no", "mlruns")
	goldenFails(t, e, 1, missing, "experiments", "search", missing)
	goldenFails(t, e, 1, missing, "runs", "search", missing, "--experiment-ids", "1")
	goldenFails(t, e, 1, missing, "artifacts", "list", missing, "0123456789abcdef0123456789abcdef")
	db := filepath.Join(t.TempDir(), "mlflow.db")
	goldenFails(t, e, 1, db, "experiments", "search", "sqlite:///"+db)
	if _, err := os.Stat(db); err == nil {
		t.Errorf("opening a missing sqlite:/// store created %s", db)
	}
}

func TestGoldenNotMLflowFolder(t *testing.T) {
	e := newGEnv(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "holiday.jpg"), []byte("\xff\xd8\xff\xe0 not a store"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"experiments", "search", dir},
		{"runs", "search", dir, "--experiment-ids", "0"},
		{"models", "search", dir},
	} {
		errs := goldenFails(t, e, 1, dir, args...)
		if !strings.Contains(strings.ToLower(errs), "not an mlflow") {
			t.Errorf("%v: stderr %q does not say it is not an MLflow store", args, errs)
		}
	}
	// A file given where a folder is expected points at sqlite:///.
	errs := goldenFails(t, e, 1, "holiday.jpg", "experiments", "search", filepath.Join(dir, "holiday.jpg"))
	if !strings.Contains(errs, "sqlite:///") {
		t.Errorf("stderr %q does not suggest sqlite:///", errs)
	}
}

func TestGoldenUnreachableServer(t *testing.T) {
	t.Setenv("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", "0") // retries stay, waits go
	e := newGEnv(t)
	errs := goldenFails(t, e, 1, "127.0.0.1:1", "experiments", "search", "http://127.0.0.1:1")
	if !strings.Contains(errs, "reach") && !strings.Contains(errs, "refused") {
		t.Errorf("stderr %q does not say the server cannot be reached", errs)
	}
	goldenFails(t, e, 1, "127.0.0.1:1", "runs", "get", "http://127.0.0.1:1", "0123456789abcdef0123456789abcdef")
}

func TestGoldenBadToken(t *testing.T) {
	const token = "s3cr3t-t0ken-Zq"
	t.Setenv("MLFLOW_TRACKING_TOKEN", token)
	t.Setenv("MLFLOW_TRACKING_USERNAME", "")
	t.Setenv("MLFLOW_TRACKING_PASSWORD", "")
	var sawToken atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "Bearer "+token {
			sawToken.Store(true)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte("<!DOCTYPE html>\n<html><head><title>401 Unauthorized</title></head>\n<body><h1>Unauthorized</h1>\n<p>Bad token.</p></body></html>\n"))
	}))
	defer srv.Close()
	e := newGEnv(t)
	for _, args := range [][]string{
		{"experiments", "search", srv.URL},
		{"artifacts", "list", srv.URL, "0123456789abcdef0123456789abcdef"},
	} {
		errs := goldenFails(t, e, 1, "401", args...)
		if strings.Contains(errs, token) || strings.Contains(errs, "<html") || strings.Contains(errs, "<!DOCTYPE") {
			t.Errorf("%v: stderr leaks the token or the HTML page: %q", args, errs)
		}
		if !strings.Contains(errs, "MLFLOW_TRACKING_TOKEN") {
			t.Errorf("%v: stderr %q does not say how to pass credentials", args, errs)
		}
	}
	if !sawToken.Load() {
		t.Error("the CLI never sent MLFLOW_TRACKING_TOKEN as a bearer token")
	}
}

func TestGoldenRunsSearchTable(t *testing.T) {
	src, e := goldenSQLite(t), newGEnv(t)
	args := []string{"runs", "search", src, "--experiment-ids", "1", "--order-by", "attributes.run_name ASC"}
	runs := goldenList(e.json(args...), "runs")
	code, out, errs := e.run(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != len(runs)+1 || len(runs) != 11 { // rest/10: 11 active runs in experiment 1
		t.Fatalf("%d lines for %d runs:\n%s", len(lines), len(runs), out)
	}
	header := lines[0]
	cols := []string{"RUN ID", "NAME", "STATUS", "START", "DURATION", "USER"}
	at := map[string]int{}
	for _, c := range cols {
		i := strings.Index(header, c)
		if i < 0 {
			t.Fatalf("header lacks %s: %q", c, header)
		}
		at[c] = utf8.RuneCountInString(header[:i])
	}
	for i, r := range runs {
		info := goldenObj(r, "info")
		row := []rune(lines[i+1])
		for c, want := range map[string]string{"RUN ID": info["run_id"].(string), "NAME": info["run_name"].(string),
			"STATUS": info["status"].(string), "USER": info["user_id"].(string)} {
			if at[c]+utf8.RuneCountInString(want) > len(row) || string(row[at[c]:at[c]+utf8.RuneCountInString(want)]) != want {
				t.Errorf("row %d: %s column (at %d) is not %q:\n%s\n%s", i+1, c, at[c], want, header, lines[i+1])
			}
		}
	}
	if !strings.Contains(errs, "11 of 11 matching runs") {
		t.Errorf("stderr summary: %q", errs)
	}
}
