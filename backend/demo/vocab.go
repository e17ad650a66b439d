package demo

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
)

var (
	users      = []string{"alice", "bob", "carol"}
	branches   = []string{"main", "main", "feature/tuning", "exp/augmentation"}
	adjectives = []string{"bold", "calm", "clever", "dapper", "eager", "gentle", "honest", "jolly", "lucky", "mellow", "nimble", "proud", "quiet", "rare", "sassy", "tidy", "upbeat", "vivid", "witty", "zesty"}
	animals    = []string{"ant", "bat", "cat", "doe", "eel", "fox", "gnu", "hare", "ibis", "jay", "koi", "lark", "mole", "newt", "owl", "pug", "ram", "seal", "toad", "yak"}
)

// repoURL is where the demo's training code notionally lives.
const repoURL = "https://github.com/acme/churn-model"

type expSpec struct {
	name, short, regName, dataset, task, project, owner, description string
	features                                                         []string
}

var expSpecs = []expSpec{
	{
		name: "churn-classifier", short: "churn", regName: "churn-classifier", dataset: "churn-train",
		task: "classification", project: "churn", owner: "alice",
		description: "# Churn classifier\n\nPredicts which customers cancel within **30 days**.\n\n" +
			"- data: `churn-train` (monthly snapshot)\n- primary metric: `val_accuracy`\n- owner: @alice\n",
		features: []string{"tenure", "monthly_charges", "support_calls", "age"},
	},
	{
		name: "house-price-regression", short: "house", regName: "house-price-regressor", dataset: "house-sales",
		task: "regression", project: "pricing", owner: "bob",
		description: "# House prices\n\nGradient-boosted trees on *historical sales*.\n\n" +
			"| split | rows |\n|---|---|\n| train | 120000 |\n| valid | 15000 |\n",
		features: []string{"sqft", "bedrooms", "bathrooms", "year_built", "zip_income"},
	},
	{
		name: "fraud-detection", short: "fraud", regName: "fraud-detector", dataset: "card-transactions",
		task: "classification", project: "risk", owner: "carol",
		description: "# Fraud detection\n\nHighly imbalanced (0.4% positives); watch `f1`, not accuracy.\n",
		features:    []string{"amount", "merchant_risk", "hour", "velocity_1h", "country_mismatch"},
	},
	{
		name: "demand-forecast", short: "demand", regName: "demand-forecaster", dataset: "store-sales",
		task: "forecasting", project: "supply", owner: "alice",
		description: "# Demand forecast\n\nDaily demand per store, 28-day horizon.\n",
		features:    []string{"store_id", "dow", "promo", "lag_7", "lag_28"},
	},
}

func expSpecFor(i int) expSpec {
	s := expSpecs[i%len(expSpecs)]
	if k := i / len(expSpecs); k > 0 {
		suffix := "-" + strconv.Itoa(k+1)
		s.name += suffix
		s.short += strconv.Itoa(k + 1)
		s.regName += suffix
		s.dataset += suffix
	}
	return s
}

func uuidHex(r *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return hex.EncodeToString(b[:])
}

func hexString(r *rand.Rand, nBytes int) string {
	b := make([]byte, nBytes)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return hex.EncodeToString(b)
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// formatParam writes a number as Python's str() would for a float param.
func formatParam(v float64) string {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	for _, c := range s {
		if c == '.' || c == 'e' || c == 'n' || c == 'i' {
			return s
		}
	}
	return s + ".0"
}

func userTags(r *rand.Rand, n int, rp *runPlan) []kv {
	pool := []kv{
		{"team", []string{"ml-platform", "growth", "risk-analytics"}[r.IntN(3)]},
		{"priority", []string{"low", "medium", "high"}[r.IntN(3)]},
		{"dataset_version", fmt.Sprintf("v%d.%d", 1+r.IntN(3), r.IntN(10))},
		{"framework", map[string]string{"xgboost": "xgboost", "random_forest": "sklearn", "logistic_regression": "sklearn", "mlp": "pytorch"}[rp.hp.modelType]},
		{"purpose", []string{"baseline", "tuning", "ablation", "retrain"}[r.IntN(4)]},
	}
	out := make([]kv, 0, n)
	for i := 0; i < n; i++ {
		if i < len(pool) {
			out = append(out, pool[i])
		} else {
			out = append(out, kv{fmt.Sprintf("tag_%02d", i), fmt.Sprintf("value-%d", r.IntN(100))})
		}
	}
	return out
}

func runNote(rp *runPlan) string {
	if rp.isParent {
		return fmt.Sprintf("## Sweep over `lr` and `max_depth`\n\nParent of %d child runs, model **%s**.\n", sweepChildren, rp.hp.modelType)
	}
	return fmt.Sprintf("Run with **%s**, lr = `%s`.\n\n- batch size: %d\n- optimizer: %s\n",
		rp.hp.modelType, formatParam(rp.hp.lr), rp.hp.batchSize, rp.hp.optimizer)
}
