package conformance

import (
	"encoding/json"
	"math"
	"regexp"
	"sort"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"flowdeck/backend/mlflow"
)

// The views below keep what the stores must agree on and replace ids by
// logical names (whyIDs, whyManifest).

type point struct {
	Step  int64
	Value float64
}

type runView struct {
	Experiment, RunName, Status, Lifecycle, User string
	HasStart, HasEnd                             bool
	Params, Tags                                 map[string]string
	Latest                                       map[string]point
	Datasets                                     []string
	ModelOutputs                                 int
}

var runIDPattern = regexp.MustCompile(`\b[0-9a-f]{32}\b`)

// logical replaces the run ids of this store in s by "run:<name>".
func (k *kind) logical(s string) string {
	return runIDPattern.ReplaceAllStringFunc(s, func(id string) string {
		if n, ok := k.man.runName[id]; ok {
			return "run:" + n
		}
		return id
	})
}

func (k *kind) runView(r *mlflow.Run) runView {
	v := runView{
		Experiment: k.man.expName[r.Info.ExperimentID], RunName: r.Info.RunName, Status: r.Info.Status,
		Lifecycle: r.Info.LifecycleStage, User: r.Info.UserID,
		HasStart: r.Info.StartTime != 0, HasEnd: r.Info.EndTime != 0,
		Params: map[string]string{}, Tags: map[string]string{}, Latest: map[string]point{},
	}
	for _, p := range r.Data.Params {
		v.Params[p.Key] = p.Value
	}
	for _, t := range r.Data.Tags {
		v.Tags[t.Key] = k.logical(t.Value)
	}
	for _, m := range r.Data.Metrics {
		if _, dup := v.Latest[m.Key]; dup {
			v.Latest[m.Key+" (twice)"] = point{}
		}
		v.Latest[m.Key] = point{m.Step, float64(m.Value)}
	}
	if r.Inputs != nil {
		for _, d := range r.Inputs.DatasetInputs {
			b, _ := json.Marshal(d)
			v.Datasets = append(v.Datasets, string(b))
		}
		sort.Strings(v.Datasets)
	}
	if r.Outputs != nil {
		v.ModelOutputs = len(r.Outputs.ModelOutputs)
	}
	return v
}

// maxInf maps ±inf to ±DBL_MAX, as SQLite stores them (whyInf).
func maxInf(v float64) float64 {
	switch {
	case math.IsInf(v, 1):
		return math.MaxFloat64
	case math.IsInf(v, -1):
		return -math.MaxFloat64
	}
	return v
}

// expView is an experiment by name.
type expView struct {
	Lifecycle string
	Tags      map[string]string
}

func expViews(exps []mlflow.Experiment) map[string]expView {
	out := map[string]expView{}
	for _, e := range exps {
		v := expView{Lifecycle: e.LifecycleStage, Tags: map[string]string{}}
		for _, t := range e.Tags {
			v.Tags[t.Key] = t.Value
		}
		out[e.Name] = v
	}
	return out
}

// floatEq treats NaN as equal to NaN, also in mlflow.Float.
var floatEq = cmp.Options{cmpopts.EquateNaNs(), cmp.Comparer(func(a, b mlflow.Float) bool {
	return a == b || (math.IsNaN(float64(a)) && math.IsNaN(float64(b)))
})}

func diff(a, b any) string { return cmp.Diff(a, b, floatEq, cmpopts.EquateEmpty()) }
