package demo

import (
	"bytes"
	"image/png"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"flowdeck/backend/mlflow"
)

func gen(t testing.TB, dir string, o Options) Summary {
	t.Helper()
	s, err := Generate(dir, o)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return s
}

// readTree maps slash paths to contents, with the absolute root replaced.
func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	uri := fileURI(root)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = strings.ReplaceAll(string(b), uri, "file:///ROOT")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerateDeterministic(t *testing.T) {
	base := t.TempDir()
	o := Options{Runs: 40, Steps: 30, Hostile: true, Workers: 3}
	a := gen(t, filepath.Join(base, "a", "mlruns"), o)
	o.Workers = 1
	b := gen(t, filepath.Join(base, "b", "mlruns"), o)
	ta, tb := readTree(t, a.Root), readTree(t, b.Root)
	if len(ta) != len(tb) {
		t.Fatalf("trees differ in size: %d vs %d entries", len(ta), len(tb))
	}
	for p, ca := range ta {
		cb, ok := tb[p]
		if !ok {
			t.Fatalf("%s only in first tree", p)
		}
		if ca != cb {
			t.Fatalf("%s differs between identical seeds", p)
		}
	}
	c := gen(t, filepath.Join(base, "c", "mlruns"), Options{Runs: 40, Steps: 30, Hostile: true, Seed: 2})
	if c.Runs[0].ID == a.Runs[0].ID || c.Experiments[1].ID == a.Experiments[1].ID {
		t.Fatal("a different seed gave the same ids")
	}
}

func TestGenerateRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir, Options{Runs: 2}); err == nil {
		t.Fatal("Generate wrote into a non-empty directory")
	}
	if b, err := os.ReadFile(filepath.Join(dir, "keep.txt")); err != nil || string(b) != "x" {
		t.Fatal("existing content was touched")
	}
	// An existing empty directory is fine, and no temp dirs are left behind.
	empty := filepath.Join(t.TempDir(), "mlruns")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	gen(t, empty, Options{Runs: 3, Steps: 5})
	ents, _ := os.ReadDir(filepath.Dir(empty))
	if len(ents) != 1 {
		t.Fatalf("parent holds %d entries, want only mlruns", len(ents))
	}
}

type runMetaFile struct {
	RunID          string `yaml:"run_id"`
	ExperimentID   string `yaml:"experiment_id"`
	RunName        string `yaml:"run_name"`
	Status         int    `yaml:"status"`
	StartTime      int64  `yaml:"start_time"`
	EndTime        *int64 `yaml:"end_time"`
	LifecycleStage string `yaml:"lifecycle_stage"`
	ArtifactURI    string `yaml:"artifact_uri"`
	SourceType     int    `yaml:"source_type"`
}

