package filestore

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// yamlStr accepts any YAML scalar as text, because MLflow's files changed
// types over the years (an int experiment_id in ≤0.9, quoted strings since).
// null reads as "".
type yamlStr string

func (y *yamlStr) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a single value, found a list or map", n.Line)
	}
	if n.Tag == "!!null" {
		*y = ""
		return nil
	}
	*y = yamlStr(n.Value)
	return nil
}

// yamlInt is an optional integer (timestamps, steps, versions). null leaves
// it unset; a quoted or float-looking number is accepted because hand-edited
// and very old files carry them.
type yamlInt struct {
	V   int64
	Set bool
}

func (y *yamlInt) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a number, found a list or map", n.Line)
	}
	if n.Tag == "!!null" || n.Value == "" {
		*y = yamlInt{}
		return nil
	}
	if v, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
		*y = yamlInt{V: v, Set: true}
		return nil
	}
	f, err := strconv.ParseFloat(n.Value, 64)
	if err != nil || f != f || f > 9.2e18 || f < -9.2e18 {
		return fmt.Errorf("line %d: %q is not a number", n.Line, n.Value)
	}
	*y = yamlInt{V: int64(f), Set: true}
	return nil
}

type experimentMeta struct {
	ExperimentID     yamlStr `yaml:"experiment_id"`
	Name             yamlStr `yaml:"name"`
	ArtifactLocation yamlStr `yaml:"artifact_location"`
	LifecycleStage   yamlStr `yaml:"lifecycle_stage"`
	CreationTime     yamlInt `yaml:"creation_time"`
	LastUpdateTime   yamlInt `yaml:"last_update_time"`
}

type runMeta struct {
	RunID          yamlStr `yaml:"run_id"`
	RunUUID        yamlStr `yaml:"run_uuid"`
	ExperimentID   yamlStr `yaml:"experiment_id"`
	RunName        yamlStr `yaml:"run_name"`
	UserID         yamlStr `yaml:"user_id"`
	Status         yamlStr `yaml:"status"`
	StartTime      yamlInt `yaml:"start_time"`
	EndTime        yamlInt `yaml:"end_time"`
	DeletedTime    yamlInt `yaml:"deleted_time"`
	LifecycleStage yamlStr `yaml:"lifecycle_stage"`
	ArtifactURI    yamlStr `yaml:"artifact_uri"`
}

// id is the run id the file claims: run_id, or run_uuid for files written
// before run_id existed.
func (m *runMeta) id() string {
	if m.RunID != "" {
		return string(m.RunID)
	}
	return string(m.RunUUID)
}

type loggedModelMeta struct {
	ModelID              yamlStr `yaml:"model_id"`
	ExperimentID         yamlStr `yaml:"experiment_id"`
	Name                 yamlStr `yaml:"name"`
	ArtifactLocation     yamlStr `yaml:"artifact_location"`
	LifecycleStage       yamlStr `yaml:"lifecycle_stage"`
	ModelType            yamlStr `yaml:"model_type"`
	SourceRunID          yamlStr `yaml:"source_run_id"`
	Status               yamlInt `yaml:"status"`
	StatusMessage        yamlStr `yaml:"status_message"`
	CreationTimestamp    yamlInt `yaml:"creation_timestamp"`
	LastUpdatedTimestamp yamlInt `yaml:"last_updated_timestamp"`
}

type datasetMeta struct {
	Name       yamlStr `yaml:"name"`
	Digest     yamlStr `yaml:"digest"`
	SourceType yamlStr `yaml:"source_type"`
	Source     yamlStr `yaml:"source"`
	Schema     yamlStr `yaml:"schema"`
	Profile    yamlStr `yaml:"profile"`
}

// ioMeta is a run input (inputs/<id>/meta.yaml) or output
// (outputs/<m-id>/meta.yaml); both use the same keys.
type ioMeta struct {
	SourceType      yamlStr            `yaml:"source_type"`
	SourceID        yamlStr            `yaml:"source_id"`
	DestinationType yamlStr            `yaml:"destination_type"`
	DestinationID   yamlStr            `yaml:"destination_id"`
	Step            yamlInt            `yaml:"step"`
	Tags            map[string]yamlStr `yaml:"tags"`
}

