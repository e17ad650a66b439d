package filestore

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unsafe"

	"flowdeck/backend/mlflow"
)

// ParseMetricLine parses one line of a run's metric file:
// "<timestamp> <value>" (≤0.9), "<timestamp> <value> <step>", or
// "<timestamp> <value> <step> <dataset_name> <dataset_digest>" [3.0].
// Fields are separated by single spaces as MLflow writes them; the returned
// metric has no Key.
func ParseMetricLine(line string) (mlflow.Metric, error) {
	var buf [6]string
	f := splitSpaces(strings.TrimSpace(line), buf[:0])
	switch len(f) {
	case 2, 3, 5:
	default:
		return mlflow.Metric{}, fmt.Errorf("metric line %q has %d fields; MLflow writes 2, 3 or 5", clip(line), len(f))
	}
	m, err := parseMetricFields(f)
	if err != nil {
		return mlflow.Metric{}, err
	}
	if len(f) == 5 {
		m.DatasetName, m.DatasetDigest = strings.Clone(f[3]), strings.Clone(f[4])
	}
	return m, nil
}

// parseModelMetricLine parses a logged model's metric line, which carries
// the source run: "<ts> <value> <step> <run_id>[ <dataset_name> <dataset_digest>]".
func parseModelMetricLine(line string) (mlflow.Metric, error) {
	var buf [7]string
	f := splitSpaces(strings.TrimSpace(line), buf[:0])
	if len(f) != 4 && len(f) != 6 {
		return mlflow.Metric{}, fmt.Errorf("logged-model metric line %q has %d fields; MLflow writes 4 or 6", clip(line), len(f))
	}
	m, err := parseMetricFields(f[:3])
	if err != nil {
		return mlflow.Metric{}, err
	}
	m.RunID = strings.Clone(f[3])
	if len(f) == 6 {
		m.DatasetName, m.DatasetDigest = strings.Clone(f[4]), strings.Clone(f[5])
	}
	return m, nil
}

// splitSpaces splits at single spaces like strings.Split(s, " "), into dst
// (a caller's stack array) so the hot path of a sync allocates no slice per
// line; a line with more fields than fit grows dst as append does, so its
// real field count is still reported.
func splitSpaces(s string, dst []string) []string {
	for {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
}

// parseMetricFields reads timestamp, value and (optional) step.
func parseMetricFields(f []string) (mlflow.Metric, error) {
	ts, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return mlflow.Metric{}, fmt.Errorf("metric timestamp %q is not an integer", clip(f[0]))
	}
	// mlflow.ParseFloat trims spaces; an empty field means a doubled space,
	// which MLflow rejects too.
	if f[1] == "" || isHex(f[1]) {
		return mlflow.Metric{}, fmt.Errorf("metric value %q is not a number", clip(f[1]))
	}
	v, err := strconv.ParseFloat(f[1], 64) // fast path; also takes nan, inf, infinity
	if err != nil {
		v, err = mlflow.ParseFloat(f[1]) // Python's spellings Go lacks (+nan, …)
	}
	if err != nil {
		return mlflow.Metric{}, fmt.Errorf("metric value %q is not a number", clip(f[1]))
	}
	m := mlflow.Metric{Timestamp: ts, Value: mlflow.Float(v)}
	if len(f) > 2 {
		step, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			return mlflow.Metric{}, fmt.Errorf("metric step %q is not an integer", clip(f[2]))
		}
		m.Step = step
	}
	return m, nil
}

// isHex reports whether s is a hexadecimal literal ([+-]0x…), which Go's
// ParseFloat takes and Python's float() does not.
func isHex(s string) bool {
	for len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return len(s) >= 2 && s[0] == '0' && s[1]|0x20 == 'x'
}

// clip shortens text quoted in error messages.
func clip(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}

// MetricFile is the parsed content of one metric file.
type MetricFile struct {
	// History holds the points in file order (duplicates kept).
	History []mlflow.Metric
	// Skipped describes lines that could not be parsed (with line numbers);
	// a half-written last line is dropped without a note because MLflow may
	// be appending to it right now.
	Skipped []string
}

// ReadMetricFile reads a run's metric file and tags every point with key.
func ReadMetricFile(path, key string) (MetricFile, error) {
	data, err := readPath(path, nil)
	if err != nil {
		return MetricFile{}, err
	}
	return parseMetricData(data, key, ParseMetricLine), nil
}

// parseMetricData splits data into lines. Only lines ended by '\n' count:
// MLflow appends "line\n" in one write, so text after the last newline is a
// line still being written.
func parseMetricData(data []byte, key string, parse func(string) (mlflow.Metric, error)) MetricFile {
	var mf MetricFile
	if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
		data = data[:i+1]
	} else {
		data = nil
	}
	n := bytes.Count(data, []byte{'\n'})
	mf.History = make([]mlflow.Metric, 0, n)
	lineNo := 0
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		raw := data[:i]
		data = data[i+1:]
		lineNo++
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		// The line is viewed, not copied: parse turns fields into numbers
		// and must clone any text it keeps (dataset names, run ids; rare),
		// since data is a reused read buffer.
		line := unsafe.String(unsafe.SliceData(raw), len(raw))
		m, err := parse(line)
		if err != nil {
			mf.Skipped = append(mf.Skipped, fmt.Sprintf("line %d: %v", lineNo, err))
			continue
		}
		m.Key = key
		mf.History = append(mf.History, m)
	}
	return mf
}

// latest picks the point runs/get reports: the greatest by (step,
// timestamp, value), not the last line.
func latest(h []mlflow.Metric) (mlflow.Metric, bool) {
	if len(h) == 0 {
		return mlflow.Metric{}, false
	}
	best := h[0]
	for _, m := range h[1:] {
		if best.Less(m) {
			best = m
		}
	}
	return best, true
}
