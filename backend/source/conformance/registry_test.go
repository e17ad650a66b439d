package conformance

import (
	"sort"
	"strconv"
	"testing"

	"flowdeck/backend/mlflow"
)

type modelView struct {
	Description string
	Tags        map[string]string
	Aliases     map[string]string // alias → version
	Latest      map[string]string // stage → version, from latest_versions
}

type versionView struct {
	Stage, Description, Status, Run string
	Tags                            map[string]string
	Aliases                         []string
}

// regView is a registry by model name and "name/version".
type regView struct {
	Models   map[string]modelView
	Versions map[string]versionView
}

// registry reads a kind's registry; names limits ModelVersions to some
// models (nil: all, through ModelVersions("")).
func registry(t *testing.T, k *kind, names ...string) regView {
	t.Helper()
	ms, err := k.st.RegisteredModels(ctx)
	if err != nil {
		t.Fatalf("%s: RegisteredModels: %v", k.name, err)
	}
	v := regView{Models: map[string]modelView{}, Versions: map[string]versionView{}}
	for _, m := range ms {
		mv := modelView{Description: m.Description, Tags: tagMap(m.Tags), Aliases: map[string]string{}, Latest: map[string]string{}}
		for _, a := range m.Aliases {
			mv.Aliases[a.Alias] = a.Version
		}
		for _, lv := range m.LatestVersions {
			if _, dup := mv.Latest[lv.CurrentStage]; dup {
				t.Errorf("%s: %s has two latest versions in stage %s", k.name, m.Name, lv.CurrentStage)
			}
			mv.Latest[lv.CurrentStage] = lv.Version
		}
		v.Models[m.Name] = mv
	}
	var vs []mlflow.ModelVersion
	if names == nil {
		if vs, err = k.st.ModelVersions(ctx, ""); err != nil {
			t.Fatalf("%s: ModelVersions: %v", k.name, err)
		}
	}
	for _, n := range names {
		some, err := k.st.ModelVersions(ctx, n)
		if err != nil {
			t.Fatalf("%s: ModelVersions(%s): %v", k.name, n, err)
		}
		vs = append(vs, some...)
	}
	for _, mv := range vs {
		aliases := append([]string{}, mv.Aliases...)
		sort.Strings(aliases)
		run, ok := k.man.runName[mv.RunID]
		if !ok {
			t.Errorf("%s: %s v%s comes from run %s, not in the manifest", k.name, mv.Name, mv.Version, mv.RunID)
		}
		v.Versions[mv.Name+"/"+mv.Version] = versionView{Stage: mv.CurrentStage, Description: mv.Description,
			Status: mv.Status, Run: run, Tags: tagMap(mv.Tags), Aliases: aliases}
	}
	return v
}

func tagMap(tags []mlflow.Tag) map[string]string {
	m := map[string]string{}
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m
}

// latest recomputes latest_versions as MLflow defines them: the highest
// version in each stage.
func (v regView) latest(model string) map[string]string {
	out, best := map[string]string{}, map[string]int{}
	for key, ver := range v.Versions {
		name, num := splitVersion(key)
		if name != model {
			continue
		}
		if num > best[ver.Stage] {
			best[ver.Stage], out[ver.Stage] = num, strconv.Itoa(num)
		}
	}
	return out
}

func splitVersion(key string) (string, int) {
	for i := len(key) - 1; i >= 0; i-- {
		if key[i] == '/' {
			n, _ := strconv.Atoi(key[i+1:])
			return key[:i], n
		}
	}
	return key, 0
}

func TestRegistry(t *testing.T) {
	ref := openFile35(t)
	want := registry(t, ref)
	if len(want.Models) != 2 || len(want.Versions) != 7 {
		t.Fatalf("reference registry: %d models, %d versions", len(want.Models), len(want.Versions))
	}
	for name, m := range want.Models {
		if d := diff(want.latest(name), m.Latest); d != "" {
			t.Errorf("filestore-3.5 %s latest_versions (-highest per stage +listed):\n%s", name, d)
		}
		for n := range ref.man.Registry[name] {
			if _, ok := want.Versions[name+"/"+strconv.Itoa(n+1)]; !ok {
				t.Errorf("filestore-3.5 has no %s v%d", name, n+1)
			}
		}
	}

	t.Run("sqlite-3.5", func(t *testing.T) { // whyMutated, whyFSClean
		sq := openSQLite(t)
		got := registry(t, sq)
		if d := diff(applyRegistryCalls(t, want), got); d != "" {
			t.Errorf("registry (-filestore-3.5 plus calls 49–59 +sqlite-3.5):\n%s", d)
		}
		checkByName(t, sq, got)
	})
	t.Run("rest-3.5", func(t *testing.T) { // whyRegPre: rest/41, 43, 45
		rest := openREST(t)
		defer rest.checkNoStrays(t)
		got := registry(t, rest, "churn-classifier")
		pre := regView{Models: want.Models, Versions: map[string]versionView{}}
		for key, v := range want.Versions {
			if name, _ := splitVersion(key); name == "churn-classifier" {
				pre.Versions[key] = v
			}
		}
		if d := diff(pre, got); d != "" {
			t.Errorf("registry (-filestore-3.5 +rest before call 49):\n%s", d)
		}
	})
	t.Run("filestore-2.22", func(t *testing.T) {
		old := openFile222(t)
		got := registry(t, old)
		if d := diff(want, got); d != "" {
			t.Errorf("registry (-filestore-3.5 +filestore-2.22):\n%s", d)
		}
		checkByName(t, old, got)
	})
	checkByName(t, ref, want)
}

// checkByName checks ModelVersions(name) against ModelVersions("").
func checkByName(t *testing.T, k *kind, all regView) {
	t.Helper()
	var names []string
	for n := range all.Models {
		names = append(names, n)
	}
	if d := diff(all, registry(t, k, names...)); d != "" {
		t.Errorf("%s: ModelVersions by name (-all +by name):\n%s", k.name, d)
	}
}
