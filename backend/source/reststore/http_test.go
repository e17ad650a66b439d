package reststore

import (
	"encoding/pem"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
	"flowdeck/backend/source/restreplay"
)

// authServer records the Authorization header of the probe.
func authServer(t *testing.T, got *[]string) *httptest.Server {
	return mux(t, map[string]http.HandlerFunc{
		"POST /api/2.0/mlflow/experiments/search": func(w http.ResponseWriter, r *http.Request) {
			*got = append(*got, r.Header.Get("Authorization")+"|"+r.Header.Get("User-Agent"))
			serveRec(2)(w, r)
		},
	})
}

func TestAuthHeaders(t *testing.T) {
	cases := []struct {
		name string
		url  func(string) string
		o    source.Options
		want string
	}{
		{"basic wins over token", nil, source.Options{Username: "ann", Password: "s3cret", Token: "tok"}, "Basic YW5uOnMzY3JldA=="},
		{"token as bearer", nil, source.Options{Token: "tok"}, "Bearer tok"},
		{"user without password uses token", nil, source.Options{Username: "ann", Token: "tok"}, "Bearer tok"},
		{"credentials in URL", func(u string) string { return strings.Replace(u, "http://", "http://ann:s3cret@", 1) }, source.Options{}, "Basic YW5uOnMzY3JldA=="},
		{"nothing", nil, source.Options{}, ""},
	}
	for _, c := range cases {
		var got []string
		srv := authServer(t, &got)
		u := srv.URL
		if c.url != nil {
			u = c.url(u)
		}
		st := openT(t, u, c.o)
		if len(got) != 1 || !strings.HasPrefix(got[0], c.want+"|flowdeck/") {
			t.Errorf("%s: sent %q", c.name, got)
		}
		if strings.Contains(st.Info().URI, "s3cret") || st.Info().URI != srv.URL {
			t.Errorf("%s: Info.URI %q", c.name, st.Info().URI)
		}
	}
}

func TestUnauthenticatedHTML(t *testing.T) {
	srv := mux(t, map[string]http.HandlerFunc{
		"POST /api/2.0/mlflow/experiments/search": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("WWW-Authenticate", `Basic realm="mlflow"`)
			w.WriteHeader(401)
			w.Write([]byte("<html><title>Unauthorized</title>You are not authenticated.</html>"))
		},
	})
	_, err := Open(ctx, srv.URL, source.Options{Username: "ann", Password: "s3cret", MaxRetries: 3})
	if !errors.Is(err, mlflow.ErrUnauthenticated) || !strings.Contains(err.Error(), "rejected the credentials") ||
		!strings.Contains(err.Error(), "MLFLOW_TRACKING_TOKEN") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "YW5u") {
		t.Errorf("secret in error: %v", err)
	}
}

func TestForbiddenText(t *testing.T) {
	st, srv := openReplay(t)
	srv.Handle("/api/2.0/mlflow/runs/get", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(403)
		w.Write([]byte("Permission denied"))
	}))
	_, err := st.GetRun(ctx, "abc")
	if !errors.Is(err, mlflow.ErrPermission) || !strings.Contains(err.Error(), "Permission denied") {
		t.Errorf("err = %v", err)
	}
}

func TestRetriesThenSuccess(t *testing.T) {
	for _, status := range []int{503, 429, 502} {
		var calls atomic.Int32
		srv := mux(t, map[string]http.HandlerFunc{
			"GET /api/2.0/mlflow/runs/get": func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) <= 2 {
					if status == 429 {
						w.Header().Set("Retry-After", "5")
					}
					w.WriteHeader(status)
					w.Write([]byte("busy"))
					return
				}
				serveRec(17)(w, r)
			},
		})
		var sl sleeps
		st, err := Open(ctx, srv.URL, fastOpts(), sl.opt())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.GetRun(ctx, "6bfbc67fa311400d8883fefe1a8daeda"); err != nil {
			t.Errorf("%d: %v", status, err)
		}
		want := []time.Duration{2 * time.Second, 4 * time.Second}
		if status == 429 {
			want = []time.Duration{5 * time.Second, 5 * time.Second}
		}
		if calls.Load() != 3 || !slices.Equal(sl.d, want) {
			t.Errorf("%d: %d calls, waits %v, want %v", status, calls.Load(), sl.d, want)
		}
	}
}

func TestRetriesGiveUp(t *testing.T) {
	var calls atomic.Int32
	srv := mux(t, map[string]http.HandlerFunc{
		"GET /api/2.0/mlflow/runs/get": func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(500)
			w.Write([]byte("<title>500 Internal Server Error</title>"))
		},
	})
	_, err := openT(t, srv.URL, fastOpts()).GetRun(ctx, "x")
	if err == nil || !strings.Contains(err.Error(), "500 Internal Server Error") || calls.Load() != 4 {
		t.Errorf("err %v after %d calls (want 1 + 3 retries)", err, calls.Load())
	}
}

