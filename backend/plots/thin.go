package plots

import (
	"math"
	"sort"
)

// Point is one (x, y) sample: x is a step, or milliseconds (time axes).
type Point struct {
	X, Y float64
}

// Thin reduces points to at most about two per pixel column (plus the first
// and last point) by keeping, for each of columns equal-width X buckets,
// the minimum and the maximum in their original order. A single spike
// therefore survives any amount of thinning. Non-finite points are
// dropped and unsorted input is sorted by X (on a copy: the input is never
// modified). With columns < 1, or when there is nothing to gain, the finite
// points are returned as they are.
func Thin(points []Point, columns int) []Point {
	clean := points
	for _, p := range points {
		if !finite(p.X) || !finite(p.Y) {
			clean = make([]Point, 0, len(points))
			for _, q := range points {
				if finite(q.X) && finite(q.Y) {
					clean = append(clean, q)
				}
			}
			break
		}
	}
	clean = sortByX(clean)
	if len(clean) == 0 {
		return clean
	}
	return thinRange(clean, columns, clean[0].X, clean[len(clean)-1].X)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// thinRange buckets X over [x0, x1] so several segments of one series
// share a grid.
func thinRange(points []Point, columns int, x0, x1 float64) []Point {
	if columns < 1 || len(points) <= 2*columns+2 {
		return points
	}
	span := x1 - x0
	if !(span > 0) || math.IsInf(span, 0) {
		span = 1
	}
	out := make([]Point, 0, 2*columns+2)
	out = append(out, points[0])
	last := 0 // index in points of the last point appended
	push := func(i int) {
		if i > last {
			out = append(out, points[i])
			last = i
		}
	}
	bucket := func(x float64) int {
		b := int((x - x0) / span * float64(columns))
		return min(max(b, 0), columns-1)
	}
	start := 0
	for start < len(points) {
		b := bucket(points[start].X)
		lo, hi := start, start
		end := start + 1
		for end < len(points) && bucket(points[end].X) == b {
			if points[end].Y < points[lo].Y {
				lo = end
			}
			if points[end].Y > points[hi].Y {
				hi = end
			}
			end++
		}
		push(min(lo, hi))
		push(max(lo, hi))
		start = end
	}
	if last != len(points)-1 {
		out = append(out, points[len(points)-1])
	}
	return out
}

// sortByX returns points sorted by X, copying only when they are not.
func sortByX(points []Point) []Point {
	if sort.SliceIsSorted(points, func(i, j int) bool { return points[i].X < points[j].X }) {
		return points
	}
	cp := append([]Point(nil), points...)
	sort.SliceStable(cp, func(i, j int) bool { return cp[i].X < cp[j].X })
	return cp
}
