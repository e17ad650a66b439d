package filestore

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"flowdeck/backend/mlflow"
)

// readInputsOutputs reads a run's inputs/ (datasets and models it used) and
// outputs/ (logged models it produced). Both are always non-nil, as runs/get
// always carries the objects (empty as {}). The folder names go into the
// run's fingerprint p.
func (s *Store) readInputsOutputs(runDir string, p *runPrint) (*mlflow.RunInputs, *mlflow.RunOutputs) {
	in, out := &mlflow.RunInputs{}, &mlflow.RunOutputs{}
	expDir := filepath.Dir(runDir)
	inputs := s.subDirs(filepath.Join(runDir, "inputs"))
	outputs := s.subDirs(filepath.Join(runDir, "outputs"))
	p.section("inputs")
	for _, name := range inputs {
		p.name(name)
	}
	p.section("outputs")
	for _, name := range outputs {
		p.name(name)
	}
	for _, name := range inputs {
		var m ioMeta
		p := filepath.Join(runDir, "inputs", name, metaFile)
		if err := readMeta(p, &m); err != nil {
			s.warn("skipped run input %s: %v", p, err)
			continue
		}
		switch m.SourceType {
		case "DATASET":
			ds, ok := s.readDataset(expDir, string(m.SourceID))
			if !ok {
				continue
			}
			di := mlflow.DatasetInput{Dataset: ds}
			for k, v := range m.Tags {
				di.Tags = append(di.Tags, mlflow.Tag{Key: k, Value: string(v)})
			}
			sort.Slice(di.Tags, func(i, j int) bool { return di.Tags[i].Key < di.Tags[j].Key })
			in.DatasetInputs = append(in.DatasetInputs, di)
		case "MODEL":
			in.ModelInputs = append(in.ModelInputs, mlflow.ModelInput{ModelID: string(m.SourceID)})
		}
	}
	sort.SliceStable(in.DatasetInputs, func(i, j int) bool {
		a, b := in.DatasetInputs[i].Dataset, in.DatasetInputs[j].Dataset
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Digest < b.Digest
	})
	for _, name := range outputs {
		var m ioMeta
		p := filepath.Join(runDir, "outputs", name, metaFile)
		if err := readMeta(p, &m); err != nil {
			s.warn("skipped run output %s: %v", p, err)
			continue
		}
		// MLflow reads the model id from destination_id.
		if m.DestinationID != "" {
			out.ModelOutputs = append(out.ModelOutputs, mlflow.ModelOutput{ModelID: string(m.DestinationID), Step: m.Step.V})
		}
	}
	return in, out
}

// readDataset reads <exp>/datasets/<id>/meta.yaml.
func (s *Store) readDataset(expDir, id string) (mlflow.Dataset, bool) {
	if !safeName(id) {
		return mlflow.Dataset{}, false
	}
	p := filepath.Join(expDir, "datasets", id, metaFile)
	s.mu.Lock()
	ds, ok := s.datasets[p]
	s.mu.Unlock()
	if ok {
		return ds, true
	}
	var m datasetMeta
	if err := readMeta(p, &m); err != nil {
		s.warn("skipped dataset %s: %v", p, err)
		return mlflow.Dataset{}, false
	}
	ds = mlflow.Dataset{
		Name: string(m.Name), Digest: string(m.Digest), SourceType: string(m.SourceType),
		Source: string(m.Source), Schema: string(m.Schema), Profile: string(m.Profile),
	}
	s.mu.Lock()
	if s.datasets == nil || len(s.datasets) >= maxCachedDatasets {
		s.datasets = map[string]mlflow.Dataset{}
	}
	s.datasets[p] = ds
	s.mu.Unlock()
	return ds, true
}

// maxCachedDatasets bounds the dataset cache (it starts over when full).
const maxCachedDatasets = 10000

// subDirs lists the sub-folder names of dir (none when dir is missing).
func (s *Store) subDirs(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.warn("skipped folder %s: %v", dir, err)
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		if isDirEntry(e, dir) {
			out = append(out, e.Name())
		}
	}
	return out
}
