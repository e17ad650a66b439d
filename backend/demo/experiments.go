package demo

import "fmt"

// writeExperiments writes Default and every planned experiment with its
// tags and dataset.
func (p *plan) writeExperiments(t *tree) ([]ExperimentSummary, int, error) {
	def := ymap{
		"artifact_location": fileURI(p.root) + "/0", "creation_time": p.base, "experiment_id": "0",
		"last_update_time": p.base, "lifecycle_stage": "active", "name": "Default",
	}
	if err := t.write("0/meta.yaml", marshalYAML(def)); err != nil {
		return nil, 0, err
	}
	out := []ExperimentSummary{{ID: "0", Name: "Default"}}
	datasets := 0
	for _, ep := range p.exps {
		meta := ymap{
			"artifact_location": fileURI(p.root) + "/" + ep.id, "creation_time": ep.created,
			"experiment_id": ep.id, "last_update_time": ep.created, "lifecycle_stage": "active", "name": ep.spec.name,
		}
		if err := t.write(ep.id+"/meta.yaml", marshalYAML(meta)); err != nil {
			return nil, 0, err
		}
		tags := []kv{
			{"mlflow.note.content", ep.spec.description},
			{"project", ep.spec.project},
			{"owner", ep.spec.owner},
		}
		for _, tv := range tags {
			if err := t.write(ep.id+"/tags/"+tv.k, []byte(tv.v)); err != nil {
				return nil, 0, err
			}
		}
		if ep.usesDataset() {
			if err := t.write(ep.id+"/datasets/"+ep.dataset.id+"/meta.yaml", marshalYAML(ep.datasetMeta())); err != nil {
				return nil, 0, err
			}
			datasets++
		}
		out = append(out, ExperimentSummary{ID: ep.id, Name: ep.spec.name, Runs: len(ep.runs)})
	}
	return out, datasets, nil
}

func (ep *expPlan) usesDataset() bool {
	for _, rp := range ep.runs {
		if rp.hasDataset {
			return true
		}
	}
	return false
}

func (ep *expPlan) datasetMeta() ymap {
	cols := ""
	for i, f := range ep.spec.features {
		if i > 0 {
			cols += ", "
		}
		cols += fmt.Sprintf(`{"type": "double", "name": %s, "required": true}`, jsonString(f))
	}
	rows := 1000 * (len(ep.spec.dataset) + 100)
	return ymap{
		"digest":      ep.dataset.digest,
		"name":        ep.dataset.name,
		"profile":     fmt.Sprintf(`{"num_rows": %d, "num_elements": %d}`, rows, rows*(len(ep.spec.features)+1)),
		"schema":      `{"mlflow_colspec": [` + cols + `, {"type": "long", "name": "label", "required": true}]}`,
		"source":      fmt.Sprintf(`{"uri": "s3://acme-datasets/%s/%s.parquet"}`, ep.spec.project, ep.dataset.name),
		"source_type": "s3",
	}
}
