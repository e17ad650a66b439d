package reststore

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
	"flowdeck/backend/source/restreplay"
)

var recs = restreplay.ByNumber()

// floatEq treats NaN as equal to NaN.
var floatEq = cmp.Comparer(func(a, b mlflow.Float) bool {
	return a == b || (math.IsNaN(float64(a)) && math.IsNaN(float64(b)))
})

// recorded decodes recording n's JSON response into v.
func recorded(t testing.TB, n int, v any) {
	t.Helper()
	if err := json.Unmarshal(recs[n].ResponseJSON, v); err != nil {
		t.Fatalf("recording %d: %v", n, err)
	}
}

// serveRec answers with recording n's response.
func serveRec(n int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", recs[n].ContentType)
		w.WriteHeader(recs[n].Status)
		w.Write(recs[n].Response)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// fastOpts retries without waiting.
func fastOpts() source.Options {
	return source.Options{Timeout: 5 * time.Second, MaxRetries: 3, BackoffFactor: 2}
}

// sleeps records the waits between retries instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) opt() Option {
	return WithSleep(func(ctx context.Context, d time.Duration) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.d = append(s.d, d)
		return ctx.Err()
	})
}

// probeOK makes a replay server pass Open's probe: /version and the
// one-item experiments/search (answered with rest/02, all experiments).
func probeOK(s *restreplay.Server) {
	s.Handle("GET /version", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("3.5.2.dev0"))
	}))
	s.Handle("POST /api/2.0/mlflow/experiments/search", serveRec(2))
}

func openReplay(t *testing.T, opts ...restreplay.Option) (*Store, *restreplay.Server) {
	t.Helper()
	srv := restreplay.New(t, opts...)
	probeOK(srv)
	var sl sleeps
	st, err := Open(context.Background(), srv.BaseURL(), fastOpts(), sl.opt())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st, srv
}

// mux is a hand-built server for paging and error behaviour.
func mux(t *testing.T, routes map[string]http.HandlerFunc) *httptest.Server {
	t.Helper()
	m := http.NewServeMux()
	if _, ok := routes["POST /api/2.0/mlflow/experiments/search"]; !ok {
		m.HandleFunc("POST /api/2.0/mlflow/experiments/search", serveRec(2))
	}
	for p, h := range routes {
		m.HandleFunc(p, h)
	}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return srv
}

func openT(t *testing.T, url string, o source.Options, more ...Option) *Store {
	t.Helper()
	var sl sleeps
	st, err := Open(context.Background(), url, o, append([]Option{sl.opt()}, more...)...)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
