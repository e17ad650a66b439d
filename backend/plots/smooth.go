package plots

import "math"

// smoothEMA returns a copy of points with Y replaced by a debiased
// exponential moving average (as TensorBoard and MLflow's UI smooth):
// weight 0 leaves values alone, values near 1 smooth heavily. Non-finite
// values are copied unchanged and do not enter the average.
func smoothEMA(points []Point, weight float64) []Point {
	out := append([]Point(nil), points...)
	if !(weight > 0) {
		return out
	}
	weight = math.Min(weight, 0.999)
	acc, n := 0.0, 0
	for i, p := range out {
		if math.IsNaN(p.Y) || math.IsInf(p.Y, 0) {
			continue
		}
		acc = acc*weight + (1-weight)*p.Y
		n++
		out[i].Y = acc / (1 - math.Pow(weight, float64(n)))
	}
	return out
}