type registeredModelMeta struct {
	Name                 yamlStr `yaml:"name"`
	Description          yamlStr `yaml:"description"`
	UserID               yamlStr `yaml:"user_id"`
	CreationTimestamp    yamlInt `yaml:"creation_timestamp"`
	LastUpdatedTimestamp yamlInt `yaml:"last_updated_timestamp"`
}

type versionMeta struct {
	Name                 yamlStr `yaml:"name"`
	Version              yamlInt `yaml:"version"`
	CreationTimestamp    yamlInt `yaml:"creation_timestamp"`
	LastUpdatedTimestamp yamlInt `yaml:"last_updated_timestamp"`
	CurrentStage         yamlStr `yaml:"current_stage"`
	Description          yamlStr `yaml:"description"`
	Source               yamlStr `yaml:"source"`
	StorageLocation      yamlStr `yaml:"storage_location"`
	RunID                yamlStr `yaml:"run_id"`
	RunLink              yamlStr `yaml:"run_link"`
	Status               yamlStr `yaml:"status"`
	StatusMessage        yamlStr `yaml:"status_message"`
	UserID               yamlStr `yaml:"user_id"`
	ModelID              yamlStr `yaml:"model_id"`
}

// errEmptyMeta marks a meta.yaml with no content: MLflow is probably between
// creating and writing it.
var errEmptyMeta = errors.New("the file is empty")

// decodeMeta decodes one meta.yaml document into v. Unknown keys are
// ignored (MLflow adds keys over time). The YAML library is not trusted to
// never panic on garbage, so a panic becomes an error.
func decodeMeta(data []byte, v any) (err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return errEmptyMeta
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed YAML: %v", r)
		}
	}()
	if err := yaml.Unmarshal(data, v); err != nil {
		return fmt.Errorf("malformed YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return nil
}

// metaRetryDelay is how long readMeta waits before re-reading an empty
// meta.yaml; MLflow itself retries twice for writers that create the file
// before filling it.
var metaRetryDelay = 50 * time.Millisecond

// readMetaAt is readMeta on the meta.yaml of an open folder, returning the
// file's status as it was read; a file read but not a valid meta is a
// badMetaError.
func readMetaAt(d *fsDir, v any) (fileStat, error) {
	var st fileStat
	err := decodeRetrying(func() (data []byte, err error) {
		data, st, err = d.readFileStat(metaFile, nil)
		return data, err
	}, v)
	var read readError
	switch {
	case errors.As(err, &read):
		return st, read.err
	case err != nil:
		return st, &badMetaError{fmt.Errorf("%s: %w", filepath.Join(d.path, metaFile), err)}
	}
	return st, nil
}

// readError marks a failed read inside decodeRetrying.
type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }

// decodeRetrying reads and decodes a meta.yaml, re-reading twice after
// metaRetryDelay while it is empty. A failed read is returned as readError.
func decodeRetrying(read func() ([]byte, error), v any) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if attempt > 0 {
			time.Sleep(metaRetryDelay)
		}
		data, rerr := read()
		if rerr != nil {
			return readError{rerr}
		}
		if err = decodeMeta(data, v); !errors.Is(err, errEmptyMeta) {
			break
		}
	}
	return err
}

// badMetaError is a meta.yaml that was read but is no valid run meta:
// empty, malformed, or naming another run or experiment. MLflow skips such
// a folder when it lists runs.
type badMetaError struct{ err error }

func (e *badMetaError) Error() string { return e.err.Error() }
func (e *badMetaError) Unwrap() error { return e.err }

// readMeta reads and decodes a meta.yaml, retrying briefly while it is empty.
// Errors name the file.
func readMeta(path string, v any) error {
	err := decodeRetrying(func() ([]byte, error) { return readPath(path, nil) }, v)
	var read readError
	switch {
	case errors.As(err, &read):
		return read.err
	case err != nil:
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
