package filestore

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"flowdeck/backend/source"
	"flowdeck/backend/testfix"
)

func BenchmarkRunRefs(b *testing.B) {
	s, _ := openAt(b, testfix.Path("mlflow-3.5/mlruns"))
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.RunRefs(ctx, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadRun(b *testing.B) {
	m := loadManifest(b, "mlflow-3.5/manifest-filestore.json")
	s, _ := openAt(b, testfix.Path("mlflow-3.5/mlruns"))
	ctx := context.Background()
	id := m.Runs["logreg-C0.1"]
	for b.Loop() {
		if _, err := s.ReadRun(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunRefsLarge lists a generated store of 2,000 runs with 20
// params, 10 metrics and 5 tags each (the size the sync must handle warm in
// well under 0.3 s).
func BenchmarkRunRefsLarge(b *testing.B) {
	s := genLargeStore(b, filepath.Join(b.TempDir(), "mlruns"))
	ctx := context.Background()
	if refs, err := s.RunRefs(ctx, nil); err != nil || len(refs) != 2000 {
		b.Fatalf("%d refs, %v", len(refs), err)
	}
	for b.Loop() {
		if _, err := s.RunRefs(ctx, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// genLargeStore writes the store BenchmarkRunRefsLarge lists.
func genLargeStore(b *testing.B, root string) *Store {
	const exp = "123456789012345678"
	files := map[string]string{
		exp + "/meta.yaml": "experiment_id: '" + exp + "'\nname: big\nlifecycle_stage: active\n",
	}
	for r := 0; r < 2000; r++ {
		id := fmt.Sprintf("%032x", r)
		d := exp + "/" + id + "/"
		files[d+"meta.yaml"] = "experiment_id: '" + exp + "'\nlifecycle_stage: active\nrun_id: " + id + "\nrun_name: r\nstatus: 3\nstart_time: 1\nend_time: 2\n"
		for i := 0; i < 20; i++ {
			files[fmt.Sprintf("%sparams/p%d", d, i)] = "1"
		}
		for i := 0; i < 10; i++ {
			files[fmt.Sprintf("%smetrics/m%d", d, i)] = "1 0.5 0\n2 0.4 1\n"
		}
		for i := 0; i < 5; i++ {
			files[fmt.Sprintf("%stags/t%d", d, i)] = "v"
		}
	}
	for p, c := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	s, err := Open(root, source.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkParseMetricData parses a 100-line metric file as MLflow writes
// it (the inner loop of a cold sync: 2M lines at 2,000 runs).
func BenchmarkParseMetricData(b *testing.B) {
	var data []byte
	for i := 0; i < 100; i++ {
		data = fmt.Appendf(data, "%d %v %d\n", 1735689600000+int64(i)*1234, 0.5+float64(i)/997.0, i)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		mf := parseMetricData(data, "val_accuracy", ParseMetricLine)
		if len(mf.History) != 100 {
			b.Fatal(len(mf.History), mf.Skipped)
		}
	}
}
