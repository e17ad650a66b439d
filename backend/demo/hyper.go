package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

var (
	lrGrid     = []float64{0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1}
	batchGrid  = []int{16, 32, 64, 128, 256}
	modelTypes = []string{"xgboost", "random_forest", "logistic_regression", "mlp"}
	optimizers = []string{"adam", "adamw", "sgd"}
	dropGrid   = []float64{0, 0.1, 0.2, 0.3, 0.5}
	decayGrid  = []float64{0, 1e-05, 0.0001, 0.001}
)

// hyper is a run's hyperparameters; they shape its metric curves.
type hyper struct {
	lr          float64
	batchSize   int
	modelType   string
	maxDepth    int
	estimators  int
	optimizer   string
	dropout     float64
	weightDecay float64
	seed        int
	features    []string
}

func randomHyper(r *rand.Rand, s expSpec) hyper {
	return hyper{
		lr:          lrGrid[r.IntN(len(lrGrid))],
		batchSize:   batchGrid[r.IntN(len(batchGrid))],
		modelType:   modelTypes[r.IntN(len(modelTypes))],
		maxDepth:    3 + r.IntN(10),
		estimators:  []int{50, 100, 200, 400}[r.IntN(4)],
		optimizer:   optimizers[r.IntN(len(optimizers))],
		dropout:     dropGrid[r.IntN(len(dropGrid))],
		weightDecay: decayGrid[r.IntN(len(decayGrid))],
		seed:        r.IntN(10000),
		features:    s.features,
	}
}

// sweepHyper is child i of a sweep: the parent's settings with lr and
// max_depth walked over a grid.
func sweepHyper(r *rand.Rand, parent hyper, i int) hyper {
	h := parent
	h.lr = lrGrid[(i*2+1)%len(lrGrid)]
	h.maxDepth = 4 + 2*i
	h.seed = r.IntN(10000)
	return h
}

// params returns n params in a fixed key order; keys past the realistic
// ones are filler.
func (h hyper) params(r *rand.Rand, n int) []kv {
	all := []kv{
		{"lr", formatParam(h.lr)},
		{"batch_size", strconv.Itoa(h.batchSize)},
		{"model_type", h.modelType},
		{"max_depth", strconv.Itoa(h.maxDepth)},
		{"n_estimators", strconv.Itoa(h.estimators)},
		{"optimizer", h.optimizer},
		{"dropout", formatParam(h.dropout)},
		{"weight_decay", formatParam(h.weightDecay)},
		{"seed", strconv.Itoa(h.seed)},
		{"optim/momentum", "0.9"},
		{"features", strings.Join(h.features, ",")},
		{"early_stopping", []string{"True", "False"}[h.seed%2]},
		{"class_weight", []string{"balanced", "None"}[h.seed%2]},
	}
	out := make([]kv, 0, n)
	for i := 0; i < n; i++ {
		if i < len(all) {
			out = append(out, all[i])
		} else {
			out = append(out, kv{fmt.Sprintf("param_%02d", i), strconv.Itoa(r.IntN(1000))})
		}
	}
	return out
}
