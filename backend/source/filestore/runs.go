package filestore

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

// notRunDirs are experiment sub-folders that hold other entities.
var notRunDirs = map[string]bool{"tags": true, "datasets": true, "traces": true, "models": true}

// runDirsOf lists the run candidate folders of an experiment folder.
func runDirsOf(expPath string) ([]string, error) {
	entries, err := os.ReadDir(expPath)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if notRunDirs[e.Name()] || !isDirEntry(e, expPath) {
			continue
		}
		out = append(out, e.Name())
	}
	return out, nil
}

// rebuildIndex rescans every experiment for run folders.
func (s *Store) rebuildIndex() error {
	dirs, err := s.experimentDirs()
	if err != nil {
		return err
	}
	idx := map[string]string{}
	for _, d := range dirs {
		runs, err := runDirsOf(d.path)
		if err != nil {
			continue // an unreadable experiment folder is warned about by listings
		}
		for _, r := range runs {
			if _, dup := idx[r]; !dup {
				idx[r] = filepath.Join(d.path, r)
			}
		}
	}
	s.mu.Lock()
	s.runDirs = idx
	s.mu.Unlock()
	return nil
}

// runNotFound is MLflow's error for an unknown run id.
func runNotFound(id string) error { return mlflow.NotFoundf("Run '%s' not found", id) }

// locateRun returns the folder of a run, rescanning the store on a miss.
func (s *Store) locateRun(id string) (string, error) {
	if !safeName(id) {
		return "", runNotFound(id)
	}
	s.mu.Lock()
	dir, ok := s.runDirs[id]
	s.mu.Unlock()
	if ok {
		if _, err := os.Stat(dir); err == nil {
			return dir, nil
		}
	}
	if err := s.rebuildIndex(); err != nil {
		return "", fmt.Errorf("find run %s: %w", id, err)
	}
	s.mu.Lock()
	dir, ok = s.runDirs[id]
	s.mu.Unlock()
	if !ok {
		return "", runNotFound(id)
	}
	return dir, nil
}

// loadRunMeta reads a run's meta.yaml and checks it belongs to its folder:
// the run id must equal the folder name and the experiment id the parent's,
// as MLflow requires.
func loadRunMeta(dir string) (runMeta, error) {
	var m runMeta
	if err := readMeta(filepath.Join(dir, metaFile), &m); err != nil {
		return m, err
	}
	return m, checkRunMeta(m, dir)
}

// checkRunMeta checks a run's meta.yaml belongs to its folder dir.
func checkRunMeta(m runMeta, dir string) error {
	id, exp := filepath.Base(dir), filepath.Base(filepath.Dir(dir))
	if m.id() != id {
		return fmt.Errorf("%s names run %q, not the folder's %q", filepath.Join(dir, metaFile), m.id(), id)
	}
	if string(m.ExperimentID) != exp {
		return fmt.Errorf("%s names experiment %q, but the run lies in experiment folder %q", filepath.Join(dir, metaFile), m.ExperimentID, exp)
	}
	return nil
}

// statusName maps the stored status (an int, or a name in hand-made files)
// to MLflow's name; a missing status means RUNNING.
func statusName(s string) string {
	if n, err := strconv.Atoi(s); err == nil {
		return mlflow.RunStatusName(n)
	}
	switch up := strings.ToUpper(s); up {
	case mlflow.StatusRunning, mlflow.StatusScheduled, mlflow.StatusFinished, mlflow.StatusFailed, mlflow.StatusKilled:
		return up
	}
	return mlflow.StatusRunning
}

