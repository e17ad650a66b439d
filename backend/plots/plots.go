package plots

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one line of a chart, e.g. one run's history of one metric.
type Series struct {
	Label  string
	Points []Point
}

// Options control a chart. Zero values take the defaults noted.
type Options struct {
	Format string // "svg" (default), "png" or "pdf"
	Width  int    // pixels, default 800
	Height int    // pixels, default 400
	XLabel string // default from XAxis
	YLabel string
	Title  string
	LogY   bool    // logarithmic y axis; values ≤ 0 are skipped
	Smooth float64 // EMA weight in [0, 1); 0 = raw values
	Dark   bool    // dark theme
	// XAxis says what X holds and only changes labels: "step" (default),
	// "time" (Unix milliseconds, shown as clock times or dates) or
	// "relative" (milliseconds since start, shown as durations).
	XAxis string
	// Location for "time" labels (default UTC).
	Location *time.Location
}

const (
	pxToPt      = 72.0 / 96.0 // gonum's raster canvases draw at 96 DPI
	maxPixels   = 8000
	minPixels   = 32
	defaultW    = 800
	defaultH    = 400
	maxSmoothed = 0.999
)

func (o Options) normalized() (Options, error) {
	o.Format = strings.ToLower(strings.TrimSpace(o.Format))
	switch o.Format {
	case "":
		o.Format = "svg"
	case "svg", "png", "pdf":
	default:
		return o, fmt.Errorf("plots: unsupported format %q (want svg, png or pdf)", o.Format)
	}
	if o.Width == 0 {
		o.Width = defaultW
	}
	if o.Height == 0 {
		o.Height = defaultH
	}
	if o.Width < minPixels || o.Height < minPixels || o.Width > maxPixels || o.Height > maxPixels {
		return o, fmt.Errorf("plots: size %d×%d out of range %d..%d", o.Width, o.Height, minPixels, maxPixels)
	}
	switch o.XAxis {
	case "":
		o.XAxis = "step"
	case "step", "time", "relative":
	default:
		return o, fmt.Errorf("plots: unknown x axis %q (want step, time or relative)", o.XAxis)
	}
	if math.IsNaN(o.Smooth) || o.Smooth < 0 {
		o.Smooth = 0
	}
	o.Smooth = math.Min(o.Smooth, maxSmoothed)
	if o.XLabel == "" {
		o.XLabel = map[string]string{"step": "Step", "time": "Time", "relative": "Relative time"}[o.XAxis]
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	return o, nil
}

// MetricHistory renders series as a line chart and returns the encoded
// file. Points need not be sorted; non-finite values (and values ≤ 0 on a
// log axis) leave gaps; series longer than the plot is wide are thinned
// with Thin.
func MetricHistory(series []Series, o Options) ([]byte, error) {
	o, err := o.normalized()
	if err != nil {
		return nil, err
	}
	th := lightTheme
	if o.Dark {
		th = darkTheme
	}
	p := plot.New()
	styleChart(p, th, o)

	prepared := make([][][]Point, len(series))
	x0, x1 := math.Inf(1), math.Inf(-1)
	y0, y1 := math.Inf(1), math.Inf(-1)
	for i, s := range series {
		pts := sortByX(s.Points)
		if o.Smooth > 0 {
			pts = smoothEMA(pts, o.Smooth)
		}
		prepared[i] = segments(pts, o.LogY)
		for _, seg := range prepared[i] {
			x0, x1 = math.Min(x0, seg[0].X), math.Max(x1, seg[len(seg)-1].X)
			for _, pt := range seg {
				y0, y1 = math.Min(y0, pt.Y), math.Max(y1, pt.Y)
			}
		}
	}
	columns := o.Width
	drawn := 0
	for i, segs := range prepared {
		style := draw.LineStyle{Color: th.series[i%len(th.series)], Width: vg.Points(1.5 * pxToPt * 1.2)}
		var legendLine *plotter.Line
		for _, seg := range segs {
			seg = thinRange(seg, columns, x0, x1)
			// A lone point, or points that all share one x (a value logged
			// twice at step 0), make a line of no length: draw markers.
			if len(seg) == 1 || seg[0].X == seg[len(seg)-1].X {
				sc, err := plotter.NewScatter(xys(seg))
				if err != nil {
					return nil, fmt.Errorf("plots: series %q: %w", series[i].Label, err)
				}
				sc.GlyphStyle = draw.GlyphStyle{Color: style.Color, Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
				p.Add(sc)
				continue
			}
			ln, err := plotter.NewLine(xys(seg))
			if err != nil {
				return nil, fmt.Errorf("plots: series %q: %w", series[i].Label, err)
			}
			ln.LineStyle = style
			p.Add(ln)
			if legendLine == nil {
				legendLine = ln
			}
		}
		if len(segs) > 0 {
			drawn++
		}
		if len(series) > 1 {
			if legendLine == nil {
				legendLine = &plotter.Line{LineStyle: style}
			}
			p.Legend.Add(legendText(series[i].Label, i), legendLine)
		}
	}
	if drawn == 0 {
		p.X.Min, p.X.Max = 0, 1
		p.Y.Min, p.Y.Max = 0, 1
		if o.LogY {
			p.Y.Min, p.Y.Max = 0.1, 1
		}
	} else {
		p.Y.Min, p.Y.Max = y0, y1
		padRange(&p.Y.Min, &p.Y.Max, o.LogY)
		if len(series) > 1 {
			legendHeadroom(&p.Y.Min, &p.Y.Max, o.LogY, len(series), o.Height)
		}
	}
	return encode(p, o)
}

// segments splits points at non-finite values (and at y ≤ 0 for log axes)
// into runs that are drawn as separate lines.
func segments(points []Point, logY bool) [][]Point {
	var out [][]Point
	var cur []Point
	for _, pt := range points {
		if !finite(pt.X) || !finite(pt.Y) || (logY && pt.Y <= 0) {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, pt)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func xys(points []Point) plotter.XYs {
	out := make(plotter.XYs, len(points))
	for i, p := range points {
		out[i] = plotter.XY{X: p.X, Y: p.Y}
	}
	return out
}

func legendText(label string, i int) string {
	if strings.TrimSpace(label) == "" {
		return fmt.Sprintf("series %d", i+1)
	}
	const maxLegend = 60
	if r := []rune(label); len(r) > maxLegend {
		return string(r[:maxLegend-1]) + "…"
	}
	return label
}

// padRange widens a degenerate y range so a flat line sits mid-plot.
func padRange(lo, hi *float64, logY bool) {
	if *lo != *hi {
		return
	}
	switch {
	case logY:
		*lo, *hi = *lo/2, *hi*2
	case *lo == 0:
		*lo, *hi = -1, 1
	default:
		d := math.Abs(*lo) * 0.1
		*lo, *hi = *lo-d, *hi+d
	}
}

// legendHeadroom raises the top of the y range so the legend, drawn in the
// top-right corner, sits above the data rather than on it.
func legendHeadroom(lo, hi *float64, logY bool, entries, heightPx int) {
	frac := math.Min(0.45, float64(entries)*18/float64(max(heightPx-60, 60)))
	if logY {
		ratio := math.Log10(*hi / *lo)
		*hi *= math.Pow(10, ratio*frac/(1-frac))
		return
	}
	*hi += (*hi - *lo) * frac / (1 - frac)
}

func styleChart(p *plot.Plot, th theme, o Options) {
	p.BackgroundColor = th.background
	p.Title.Text = o.Title
	p.Title.TextStyle.Color = th.foreground
	p.Title.TextStyle.Font.Size = vg.Points(14 * pxToPt * 1.1)
	p.Title.Padding = vg.Points(6)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.LineStyle.Color = th.axis
		ax.Tick.LineStyle.Color = th.axis
		ax.Label.TextStyle.Color = th.foreground
		ax.Label.TextStyle.Font.Size = vg.Points(13 * pxToPt)
		ax.Tick.Label.Color = th.foreground
		ax.Tick.Label.Font.Size = vg.Points(12 * pxToPt)
	}
	p.Title.TextStyle.Font.Variant = "Sans"
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font.Variant = "Sans"
		ax.Tick.Label.Font.Variant = "Sans"
	}
	p.X.Tick.Marker = niceTicks{n: 8}
	p.Y.Tick.Marker = niceTicks{n: 6}
	p.X.Label.Text = o.XLabel
	p.Y.Label.Text = o.YLabel
	switch o.XAxis {
	case "time":
		p.X.Tick.Marker = wallTicks{loc: o.Location}
	case "relative":
		p.X.Tick.Marker = relTicks{}
	}
	if o.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = th.grid, th.grid
	grid.Vertical.Width, grid.Horizontal.Width = vg.Points(0.5), vg.Points(0.5)
	p.Add(grid)
	p.Legend.Top = true
	p.Legend.TextStyle.Color = th.foreground
	p.Legend.TextStyle.Font.Size = vg.Points(12 * pxToPt)
	p.Legend.TextStyle.Font.Variant = "Sans"
	p.Legend.Padding = vg.Points(2)
	p.Legend.ThumbnailWidth = vg.Points(18)
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(-8), vg.Points(-4)
}

func encode(p *plot.Plot, o Options) ([]byte, error) {
	w := vg.Length(float64(o.Width) * pxToPt)
	h := vg.Length(float64(o.Height) * pxToPt)
	wt, err := p.WriterTo(w, h, o.Format)
	if err != nil {
		return nil, fmt.Errorf("plots: create %s canvas: %w", o.Format, err)
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("plots: encode %s: %w", o.Format, err)
	}
	return b.Bytes(), nil
}
