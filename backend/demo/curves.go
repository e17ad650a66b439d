package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
)

var baseMetricKeys = []string{
	"train_loss", "val_loss", "val_accuracy", "learning_rate", "system/gpu_util",
	"f1", "train/grad_norm", "precision", "recall", "system/memory_gb",
}

// metricKeys returns n metric keys: realistic ones first, then filler.
func metricKeys(n int) []string {
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		if i < len(baseMetricKeys) {
			out = append(out, baseMetricKeys[i])
		} else {
			out = append(out, fmt.Sprintf("extra/metric_%02d", i))
		}
	}
	return out
}

// curves returns, for each key, the values of steps 0..rp.points-1. The
// shapes follow the run's hyperparameters: a good learning rate converges
// low and fast, deep trees without dropout overfit (val_loss turns up).
func curves(r *rand.Rand, rp *runPlan, keys []string, steps int) [][]float64 {
	h := rp.hp
	n := rp.points
	lrScore := math.Exp(-sq(math.Log10(h.lr)+2.5) / 1.2)
	init := 1.1 + 0.3*r.Float64()
	final := 0.08 + 0.45*(1-lrScore) + 0.05*r.Float64()
	tau := float64(steps) * (0.08 + 0.3*(1-lrScore))
	sigma := 0.012 + 0.05*h.lr/0.1
	over := 0.025 * float64(h.maxDepth-2) * (1 - h.dropout)
	gpu := 72 + 20*r.Float64()
	warm := max(1, steps/20)

	train := make([]float64, n)
	val := make([]float64, n)
	acc := make([]float64, n)
	for t := 0; t < n; t++ {
		clean := final + (init-final)*math.Exp(-float64(t)/tau)
		train[t] = clean + sigma*r.NormFloat64()
		frac := float64(t) / float64(max(1, steps-1))
		val[t] = clean + 0.04 + over*frac*frac + 1.5*sigma*r.NormFloat64()
		acc[t] = clamp(0.97-0.55*(val[t]-0.04)+0.008*r.NormFloat64(), 0.3, 0.995)
	}
	if rp.status == statusFailed && n > 0 {
		train[n-1] = math.NaN() // the crash: loss blew up
	}
	out := make([][]float64, len(keys))
	for i, k := range keys {
		v := make([]float64, n)
		switch k {
		case "train_loss":
			copy(v, train)
		case "val_loss":
			copy(v, val)
		case "val_accuracy":
			copy(v, acc)
		case "learning_rate":
			for t := range v {
				if t < warm {
					v[t] = h.lr * float64(t+1) / float64(warm)
				} else {
					p := float64(t-warm) / float64(max(1, steps-warm))
					v[t] = h.lr * (0.01 + 0.99*0.5*(1+math.Cos(math.Pi*p)))
				}
			}
		case "system/gpu_util":
			for t := range v {
				v[t] = round(clamp(gpu+4*r.NormFloat64(), 0, 100), 1)
			}
		case "f1":
			for t := range v {
				v[t] = clamp(acc[t]-0.04+0.01*r.NormFloat64(), 0, 1)
			}
		case "train/grad_norm":
			for t := range v {
				v[t] = 0.5 + 4*math.Exp(-float64(t)/tau) + 0.3*math.Abs(r.NormFloat64())
				if r.Float64() < 0.01 {
					v[t] *= 6 // occasional gradient spike
				}
			}
		case "precision":
			for t := range v {
				v[t] = clamp(acc[t]-0.02+0.01*r.NormFloat64(), 0, 1)
			}
		case "recall":
			for t := range v {
				v[t] = clamp(acc[t]-0.05+0.015*r.NormFloat64(), 0, 1)
			}
		case "system/memory_gb":
			for t := range v {
				v[t] = round(2+float64(h.batchSize)/64+0.002*float64(t)+0.05*r.NormFloat64(), 2)
			}
		default:
			x := r.Float64()
			for t := range v {
				x += 0.05 * r.NormFloat64()
				v[t] = x
			}
		}
		out[i] = v
	}
	return out
}

func sq(x float64) float64 { return x * x }

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}
