package filestore

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"flowdeck/backend/mlflow"
)

// walkKeys calls fn for every file under dir with its key: the path relative
// to dir joined with "/", because MLflow stores a key "a/b" as nested
// folders. A missing dir has no keys. Unreadable sub-folders are reported
// through warn and skipped.
func walkKeys(dir string, warn func(string, ...any), fn func(key, path string)) {
	var walk func(sub, prefix string)
	walk = func(sub, prefix string) {
		entries, err := os.ReadDir(sub)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				warn("skipped folder %s: %v", sub, err)
			}
			return
		}
		for _, e := range entries {
			p := filepath.Join(sub, e.Name())
			switch {
			case e.IsDir():
				walk(p, prefix+e.Name()+"/")
			case e.Type().IsRegular():
				fn(prefix+e.Name(), p)
			}
		}
	}
	walk(dir, "")
}

// readKeyValues reads a params/ or tags/ folder: one file per key holding
// the raw value (no trailing newline is added by MLflow, so none is removed).
// The result is sorted by key.
func readKeyValues(dir string, warn func(string, ...any)) []mlflow.KeyValue {
	var out []mlflow.KeyValue
	walkKeys(dir, warn, func(key, path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			warn("skipped %s: %v", path, err)
			return
		}
		out = append(out, mlflow.KeyValue{Key: key, Value: string(b)})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
