package cache

import (
	"math"
	"reflect"
	"testing"

	"flowdeck/backend/mlflow"
)

func sameMetrics(t *testing.T, got, want []mlflow.Metric) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("len %d, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		gv, wv := float64(g.Value), float64(w.Value)
		if math.Float64bits(gv) != math.Float64bits(wv) && !(math.IsNaN(gv) && math.IsNaN(wv)) {
			t.Fatalf("point %d value %v, want %v", i, gv, wv)
		}
		g.Value, w.Value = 0, 0
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("point %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestHistoryRoundTrip(t *testing.T) {
	cases := map[string][]mlflow.Metric{
		"empty": {},
		"steps": {
			{Key: "loss", Value: 0.5, Timestamp: 1700000000000, Step: 0},
			{Key: "loss", Value: 0.25, Timestamp: 1700000000100, Step: 1},
			{Key: "loss", Value: mlflow.Float(math.NaN()), Timestamp: 1700000000050, Step: 1},
			{Key: "loss", Value: mlflow.Float(math.Inf(1)), Timestamp: 1, Step: -1},
			{Key: "loss", Value: mlflow.Float(math.Inf(-1)), Timestamp: 0, Step: 1_000_000_000_000},
			{Key: "loss", Value: -0.0, Timestamp: math.MaxInt64, Step: math.MinInt64},
			{Key: "loss", Value: 1e-308, Timestamp: math.MinInt64, Step: math.MaxInt64},
		},
		"extras": {
			{Key: "acc", Value: 1, Timestamp: 5, Step: 0, DatasetName: "train", DatasetDigest: "abc"},
			{Key: "acc", Value: 2, Timestamp: 6, Step: 1, ModelID: "m-1"},
			{Key: "acc", Value: 3, Timestamp: 7, Step: 2},
			{Key: "acc", Value: 4, Timestamp: 8, Step: 3, DatasetName: "ünï", DatasetDigest: "abc", ModelID: "m-1"},
		},
	}
	for name, h := range cases {
		t.Run(name, func(t *testing.T) {
			b := EncodeHistory(h)
			got, err := DecodeHistory(h0key(h), b)
			if err != nil {
				t.Fatal(err)
			}
			sameMetrics(t, got, h)
		})
	}
}

func h0key(h []mlflow.Metric) string {
	if len(h) == 0 {
		return ""
	}
	return h[0].Key
}

func TestHistoryCompact(t *testing.T) {
	h := make([]mlflow.Metric, 100)
	for i := range h {
		h[i] = mlflow.Metric{Key: "k", Value: mlflow.Float(float64(i) / 3), Timestamp: 1700000000000 + int64(i)*37, Step: int64(i)}
	}
	b := EncodeHistory(h)
	if len(b) > 100*11+4 {
		t.Errorf("100 points take %d bytes, want ≤ %d", len(b), 100*11+4)
	}
}

func TestDecodeHistoryCorrupt(t *testing.T) {
	good := EncodeHistory([]mlflow.Metric{{Value: 1, Step: 1, Timestamp: 2}, {Value: 2, Step: 2, Timestamp: 3, ModelID: "m"}})
	for i := 0; i < len(good); i++ {
		if _, err := DecodeHistory("k", good[:i]); err == nil {
			t.Errorf("truncated to %d bytes: no error", i)
		}
	}
	if _, err := DecodeHistory("k", append(append([]byte{}, good...), 0)); err == nil {
		t.Error("trailing byte: no error")
	}
	if _, err := DecodeHistory("k", []byte{9, 0, 0}); err == nil {
		t.Error("unknown version: no error")
	}
}

func FuzzHistory(f *testing.F) {
	f.Add([]byte{1, 0, 0})
	f.Add(EncodeHistory([]mlflow.Metric{{Value: 1, Step: 3, Timestamp: 9, DatasetName: "d"}}))
	f.Add(EncodeHistory([]mlflow.Metric{{Value: 1}, {Value: 2, Step: -4, Timestamp: -1}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := DecodeHistory("k", b)
		if err != nil {
			return
		}
		// Whatever decodes must re-encode to something that decodes the same.
		h2, err := DecodeHistory("k", EncodeHistory(h))
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		sameMetrics(t, h2, h)
	})
}

func TestSummarize(t *testing.T) {
	nan := mlflow.Float(math.NaN())
	s := summarize([]mlflow.Metric{
		{Value: 3, Step: 0, Timestamp: 10},
		{Value: nan, Step: 2, Timestamp: 5},
		{Value: -1, Step: 2, Timestamp: 5},
		{Value: 7, Step: 1, Timestamp: 99},
	})
	if !math.IsNaN(float64(s.latest.Value)) || s.latest.Step != 2 {
		t.Errorf("latest = %+v, want the NaN at step 2 (NaN sorts above numbers)", s.latest)
	}
	if *s.min != -1 || *s.max != 7 || s.count != 4 {
		t.Errorf("min %v max %v count %d", *s.min, *s.max, s.count)
	}
	s = summarize([]mlflow.Metric{{Value: nan}})
	if s.min != nil || s.max != nil || s.count != 1 {
		t.Errorf("all-NaN: min %v max %v", s.min, s.max)
	}
}
