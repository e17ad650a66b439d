package filestore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

var _ source.Store = (*Store)(nil)

// Folder names inside mlruns/ and inside an experiment that are not
// experiments or runs.
const (
	trashDir    = ".trash"
	registryDir = "models"
	metaFile    = "meta.yaml"
)

// Store reads one mlruns folder. It is safe for concurrent use.
type Store struct {
	root string
	opts source.Options

	warnMu sync.Mutex
	warned map[string]bool

	mu sync.Mutex
	// runDirs maps a run id to its folder; built lazily and rebuilt when a
	// lookup misses, because runs appear while MLflow keeps logging.
	runDirs map[string]string
	// refMeta caches what RunRefs needs from each run's meta.yaml, keyed by
	// folder and valid while the file's size and mtime are unchanged.
	refMeta map[string]refMetaEntry
	// datasets caches decoded <exp>/datasets/<id>/meta.yaml files by path:
	// MLflow writes a dataset once and never changes it, while every run
	// that used it names it again.
	datasets map[string]mlflow.Dataset
}

// Open opens the mlruns folder at root (an absolute path).
func Open(root string, opts source.Options) (*Store, error) {
	st, err := os.Stat(root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open %q: no such folder: %w", root, mlflow.ErrNotFound)
		}
		return nil, fmt.Errorf("open %q: %w", root, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%q is not an MLflow store: it is a file, not an mlruns folder: %w", root, mlflow.ErrNotMLflow)
	}
	ok, err := looksLikeFileStore(root)
	if err != nil {
		return nil, fmt.Errorf("open %q: %w", root, err)
	}
	if !ok {
		return nil, fmt.Errorf("%q is not an MLflow store: no experiment folders with meta.yaml: %w", root, mlflow.ErrNotMLflow)
	}
	return &Store{root: filepath.Clean(root), opts: opts, warned: map[string]bool{}}, nil
}

// looksLikeFileStore accepts a folder MLflow created: one holding .trash or
// models/, or any sub-folder with a meta.yaml, or an empty folder named
// mlruns (a store nothing was logged to yet).
func looksLikeFileStore(root string) (bool, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return false, err
	}
	if len(entries) == 0 {
		return filepath.Base(root) == "mlruns", nil
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if e.Name() == trashDir || e.Name() == registryDir {
			return true, nil
		}
		if _, err := os.Stat(filepath.Join(root, e.Name(), metaFile)); err == nil {
			return true, nil
		}
	}
	return false, nil
}

// Info describes the store.
func (s *Store) Info() source.StoreInfo {
	return source.StoreInfo{Kind: source.KindFile, URI: "file://" + filepath.ToSlash(s.root)}
}

// Close releases nothing: the store holds no open files.
func (s *Store) Close() error { return nil }

// warn reports skipped data once per message, so repeated listings of a
// store with one broken file do not flood the user.
func (s *Store) warn(format string, a ...any) {
	if s.opts.Warn == nil {
		return
	}
	msg := fmt.Sprintf(format, a...)
	s.warnMu.Lock()
	seen := s.warned[msg]
	s.warned[msg] = true
	s.warnMu.Unlock()
	if !seen {
		s.opts.Warn(msg)
	}
}

// expDir is an experiment folder, in the root or in .trash.
type expDir struct {
	id   string
	path string
}

// experimentDirs lists candidate experiment folders (unvalidated).
func (s *Store) experimentDirs() ([]expDir, error) {
	var out []expDir
	for _, base := range []string{s.root, filepath.Join(s.root, trashDir)} {
		entries, err := os.ReadDir(base)
		if err != nil {
			if base != s.root && errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, fmt.Errorf("list experiments in %s: %w", base, err)
		}
		for _, e := range entries {
			if !isDirEntry(e, base) || (base == s.root && (e.Name() == trashDir || e.Name() == registryDir)) {
				continue
			}
			out = append(out, expDir{id: e.Name(), path: filepath.Join(base, e.Name())})
		}
	}
	return out, nil
}

