package demo

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Limits keep a typo from filling the disk.
const (
	maxRuns        = 1_000_000
	maxKeys        = 1_000
	maxSteps       = 1_000_000
	maxExperiments = 1_000
)

// Generate writes a FileStore into dir (which must not exist or be empty)
// and reports what it wrote. The tree is built in a temporary sibling
// directory and renamed into place, so a failed or interrupted run never
// leaves a half-written store at dir.
func Generate(dir string, o Options) (Summary, error) {
	o = o.withDefaults()
	if o.Runs > maxRuns || o.Steps > maxSteps || o.Experiments > maxExperiments ||
		o.Metrics > maxKeys || o.Params > maxKeys || o.Tags > maxKeys {
		return Summary{}, fmt.Errorf("demo: options too large (runs ≤ %d, steps ≤ %d, experiments ≤ %d, keys ≤ %d)",
			maxRuns, maxSteps, maxExperiments, maxKeys)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Summary{}, fmt.Errorf("demo: resolve %s: %w", dir, err)
	}
	if err := checkTarget(abs); err != nil {
		return Summary{}, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return Summary{}, fmt.Errorf("demo: create parent of %s: %w", abs, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".tmp-*")
	if err != nil {
		return Summary{}, fmt.Errorf("demo: create temporary directory: %w", err)
	}
	s, err := generate(&tree{root: tmp}, newPlan(o, abs), o.Workers)
	if err == nil {
		err = moveInto(tmp, abs)
	}
	if err != nil {
		_ = os.RemoveAll(tmp)
		return Summary{}, fmt.Errorf("demo: generate %s: %w", abs, err)
	}
	return s, nil
}

// checkTarget accepts a missing path or an empty directory.
func checkTarget(abs string) error {
	st, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("demo: %s exists and is not a directory", abs)
	}
	f, err := os.Open(abs)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); !errors.Is(err, io.EOF) {
		if err != nil {
			return fmt.Errorf("demo: read %s: %w", abs, err)
		}
		return fmt.Errorf("demo: %s is not empty; refusing to write a store into it", abs)
	}
	return nil
}

func moveInto(tmp, abs string) error {
	if err := os.Remove(abs); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("replace empty %s: %w", abs, err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return fmt.Errorf("move store into place: %w", err)
	}
	return nil
}

func generate(t *tree, p *plan, workers int) (Summary, error) {
	s := Summary{Root: p.root}
	exps, datasets, err := p.writeExperiments(t)
	if err != nil {
		return s, err
	}
	s.Experiments, s.Datasets = exps, datasets

	s.Runs = make([]RunSummary, len(p.runs))
	errs := make([]error, len(p.runs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := false
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s.Runs[i], errs[i] = p.writeRun(t, p.runs[i])
				if errs[i] != nil {
					mu.Lock()
					failed = true
					mu.Unlock()
				}
			}
		}()
	}
	for i := range p.runs {
		mu.Lock()
		stop := failed
		mu.Unlock()
		if stop {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return s, err
	}
	for _, r := range s.Runs {
		s.Params += r.Params
		s.Tags += r.Tags
		s.MetricKeys += r.MetricKeys
		s.MetricPoints += r.MetricPoints
		s.ArtifactFiles += r.ArtifactFiles
		if r.HasModel {
			s.LoggedModels++
		}
	}
	if p.hostile != nil {
		s.HostileRunID = p.hostile.id
	}
	s.RegisteredModels, err = p.writeRegistry(t)
	return s, err
}