// TestGenerateStructure checks the tree against the FileStore rules in
// MLFLOW-FORMATS §2 and against the Summary.
func TestGenerateStructure(t *testing.T) {
	root := filepath.Join(t.TempDir(), "mlruns")
	o := Options{Runs: 60, Steps: 50, Metrics: 10, Params: 14, Tags: 6}
	s := gen(t, root, o)
	if s.Root != root {
		t.Fatalf("Root = %s, want %s", s.Root, root)
	}
	if len(s.Experiments) != 4 || s.Experiments[0].ID != "0" {
		t.Fatalf("experiments = %+v", s.Experiments)
	}
	for _, e := range s.Experiments[1:] {
		if len(e.ID) != 18 {
			t.Errorf("experiment id %q is not 18 digits", e.ID)
		}
		meta, err := os.ReadFile(filepath.Join(root, e.ID, "meta.yaml"))
		if err != nil || !bytes.Contains(meta, []byte("experiment_id: '"+e.ID+"'\n")) {
			t.Errorf("experiment %s meta.yaml: %v\n%s", e.ID, err, meta)
		}
		if note, err := os.ReadFile(filepath.Join(root, e.ID, "tags", "mlflow.note.content")); err != nil || !bytes.HasPrefix(note, []byte("# ")) {
			t.Errorf("experiment %s has no Markdown description", e.ID)
		}
	}
	statuses := map[string]int{}
	deleted, children, models, points, params, tags := 0, 0, 0, 0, 0, 0
	for _, r := range s.Runs {
		statuses[r.Status]++
		dir := filepath.Join(root, r.ExperimentID, r.ID)
		for _, sub := range []string{"metrics", "params", "tags", "artifacts"} {
			if st, err := os.Stat(filepath.Join(dir, sub)); err != nil || !st.IsDir() {
				t.Fatalf("run %s lacks %s/", r.ID, sub)
			}
		}
		raw, err := os.ReadFile(filepath.Join(dir, "meta.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var m runMetaFile
		if err := yaml.Unmarshal(raw, &m); err != nil {
			t.Fatalf("run %s meta.yaml: %v", r.ID, err)
		}
		if m.RunID != r.ID || m.ExperimentID != r.ExperimentID || m.RunName != r.Name || m.SourceType != 4 ||
			mlflow.RunStatusName(m.Status) != r.Status || m.LifecycleStage != r.LifecycleStage {
			t.Fatalf("run %s meta.yaml disagrees with summary %+v:\n%s", r.ID, r, raw)
		}
		if want := fileURI(root) + "/" + r.ExperimentID + "/" + r.ID + "/artifacts"; m.ArtifactURI != want {
			t.Fatalf("artifact_uri = %s, want %s", m.ArtifactURI, want)
		}
		if (m.EndTime == nil) != (r.Status == "RUNNING") {
			t.Fatalf("run %s status %s end_time %v", r.ID, r.Status, m.EndTime)
		}
		if r.LifecycleStage == "deleted" {
			deleted++
			if !bytes.Contains(raw, []byte("deleted_time: ")) {
				t.Fatalf("deleted run without deleted_time")
			}
		}
		if r.ParentID != "" {
			children++
			if b, _ := os.ReadFile(filepath.Join(dir, "tags", "mlflow.parentRunId")); string(b) != r.ParentID {
				t.Fatalf("run %s parent tag %q, want %q", r.ID, b, r.ParentID)
			}
		}
		if r.HasModel {
			models++
			for _, f := range []string{"MLmodel", "conda.yaml", "python_env.yaml", "requirements.txt", "input_example.json"} {
				if _, err := os.Stat(filepath.Join(dir, "artifacts", "model", f)); err != nil {
					t.Fatalf("model of %s lacks %s", r.ID, f)
				}
			}
		}
		points += checkMetrics(t, filepath.Join(dir, "metrics"), r)
		params += countFiles(t, filepath.Join(dir, "params"))
		tags += countFiles(t, filepath.Join(dir, "tags"))
		if n := countFiles(t, filepath.Join(dir, "artifacts")); n != r.ArtifactFiles {
			t.Fatalf("run %s: %d artifact files, summary says %d", r.ID, n, r.ArtifactFiles)
		}
	}
	for _, st := range []string{"RUNNING", "FINISHED", "FAILED", "KILLED"} {
		if statuses[st] == 0 {
			t.Errorf("no %s run (statuses %v)", st, statuses)
		}
	}
	if deleted != 1 || children == 0 || models == 0 || s.LoggedModels != models {
		t.Errorf("deleted=%d children=%d models=%d summary models=%d", deleted, children, models, s.LoggedModels)
	}
	if points != s.MetricPoints || params != s.Params || tags != s.Tags || params != 60*14 {
		t.Errorf("files: points %d params %d tags %d; summary %d %d %d", points, params, tags, s.MetricPoints, s.Params, s.Tags)
	}
	if _, err := os.Stat(filepath.Join(root, s.Runs[0].ExperimentID, "tags", "xss")); err == nil || s.HostileRunID != "" {
		t.Error("hostile content without Options.Hostile")
	}
	checkRegistry(t, root, s)
	checkPNG(t, filepath.Join(root, s.Runs[1].ExperimentID, s.Runs[1].ID, "artifacts", "plots", "loss.png"))
}

// checkMetrics validates every metric file of a run (3 fields, int64
// timestamps increasing, consecutive steps) and returns the point count.
func checkMetrics(t *testing.T, dir string, r RunSummary) int {
	t.Helper()
	total, keys := 0, 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		keys++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		var prev int64
		for i, ln := range lines {
			f := strings.Split(ln, " ")
			if len(f) != 3 {
				t.Fatalf("%s line %d: %q has %d fields", p, i, ln, len(f))
			}
			ts, err1 := strconv.ParseInt(f[0], 10, 64)
			_, err2 := mlflow.ParseFloat(f[1])
			step, err3 := strconv.ParseInt(f[2], 10, 64)
			if err1 != nil || err2 != nil || err3 != nil || step != int64(i) || ts <= prev || ts < r.StartTime {
				t.Fatalf("%s line %d: bad line %q", p, i, ln)
			}
			if r.EndTime != 0 && ts > r.EndTime {
				t.Fatalf("%s line %d: timestamp after end_time", p, i)
			}
			prev = ts
		}
		total += len(lines)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if keys != r.MetricKeys || total != r.MetricPoints {
		t.Fatalf("run %s: %d keys %d points, summary %d %d", r.ID, keys, total, r.MetricKeys, r.MetricPoints)
	}
	return total
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func checkRegistry(t *testing.T, root string, s Summary) {
	t.Helper()
	if len(s.RegisteredModels) == 0 {
		t.Fatal("no registered models")
	}
	stages := map[string]bool{}
	for _, m := range s.RegisteredModels {
		dir := filepath.Join(root, "models", m.Name)
		if _, ok := m.Aliases["champion"]; !ok {
			t.Errorf("model %s has no champion", m.Name)
		}
		for alias, v := range m.Aliases {
			b, err := os.ReadFile(filepath.Join(dir, "aliases", alias))
			if err != nil || string(b) != strconv.Itoa(v) {
				t.Fatalf("alias %s/%s = %q, %v", m.Name, alias, b, err)
			}
			if _, err := os.Stat(filepath.Join(dir, "version-"+string(b), "meta.yaml")); err != nil {
				t.Fatalf("alias %s/%s points at missing version %s", m.Name, alias, b)
			}
		}
		for _, v := range m.Versions {
			stages[v.Stage] = true
			raw, err := os.ReadFile(filepath.Join(dir, "version-"+strconv.Itoa(v.Version), "meta.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			var meta struct {
				Version int    `yaml:"version"`
				Stage   string `yaml:"current_stage"`
				Source  string `yaml:"source"`
				RunID   string `yaml:"run_id"`
			}
			if err := yaml.Unmarshal(raw, &meta); err != nil {
				t.Fatal(err)
			}
			if meta.Version != v.Version || meta.Stage != v.Stage || meta.RunID != v.RunID || meta.Source != "runs:/"+v.RunID+"/model" {
				t.Fatalf("version meta %+v, summary %+v", meta, v)
			}
		}
	}
	for _, st := range []string{"None", "Staging", "Production", "Archived"} {
		if !stages[st] {
			t.Errorf("no version in stage %s", st)
		}
	}
}

func checkPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("loss.png: %v", err)
	}
	if b := img.Bounds(); b.Dx() != plotW || b.Dy() != plotH {
		t.Fatalf("loss.png is %v", b)
	}
}

func TestGenerateHostile(t *testing.T) {
	root := filepath.Join(t.TempDir(), "mlruns")
	s := gen(t, root, Options{Runs: 5, Steps: 10, Hostile: true})
	var hr *RunSummary
	for i := range s.Runs {
		if s.Runs[i].ID == s.HostileRunID {
			hr = &s.Runs[i]
		}
	}
	if hr == nil || hr.Name != "<script>alert(1)</script>" {
		t.Fatalf("hostile run missing: %q", s.HostileRunID)
	}
	dir := filepath.Join(root, hr.ExperimentID, hr.ID)
	for file, want := range map[string]string{
		"tags/xss":                 "<img src=x onerror=alert(1)>",
		"tags/mlflow.runName":      "<script>alert(1)</script>",
		"tags/mlflow.note.content": "<script>alert(1)</script>",
		"meta.yaml":                "run_name: <script>alert(1)</script>\n",
	} {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		if err != nil || !strings.Contains(string(b), want) {
			t.Errorf("%s: %q lacks %q (%v)", file, b, want, err)
		}
	}
}

func TestMetricValueFormat(t *testing.T) {
	for _, v := range []float64{0.5, 1, 1e-05, 1.5e+20, 0.30000000000000004, -3, nanV(), infV(1), infV(-1)} {
		if got, want := string(appendMetricValue(nil, v)), mlflow.FormatFloat(v); got != want {
			t.Errorf("%v: %s, want %s", v, got, want)
		}
	}
}

func BenchmarkGenerate2000(b *testing.B) {
	o := Options{Runs: 2000, Params: 20, Metrics: 10, Steps: 100}
	for i := 0; i < b.N; i++ {
		dir := filepath.Join(b.TempDir(), "mlruns")
		s, err := Generate(dir, o)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(s.MetricPoints), "points")
		b.StopTimer()
		_ = os.RemoveAll(dir)
		b.StartTimer()
	}
}

func nanV() float64         { return math.NaN() }
func infV(sign int) float64 { return math.Inf(sign) }
