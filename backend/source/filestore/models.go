package filestore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"

	"flowdeck/backend/mlflow"
)

// locateLoggedModel finds <exp>/models/<id>/ in any experiment folder.
func (s *Store) locateLoggedModel(id string) (string, loggedModelMeta, error) {
	var m loggedModelMeta
	notFound := mlflow.NotFoundf("Logged model with ID '%s' not found.", id)
	if !safeName(id) {
		return "", m, notFound
	}
	dirs, err := s.experimentDirs()
	if err != nil {
		return "", m, err
	}
	for _, d := range dirs {
		dir := filepath.Join(d.path, "models", id)
		err := readMeta(filepath.Join(dir, metaFile), &m)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", m, fmt.Errorf("read logged model %s: %w", id, err)
		}
		return dir, m, nil
	}
	return "", m, notFound
}

// LoggedModels lists the MLflow 3 logged models of the given experiments (all
// when empty), leaving out deleted ones, sorted by creation time (newest
// first, as logged-models/search orders by default).
func (s *Store) LoggedModels(ctx context.Context, experimentIDs []string) ([]mlflow.LoggedModel, error) {
	exps, _, err := s.validExperiments()
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, id := range experimentIDs {
		want[id] = true
	}
	out := []mlflow.LoggedModel{}
	for _, d := range exps {
		if len(want) > 0 && !want[d.id] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for _, id := range s.subDirs(filepath.Join(d.path, "models")) {
			if lm, ok := s.readLoggedModel(filepath.Join(d.path, "models", id)); ok {
				out = append(out, lm)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Info, out[j].Info
		if a.CreationTimestampMs != b.CreationTimestampMs {
			return a.CreationTimestampMs > b.CreationTimestampMs
		}
		return a.ModelID < b.ModelID
	})
	return out, nil
}

// readLoggedModel reads one models/<m-id>/ folder; ok is false for deleted
// or invalid models.
func (s *Store) readLoggedModel(dir string) (mlflow.LoggedModel, bool) {
	var m loggedModelMeta
	p := filepath.Join(dir, metaFile)
	if err := readMeta(p, &m); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.warn("skipped logged model %s: %v", dir, err)
		}
		return mlflow.LoggedModel{}, false
	}
	id := filepath.Base(dir)
	if string(m.ModelID) != id {
		s.warn("skipped logged model %s: its meta.yaml names model %q", dir, m.ModelID)
		return mlflow.LoggedModel{}, false
	}
	if lifecycle(string(m.LifecycleStage)) == mlflow.LifecycleDeleted {
		return mlflow.LoggedModel{}, false
	}
	lm := mlflow.LoggedModel{Info: mlflow.LoggedModelInfo{
		ModelID:                id,
		ExperimentID:           string(m.ExperimentID),
		Name:                   string(m.Name),
		CreationTimestampMs:    m.CreationTimestamp.V,
		LastUpdatedTimestampMs: m.LastUpdatedTimestamp.V,
		ArtifactURI:            string(m.ArtifactLocation),
		Status:                 mlflow.LoggedModelStatusName(int(m.Status.V)),
		ModelType:              string(m.ModelType),
		SourceRunID:            string(m.SourceRunID),
		StatusMessage:          string(m.StatusMessage),
		Tags:                   readKeyValues(filepath.Join(dir, "tags"), s.warn),
		LifecycleStage:         mlflow.LifecycleActive,
	}}
	lm.Data.Params = readKeyValues(filepath.Join(dir, "params"), s.warn)
	buf := getScratch()
	defer putScratch(buf)
	walkKeys(filepath.Join(dir, "metrics"), s.warn, func(key string, d *fsDir, name string) {
		path := filepath.Join(d.path, name)
		data, err := d.readFile(name, (*buf)[:0])
		*buf = data
		if err != nil {
			s.warn("skipped metric file %s: %v", path, err)
			return
		}
		mf := parseMetricData(data, key, parseModelMetricLine)
		for _, msg := range mf.Skipped {
			s.warn("skipped a line of metric file %s: %s", path, msg)
		}
		for _, pt := range mf.History {
			pt.ModelID = id
			lm.Data.Metrics = append(lm.Data.Metrics, pt)
		}
	})
	return lm, true
}
