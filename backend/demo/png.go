package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

const (
	plotW, plotH = 320, 200
	plotMargin   = 16
)

var plotPalette = color.Palette{
	color.RGBA{255, 255, 255, 255}, // background
	color.RGBA{60, 60, 60, 255},    // axes
	color.RGBA{225, 225, 225, 255}, // grid
	color.RGBA{31, 119, 180, 255},  // series 1
	color.RGBA{255, 127, 14, 255},  // series 2
}

// lossPNG draws the first two metric series (train and validation loss) as
// a small line chart. It is deliberately simple and fast: one per run.
func lossPNG(values [][]float64) ([]byte, error) {
	img := image.NewPaletted(image.Rect(0, 0, plotW, plotH), plotPalette)
	x0, y0, x1, y1 := plotMargin, plotMargin, plotW-plotMargin, plotH-plotMargin
	for i := 1; i < 4; i++ {
		gy := y0 + (y1-y0)*i/4
		for x := x0; x <= x1; x++ {
			img.SetColorIndex(x, gy, 2)
		}
	}
	for x := x0; x <= x1; x++ {
		img.SetColorIndex(x, y1, 1)
	}
	for y := y0; y <= y1; y++ {
		img.SetColorIndex(x0, y, 1)
	}
	series := values
	if len(series) > 2 {
		series = series[:2]
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for _, v := range s {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if hi > lo {
		for si, s := range series {
			px, py, have := 0, 0, false
			for i, v := range s {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					have = false
					continue
				}
				x := x0 + 1 + int(float64(x1-x0-2)*float64(i)/float64(max(1, len(s)-1)))
				y := y1 - 1 - int(float64(y1-y0-2)*(v-lo)/(hi-lo))
				if have {
					drawLine(img, px, py, x, y, uint8(3+si))
				}
				px, py, have = x, y, true
			}
		}
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// drawLine is Bresenham's algorithm, two pixels thick.
func drawLine(img *image.Paletted, x0, y0, x1, y1 int, c uint8) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := 1, 1
	if x0 > x1 {
		sx = -1
	}
	if y0 > y1 {
		sy = -1
	}
	e := dx + dy
	for {
		img.SetColorIndex(x0, y0, c)
		img.SetColorIndex(x0, y0+1, c)
		if x0 == x1 && y0 == y1 {
			return
		}
		e2 := 2 * e
		if e2 >= dy {
			e += dy
			x0 += sx
		}
		if e2 <= dx {
			e += dx
			y0 += sy
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
