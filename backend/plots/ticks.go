package plots

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"
)

// Candidate tick spacings for time axes, in milliseconds.
var timeSteps = []float64{
	1e3, 2e3, 5e3, 10e3, 15e3, 30e3,
	60e3, 2 * 60e3, 5 * 60e3, 10 * 60e3, 15 * 60e3, 30 * 60e3,
	3600e3, 2 * 3600e3, 3 * 3600e3, 6 * 3600e3, 12 * 3600e3,
	86400e3, 2 * 86400e3, 7 * 86400e3, 14 * 86400e3, 30 * 86400e3, 90 * 86400e3, 365 * 86400e3,
}

// pickStep returns the smallest candidate giving at most maxTicks ticks.
func pickStep(span float64, maxTicks int) float64 {
	for _, s := range timeSteps {
		if span/s <= float64(maxTicks) {
			return s
		}
	}
	return math.Max(timeSteps[len(timeSteps)-1], span/float64(maxTicks))
}

// alignedTicks returns major ticks at multiples of step within [lo, hi]
// with minor ticks between them.
func alignedTicks(lo, hi, step float64, label func(float64) string) []plot.Tick {
	var ticks []plot.Tick
	if !(hi >= lo) || step <= 0 || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return ticks
	}
	minor := step / 2
	for v := math.Ceil(lo/minor) * minor; v <= hi && len(ticks) < 200; v += minor {
		if math.Mod(math.Abs(v), step) < 1e-9*step || math.Abs(math.Mod(math.Abs(v), step)-step) < 1e-9*step {
			ticks = append(ticks, plot.Tick{Value: v, Label: label(v)})
		} else {
			ticks = append(ticks, plot.Tick{Value: v})
		}
	}
	return ticks
}

// wallTicks labels an x axis of Unix milliseconds as clock times or dates.
type wallTicks struct{ loc *time.Location }

func (w wallTicks) Ticks(lo, hi float64) []plot.Tick {
	step := pickStep(hi-lo, 7)
	layout := "15:04"
	switch {
	case step < 60e3:
		layout = "15:04:05"
	case step >= 86400e3:
		layout = "Jan 2"
		if hi-lo > 300*86400e3 {
			layout = "Jan 2006"
		}
	case hi-lo > 86400e3:
		layout = "Jan 2 15:04"
	}
	// Align to the location's midnight so hours and days land on round values.
	_, off := time.UnixMilli(int64(lo)).In(w.loc).Zone()
	shift := float64(off) * 1000
	ticks := alignedTicks(lo+shift, hi+shift, step, func(v float64) string {
		return time.UnixMilli(int64(v - shift)).In(w.loc).Format(layout)
	})
	for i := range ticks {
		ticks[i].Value -= shift
	}
	return ticks
}

// relTicks labels an x axis of milliseconds since start as durations.
type relTicks struct{}

func (relTicks) Ticks(lo, hi float64) []plot.Tick {
	return alignedTicks(lo, hi, pickStep(hi-lo, 7), formatDuration)
}

// formatDuration writes ms as a short duration of at most two adjacent
// units: 0, 500ms, 45s, 1m30s, 2h, 1d4h.
func formatDuration(ms float64) string {
	sign := ""
	if ms < 0 {
		sign, ms = "-", -ms
	}
	if ms == 0 {
		return "0"
	}
	if ms < 1000 {
		return fmt.Sprintf("%s%dms", sign, int64(math.Round(ms)))
	}
	s := int64(math.Round(ms / 1000))
	vals := []int64{s / 86400, s % 86400 / 3600, s % 3600 / 60, s % 60}
	units := []string{"d", "h", "m", "s"}
	for i, v := range vals {
		if v == 0 {
			continue
		}
		out := fmt.Sprintf("%s%d%s", sign, v, units[i])
		if i+1 < len(vals) && vals[i+1] != 0 {
			out += fmt.Sprintf("%d%s", vals[i+1], units[i+1])
		}
		return out
	}
	return "0"
}

// niceTicks labels about n ticks at 1, 2, 2.5 or 5 × 10^k spacing, with
// minor ticks halfway, and formats labels with just enough decimals.
type niceTicks struct{ n int }

func (t niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	raw := (hi - lo) / float64(max(2, t.n))
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag * 10
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	decimals := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	for decimals < 12 {
		scaled := step * math.Pow(10, float64(decimals))
		if math.Abs(scaled-math.Round(scaled)) < 1e-6 {
			break
		}
		decimals++
	}
	big := math.Max(math.Abs(lo), math.Abs(hi))
	label := func(v float64) string {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		if big >= 1e7 || (big < 1e-3 && big > 0) {
			return strconv.FormatFloat(v, 'g', 3, 64)
		}
		return strconv.FormatFloat(v, 'f', decimals, 64)
	}
	return alignedTicks(lo, hi, step, label)
}
