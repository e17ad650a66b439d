package filestore

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sort"

	"flowdeck/backend/mlflow"
)

// walkKeys calls fn for every regular file under dir with its key: the path
// relative to dir joined with "/", because MLflow stores a key "a/b" as
// nested folders. fn gets the open folder holding the file and the file's
// name in it (valid only during the call). A missing dir has no keys.
// Unreadable sub-folders are reported through warn and skipped.
func walkKeys(dir string, warn func(string, ...any), fn func(key string, d *fsDir, name string)) {
	d, err := openFSDir(dir)
	walkOpened(d, err, dir, warn, fn)
}

// walkKeysAt is walkKeys on the folder sub of parent.
func walkKeysAt(parent *fsDir, sub string, warn func(string, ...any), fn func(key string, d *fsDir, name string)) {
	d, err := parent.sub(sub)
	walkOpened(d, err, filepath.Join(parent.path, sub), warn, fn)
}

func walkOpened(d *fsDir, err error, dir string, warn func(string, ...any), fn func(key string, d *fsDir, name string)) {
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			warn("skipped folder %s: %v", dir, err)
		}
		return
	}
	defer d.close()
	walkKeysIn(d, "", warn, fn)
}

func walkKeysIn(d *fsDir, prefix string, warn func(string, ...any), fn func(key string, d *fsDir, name string)) {
	entries, err := d.entries()
	if err != nil {
		warn("skipped folder %s: %v", d.path, err)
		return
	}
	for _, e := range entries {
		switch {
		case e.dir:
			sub, err := d.sub(e.name)
			if err != nil {
				warn("skipped folder %s: %v", filepath.Join(d.path, e.name), err)
				continue
			}
			walkKeysIn(sub, prefix+e.name+"/", warn, fn)
			sub.close()
		case e.regular:
			fn(prefix+e.name, d, e.name)
		}
	}
}

// readKeyValuesAt reads the params/ or tags/ folder sub of a run folder
// like readKeyValues, and reports each file read with its status for the
// run's fingerprint.
func readKeyValuesAt(parent *fsDir, sub string, warn func(string, ...any), seen func(key string, st fileStat)) []mlflow.KeyValue {
	var out []mlflow.KeyValue
	buf := getScratch()
	defer putScratch(buf)
	walkKeysAt(parent, sub, warn, func(key string, d *fsDir, name string) {
		b, st, err := d.readFileStat(name, (*buf)[:0])
		*buf = b
		if err != nil {
			warn("skipped %s: %v", filepath.Join(d.path, name), err)
			return
		}
		seen(key, st)
		out = append(out, mlflow.KeyValue{Key: key, Value: string(b)})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// readKeyValues reads a params/ or tags/ folder: one file per key holding
// the raw value (no trailing newline is added by MLflow, so none is removed).
// The result is sorted by key.
func readKeyValues(dir string, warn func(string, ...any)) []mlflow.KeyValue {
	var out []mlflow.KeyValue
	buf := getScratch()
	defer putScratch(buf)
	walkKeys(dir, warn, func(key string, d *fsDir, name string) {
		b, err := d.readFile(name, (*buf)[:0])
		*buf = b
		if err != nil {
			warn("skipped %s: %v", filepath.Join(d.path, name), err)
			return
		}
		out = append(out, mlflow.KeyValue{Key: key, Value: string(b)})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
