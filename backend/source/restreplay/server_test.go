package restreplay

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestLoadAll(t *testing.T) {
	recs, err := Load(DefaultDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 72 || recs[0].Num != 1 || recs[71].Num != 72 {
		t.Fatalf("loaded %d recordings (first %d)", len(recs), recs[0].Num)
	}
	for _, r := range recs {
		// Error bodies and non-JSON responses were written compactly by the
		// server; their recorded length must match what we serve.
		cl, ok := r.Headers["content-length"]
		pretty := r.Status == 200 && strings.HasPrefix(r.ContentType, "application/json")
		if ok && !pretty {
			if n, _ := strconv.Atoi(cl); n != len(r.Response) {
				t.Errorf("%s: serve %d bytes, recorded content-length %s", r.File, len(r.Response), cl)
			}
		}
	}
}

func TestBinaryAndTextExact(t *testing.T) {
	s := New(t)
	for _, n := range []int{34, 35, 37} {
		rec := s.Recording(n)
		var f struct {
			SHA string `json:"response_sha256"`
		}
		b, _ := readFileJSON(DefaultDir(), rec.File)
		json.Unmarshal(b, &f)
		sum := sha256.Sum256(rec.Response)
		if hex.EncodeToString(sum[:]) != f.SHA {
			t.Errorf("%s: sha256 mismatch", rec.File)
		}
	}
	got := get(t, s.URL+"/get-artifact?path=eval%2Fsummary.json&run_uuid=6bfbc67fa311400d8883fefe1a8daeda", 200)
	if got != `{"accuracy": 0.9333333333333333, "C": 1.0}` {
		t.Errorf("get-artifact body %q", got)
	}
}

func TestMatchAndUnmatched(t *testing.T) {
	s := New(t)
	body := get(t, s.URL+"/api/2.0/mlflow/runs/get?run_id=6bfbc67fa311400d8883fefe1a8daeda", 200)
	var resp struct {
		Run struct {
			Info struct {
				RunName string `json:"run_name"`
			} `json:"info"`
		} `json:"run"`
	}
	if err := json.Unmarshal([]byte(body), &resp); err != nil || resp.Run.Info.RunName != "logreg-C1.0" {
		t.Fatalf("runs/get: %v %q", err, body)
	}
	// Query order does not matter; values do.
	get(t, s.URL+"/api/2.0/mlflow/metrics/get-history?max_results=25000&metric_key=val_accuracy&run_id=6bfbc67fa311400d8883fefe1a8daeda", 200)
	get(t, s.URL+"/api/2.0/mlflow/metrics/get-history?max_results=100&metric_key=val_accuracy&run_id=6bfbc67fa311400d8883fefe1a8daeda", 404)
	if got := s.Served(); !slices.Equal(got, []int{17, 23}) {
		t.Errorf("served %v", got)
	}
	un := s.Unmatched()
	if len(un) != 1 || !strings.Contains(un[0].RawQuery, "max_results=100") {
		t.Errorf("unmatched %+v", un)
	}
}

func TestPostBodyAndContentType(t *testing.T) {
	s := New(t)
	post := func(ct, body string) (int, string) {
		resp, err := http.Post(s.URL+"/api/2.0/mlflow/logged-models/search", ct, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if st, _ := post("application/json", `{"max_results":2,"experiment_ids":["1"]}`); st != 200 {
		t.Errorf("matching body: %d", st)
	}
	if st, _ := post("application/json", `{"max_results":3,"experiment_ids":["1"]}`); st != 404 {
		t.Errorf("other body: %d", st)
	}
	if st, b := post("text/plain", `{"max_results":2,"experiment_ids":["1"]}`); st != 400 || !strings.Contains(b, "Content-Type header is missing") {
		t.Errorf("no JSON content type: %d %s", st, b)
	}
}

func TestAsOfAndHandlers(t *testing.T) {
	url := "/api/2.0/mlflow/registered-models/get?name=house-price-regressor"
	latest := New(t)
	if b := get(t, latest.URL+url, 200); !strings.Contains(b, "updated via REST") {
		t.Errorf("default should serve call 60: %s", b)
	}
	early := New(t, AsOf(53))
	if b := get(t, early.URL+url, 200); strings.Contains(b, "updated via REST") || early.Served()[0] != 53 {
		t.Errorf("AsOf(53) served %v", early.Served())
	}
	latest.Handle("GET /version", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "3.5.2.dev0")
	}))
	if b := get(t, latest.URL+"/version", 200); b != "3.5.2.dev0" {
		t.Errorf("handler: %q", b)
	}
}

func TestPrefix(t *testing.T) {
	s := New(t, WithPrefix("/mlflow/"))
	get(t, s.BaseURL()+"/api/2.0/mlflow/experiments/get?experiment_id=1", 200)
	get(t, s.URL+"/api/2.0/mlflow/experiments/get?experiment_id=1", 404)
	if len(s.Unmatched()) != 1 {
		t.Errorf("unmatched %v", s.Unmatched())
	}
}

func TestPythonJSON(t *testing.T) {
	got, err := PythonJSON([]byte(`{"b":[1.0,"é\n",true,null],"a":{}}`))
	if err != nil || string(got) != `{"b": [1.0, "\u00e9\n", true, null], "a": {}}` {
		t.Errorf("got %s, %v", got, err)
	}
	if _, err := PythonJSON([]byte(`{"a":1} x`)); err == nil {
		t.Error("trailing data accepted")
	}
}

func get(t *testing.T, u string, want int) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("GET %s: %d, want %d: %s", u, resp.StatusCode, want, b)
	}
	return string(b)
}
