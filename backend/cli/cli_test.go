package cli

import (
	"bytes"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flowdeck/backend/testfix"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	dir := t.TempDir()
	args = append([]string{"--cache", filepath.Join(dir, "cache.db"), "--config", filepath.Join(dir, "sources.json")}, args...)
	code := Main(args, Deps{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestServeRefusesNonLoopbackWithoutToken(t *testing.T) {
	t.Setenv("FLOWDECK_TOKEN", "")
	code, _, stderr := run(t, "serve", "--addr", "0.0.0.0:5050")
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	for _, want := range []string{"refusing to serve on 0.0.0.0:5050 without an access token", "--token", "FLOWDECK_TOKEN", "127.0.0.1"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q: %s", want, stderr)
		}
	}
	if strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("want one sentence, got:\n%s", stderr)
	}
}

func TestCheckServeAddr(t *testing.T) {
	for _, c := range []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:5050", "", true},
		{"localhost:5050", "", true},
		{"[::1]:5050", "", true},
		{"0.0.0.0:5050", "", false},
		{"192.168.1.4:5050", "", false},
		{":5050", "", false},
		{"0.0.0.0:5050", "secret", true},
		{"nonsense", "", false},
	} {
		if err := checkServeAddr(c.addr, c.token); (err == nil) != c.ok {
			t.Errorf("checkServeAddr(%q, %q) = %v", c.addr, c.token, err)
		}
	}
}

func TestServeAnswersOnLoopback(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var out, errb bytes.Buffer
	dir := t.TempDir()
	done := make(chan int, 1)
	go func() {
		done <- Main([]string{"--cache", filepath.Join(dir, "c.db"), "--config", filepath.Join(dir, "s.json"),
			"serve", "--addr", addr, testfix.Path("mlflow-3.5/mlruns")}, Deps{Stdout: &out, Stderr: &errb})
	}()
	var resp *http.Response
	for i := 0; i < 100; i++ {
		resp, err = http.Post("http://"+addr+"/api/Service.ListSources", "application/json", strings.NewReader("[]"))
		if err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("server never answered: %v (stderr %s)", err, errb.String())
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("ListSources: %d", resp.StatusCode)
	}
	select {
	case code := <-done:
		t.Fatalf("serve exited early with %d: %s", code, errb.String())
	default:
	}
}

func TestVersionAndUsageErrors(t *testing.T) {
	code, out, _ := run(t, "version")
	if code != 0 || !strings.HasPrefix(out, "flowdeck ") {
		t.Fatalf("version: %d %q", code, out)
	}
	code, _, stderr := run(t, "runs", "search", "./x", "--max-results", "abc")
	if code != 2 || !strings.Contains(stderr, "invalid argument") {
		t.Fatalf("bad flag: %d %q", code, stderr)
	}
	code, _, stderr = run(t, "bogus")
	if code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Fatalf("unknown command: %d %q", code, stderr)
	}
	code, _, stderr = run(t, "runs", "search", testfix.Path("mlflow-3.5/mlruns"))
	if code != 2 || !strings.Contains(stderr, "--experiment-ids is required") {
		t.Fatalf("missing experiment ids: %d %q", code, stderr)
	}
}

func TestRunsSearchTable(t *testing.T) {
	code, out, stderr := run(t, "runs", "search", testfix.Path("mlflow-3.5/mlruns"), "--experiment-ids", "933127932157694879",
		"--filter", "params.model_type = 'random_forest'", "--order-by", "metrics.final_accuracy DESC")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "RUN ID") {
		t.Fatalf("table:\n%s", out)
	}
	// final_accuracy DESC, ties broken by newer start: rf-n100 and rf-n50 both
	// reach 1.0 (see the recorded values), rf-n10 0.99.
	if !strings.Contains(lines[3], "rf-n10 ") {
		t.Errorf("last row should be rf-n10:\n%s", out)
	}
	if !strings.Contains(stderr, "3 of 3 matching runs") {
		t.Errorf("summary line: %q", stderr)
	}
}
