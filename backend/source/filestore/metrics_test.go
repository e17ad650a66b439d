package filestore

import (
	"math"
	"strings"
	"testing"

	"flowdeck/backend/mlflow"
)

func TestParseMetricLine(t *testing.T) {
	cases := []struct {
		line    string
		ok      bool
		ts      int64
		v       float64
		step    int64
		dataset string
	}{
		// Lines copied from the fixtures' metric files.
		{"1795636767526 1.0048841000153177 0", true, 1795636767526, 1.0048841000153177, 0, ""},
		{"1795636775629 1.0 -1", true, 1795636775629, 1, -1, ""},
		{"1795636775629 2.0 1000000000000", true, 1795636775629, 2, 1000000000000, ""},
		{"1795636775589 nan 1", true, 1795636775589, math.NaN(), 1, ""},
		{"1795636775590 inf 2", true, 1795636775590, math.Inf(1), 2, ""},
		{"1795636775590 -inf 2", true, 1795636775590, math.Inf(-1), 2, ""},
		{"1500000001000 0.9", true, 1500000001000, 0.9, 0, ""},
		{"1714000000000 0.5 3 eval-set 7938535e", true, 1714000000000, 0.5, 3, "eval-set"},
		{"1714000000000 1e-05 3\r", true, 1714000000000, 1e-05, 3, ""},
		{"1714000000000 Infinity 3", true, 1714000000000, math.Inf(1), 3, ""},
		{"1714000000000", false, 0, 0, 0, ""},
		{"1714000000000 0.5 3 only-name", false, 0, 0, 0, ""},
		{"1714000000000  0.5 3", false, 0, 0, 0, ""},
		{"0.5 1714000000000 3", false, 0, 0, 0, ""},
		{"1714000000000 abc 3", false, 0, 0, 0, ""},
		{"1714000000000 0x10 3", false, 0, 0, 0, ""},
		{"1714000000000 0.5 1.5", false, 0, 0, 0, ""},
		{"", false, 0, 0, 0, ""},
	}
	for _, c := range cases {
		m, err := ParseMetricLine(c.line)
		if (err == nil) != c.ok {
			t.Errorf("ParseMetricLine(%q) err = %v, want ok=%v", c.line, err, c.ok)
			continue
		}
		if !c.ok {
			continue
		}
		v := float64(m.Value)
		same := v == c.v || (math.IsNaN(v) && math.IsNaN(c.v))
		if m.Timestamp != c.ts || !same || m.Step != c.step || m.DatasetName != c.dataset {
			t.Errorf("ParseMetricLine(%q) = %+v", c.line, m)
		}
	}
}

func TestParseMetricDataHalfLine(t *testing.T) {
	cases := []struct {
		data string
		n    int
		skip int
	}{
		{"1 1.0 0\n2 2.0 1\n", 2, 0},
		{"1 1.0 0\n2 2.0 1", 1, 0},       // last line still being written
		{"1 1.0 0\n2 2.", 1, 0},          // value cut short: never reported as 2
		{"1 1.0 0\nxx\n2 2.0 1\n", 2, 1}, // garbage in the middle
		{"1 1.0 0\n\n2 2.0 1\n", 2, 0},   // blank lines are no data
		{"", 0, 0},
	}
	for _, c := range cases {
		mf := parseMetricData([]byte(c.data), "k", ParseMetricLine)
		if len(mf.History) != c.n || len(mf.Skipped) != c.skip {
			t.Errorf("%q: %d points, %d skipped; want %d, %d", c.data, len(mf.History), len(mf.Skipped), c.n, c.skip)
		}
		for _, m := range mf.History {
			if m.Key != "k" || m.Value == 2 && m.Step != 1 {
				t.Errorf("%q: bad point %+v", c.data, m)
			}
		}
	}
}

func TestParseModelMetricLine(t *testing.T) {
	m, err := parseModelMetricLine("1795636771597 0.925 0 dbb770cd75bc49ffad290646e479568b")
	if err != nil || m.RunID != "dbb770cd75bc49ffad290646e479568b" || m.Value != 0.925 {
		t.Errorf("4 fields: %+v, %v", m, err)
	}
	m, err = parseModelMetricLine("1 0.5 2 run ds abc123")
	if err != nil || m.DatasetName != "ds" || m.DatasetDigest != "abc123" || m.Step != 2 {
		t.Errorf("6 fields: %+v, %v", m, err)
	}
	if _, err := parseModelMetricLine("1 0.5 2"); err == nil || !strings.Contains(err.Error(), "4 or 6") {
		t.Errorf("3 fields err = %v", err)
	}
}

func TestLatestOrder(t *testing.T) {
	h := []mlflow.Metric{
		{Value: 5, Timestamp: 10, Step: 1},
		{Value: 1, Timestamp: 1, Step: 2}, // higher step wins over later time
		{Value: 0, Timestamp: 0, Step: 0},
	}
	if l, _ := latest(h); l.Step != 2 || l.Value != 1 {
		t.Errorf("latest = %+v", l)
	}
	if _, ok := latest(nil); ok {
		t.Error("latest of empty history")
	}
}
