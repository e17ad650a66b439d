package cli
import ("testing";"bytes";"fmt";"path/filepath";"flowdeck/backend/testfix")
func TestZZScratch(t *testing.T) {
	db := testfix.Copy(t, "mlflow-3.5/mlflow.db")
	dir := t.TempDir()
	src := "sqlite:///" + db
	for _, args := range [][]string{
		{"runs", "get", src, "6bfbc67fa311400d8883fefe1a8daeda", "--json"},
		{"experiments", "search", src, "--json", "--view-type", "ALL"},
		{"runs", "search", src, "--experiment-ids", "1", "--filter", "metrics.final_accuracy > 0.5"},
		{"artifacts", "list", src, "6bfbc67fa311400d8883fefe1a8daeda", "--json"},
		{"models", "search", src},
	} {
		var out, errb bytes.Buffer
		code := Main(append(args, "--cache", filepath.Join(dir, "c.db"), "--config", filepath.Join(dir, "cfg.json")), Deps{Stdout: &out, Stderr: &errb})
		fmt.Println(args[:2], code, errb.String())
		s := out.String(); if len(s) > 2500 { s = s[:2500] }
		fmt.Println(s)
	}
}
