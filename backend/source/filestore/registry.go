package filestore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"flowdeck/backend/mlflow"
)

// promptTag marks a registered model that is really a prompt [3.x].
const promptTag = "mlflow.prompt.is_prompt"

// regModel is one registry folder read whole: the model and its non-deleted
// versions (ascending).
type regModel struct {
	model    mlflow.RegisteredModel
	versions []mlflow.ModelVersion
	prompt   bool
}

// readRegistry reads every model folder under mlruns/models, sorted by name.
func (s *Store) readRegistry(ctx context.Context) ([]regModel, error) {
	base := filepath.Join(s.root, registryDir)
	entries, err := os.ReadDir(base)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("list registered models in %s: %w", base, err)
	}
	var out []regModel
	for _, e := range entries {
		if !isDirEntry(e, base) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if rm, ok := s.readRegisteredModel(filepath.Join(base, e.Name())); ok {
			out = append(out, rm)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].model.Name < out[j].model.Name })
	return out, nil
}

// readRegisteredModel reads models/<name>/: meta.yaml, tags/, aliases/ (the
// authoritative aliases; the copy in meta.yaml is stale) and version-N/.
func (s *Store) readRegisteredModel(dir string) (regModel, bool) {
	var m registeredModelMeta
	if err := readMeta(filepath.Join(dir, metaFile), &m); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.warn("skipped registered model %s: %v", dir, err)
		}
		return regModel{}, false
	}
	name := string(m.Name)
	if name == "" {
		name = filepath.Base(dir)
	}
	rm := regModel{model: mlflow.RegisteredModel{
		Name:                 name,
		CreationTimestamp:    m.CreationTimestamp.V,
		LastUpdatedTimestamp: m.LastUpdatedTimestamp.V,
		UserID:               string(m.UserID),
		Description:          string(m.Description),
		Tags:                 readKeyValues(filepath.Join(dir, "tags"), s.warn),
	}}
	for _, t := range rm.model.Tags {
		if t.Key == promptTag && strings.EqualFold(t.Value, "true") {
			rm.prompt = true
		}
	}
	byVersion := map[string][]string{}
	for _, a := range readKeyValues(filepath.Join(dir, "aliases"), s.warn) {
		v := strings.TrimSpace(a.Value)
		rm.model.Aliases = append(rm.model.Aliases, mlflow.RegisteredModelAlias{Alias: a.Key, Version: v})
		byVersion[v] = append(byVersion[v], a.Key)
	}
	for _, sub := range s.subDirs(dir) {
		if !strings.HasPrefix(sub, "version-") {
			continue
		}
		mv, ok := s.readVersion(filepath.Join(dir, sub), name)
		if !ok {
			continue
		}
		mv.Aliases = byVersion[mv.Version]
		rm.versions = append(rm.versions, mv)
	}
	sort.Slice(rm.versions, func(i, j int) bool { return versionLess(rm.versions[i].Version, rm.versions[j].Version) })
	rm.model.LatestVersions = latestVersions(rm.versions)
	return rm, true
}

// readVersion reads version-N/; ok is false for soft-deleted or invalid
// versions.
func (s *Store) readVersion(dir, model string) (mlflow.ModelVersion, bool) {
	var m versionMeta
	p := filepath.Join(dir, metaFile)
	if err := readMeta(p, &m); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.warn("skipped model version %s: %v", dir, err)
		}
		return mlflow.ModelVersion{}, false
	}
	if string(m.CurrentStage) == mlflow.StageDeleted {
		return mlflow.ModelVersion{}, false
	}
	v := strings.TrimPrefix(filepath.Base(dir), "version-")
	if m.Version.Set {
		v = strconv.FormatInt(m.Version.V, 10)
	}
	stage := string(m.CurrentStage)
	if stage == "" {
		stage = mlflow.StageNone
	}
	mv := mlflow.ModelVersion{
		Name:                 model,
		Version:              v,
		CreationTimestamp:    m.CreationTimestamp.V,
		LastUpdatedTimestamp: m.LastUpdatedTimestamp.V,
		UserID:               string(m.UserID),
		CurrentStage:         stage,
		Description:          string(m.Description),
		Source:               string(m.Source),
		RunID:                string(m.RunID),
		Status:               string(m.Status),
		StatusMessage:        string(m.StatusMessage),
		RunLink:              string(m.RunLink),
		ModelID:              string(m.ModelID),
		Tags:                 readKeyValues(filepath.Join(dir, "tags"), s.warn),
		StorageLocation:      string(m.StorageLocation),
	}
	if mv.StorageLocation == "" {
		mv.StorageLocation = mv.Source // get-download-uri's fallback
	}
	return mv, true
}

// versionLess orders version numbers numerically.
func versionLess(a, b string) bool {
	x, errA := strconv.ParseInt(a, 10, 64)
	y, errB := strconv.ParseInt(b, 10, 64)
	if errA == nil && errB == nil {
		return x < y
	}
	return a < b
}

// latestVersions keeps the highest version of each stage (None included),
// in ascending version order as registered-models/get returns them.
// versions must be sorted ascending.
func latestVersions(versions []mlflow.ModelVersion) []mlflow.ModelVersion {
	last := map[string]int{}
	for i, v := range versions {
		last[v.CurrentStage] = i
	}
	var out []mlflow.ModelVersion
	for i, v := range versions {
		if last[v.CurrentStage] == i {
			v.Aliases = nil // MLflow leaves aliases out of latest_versions
			out = append(out, v)
		}
	}
	return out
}

// RegisteredModels lists registered models sorted by name, leaving out
// prompts as MLflow's model search does.
func (s *Store) RegisteredModels(ctx context.Context) ([]mlflow.RegisteredModel, error) {
	rms, err := s.readRegistry(ctx)
	if err != nil {
		return nil, err
	}
	out := []mlflow.RegisteredModel{}
	for _, rm := range rms {
		if !rm.prompt {
			out = append(out, rm.model)
		}
	}
	return out, nil
}

// ModelVersions lists non-deleted versions of one model (name given) or of
// every model, sorted by name then version; prompt versions are left out.
func (s *Store) ModelVersions(ctx context.Context, name string) ([]mlflow.ModelVersion, error) {
	rms, err := s.readRegistry(ctx)
	if err != nil {
		return nil, err
	}
	out := []mlflow.ModelVersion{}
	found := false
	for _, rm := range rms {
		if name != "" && rm.model.Name != name {
			continue
		}
		found = true
		if !rm.prompt {
			out = append(out, rm.versions...)
		}
	}
	if name != "" && !found {
		return nil, mlflow.NotFoundf("Registered Model with name=%s not found", name)
	}
	return out, nil
}
