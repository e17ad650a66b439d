package demo

import (
	"fmt"
	"strconv"
	"strings"
)

// maxVersions is how many model versions a registered model gets at most.
const maxVersions = 5

// stagesFor assigns stages to n versions, oldest first: the newest is None,
// then Staging, then Production, and everything older is Archived.
func stagesFor(n int) []string {
	out := make([]string, n)
	tail := []string{"None", "Staging", "Production"}
	if n <= 3 {
		tail = []string{"Production", "Staging", "None"}[:n]
		// keep the order oldest → newest: Production, Staging, None
		copy(out, tail)
		return out
	}
	for i := range out {
		out[i] = "Archived"
	}
	for i, s := range tail {
		out[n-1-i] = s
	}
	return out
}

// writeRegistry writes mlruns/models/<name>/ for every experiment that has
// runs with logged models.
func (p *plan) writeRegistry(t *tree) ([]ModelSummary, error) {
	var out []ModelSummary
	for _, ep := range p.exps {
		var cands []*runPlan
		for _, rp := range ep.runs {
			if rp.hasModel {
				cands = append(cands, rp)
			}
		}
		if len(cands) == 0 {
			continue
		}
		picked := spread(cands, maxVersions)
		ms, err := p.writeModelEntry(t, ep, picked)
		if err != nil {
			return nil, err
		}
		out = append(out, ms)
	}
	return out, nil
}

// spread picks at most n items evenly from xs, keeping their order.
func spread(xs []*runPlan, n int) []*runPlan {
	if len(xs) <= n {
		return xs
	}
	out := make([]*runPlan, n)
	for i := range out {
		out[i] = xs[i*(len(xs)-1)/(n-1)]
	}
	return out
}

func (p *plan) writeModelEntry(t *tree, ep *expPlan, runs []*runPlan) (ModelSummary, error) {
	name := ep.spec.regName
	dir := "models/" + name
	stages := stagesFor(len(runs))
	ms := ModelSummary{Name: name, Aliases: map[string]int{}}
	created := runs[0].end + 30_000
	updated := created
	for i, rp := range runs {
		v := i + 1
		vc := rp.end + 30_000
		vu := vc + 86_400_000*int64(len(runs)-i)
		updated = max(updated, vu)
		desc := any(nil)
		if i%2 == 1 || i == len(runs)-1 {
			desc = fmt.Sprintf("Retrained with **%s**, lr `%s` (run `%s`).", rp.hp.modelType, formatParam(rp.hp.lr), rp.name)
		}
		meta := ymap{
			"creation_timestamp": vc, "current_stage": stages[i], "deployment_job_state": nil,
			"description": desc, "last_updated_timestamp": vu, "model_id": nil, "name": name,
			"run_id": rp.id, "run_link": nil, "source": "runs:/" + rp.id + "/model", "status": "READY",
			"status_message": nil, "storage_location": p.artifactURI(rp) + "/model", "user_id": nil, "version": v,
		}
		vdir := dir + "/version-" + strconv.Itoa(v)
		if err := t.write(vdir+"/meta.yaml", marshalYAML(meta)); err != nil {
			return ms, err
		}
		status := "passed"
		if stages[i] == "Archived" && i == 0 {
			status = "failed"
		}
		if err := t.write(vdir+"/tags/validation_status", []byte(status)); err != nil {
			return ms, err
		}
		ms.Versions = append(ms.Versions, VersionSummary{Version: v, Stage: stages[i], RunID: rp.id})
		switch stages[i] {
		case "Production":
			ms.Aliases["champion"] = v
		case "Staging":
			ms.Aliases["challenger"] = v
		}
	}
	aliases := ymap{}
	for a, v := range ms.Aliases {
		aliases[a] = strconv.Itoa(v)
		if err := t.write(dir+"/aliases/"+a, []byte(strconv.Itoa(v))); err != nil {
			return ms, err
		}
	}
	meta := ymap{
		"aliases": aliases, "creation_timestamp": created, "deployment_job_id": nil, "deployment_job_state": nil,
		"description":            fmt.Sprintf("%s model for the `%s` project. Owned by **%s**.", capitalize(ep.spec.task), ep.spec.project, ep.spec.owner),
		"last_updated_timestamp": updated, "name": name,
	}
	if err := t.write(dir+"/meta.yaml", marshalYAML(meta)); err != nil {
		return ms, err
	}
	for _, tv := range []kv{{"task", ep.spec.task}, {"owner", ep.spec.owner}} {
		if err := t.write(dir+"/tags/"+tv.k, []byte(tv.v)); err != nil {
			return ms, err
		}
	}
	return ms, nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
