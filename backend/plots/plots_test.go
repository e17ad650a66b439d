package plots

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gonum.org/v1/plot/cmpimg"
)

// regen is cmpimg's -regen flag: go test ./backend/plots -regen rewrites
// testdata/*_golden.png.
var regen = cmpimg.GenerateTestData

// loss is a deterministic training-loss-like curve.
func loss(n int, seed uint64, scale float64) []Point {
	r := rand.New(rand.NewPCG(seed, 7))
	out := make([]Point, n)
	for i := range out {
		t := float64(i)
		out[i] = Point{X: t, Y: scale * (0.2 + math.Exp(-t/float64(n)*5) + 0.03*r.NormFloat64())}
	}
	return out
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+"_golden.png")
	if *regen {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -regen to create it)", err)
	}
	ok, err := cmpimg.EqualApprox("png", got, want, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		_ = os.WriteFile(filepath.Join("testdata", name+"_failed.png"), got, 0o644)
		t.Fatalf("%s differs from its golden image (wrote %s_failed.png)", name, name)
	}
}

func TestGoldenImages(t *testing.T) {
	gaps := loss(200, 5, 1)
	gaps[50].Y = math.NaN()
	for i := 120; i < 130; i++ {
		gaps[i].Y = math.Inf(1)
	}
	gaps[160].Y = math.Inf(-1)
	big := make([]Point, 100_000)
	r := rand.New(rand.NewPCG(3, 3))
	for i := range big {
		big[i] = Point{X: float64(i), Y: math.Sin(float64(i)/8000) + 0.1*r.NormFloat64()}
	}
	big[61_234].Y = 4 // one spike that thinning must keep
	cases := []struct {
		name   string
		series []Series
		o      Options
	}{
		{"single", []Series{{"train_loss", loss(100, 1, 1)}}, Options{Title: "train_loss", YLabel: "loss"}},
		{"multi", []Series{
			{"run-a train_loss", loss(100, 1, 1)}, {"run-b train_loss", loss(100, 2, 1.3)},
			{"run-c train_loss", loss(100, 3, 0.8)},
		}, Options{Title: "Compare runs", YLabel: "loss"}},
		{"logy", []Series{{"lr", expDecay()}, {"with zeros", withZeros()}}, Options{LogY: true, YLabel: "learning rate"}},
		{"smooth", []Series{{"raw", loss(300, 4, 1)}, {"smoothed", smoothEMA(loss(300, 4, 1), 0.9)}}, Options{Smooth: 0.6, Title: "EMA 0.6"}},
		{"gaps", []Series{{"with NaN/Inf", gaps}}, Options{Title: "gaps"}},
		{"thinned", []Series{{"100k points", big}}, Options{Title: "100,000 points"}},
		{"dark_time", []Series{{"a", timed(loss(120, 6, 1))}, {"b", timed(loss(120, 7, 1.2))}}, Options{Dark: true, XAxis: "time", Title: "wall clock"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.o.Format = "png"
			got, err := MetricHistory(c.series, c.o)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.name, got)
		})
	}
}

func expDecay() []Point {
	out := make([]Point, 100)
	for i := range out {
		out[i] = Point{X: float64(i), Y: 0.1 * math.Pow(0.93, float64(i))}
	}
	return out
}

func withZeros() []Point {
	out := expDecay()
	for i := range out {
		out[i].Y *= 3
		if i%25 == 10 {
			out[i].Y = 0
		}
		if i == 40 {
			out[i].Y = -1
		}
	}
	return out
}

// timed maps steps to wall-clock milliseconds, one step per 30 s.
func timed(pts []Point) []Point {
	out := append([]Point(nil), pts...)
	for i := range out {
		out[i].X = 1735732800000 + out[i].X*30_000 // 2025-01-01 12:00 UTC
	}
	return out
}

func TestSVGEscapesLabels(t *testing.T) {
	hostile := "<script>alert(1)</script>"
	got, err := MetricHistory([]Series{
		{hostile, loss(50, 1, 1)}, {"<img src=x onerror=alert(1)>", loss(50, 2, 1)},
	}, Options{Title: hostile, XLabel: hostile, YLabel: "a&b"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	if strings.Contains(s, "<img") || strings.Contains(s, "<script") {
		t.Fatal("SVG contains an unescaped element from a label")
	}
	if !strings.Contains(s, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(s, "a&amp;b") {
		t.Fatal("escaped label text missing from SVG")
	}
	for _, ext := range []string{"href=", "url(http", "@import", "<image"} {
		if strings.Contains(s, ext) {
			t.Errorf("SVG is not self-contained: contains %q", ext)
		}
	}
}

func TestMetricHistoryBadInput(t *testing.T) {
	weird := []Series{
		{"empty", nil},
		{"all nan", []Point{{0, math.NaN()}, {1, math.Inf(1)}}},
		{"nan x", []Point{{math.NaN(), 1}, {math.Inf(-1), 2}}},
		{"one point", []Point{{3, 3}}},
		{"unsorted", []Point{{5, 1}, {1, 2}, {3, 0.5}}},
	}
	for _, format := range []string{"svg", "png", "pdf"} {
		for _, logY := range []bool{false, true} {
			for _, ax := range []string{"step", "time", "relative"} {
				out, err := MetricHistory(weird, Options{Format: format, LogY: logY, XAxis: ax, Smooth: 0.5})
				if err != nil || len(out) == 0 {
					t.Fatalf("%s logY=%v %s: %v", format, logY, ax, err)
				}
			}
		}
		if _, err := MetricHistory(nil, Options{Format: format}); err != nil {
			t.Fatalf("no series: %v", err)
		}
	}
	for _, o := range []Options{{Format: "gif"}, {Width: -5}, {Height: 100000}, {XAxis: "epoch"}} {
		if _, err := MetricHistory(weird, o); err == nil {
			t.Errorf("options %+v accepted", o)
		}
	}
	png, err := MetricHistory(weird[:1], Options{Format: "png", Width: 300, Height: 200})
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("png: %v", err)
	}
}

func BenchmarkMetricHistorySVG(b *testing.B) {
	series := make([]Series, 10)
	for i := range series {
		series[i] = Series{Label: "run", Points: loss(10_000, uint64(i), 1+float64(i)/10)}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := MetricHistory(series, Options{Format: "svg", Width: 800, Height: 400})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(out)))
	}
}

// A metric logged twice at the same step (MLflow 3's duplicated step-0
// point) makes a line of no length; it must still show, as markers.
func TestPointsAtOneXAreVisible(t *testing.T) {
	arcs := func(pts []Point) int {
		b, err := MetricHistory([]Series{{Label: "final_accuracy", Points: pts}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return len(regexp.MustCompile(`[0-9]A[0-9]`).FindAll(b, -1)) // SVG arcs: circle markers
	}
	if n := arcs([]Point{{X: 0, Y: 0.93}, {X: 0, Y: 0.93}}); n == 0 {
		t.Errorf("two points at x=0 drew no marker")
	}
	if n := arcs([]Point{{X: 0, Y: 0.93}, {X: 1, Y: 0.95}}); n != 0 {
		t.Errorf("a real line drew %d markers", n)
	}
}
