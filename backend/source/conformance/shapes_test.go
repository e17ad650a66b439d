package conformance

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"flowdeck/backend/source/restreplay"
)

// serveShapes answers the REST store's own page sizes with the recording of
// the same request that came back in one page (see the package doc). Any
// other shape is answered 404 and collected as a stray.
func serveShapes(t testing.TB, srv *restreplay.Server, s *strays) {
	exps, models, versions := recording(t, 2), recording(t, 41), recording(t, 45)
	// /version is optional for the store and was not recorded.
	srv.Handle("GET /version", http.NotFoundHandler())
	srv.Handle("POST /api/2.0/mlflow/experiments/search", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var body map[string]any
		_ = json.Unmarshal(b, &body)
		if body["view_type"] == "ALL" && only(body, "view_type", "max_results") {
			writeRec(w, exps) // rest/02: view_type ALL, one page
			return
		}
		stray(w, s, r, string(b))
	}))
	srv.Handle("GET /api/2.0/mlflow/registered-models/search", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if onlyQuery(r, "max_results") {
			writeRec(w, models) // rest/41: no filter, one page
			return
		}
		stray(w, s, r, "")
	}))
	srv.Handle("GET /api/2.0/mlflow/model-versions/search", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("filter") == "name='churn-classifier'" && onlyQuery(r, "max_results", "filter") {
			writeRec(w, versions) // rest/45: the same filter, one page
			return
		}
		stray(w, s, r, "")
	}))
}

func only(body map[string]any, keys ...string) bool {
	allowed := map[string]bool{}
	for _, k := range keys {
		allowed[k] = true
	}
	for k := range body {
		if !allowed[k] {
			return false
		}
	}
	return true
}

func onlyQuery(r *http.Request, keys ...string) bool {
	m := map[string]any{}
	for k := range r.URL.Query() {
		m[k] = true
	}
	return only(m, keys...)
}

func stray(w http.ResponseWriter, s *strays, r *http.Request, body string) {
	s.add(r.Method + " " + r.URL.RequestURI() + " " + body)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	w.Write([]byte(`{"error_code": "ENDPOINT_NOT_FOUND", "message": "conformance: no recording of this shape"}`))
}
