package mlflow_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"flowdeck/backend/mlflow"
)

// TestSearchRunsResponseStreamsLikeEncoder: the run-by-run writer gives the
// very bytes json.Encoder gives, whatever the page holds.
func TestSearchRunsResponseStreamsLikeEncoder(t *testing.T) {
	run := func(i int) mlflow.Run {
		r := mlflow.Run{Info: mlflow.RunInfo{RunID: strings.Repeat("a", i%3+1), RunName: "<b>&\u2028\"x\"", Status: "FINISHED", StartTime: int64(i)}}
		r.Data.Params = []mlflow.Param{{Key: "p", Value: strings.Repeat("v", i%50*100)}}
		r.Data.Metrics = []mlflow.Metric{{Key: "m", Value: mlflow.Float(math.NaN())}, {Key: "i", Value: mlflow.Float(math.Inf(-1)), Step: int64(i)}}
		return r.AsSearchResponse()
	}
	pages := []mlflow.SearchRunsResponse{
		{},
		{NextPageToken: "tok"},
		{Runs: []mlflow.Run{run(1)}},
		{Runs: []mlflow.Run{run(1), run(2)}, NextPageToken: "eyJvZmZzZXQiOiAyfQ=="},
	}
	var many []mlflow.Run
	for i := 0; i < 300; i++ { // more than one flush of the buffer
		many = append(many, run(i))
	}
	pages = append(pages, mlflow.SearchRunsResponse{Runs: many, NextPageToken: "<&>"})
	for i, p := range pages {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(p); err != nil {
			t.Fatal(err)
		}
		if err := p.WriteCompactJSON(&got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("page %d: %d bytes, json.Encoder %d", i, got.Len(), want.Len())
		}
		// From runs encoded one by one, as the cache stores them.
		var each [][]byte
		for _, r := range p.Runs {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(&r); err != nil {
				t.Fatal(err)
			}
			each = append(each, bytes.TrimSuffix(b.Bytes(), []byte{'\n'}))
		}
		var raw bytes.Buffer
		if err := mlflow.WriteSearchRunsPage(&raw, each, p.NextPageToken); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(raw.Bytes(), want.Bytes()) {
			t.Errorf("page %d from encoded runs: %q, json.Encoder %q", i, clip(raw.String()), clip(want.String()))
		}
	}
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
