package filestore

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"flowdeck/backend/source"
)

// refWorkers bounds the goroutines stat-ing run folders: enough to hide
// file-system latency, few enough not to starve a small machine.
const refWorkers = 8

// refMetaEntry is what RunRefs keeps of a run's meta.yaml between calls.
type refMetaEntry struct {
	size, mtime int64
	lifecycle   string
	bad         bool // the file was invalid at this size and mtime
}

type refJob struct {
	exp expDir
	run string
}

// RunRefs lists every run (active and deleted) of the given experiments, or
// of all experiments when ids is empty, with a fingerprint built from file
// folder listings, sizes and modification times only: meta.yaml, every
// tags/ and metrics/ file, and the names in params/, inputs/ and outputs/. meta.yaml is parsed
// only when it changed since the last call.
func (s *Store) RunRefs(ctx context.Context, experimentIDs []string) ([]source.RunRef, error) {
	exps, _, err := s.validExperiments()
	if err != nil {
		return nil, err
	}
	if len(experimentIDs) > 0 {
		want := map[string]bool{}
		for _, id := range experimentIDs {
			want[id] = true
		}
		kept := exps[:0]
		for _, d := range exps {
			if want[d.id] {
				kept = append(kept, d)
			}
		}
		exps = kept
	}
	var jobs []refJob
	for _, d := range exps {
		runs, err := runDirsOf(d.path)
		if err != nil {
			s.warn("skipped the runs of experiment folder %s: %v", d.path, err)
			continue
		}
		for _, r := range runs {
			jobs = append(jobs, refJob{exp: d, run: r})
		}
	}
	results := make([]*source.RunRef, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(refWorkers, len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := fnv.New128a()
			for i := range next {
				results[i] = s.runRef(jobs[i], h)
			}
		}()
	}
feed:
	for i := range jobs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	refs := make([]source.RunRef, 0, len(jobs))
	s.mu.Lock()
	if s.runDirs == nil {
		s.runDirs = map[string]string{}
	}
	for i, r := range results {
		if r != nil {
			refs = append(refs, *r)
			s.runDirs[r.RunID] = filepath.Join(jobs[i].exp.path, r.RunID)
		}
	}
	s.mu.Unlock()
	sort.Slice(refs, func(i, j int) bool {
		if refs[i].ExperimentID != refs[j].ExperimentID {
			return lessID(refs[i].ExperimentID, refs[j].ExperimentID)
		}
		return refs[i].RunID < refs[j].RunID
	})
	return refs, nil
}

// runRef builds one RunRef, or nil (with a warning) for a folder MLflow
// would not read as a run.
func (s *Store) runRef(j refJob, h hash.Hash) *source.RunRef {
	dir := filepath.Join(j.exp.path, j.run)
	metaPath := filepath.Join(dir, metaFile)
	st, err := os.Stat(metaPath)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			s.warn("skipped run folder %s: it has no meta.yaml", dir)
		} else {
			s.warn("skipped run folder %s: %v", dir, err)
		}
		return nil
	}
	ls, ok := s.refLifecycle(dir, st)
	if !ok {
		return nil
	}
	h.Reset()
	var buf [16]byte
	putStat := func(name string, size, mtime int64) {
		h.Write([]byte(name))
		binary.LittleEndian.PutUint64(buf[:8], uint64(size))
		binary.LittleEndian.PutUint64(buf[8:], uint64(mtime))
		h.Write(buf[:])
	}
	putStat(metaFile, st.Size(), st.ModTime().UnixNano())
	// Params are immutable in MLflow, so their names are enough; tags are
	// overwritten in place and metrics appended, so those files are stat-ed.
	h.Write([]byte("\x00params"))
	walkKeys(filepath.Join(dir, "params"), s.warn, func(key, _ string) {
		h.Write([]byte(key))
		h.Write([]byte{0})
	})
	for _, sub := range []string{"tags", "metrics"} {
		h.Write([]byte{0})
		h.Write([]byte(sub))
		walkKeys(filepath.Join(dir, sub), s.warn, func(key, path string) {
			if fi, err := os.Lstat(path); err == nil {
				putStat(key, fi.Size(), fi.ModTime().UnixNano())
			}
		})
	}
	// Input and output meta.yaml files are written once, so the folder
	// names are enough.
	for _, sub := range []string{"inputs", "outputs"} {
		h.Write([]byte{0})
		h.Write([]byte(sub))
		for _, name := range s.subDirs(filepath.Join(dir, sub)) {
			h.Write([]byte(name))
			h.Write([]byte{0})
		}
	}
	return &source.RunRef{
		RunID:          j.run,
		ExperimentID:   j.exp.id,
		LifecycleStage: ls,
		Fingerprint:    hex.EncodeToString(h.Sum(nil)),
	}
}

// refLifecycle returns the run's lifecycle stage from meta.yaml, parsing the
// file only when its size or mtime changed since the last call.
func (s *Store) refLifecycle(dir string, st os.FileInfo) (string, bool) {
	size, mtime := st.Size(), st.ModTime().UnixNano()
	s.mu.Lock()
	c, ok := s.refMeta[dir]
	s.mu.Unlock()
	if ok && c.size == size && c.mtime == mtime {
		return c.lifecycle, !c.bad
	}
	m, err := loadRunMeta(dir)
	c = refMetaEntry{size: size, mtime: mtime}
	if err != nil {
		s.warn("skipped run folder %s: %v", dir, err)
		c.bad = true
	} else {
		c.lifecycle = lifecycle(string(m.LifecycleStage))
	}
	// A failure is remembered too (an empty file would otherwise cost the
	// retry delay on every listing); writing the file changes its size.
	s.mu.Lock()
	if s.refMeta == nil {
		s.refMeta = map[string]refMetaEntry{}
	}
	s.refMeta[dir] = c
	s.mu.Unlock()
	return c.lifecycle, !c.bad
}
