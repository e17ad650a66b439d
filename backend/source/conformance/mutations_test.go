package conformance

import (
	"maps"
	"slices"
	"testing"
)

// applyRegistryCalls applies the registry writes among the recorded calls
// 49–60 (the README's list of calls that changed the database) to a copy
// of v, reading each call's request body. Failed calls (51, 69) change
// nothing. Calls 56 and 57 touch a run and an experiment, not the registry.
func applyRegistryCalls(t *testing.T, v regView) regView {
	t.Helper()
	out := regView{Models: map[string]modelView{}, Versions: map[string]versionView{}}
	for k, m := range v.Models {
		out.Models[k] = modelView{m.Description, maps.Clone(m.Tags), maps.Clone(m.Aliases), maps.Clone(m.Latest)}
	}
	for k, ver := range v.Versions {
		ver.Tags, ver.Aliases = maps.Clone(ver.Tags), slices.Clone(ver.Aliases)
		out.Versions[k] = ver
	}
	applied := 0
	for _, r := range recordings(t) {
		if r.Num < 49 || r.Num > 60 || r.Status != 200 || r.Method == "GET" {
			continue
		}
		b := body(t, r.Num)
		str := func(k string) string { s, _ := b[k].(string); return s }
		name, version := str("name"), str("version")
		key := name + "/" + version
		switch r.Method + " " + r.Path {
		case "POST /api/2.0/mlflow/model-versions/transition-stage":
			if b["archive_existing_versions"] == true {
				for k, ov := range out.Versions {
					if n, _ := splitVersion(k); n == name && k != key && ov.Stage == str("stage") {
						ov.Stage = "Archived"
						out.Versions[k] = ov
					}
				}
			}
			ver := out.Versions[key]
			ver.Stage = str("stage")
			out.Versions[key] = ver
		case "POST /api/2.0/mlflow/registered-models/alias":
			out.Models[name].Aliases[str("alias")] = version
			ver := out.Versions[key]
			ver.Aliases = append(ver.Aliases, str("alias"))
			slices.Sort(ver.Aliases)
			out.Versions[key] = ver
		case "DELETE /api/2.0/mlflow/registered-models/alias":
			was := out.Models[name].Aliases[str("alias")]
			delete(out.Models[name].Aliases, str("alias"))
			ver := out.Versions[name+"/"+was]
			ver.Aliases = slices.DeleteFunc(ver.Aliases, func(a string) bool { return a == str("alias") })
			out.Versions[name+"/"+was] = ver
		case "POST /api/2.0/mlflow/registered-models/set-tag":
			out.Models[name].Tags[str("key")] = str("value")
		case "POST /api/2.0/mlflow/model-versions/set-tag":
			out.Versions[key].Tags[str("key")] = str("value")
		case "PATCH /api/2.0/mlflow/registered-models/update":
			m := out.Models[name]
			m.Description = str("description")
			out.Models[name] = m
		case "PATCH /api/2.0/mlflow/model-versions/update":
			ver := out.Versions[key]
			ver.Description = str("description")
			out.Versions[key] = ver
		case "POST /api/2.0/mlflow/runs/set-tag", "POST /api/2.0/mlflow/experiments/set-experiment-tag":
			continue
		default:
			t.Fatalf("recording %d: unhandled write %s %s", r.Num, r.Method, r.Path)
		}
		applied++
	}
	if applied != 7 { // 49, 50, 52, 54, 55, 58, 59
		t.Errorf("applied %d registry writes, the README lists 7", applied)
	}
	for name, m := range out.Models {
		m.Latest = out.latest(name)
		out.Models[name] = m
	}
	return out
}