// readRun reads a run folder, every file once, relative to the open folder.
// With history, every metric's full history is kept too. It returns the
// run's fingerprint as RunRefs would list it, built from each file's status
// taken before the file is read (see runPrint).
func (s *Store) readRun(ctx context.Context, id string, history bool) (*source.RunBundle, string, error) {
	dir, err := s.locateRun(id)
	if err != nil {
		return nil, "", err
	}
	rd, err := openFSDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", runNotFound(id)
	}
	if err != nil {
		return nil, "", fmt.Errorf("read run %s: %w", id, err)
	}
	defer rd.close()
	var m runMeta
	metaStat, err := readMetaAt(rd, &m)
	if err == nil {
		if err = checkRunMeta(m, dir); err != nil {
			err = &badMetaError{err}
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", runNotFound(id)
	}
	if err != nil {
		return nil, "", fmt.Errorf("read run %s: %w", id, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	run := mlflow.Run{Info: mlflow.RunInfo{
		RunUUID:        id,
		RunID:          id,
		ExperimentID:   string(m.ExperimentID),
		RunName:        string(m.RunName),
		UserID:         string(m.UserID),
		Status:         statusName(string(m.Status)),
		StartTime:      m.StartTime.V,
		EndTime:        m.EndTime.V,
		ArtifactURI:    string(m.ArtifactURI),
		LifecycleStage: lifecycle(string(m.LifecycleStage)),
		DeletedTime:    m.DeletedTime.V,
	}}
	p := &runPrint{h: fnv.New128a()}
	p.stat(metaFile, metaStat)
	p.section("params")
	run.Data.Params = readKeyValuesAt(rd, "params", s.warn, func(key string, _ fileStat) { p.name(key) })
	p.section("tags")
	run.Data.Tags = readKeyValuesAt(rd, "tags", s.warn, p.stat)
	if run.Info.RunName == "" {
		// 1.x runs keep their name only in the tag.
		run.Info.RunName, _ = run.Tag("mlflow.runName")
	}
	b := &source.RunBundle{}
	if history {
		b.History = map[string][]mlflow.Metric{}
	}
	buf := getScratch()
	defer putScratch(buf)
	p.section("metrics")
	walkKeysAt(rd, "metrics", s.warn, func(key string, d *fsDir, name string) {
		data, st, err := d.readFileStat(name, (*buf)[:0])
		*buf = data
		if err == nil {
			p.stat(key, st)
		}
		h := s.metricHistory(filepath.Join(d.path, name), key, data, err)
		if l, ok := latest(h); ok {
			run.Data.Metrics = append(run.Data.Metrics, l)
		}
		if history {
			b.History[key] = h
		}
	})
	sort.Slice(run.Data.Metrics, func(i, j int) bool { return run.Data.Metrics[i].Key < run.Data.Metrics[j].Key })
	run.Inputs, run.Outputs = s.readInputsOutputs(dir, p)
	b.Run = run
	return b, p.sum(), nil
}

// metricHistory parses the bytes read from one run metric file, warning
// about a failed read and skipped lines.
func (s *Store) metricHistory(path, key string, data []byte, readErr error) []mlflow.Metric {
	if readErr != nil {
		s.warn("skipped metric file %s: %v", path, readErr)
		return nil
	}
	mf := parseMetricData(data, key, ParseMetricLine)
	for _, msg := range mf.Skipped {
		s.warn("skipped a line of metric file %s: %s", path, msg)
	}
	return mf.History
}

// GetRun returns a run with its latest metrics, params, tags, inputs and
// outputs, as runs/get does.
func (s *Store) GetRun(ctx context.Context, runID string) (*mlflow.Run, error) {
	b, _, err := s.readRun(ctx, runID, false)
	if err != nil {
		return nil, err
	}
	return &b.Run, nil
}

// ReadRun returns the run and every metric's history in one pass.
func (s *Store) ReadRun(ctx context.Context, runID string) (*source.RunBundle, error) {
	b, _, err := s.readRun(ctx, runID, true)
	return b, err
}

// ReadRunFingerprint is ReadRun with the run's fingerprint as RunRefs
// would list it, taken from the files as they were read: a file that grows
// while it is read shows a new size next time, so the run is read again.
//
// A folder whose meta.yaml is no valid run meta is reported as not found,
// with a warning, as RunRefs leaves it out: a hinted listing (RunRefsKnown)
// lists new folders without reading them, so this read is where they are
// told apart from runs.
func (s *Store) ReadRunFingerprint(ctx context.Context, runID string) (*source.RunBundle, string, error) {
	b, fp, err := s.readRun(ctx, runID, true)
	var bad *badMetaError
	if errors.As(err, &bad) {
		s.warn("skipped run folder: %v", bad)
		return nil, "", runNotFound(runID)
	}
	return b, fp, err
}

// MetricHistory returns one metric's points in file order; an unknown key
// gives an empty list.
func (s *Store) MetricHistory(ctx context.Context, runID, key string) ([]mlflow.Metric, error) {
	dir, err := s.locateRun(runID)
	if err != nil {
		return nil, err
	}
	if _, err := loadRunMeta(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, runNotFound(runID)
		}
		return nil, fmt.Errorf("read run %s: %w", runID, err)
	}
	if !validKey(key) {
		return []mlflow.Metric{}, nil
	}
	p := filepath.Join(dir, "metrics", filepath.FromSlash(key))
	if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
		return []mlflow.Metric{}, nil
	}
	buf := getScratch()
	defer putScratch(buf)
	data, err := readPath(p, (*buf)[:0])
	*buf = data
	h := s.metricHistory(p, key, data, err)
	if h == nil {
		h = []mlflow.Metric{}
	}
	return h, nil
}

// validKey reports whether a metric/param/tag key is a path MLflow could
// have written: relative, no "." or ".." segments, no empty segments.
func validKey(key string) bool {
	if key == "" || strings.ContainsAny(key, "\\\x00") {
		return false
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}
