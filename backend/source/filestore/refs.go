package filestore

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"hash/fnv"
	"io/fs"
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
	return s.RunRefsKnown(ctx, experimentIDs, nil)
}

// RunRefsKnown is RunRefs told what a cache holds (by run id; a non-nil
// map, even empty). A run whose fingerprint and experiment equal the known
// ones keeps the known lifecycle stage, and its meta.yaml, unchanged since it
// was last read whole, is not parsed again. A run the cache lacks is listed
// with neither fingerprint nor lifecycle stage: the caller reads it with
// ReadRunFingerprint, which fingerprints it from the files it reads (and
// reports a folder that is no run as not found). A cold sync thus touches
// each file once, and a warm one parses no meta.yaml.
func (s *Store) RunRefsKnown(ctx context.Context, experimentIDs []string, known map[string]source.RunRef) ([]source.RunRef, error) {
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
				results[i] = s.runRef(jobs[i], h, known)
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

// runPrint accumulates a run's fingerprint: meta.yaml's size and mtime, the
// names in params/ (params are immutable in MLflow), every tags/ and
// metrics/ file's size and mtime (tags are overwritten in place, metrics
// appended), and the folder names in inputs/ and outputs/ (their meta.yaml
// files are written once), in that order. RunRefs builds it from a listing;
// a read builds it from the files it reads, so the two agree.
type runPrint struct {
	h   hash.Hash
	buf [16]byte
}

func (p *runPrint) stat(name string, st fileStat) {
	p.h.Write([]byte(name))
	binary.LittleEndian.PutUint64(p.buf[:8], uint64(st.size))
	binary.LittleEndian.PutUint64(p.buf[8:], uint64(st.mtime))
	p.h.Write(p.buf[:])
}

func (p *runPrint) name(n string) {
	p.h.Write([]byte(n))
	p.h.Write([]byte{0})
}

func (p *runPrint) section(sub string) {
	p.h.Write([]byte{0})
	p.h.Write([]byte(sub))
}

func (p *runPrint) sum() string { return hex.EncodeToString(p.h.Sum(nil)) }

// runRef builds one RunRef, or nil (with a warning) for a folder MLflow
// would not read as a run. With a known map (a hinted listing), a run the
// map lacks is listed without a fingerprint and without touching its
// files: the read that must follow fingerprints it.
func (s *Store) runRef(j refJob, h hash.Hash, known map[string]source.RunRef) *source.RunRef {
	k, isKnown := known[j.run]
	if known != nil && !isKnown {
		return &source.RunRef{RunID: j.run, ExperimentID: j.exp.id}
	}
	dir := filepath.Join(j.exp.path, j.run)
	rd, err := openFSDir(dir)
	if err != nil {
		s.warn("skipped run folder %s: %v", dir, err)
		return nil
	}
	defer rd.close()
	size, mtime, _, err := rd.stat(metaFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			s.warn("skipped run folder %s: it has no meta.yaml", dir)
		} else {
			s.warn("skipped run folder %s: %v", dir, err)
		}
		return nil
	}
	h.Reset()
	p := &runPrint{h: h}
	meta := fileStat{size, mtime}
	p.stat(metaFile, meta)
	p.section("params")
	walkKeysAt(rd, "params", s.warn, func(key string, _ *fsDir, _ string) { p.name(key) })
	for _, sub := range []string{"tags", "metrics"} {
		p.section(sub)
		walkKeysAt(rd, sub, s.warn, func(key string, d *fsDir, name string) {
			if size, mtime, _, err := d.stat(name); err == nil {
				p.stat(key, fileStat{size, mtime})
			}
		})
	}
	for _, sub := range []string{"inputs", "outputs"} {
		p.section(sub)
		for _, name := range s.subDirs(filepath.Join(dir, sub)) {
			p.name(name)
		}
	}
	fp := p.sum()
	var ls string
	if isKnown && k.Fingerprint == fp && k.ExperimentID == j.exp.id && k.LifecycleStage != "" {
		ls = k.LifecycleStage
	} else if ls, isKnown = s.refLifecycle(dir, meta); !isKnown {
		return nil
	}
	return &source.RunRef{
		RunID:          j.run,
		ExperimentID:   j.exp.id,
		LifecycleStage: ls,
		Fingerprint:    fp,
	}
}

// refLifecycle returns the run's lifecycle stage from meta.yaml, parsing the
// file only when its size or mtime changed since the last call.
func (s *Store) refLifecycle(dir string, st fileStat) (string, bool) {
	size, mtime := st.size, st.mtime
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