func TestNoRetryOnClientErrors(t *testing.T) {
	for _, n := range []int{62, 61, 71} { // 400, 404 JSON, 404 HTML
		var calls atomic.Int32
		srv := mux(t, map[string]http.HandlerFunc{
			"GET /api/2.0/mlflow/runs/get": func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				serveRec(n)(w, r)
			},
		})
		_, err := openT(t, srv.URL, fastOpts()).GetRun(ctx, "x")
		if err == nil || calls.Load() != 1 {
			t.Errorf("rest/%d: %v after %d calls", n, err, calls.Load())
		}
		if n == 62 && !errors.Is(err, mlflow.ErrInvalidArgument) {
			t.Errorf("rest/62: %v", err)
		}
	}
}

func TestTimeout(t *testing.T) {
	srv := mux(t, map[string]http.HandlerFunc{
		"GET /api/2.0/mlflow/runs/get": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
		},
	})
	o := source.Options{Timeout: 100 * time.Millisecond}
	st := openT(t, srv.URL, o)
	_, err := st.GetRun(ctx, "x")
	if !errors.Is(err, mlflow.ErrUnavailable) || !strings.Contains(err.Error(), "no answer within 100ms") {
		t.Errorf("err = %v", err)
	}
}

func TestNotMLflow(t *testing.T) {
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!doctype html><title>Grafana</title>"))
	}))
	defer html.Close()
	notFound := httptest.NewServer(http.NotFoundHandler())
	defer notFound.Close()
	for _, u := range []string{html.URL, notFound.URL} {
		_, err := Open(ctx, u, fastOpts())
		if !errors.Is(err, mlflow.ErrNotMLflow) || !strings.Contains(err.Error(), `"`+u+`" answered but is not an MLflow tracking server`) {
			t.Errorf("%s: %v", u, err)
		}
	}
}

func TestUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u := "http://" + l.Addr().String()
	l.Close()
	var sl sleeps
	_, err = Open(ctx, u, source.Options{MaxRetries: 7, BackoffFactor: 2}, sl.opt())
	if !errors.Is(err, mlflow.ErrUnavailable) || err.Error() != "cannot reach "+u+": connection refused" {
		t.Errorf("err = %v", err)
	}
	if len(sl.d) != openProbeRetries {
		t.Errorf("Open retried %d times, want %d", len(sl.d), openProbeRetries)
	}
}

func TestTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/version" {
			w.Write([]byte("3.5.0"))
			return
		}
		serveRec(2)(w, r)
	}))
	defer srv.Close()
	_, err := Open(ctx, srv.URL, fastOpts())
	if !errors.Is(err, mlflow.ErrUnavailable) || !strings.Contains(err.Error(), "cannot verify its TLS certificate") ||
		!strings.Contains(err.Error(), "MLFLOW_TRACKING_SERVER_CERT_PATH") {
		t.Fatalf("default: %v", err)
	}
	ca := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(ca, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, o := range map[string]source.Options{"CACertPath": {CACertPath: ca}, "InsecureTLS": {InsecureTLS: true}} {
		st, err := Open(ctx, srv.URL, o)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if st.Info().Version != "3.5.0" {
			t.Errorf("%s: version %q", name, st.Info().Version)
		}
	}
	if _, err := Open(ctx, srv.URL, source.Options{CACertPath: filepath.Join(t.TempDir(), "none.pem")}); !errors.Is(err, mlflow.ErrInvalidArgument) {
		t.Errorf("missing CA file: %v", err)
	}
}

func TestStaticPrefix(t *testing.T) {
	srv := restreplay.New(t, restreplay.WithPrefix("/mlflow"))
	probeOK(srv)
	st, err := Open(ctx, srv.BaseURL()+"/", fastOpts())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetRun(ctx, "6bfbc67fa311400d8883fefe1a8daeda"); err != nil {
		t.Error(err)
	}
	if st.Info().URI != srv.URL+"/mlflow" || st.Info().Version != "3.5.2.dev0" || len(srv.Unmatched()) != 0 {
		t.Errorf("info %+v, unmatched %+v", st.Info(), srv.Unmatched())
	}
}

func TestBadURL(t *testing.T) {
	for _, u := range []string{"ftp://x", "http://", "://x"} {
		if _, err := Open(ctx, u, fastOpts()); !errors.Is(err, mlflow.ErrInvalidArgument) {
			t.Errorf("%q: %v", u, err)
		}
	}
}
