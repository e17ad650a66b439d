package mlflow_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"flowdeck/backend/mlflow"
)

// TestWriteSearchRunsPageLikeEncoder: a page written from runs encoded one
// by one is byte for byte what json.Encoder writes for the whole response,
// whatever the page holds.
func TestWriteSearchRunsPageLikeEncoder(t *testing.T) {
	run := func(i int) mlflow.Run {
		r := mlflow.Run{Info: mlflow.RunInfo{RunID: strings.Repeat("a", i%3+1), RunName: "<b>&\u2028\"x\"", Status: "FINISHED", StartTime: int64(i)}}
		r.Data.Params = []mlflow.Param{{Key: "p", Value: strings.Repeat("v", i%50*100)}}
		r.Data.Metrics = []mlflow.Metric{{Key: "m", Value: mlflow.Float(math.NaN())}, {Key: "i", Value: mlflow.Float(math.Inf(-1)), Step: int64(i)}}
		return r.AsSearchResponse()
	}
	var many []mlflow.Run
	for i := 0; i < 300; i++ {
		many = append(many, run(i))
	}
	pages := []mlflow.SearchRunsResponse{
		{},
		{NextPageToken: "tok"},
		{Runs: []mlflow.Run{run(1)}},
		{Runs: []mlflow.Run{run(1), run(2)}, NextPageToken: "eyJvZmZzZXQiOiAyfQ=="},
		{Runs: many, NextPageToken: "<&>"},
	}
	for i, p := range pages {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(p); err != nil {
			t.Fatal(err)
		}
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
		var got bytes.Buffer
		if err := mlflow.WriteSearchRunsPage(&got, each, p.NextPageToken); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("page %d: %q, json.Encoder %q", i, clip(got.String()), clip(want.String()))
		}
	}
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
