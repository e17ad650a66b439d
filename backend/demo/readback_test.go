package demo

import (
	"context"
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
	"flowdeck/backend/source/filestore"
)

// TestReadBackWithFilestore proves the generated store is readable by
// Flowdeck's FileStore reader and holds what Summary reports.
func TestReadBackWithFilestore(t *testing.T) {
	root := filepath.Join(t.TempDir(), "mlruns")
	s := gen(t, root, Options{Runs: 30, Steps: 20, Hostile: true})
	st, err := filestore.Open(root, source.Options{Warn: func(m string) { t.Errorf("reader warning: %s", m) }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	exps, err := st.Experiments(ctx, mlflow.ViewAll)
	if err != nil || len(exps) != len(s.Experiments) {
		t.Fatalf("experiments: %d, %v; want %d", len(exps), err, len(s.Experiments))
	}
	refs, err := st.RunRefs(ctx, nil)
	if err != nil || len(refs) != len(s.Runs) {
		t.Fatalf("run refs: %d, %v; want %d", len(refs), err, len(s.Runs))
	}
	points, params, tags, datasets := 0, 0, 0, 0
	for _, r := range s.Runs {
		b, err := st.ReadRun(ctx, r.ID)
		if err != nil {
			t.Fatalf("ReadRun %s: %v", r.ID, err)
		}
		in := b.Run.Info
		if in.RunName != r.Name || in.Status != r.Status || in.LifecycleStage != r.LifecycleStage ||
			in.ExperimentID != r.ExperimentID || in.StartTime != r.StartTime || in.EndTime != r.EndTime {
			t.Fatalf("run info %+v, summary %+v", in, r)
		}
		if p, _ := b.Run.Tag("mlflow.parentRunId"); p != r.ParentID {
			t.Fatalf("parent %q, want %q", p, r.ParentID)
		}
		params += len(b.Run.Data.Params)
		tags += len(b.Run.Data.Tags)
		if len(b.History) != r.MetricKeys || len(b.Run.Data.Metrics) != r.MetricKeys {
			t.Fatalf("run %s: %d histories, %d latest; want %d", r.ID, len(b.History), len(b.Run.Data.Metrics), r.MetricKeys)
		}
		for _, m := range b.Run.Data.Metrics {
			h := b.History[m.Key]
			points += len(h)
			last := h[len(h)-1]
			if m.Step != last.Step || !sameFloat(float64(m.Value), float64(last.Value)) {
				t.Fatalf("run %s %s: latest %+v, last line %+v", r.ID, m.Key, m, last)
			}
		}
		if b.Run.Inputs != nil && len(b.Run.Inputs.DatasetInputs) > 0 {
			datasets++
			if r.DatasetID == "" || b.Run.Inputs.DatasetInputs[0].Dataset.Name == "" {
				t.Fatalf("run %s: unexpected dataset input", r.ID)
			}
		} else if r.DatasetID != "" {
			t.Fatalf("run %s: dataset input not read back", r.ID)
		}
	}
	if points != s.MetricPoints || params != s.Params || tags != s.Tags || datasets == 0 {
		t.Fatalf("read back points %d params %d tags %d, summary %d %d %d", points, params, tags, s.MetricPoints, s.Params, s.Tags)
	}
	models, err := st.RegisteredModels(ctx)
	if err != nil || len(models) != len(s.RegisteredModels) {
		t.Fatalf("registered models %d, %v; want %d", len(models), err, len(s.RegisteredModels))
	}
	for _, ms := range s.RegisteredModels {
		vs, err := st.ModelVersions(ctx, ms.Name)
		if err != nil || len(vs) != len(ms.Versions) {
			t.Fatalf("%s versions: %d, %v", ms.Name, len(vs), err)
		}
		for _, m := range models {
			if m.Name != ms.Name {
				continue
			}
			if len(m.Aliases) != len(ms.Aliases) {
				t.Fatalf("%s aliases %+v, want %v", m.Name, m.Aliases, ms.Aliases)
			}
			for _, a := range m.Aliases {
				if strconv.Itoa(ms.Aliases[a.Alias]) != a.Version {
					t.Fatalf("%s alias %s = %s, want %d", m.Name, a.Alias, a.Version, ms.Aliases[a.Alias])
				}
			}
		}
	}
	rc, size, err := st.OpenArtifact(ctx, s.Runs[1].ID, "plots/loss.png")
	if err != nil || size <= 0 {
		t.Fatalf("open artifact: %v (size %d)", err, size)
	}
	rc.Close()
}

func sameFloat(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
