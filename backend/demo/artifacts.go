package demo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// writeArtifacts writes a run's artifact files and returns how many.
func (p *plan) writeArtifacts(t *tree, r *rand.Rand, rp *runPlan, dir string, keys []string, values [][]float64) (int, error) {
	files := []struct {
		name string
		data []byte
	}{
		{"notes.txt", notesText(rp)},
		{"metrics.csv", metricsCSV(keys, values)},
		{"config.json", configJSON(rp)},
		{"config/params.yaml", paramsYAML(rp)},
	}
	for _, f := range files {
		if err := t.write(dir+"/"+f.name, f.data); err != nil {
			return 0, err
		}
	}
	n := len(files)
	png, err := lossPNG(values)
	if err != nil {
		return n, fmt.Errorf("render loss plot of run %s: %w", rp.id, err)
	}
	if err := t.write(dir+"/plots/loss.png", png); err != nil {
		return n, err
	}
	n++
	if rp.hasModel {
		m, err := p.writeModel(t, r, rp, dir+"/model")
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func notesText(rp *runPlan) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "Run %s (%s)\n", rp.name, rp.id)
	fmt.Fprintf(&b, "Experiment: %s\nModel: %s, lr=%s, batch_size=%d\n", rp.exp.spec.name, rp.hp.modelType, formatParam(rp.hp.lr), rp.hp.batchSize)
	fmt.Fprintf(&b, "Status: %s\n", statusNames[rp.status])
	if rp.status == statusFailed {
		b.WriteString("CUDA out of memory at the last logged step; loss became NaN.\n")
	}
	return []byte(b.String())
}

// metricsCSV is a per-epoch summary table: about 20 rows, last step included.
func metricsCSV(keys []string, values [][]float64) []byte {
	var b bytes.Buffer
	b.WriteString("step")
	for _, k := range keys {
		b.WriteString("," + k)
	}
	b.WriteByte('\n')
	n := 0
	if len(values) > 0 {
		n = len(values[0])
	}
	stride := max(1, n/20)
	var num []byte
	for step := 0; step < n; step++ {
		if step%stride != 0 && step != n-1 {
			continue
		}
		fmt.Fprintf(&b, "%d", step)
		for i := range keys {
			num = appendMetricValue(num[:0], values[i][step])
			b.WriteByte(',')
			b.Write(num)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func configJSON(rp *runPlan) []byte {
	m := make(map[string]string, len(rp.params))
	for _, pv := range rp.params {
		m[pv.k] = pv.v
	}
	b, _ := json.MarshalIndent(map[string]any{"run_name": rp.name, "experiment": rp.exp.spec.name, "params": m}, "", "  ")
	return append(b, '\n')
}

func paramsYAML(rp *runPlan) []byte {
	m := make(ymap, len(rp.params))
	for _, pv := range rp.params {
		m[pv.k] = pv.v
	}
	return marshalYAML(m)
}