// isDirEntry reports whether e is a folder, following a symlink (users link
// experiment folders in from other disks).
func isDirEntry(e fs.DirEntry, parent string) bool {
	if e.IsDir() {
		return true
	}
	if e.Type()&fs.ModeSymlink != 0 {
		st, err := os.Stat(filepath.Join(parent, e.Name()))
		return err == nil && st.IsDir()
	}
	return false
}

// loadExperiment reads and validates one experiment folder. ok is false for
// a folder MLflow would ignore (no meta.yaml, id mismatch); a malformed
// meta.yaml is also reported through warn.
func (s *Store) loadExperiment(d expDir) (mlflow.Experiment, bool) {
	var m experimentMeta
	p := filepath.Join(d.path, metaFile)
	if err := readMeta(p, &m); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.warn("skipped experiment folder %s: %v", d.path, err)
		}
		return mlflow.Experiment{}, false
	}
	if string(m.ExperimentID) != d.id {
		// MLflow ignores such folders silently; a warning helps the user
		// who copied an experiment under a new name.
		s.warn("skipped experiment folder %s: its meta.yaml names experiment %q, not %q", d.path, m.ExperimentID, d.id)
		return mlflow.Experiment{}, false
	}
	e := mlflow.Experiment{
		ExperimentID:     d.id,
		Name:             string(m.Name),
		ArtifactLocation: string(m.ArtifactLocation),
		LifecycleStage:   lifecycle(string(m.LifecycleStage)),
		CreationTime:     m.CreationTime.V,
		LastUpdateTime:   m.LastUpdateTime.V,
		Tags:             readKeyValues(filepath.Join(d.path, "tags"), s.warn),
	}
	return e, true
}

// lifecycle defaults a missing stage to active, as MLflow does.
func lifecycle(s string) string {
	if s == "" {
		return mlflow.LifecycleActive
	}
	return s
}

// validExperiments lists valid experiment folders with their experiments.
// An id present both in the root and in .trash keeps the root copy.
func (s *Store) validExperiments() ([]expDir, []mlflow.Experiment, error) {
	dirs, err := s.experimentDirs()
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	var ds []expDir
	var es []mlflow.Experiment
	for _, d := range dirs {
		if seen[d.id] {
			continue
		}
		e, ok := s.loadExperiment(d)
		if !ok {
			continue
		}
		seen[d.id] = true
		ds = append(ds, d)
		es = append(es, e)
	}
	return ds, es, nil
}

// Experiments lists experiments of the view type, sorted by id.
func (s *Store) Experiments(ctx context.Context, view mlflow.ViewType) ([]mlflow.Experiment, error) {
	_, es, err := s.validExperiments()
	if err != nil {
		return nil, err
	}
	out := es[:0]
	for _, e := range es {
		if view.Matches(e.LifecycleStage) {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessID(out[i].ExperimentID, out[j].ExperimentID) })
	return out, nil
}

// lessID orders numeric ids numerically (shorter first), others as text.
func lessID(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// GetExperiment returns one experiment, active or deleted.
func (s *Store) GetExperiment(ctx context.Context, id string) (*mlflow.Experiment, error) {
	if !safeName(id) {
		return nil, mlflow.NotFoundf("Experiment '%s' does not exist.", id)
	}
	for _, base := range []string{s.root, filepath.Join(s.root, trashDir)} {
		d := expDir{id: id, path: filepath.Join(base, id)}
		if _, err := os.Stat(filepath.Join(d.path, metaFile)); err != nil {
			continue
		}
		if e, ok := s.loadExperiment(d); ok {
			return &e, nil
		}
	}
	return nil, mlflow.NotFoundf("Experiment '%s' does not exist.", id)
}

// safeName reports whether id can be used as one path element.
func safeName(id string) bool {
	return id != "" && id != "." && id != ".." && !strings.ContainsAny(id, `/\`+"\x00") &&
		id != trashDir && id != registryDir
}
