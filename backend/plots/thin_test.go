package plots

import (
	"math"
	"strings"
	"testing"
)

func TestThinKeepsSpike(t *testing.T) {
	const n = 1_000_000
	pts := make([]Point, n)
	for i := range pts {
		pts[i] = Point{X: float64(i), Y: math.Sin(float64(i) / 1000)}
	}
	pts[777_777].Y = 50  // one spike up
	pts[123_457].Y = -50 // and one down
	out := Thin(pts, 800)
	if len(out) > 2*800+2 {
		t.Fatalf("thinned to %d points, want ≤ %d", len(out), 2*800+2)
	}
	up, down := false, false
	for i, p := range out {
		up = up || (p.X == 777_777 && p.Y == 50)
		down = down || (p.X == 123_457 && p.Y == -50)
		if i > 0 && out[i-1].X >= p.X {
			t.Fatalf("order lost at %d: %v then %v", i, out[i-1], p)
		}
	}
	if !up || !down {
		t.Fatalf("spike lost: up=%v down=%v", up, down)
	}
	if out[0] != pts[0] || out[len(out)-1] != pts[n-1] {
		t.Fatal("first or last point lost")
	}
	if pts[777_777].Y != 50 {
		t.Fatal("input modified")
	}
}

func TestThinSmallAndDirtyInput(t *testing.T) {
	if got := Thin(nil, 10); len(got) != 0 {
		t.Fatalf("nil: %v", got)
	}
	small := []Point{{2, 1}, {1, 2}, {3, math.NaN()}, {4, 4}}
	got := Thin(small, 100)
	want := []Point{{1, 2}, {2, 1}, {4, 4}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	if small[0].X != 2 {
		t.Fatal("input reordered")
	}
	// Identical X for every point must not divide by zero.
	same := make([]Point, 1000)
	for i := range same {
		same[i] = Point{X: 5, Y: float64(i % 7)}
	}
	if got := Thin(same, 10); len(got) > 22 || len(got) < 2 {
		t.Fatalf("same-X input thinned to %d points", len(got))
	}
}

func TestSmoothEMA(t *testing.T) {
	in := []Point{{0, 1}, {1, math.NaN()}, {2, 3}, {3, 3}}
	out := smoothEMA(in, 0.5)
	if out[0].Y != 1 || !math.IsNaN(out[1].Y) {
		t.Fatalf("got %v", out)
	}
	// debiased: (0.5*0.5*1 + 0.5*3) / (1-0.25) = 1.75/0.75
	if math.Abs(out[2].Y-1.75/0.75) > 1e-12 || out[3].Y <= out[2].Y || out[3].Y >= 3 {
		t.Fatalf("got %v", out)
	}
	if in[2].Y != 3 {
		t.Fatal("input modified")
	}
}

func TestFormatDuration(t *testing.T) {
	for ms, want := range map[float64]string{
		0: "0", 500: "500ms", 45_000: "45s", 90_000: "1m30s", 7_200_000: "2h",
		(26*3600 + 60) * 1000: "1d2h", -30_000: "-30s", 3_600_000 + 5_000: "1h",
	} {
		if got := formatDuration(ms); got != want {
			t.Errorf("%v: %q, want %q", ms, got, want)
		}
	}
}

func TestSparkline(t *testing.T) {
	pts := make([]Point, 10_000)
	for i := range pts {
		pts[i] = Point{X: float64(i), Y: float64(i % 100)}
	}
	pts[5000].Y = math.NaN()
	svg := string(Sparkline(pts, 120, 24))
	if !strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="24"`) || !strings.HasSuffix(svg, "</svg>") {
		t.Fatalf("bad svg: %.120s", svg)
	}
	if n := strings.Count(svg, "<polyline"); n != 2 {
		t.Fatalf("%d polylines, want 2 (NaN gap)", n)
	}
	if len(svg) > 20_000 {
		t.Fatalf("sparkline of 10k points is %d bytes: not thinned", len(svg))
	}
	for _, in := range [][]Point{nil, {{1, 1}}, {{0, 2}, {1, 2}}, {{0, math.Inf(1)}}} {
		s := string(Sparkline(in, 0, 0))
		if !strings.HasSuffix(s, "</svg>") || strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
			t.Fatalf("input %v gave %s", in, s)
		}
	}
}
