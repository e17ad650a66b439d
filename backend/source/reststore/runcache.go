package reststore

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"flowdeck/backend/mlflow"
)

// runCache holds the runs of the last RunRefs call.
type runCache struct {
	at   time.Time
	runs map[string]mlflow.Run
	// complete: the server's search results carry outputs, so they equal
	// runs/get answers and may stand in for them.
	complete bool
}

func (s *Store) cachedRun(id string) (*mlflow.Run, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.runs
	if !c.complete || s.ttl <= 0 || s.now().Sub(c.at) > s.ttl {
		return nil, false
	}
	r, ok := c.runs[id]
	if !ok {
		return nil, false
	}
	return cloneRun(r), true
}

func cloneRun(r mlflow.Run) *mlflow.Run {
	r.Data.Metrics = slices.Clone(r.Data.Metrics)
	r.Data.Params = slices.Clone(r.Data.Params)
	r.Data.Tags = slices.Clone(r.Data.Tags)
	if r.Inputs != nil {
		in := *r.Inputs
		in.DatasetInputs = slices.Clone(in.DatasetInputs)
		in.ModelInputs = slices.Clone(in.ModelInputs)
		r.Inputs = &in
	}
	if r.Outputs != nil {
		out := *r.Outputs
		out.ModelOutputs = slices.Clone(out.ModelOutputs)
		r.Outputs = &out
	}
	return &r
}

// Fingerprint hashes what a sync cares about in a run as runs/search gives
// it: info (status, times, name, lifecycle), latest metrics, params, tags,
// inputs and outputs. Lists are sorted first, so server order does not
// matter. A metric point logged below the latest step leaves the latest
// values, and so the fingerprint, unchanged: RunRefs therefore leaves runs
// that are still running unfingerprinted (read on every sync), and a
// finished run's backfill is caught by its next change of anything else.
func Fingerprint(r *mlflow.Run) string {
	type fp struct {
		Info    mlflow.RunInfo
		Metrics []mlflow.Metric
		Params  []mlflow.Param
		Tags    []mlflow.Tag
		Inputs  *mlflow.RunInputs
		Outputs *mlflow.RunOutputs
	}
	v := fp{Info: r.Info, Inputs: r.Inputs, Outputs: r.Outputs,
		Metrics: slices.Clone(r.Data.Metrics), Params: slices.Clone(r.Data.Params), Tags: slices.Clone(r.Data.Tags)}
	slices.SortFunc(v.Metrics, func(a, b mlflow.Metric) int { return strings.Compare(a.Key, b.Key) })
	byKey := func(a, b mlflow.KeyValue) int { return strings.Compare(a.Key, b.Key) }
	slices.SortFunc(v.Params, byKey)
	slices.SortFunc(v.Tags, byKey)
	b, _ := json.Marshal(v) // plain data: cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
