package plots

import (
	"math"
	"strconv"
	"strings"
)

// Sparkline returns a tiny self-contained SVG (w×h px) of one history for
// table cells: a single polyline in currentColor, so CSS decides its
// colour. Non-finite points leave gaps; long histories are thinned to the
// width. An empty or flat history gives an empty or flat line, never an
// error.
func Sparkline(points []Point, w, h int) []byte {
	w, h = min(max(w, 8), 2000), min(max(h, 4), 1000)
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(h) +
		`" viewBox="0 0 ` + strconv.Itoa(w) + " " + strconv.Itoa(h) + `">`)
	segs := segments(sortByX(points), false)
	x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range segs {
		x0, x1 = math.Min(x0, s[0].X), math.Max(x1, s[len(s)-1].X)
		for _, p := range s {
			y0, y1 = math.Min(y0, p.Y), math.Max(y1, p.Y)
		}
	}
	const pad = 1.0
	sx := func(x float64) float64 {
		if x1 == x0 {
			return float64(w) / 2
		}
		return pad + (x-x0)/(x1-x0)*(float64(w)-2*pad)
	}
	sy := func(y float64) float64 {
		if y1 == y0 {
			return float64(h) / 2
		}
		return float64(h) - pad - (y-y0)/(y1-y0)*(float64(h)-2*pad)
	}
	for _, s := range segs {
		s = thinRange(s, w, x0, x1)
		b.WriteString(`<polyline fill="none" stroke="currentColor" stroke-width="1" points="`)
		for i, p := range s {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.FormatFloat(sx(p.X), 'f', 1, 64) + "," + strconv.FormatFloat(sy(p.Y), 'f', 1, 64))
		}
		if len(s) == 1 { // a lone point: draw a dot-length stroke
			b.WriteString(" " + strconv.FormatFloat(sx(s[0].X)+0.5, 'f', 1, 64) + "," + strconv.FormatFloat(sy(s[0].Y), 'f', 1, 64))
		}
		b.WriteString(`"/>`)
	}
	b.WriteString("</svg>")
	return []byte(b.String())
}
