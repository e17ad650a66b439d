package reststore

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"flowdeck/backend/source"
)

// bodyTransport answers every request with one body, without a network.
type bodyTransport struct{ body []byte }

func (b bodyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	body := b.body
	if strings.HasSuffix(r.URL.Path, "/experiments/search") {
		body = []byte(`{"experiments":[{"experiment_id":"1","name":"x"}]}`)
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
}

// FuzzDecode feeds arbitrary bodies to the run, search and history
// decoders: no panic, and whatever decodes re-encodes. Run it with
// -fuzzminimizetime=2s: minimizing the 37 KB rest/10 seed is slow.
func FuzzDecode(f *testing.F) {
	for _, n := range []int{10, 11, 17, 19, 20, 23, 24, 25, 27, 28, 41, 45} {
		f.Add(recs[n].Response)
	}
	f.Add([]byte(`{"run":{"data":{"metrics":[{"value":"-Infinity"}]}}}`))
	f.Add([]byte(`{"metrics":[{"value":NaN}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		defer func() {
			if ctx.Err() != nil {
				t.Fatalf("decoding took too long: %v", ctx.Err())
			}
		}()
		o := source.Options{HTTPClient: &http.Client{Transport: bodyTransport{body}}}
		st, err := Open(ctx, "http://fuzz.invalid", o)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		if r, err := st.GetRun(ctx, "r"); err == nil {
			if r == nil {
				t.Fatal("nil run without error")
			}
			Fingerprint(r)
			if _, err := json.Marshal(r); err != nil {
				t.Fatalf("decoded run does not re-encode: %v", err)
			}
		}
		if ms, err := st.MetricHistory(ctx, "r", "k"); err == nil {
			if ms == nil {
				t.Fatal("nil history without error")
			}
			if _, err := json.Marshal(ms); err != nil {
				t.Fatalf("decoded history does not re-encode: %v", err)
			}
		}
		st.RunRefs(ctx, []string{"1"})
		st.ModelVersions(ctx, "m")
	})
}
