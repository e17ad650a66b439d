package conformance

import (
	"bytes"
	"path"
	"sort"
	"strings"
	"testing"
)

// entry is one artifact as listed: owner-relative path, dir flag, size.
type entry struct {
	Path string
	Dir  bool
	Size int64
}

// tree lists an owner's artifacts recursively through ListArtifacts (or
// only the given levels, for REST).
func tree(t *testing.T, k *kind, owner string, levels ...string) []entry {
	t.Helper()
	var out []entry
	var walk func(dir string, recurse bool)
	walk = func(dir string, recurse bool) {
		res, err := k.st.ListArtifacts(ctx, owner, dir)
		if err != nil {
			t.Fatalf("%s: ListArtifacts(%s, %q): %v", k.name, owner, dir, err)
		}
		for _, f := range res.Files {
			if dir != "" && !strings.HasPrefix(f.Path, dir+"/") {
				t.Errorf("%s: %q listed under %q is not owner-relative", k.name, f.Path, dir)
			}
			out = append(out, entry{f.Path, f.IsDir, f.FileSize})
			if f.IsDir && recurse {
				walk(f.Path, true)
			}
		}
	}
	if levels == nil {
		walk("", true)
	}
	for _, l := range levels {
		walk(l, false)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path }) // no order is promised
	return out
}

// The files the brief names; the PNG's name depends on the run.
var compared = []string{"notes.txt", "eval/summary.json", "config/config.yaml"}

func TestArtifacts(t *testing.T) {
	ref := openFile35(t)
	for _, k := range others(t) {
		t.Run(k.name, func(t *testing.T) {
			defer k.checkNoStrays(t)
			files := 0
			for _, name := range sortedRuns(k) {
				if _, ok := ref.man.Runs[name]; !ok {
					continue // whySQLiteExtra
				}
				var levels []string
				if !k.local {
					if name != "logreg-C1.0" {
						continue
					}
					levels = []string{"", "eval"} // rest/31, rest/32
				}
				want := tree(t, ref, ref.man.Runs[name], levels...)
				got := tree(t, k, k.man.Runs[name], levels...)
				if k.legacy222 { // whyLegacyModels
					hasModel := len(drop(&got, "model")) > 0
					if out := ref.mustRun(t, name).Outputs; hasModel != (out != nil && len(out.ModelOutputs) > 0) {
						t.Errorf("run %s: 2.22 artifacts/model %v, 3.5 model outputs %+v", name, hasModel, out)
					}
				}
				if d := diff(want, got); d != "" {
					t.Errorf("artifacts of %s (-filestore-3.5 +%s):\n%s", name, k.name, d)
				}
				for _, e := range want {
					if e.Dir || !(contains(compared, e.Path) || path.Dir(e.Path) == "plots" && path.Ext(e.Path) == ".png") {
						continue
					}
					if !k.local && e.Path != "eval/summary.json" { // rest/38 only
						continue
					}
					a := readArtifact(t, ref, ref.man.Runs[name], e.Path)
					b := readArtifact(t, k, k.man.Runs[name], e.Path)
					if !bytes.Equal(a, b) || int64(len(a)) != e.Size {
						t.Errorf("run %s %s: %d bytes (filestore-3.5, listed %d) vs %d (%s), equal %v", name, e.Path, len(a), e.Size, len(b), k.name, bytes.Equal(a, b))
					}
					files++
				}
			}
			if min := 4 * 3; k.local && files < min || !k.local && files != 1 {
				t.Errorf("compared %d files", files)
			}
		})
	}
}

// drop removes the subtree under dir from es and returns it.
func drop(es *[]entry, dir string) []entry {
	var keep, gone []entry
	for _, e := range *es {
		if e.Path == dir || strings.HasPrefix(e.Path, dir+"/") {
			gone = append(gone, e)
		} else {
			keep = append(keep, e)
		}
	}
	*es = keep
	return gone
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
