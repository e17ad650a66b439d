package httpapi

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"flowdeck/backend/events"
	"flowdeck/backend/mlflow"
)

type fakeService struct{ calls []string }

type pair struct {
	A string `json:"a"`
	B int    `json:"b"`
}

func (f *fakeService) Echo(p pair, n int) (pair, error) {
	f.calls = append(f.calls, "Echo")
	return pair{A: p.A + "!", B: p.B + n}, nil
}
func (f *fakeService) Missing(id string) (string, error) {
	return "", mlflow.NotFoundf("Run with id=%s not found", id)
}
func (f *fakeService) Boom() error     { return errors.New("kaput") }
func (f *fakeService) Nothing()        {}
func (f *fakeService) Version() string { return "1.2.3" }

func newServer(t *testing.T, token string) (*httptest.Server, *events.Hub) {
	t.Helper()
	hub := events.NewHub()
	h, err := New(Options{ServiceName: "Service", Service: &fakeService{}, Hub: hub, Token: token,
		Assets: fstest.MapFS{"index.html": {Data: []byte("<html>app</html>")}, "assets/x.js": {Data: []byte("js")}}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, hub
}

func post(t *testing.T, url, body string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestDispatch(t *testing.T) {
	srv, _ := newServer(t, "")
	cases := []struct {
		method, body string
		status       int
		want         string
	}{
		{"Echo", `[{"a":"x","b":1},2]`, 200, `{"a":"x!","b":3}`},
		{"Version", `[]`, 200, `"1.2.3"`},
		{"Nothing", ``, 200, `null`},
		{"Missing", `["abc"]`, 404, `"code":"RESOURCE_DOES_NOT_EXIST","message":"Run with id=abc not found"`},
		{"Boom", `[]`, 500, `"code":"INTERNAL_ERROR","message":"kaput"`},
		{"Echo", `[1]`, 400, `takes 2 argument(s), got 1`},
		{"Echo", `[{"a":1},2]`, 400, `argument 1 of Service.Echo`},
		{"Nope", `[]`, 404, `ENDPOINT_NOT_FOUND`},
		{"Echo", `not json`, 400, `JSON array`},
	}
	for _, c := range cases {
		resp, body := post(t, srv.URL+"/api/Service."+c.method, c.body, nil)
		if resp.StatusCode != c.status || !strings.Contains(body, c.want) {
			t.Errorf("%s %s: %d %s, want %d containing %s", c.method, c.body, resp.StatusCode, body, c.status, c.want)
		}
	}
}

func TestRejectsNonJSONAndGet(t *testing.T) {
	srv, _ := newServer(t, "")
	resp, _ := post(t, srv.URL+"/api/Service.Version", `[]`, map[string]string{"Content-Type": "text/plain"})
	if resp.StatusCode != 400 {
		t.Fatalf("text/plain call: %d", resp.StatusCode)
	}
	r, err := http.Get(srv.URL + "/api/Service.Version")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 400 {
		t.Fatalf("GET call: %d", r.StatusCode)
	}
}

func TestTokenRequired(t *testing.T) {
	srv, _ := newServer(t, "s3cret")
	if resp, _ := post(t, srv.URL+"/api/Service.Version", `[]`, nil); resp.StatusCode != 401 {
		t.Fatalf("no token: %d", resp.StatusCode)
	}
	if resp, _ := post(t, srv.URL+"/api/Service.Version", `[]`, map[string]string{"Authorization": "Bearer wrong"}); resp.StatusCode != 401 {
		t.Fatalf("wrong token: %d", resp.StatusCode)
	}
	if resp, body := post(t, srv.URL+"/api/Service.Version", `[]`, map[string]string{"Authorization": "Bearer s3cret"}); resp.StatusCode != 200 || body != "\"1.2.3\"\n" {
		t.Fatalf("good token: %d %q", resp.StatusCode, body)
	}
	r, _ := http.Get(srv.URL + "/?token=s3cret")
	r.Body.Close()
	if r.StatusCode != 200 || len(r.Cookies()) == 0 {
		t.Fatalf("page with token: %d cookies %v", r.StatusCode, r.Cookies())
	}
}

func TestForeignHostRejectedWithoutToken(t *testing.T) {
	srv, _ := newServer(t, "")
	req, _ := http.NewRequest("POST", srv.URL+"/api/Service.Version", strings.NewReader("[]"))
	req.Header.Set("Content-Type", "application/json")
	req.Host = "evil.example:80"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("foreign Host: %d", resp.StatusCode)
	}
}

func TestSPAFallbackAndHeaders(t *testing.T) {
	srv, _ := newServer(t, "")
	for _, p := range []string{"/", "/runs/abc?tab=metrics", "/assets/x.js"} {
		r, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != 200 || len(b) == 0 {
			t.Fatalf("%s: %d", p, r.StatusCode)
		}
		if r.Header.Get("Content-Security-Policy") == "" || r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("%s: missing security headers", p)
		}
	}
}

func TestEventsStream(t *testing.T) {
	srv, hub := newServer(t, "")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	rd := bufio.NewReader(resp.Body)
	if line, _ := rd.ReadString('\n'); !strings.HasPrefix(line, ": connected") {
		t.Fatalf("first line %q", line)
	}
	hub.Emit(events.SyncProgress, map[string]int{"done": 3})
	var got []string
	for len(got) < 2 {
		line, err := rd.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if line = strings.TrimSpace(line); line != "" {
			got = append(got, line)
		}
	}
	if got[0] != "event: sync:progress" || got[1] != `data: {"done":3}` {
		t.Fatalf("got %q", got)
	}
}
