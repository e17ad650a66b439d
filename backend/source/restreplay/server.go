package restreplay

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// Request is a request the server received.
type Request struct {
	Method   string
	Path     string // without the static prefix
	RawQuery string
	Body     []byte
	Header   http.Header
}

// Server replays recordings over HTTP.
type Server struct {
	*httptest.Server
	recs   []*Recording
	prefix string

	mu        sync.Mutex
	handlers  map[string]http.Handler // "METHOD /path" or "/path"
	served    []int
	received  []Request
	unmatched []Request
}

// Option configures a Server.
type Option func(*Server)

// AsOf serves the state as of call n: recordings numbered above n are
// ignored, and among identical requests the latest one up to n answers.
func AsOf(n int) Option {
	return func(s *Server) {
		var keep []*Recording
		for _, r := range s.recs {
			if r.Num <= n {
				keep = append(keep, r)
			}
		}
		s.recs = keep
	}
}

// WithPrefix serves every route under a static prefix such as "/mlflow",
// as `mlflow server --static-prefix` does; requests without it go unmatched.
func WithPrefix(p string) Option {
	return func(s *Server) { s.prefix = "/" + strings.Trim(p, "/") }
}

// WithRecordings replaces the default MLflow 3.5 recordings.
func WithRecordings(recs []*Recording) Option { return func(s *Server) { s.recs = recs } }

// New starts a replay server of the default recordings, closed when the
// test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	recs, err := Load(DefaultDir())
	if err != nil {
		t.Fatalf("restreplay: %v", err)
	}
	s := &Server{recs: recs, handlers: map[string]http.Handler{}}
	for _, o := range opts {
		o(s)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// BaseURL is the URL a client should use (server URL plus prefix).
func (s *Server) BaseURL() string { return s.URL + s.prefix }

// Recordings returns the loaded recordings.
func (s *Server) Recordings() []*Recording { return s.recs }

// Recording returns the recording numbered n, or nil.
func (s *Server) Recording(n int) *Recording {
	for _, r := range s.recs {
		if r.Num == n {
			return r
		}
	}
	return nil
}

// Handle registers an extra handler for a path (below the prefix), tried
// before the recordings. pattern is "/path" or "METHOD /path".
func (s *Server) Handle(pattern string, h http.Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[pattern] = h
}

// Served lists the numbers of the recordings served, in order.
func (s *Server) Served() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.served...)
}

// Received lists every request received, in order.
func (s *Server) Received() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.received...)
}

// Unmatched lists the requests no recording or handler answered.
func (s *Server) Unmatched() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.unmatched...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	req := Request{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Body: body, Header: r.Header.Clone()}
	path, ok := strings.CutPrefix(r.URL.Path, s.prefix)
	if !ok || (path != "" && path[0] != '/') {
		s.notFound(w, req)
		return
	}
	req.Path = path
	s.mu.Lock()
	s.received = append(s.received, req)
	h := s.handlers[r.Method+" "+path]
	if h == nil {
		h = s.handlers[path]
	}
	s.mu.Unlock()
	if h != nil {
		h.ServeHTTP(w, r)
		return
	}
	if rec := s.match(req, r.Header.Get("Content-Type")); rec != nil {
		s.mu.Lock()
		s.served = append(s.served, rec.Num)
		s.mu.Unlock()
		write(w, rec)
		return
	}
	s.notFound(w, req)
}

func (s *Server) match(req Request, contentType string) *Recording {
	q, err := url.ParseQuery(req.RawQuery)
	if err != nil {
		return nil
	}
	api := strings.HasPrefix(req.Path, "/api/") || strings.HasPrefix(req.Path, "/ajax-api/")
	if api && (req.Method == http.MethodPost || req.Method == http.MethodPut) &&
		!strings.HasPrefix(contentType, "application/json") {
		return s.Recording(72) // MLflow's "Content-Type header is missing" 400
	}
	var best *Recording
	for _, rec := range s.recs {
		if rec.Method != req.Method || rec.Path != req.Path || !sameQuery(rec.Query, q) || !sameBody(rec.Body, req.Body) {
			continue
		}
		if best == nil || rec.Num > best.Num {
			best = rec
		}
	}
	return best
}

func sameQuery(a, b url.Values) bool {
	if len(a) != len(b) {
		return false
	}
	for k, av := range a {
		if !reflect.DeepEqual(av, b[k]) {
			return false
		}
	}
	return true
}

func sameBody(rec json.RawMessage, got []byte) bool {
	if len(bytes.TrimSpace(got)) == 0 {
		return rec == nil
	}
	if rec == nil {
		return false
	}
	var a, b any
	if json.Unmarshal(rec, &a) != nil || json.Unmarshal(got, &b) != nil {
		return false
	}
	return reflect.DeepEqual(a, b)
}

func write(w http.ResponseWriter, rec *Recording) {
	for _, h := range []string{"content-type", "content-disposition", "x-content-type-options"} {
		if v := rec.Headers[h]; v != "" {
			w.Header().Set(h, v)
		}
	}
	w.WriteHeader(rec.Status)
	w.Write(rec.Response)
}

func (s *Server) notFound(w http.ResponseWriter, req Request) {
	s.mu.Lock()
	s.unmatched = append(s.unmatched, req)
	s.mu.Unlock()
	msg, _ := json.Marshal(map[string]string{
		"error_code": "ENDPOINT_NOT_FOUND",
		"message":    "restreplay: no recording matches " + req.Method + " " + req.Path + "?" + req.RawQuery,
	})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	w.Write(msg)
}
