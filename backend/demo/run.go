package demo

import (
	"math"
	"math/rand/v2"
	"strconv"

	"flowdeck/backend/mlflow"
)

// runRand is a run's own random source: it depends only on the seed and the
// run's index, so runs can be written concurrently with identical output.
func runRand(seed int64, index int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0xabcdef<<32|uint64(index)))
}

func (p *plan) artifactURI(rp *runPlan) string {
	return fileURI(p.root) + "/" + rp.exp.id + "/" + rp.id + "/artifacts"
}

func (p *plan) writeRun(t *tree, rp *runPlan) (RunSummary, error) {
	r := runRand(p.o.Seed, rp.index)
	dir := rp.exp.id + "/" + rp.id
	s := RunSummary{
		ID: rp.id, ExperimentID: rp.exp.id, Name: rp.name, Status: statusNames[rp.status],
		LifecycleStage: "active", StartTime: rp.start, EndTime: rp.end,
	}
	if rp.parent != nil {
		s.ParentID = rp.parent.id
	}
	meta := ymap{
		"artifact_uri": p.artifactURI(rp), "end_time": nil, "entry_point_name": "",
		"experiment_id": rp.exp.id, "lifecycle_stage": "active", "run_id": rp.id, "run_name": rp.name,
		"source_name": "", "source_type": 4, "source_version": "", "start_time": rp.start,
		"status": rp.status, "tags": []string{}, "user_id": rp.user,
	}
	if rp.status != statusRunning {
		meta["end_time"] = rp.end
	}
	if rp.deleted {
		meta["lifecycle_stage"] = "deleted"
		meta["deleted_time"] = rp.deletedTime
		s.LifecycleStage = "deleted"
	}
	if err := t.write(dir+"/meta.yaml", marshalYAML(meta)); err != nil {
		return s, err
	}
	for _, sub := range []string{"metrics", "params", "tags", "artifacts"} {
		if err := t.mkdir(dir + "/" + sub); err != nil {
			return s, err
		}
	}
	for _, pv := range rp.params {
		if err := t.write(dir+"/params/"+pv.k, []byte(pv.v)); err != nil {
			return s, err
		}
	}
	s.Params = len(rp.params)

	tags := p.runTags(rp)
	for _, tv := range tags {
		if err := t.write(dir+"/tags/"+tv.k, []byte(tv.v)); err != nil {
			return s, err
		}
	}
	s.Tags = len(tags)

	keys := metricKeys(p.o.Metrics)
	values := curves(r, rp, keys, p.o.Steps)
	ts := make([]int64, rp.points)
	for k := range ts {
		ts[k] = rp.start + int64(k+1)*rp.stepMs + r.Int64N(rp.stepMs/3+1)
	}
	buf := make([]byte, 0, 40*rp.points)
	for i, k := range keys {
		buf = buf[:0]
		for step, v := range values[i] {
			buf = strconv.AppendInt(buf, ts[step], 10)
			buf = append(buf, ' ')
			buf = appendMetricValue(buf, v)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, int64(step), 10)
			buf = append(buf, '\n')
		}
		if err := t.write(dir+"/metrics/"+k, buf); err != nil {
			return s, err
		}
		s.MetricPoints += len(values[i])
	}
	s.MetricKeys = len(keys)

	if rp.hasDataset {
		ds := rp.exp.dataset
		in := ymap{
			"destination_id": ds.id, "destination_type": "RUN", "source_id": ds.id, "source_type": "DATASET",
			"tags": ymap{"mlflow.data.context": "training"},
		}
		if err := t.write(dir+"/inputs/"+md5hex(ds.id+rp.id)+"/meta.yaml", marshalYAML(in)); err != nil {
			return s, err
		}
		s.DatasetID = ds.id
	}
	n, err := p.writeArtifacts(t, r, rp, dir+"/artifacts", keys, values)
	if err != nil {
		return s, err
	}
	s.ArtifactFiles = n
	s.HasModel = rp.hasModel
	return s, nil
}

// appendMetricValue formats v exactly as mlflow.FormatFloat does.
func appendMetricValue(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, mlflow.FormatFloat(v)...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// runTags returns system tags first, then the run's user tags.
func (p *plan) runTags(rp *runPlan) []kv {
	source := "train.py"
	if rp.isParent {
		source = "sweep.py"
	}
	tags := []kv{
		{"mlflow.runName", rp.name},
		{"mlflow.user", rp.user},
		{"mlflow.source.name", source},
		{"mlflow.source.type", "LOCAL"},
		{"mlflow.source.git.commit", rp.commit},
		{"mlflow.source.git.branch", rp.branch},
		{"mlflow.source.git.repoURL", repoURL},
	}
	if rp.parent != nil {
		tags = append(tags, kv{"mlflow.parentRunId", rp.parent.id})
	}
	if rp.note != "" {
		tags = append(tags, kv{"mlflow.note.content", rp.note})
	}
	if rp.hasModel {
		tags = append(tags, kv{"mlflow.log-model.history", logModelHistory(rp)})
	}
	return append(tags, rp.userTags...)
}
