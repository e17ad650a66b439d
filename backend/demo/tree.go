package demo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// tree writes files under a root directory; paths are slash-separated and
// relative. Parent directories are created as needed.
type tree struct{ root string }

func (t *tree) path(rel string) string { return filepath.Join(t.root, filepath.FromSlash(rel)) }

func (t *tree) mkdir(rel string) error {
	if err := os.MkdirAll(t.path(rel), 0o755); err != nil {
		return fmt.Errorf("create directory %s: %w", rel, err)
	}
	return nil
}

// write creates or replaces a file. The parent directory is created only
// when the first attempt finds it missing, saving a stat per file.
func (t *tree) write(rel string, data []byte) error {
	p := t.path(rel)
	err := os.WriteFile(p, data, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("create directory for %s: %w", rel, err)
		}
		err = os.WriteFile(p, data, 0o644)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return nil
}

// fileURI turns an absolute path into a file:// URI as MLflow writes it
// (file:///home/u/mlruns, file:///C:/Users/u/mlruns).
func fileURI(abs string) string {
	s := filepath.ToSlash(abs)
	if !strings.HasPrefix(s, "/") {
		s = "/" + s
	}
	return "file://" + s
}
