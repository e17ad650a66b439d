// Package testfix finds the real-MLflow fixtures under testdata/fixtures and
// hands tests private, writable copies of them.
package testfix

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root is the absolute path of testdata/fixtures in this repository.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "fixtures")
}

// Path returns the absolute path of a fixture, e.g. Path("mlflow-3.5/mlruns").
func Path(rel string) string { return filepath.Join(Root(), filepath.FromSlash(rel)) }

// Copy copies a fixture file or folder into a fresh temp dir and returns the
// copy's path, so a test may change it.
func Copy(t testing.TB, rel string) string {
	t.Helper()
	src := Path(rel)
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := CopyTree(src, dst); err != nil {
		t.Fatalf("copy fixture %s: %v", rel, err)
	}
	return dst
}

// CopyTree copies a file or a directory tree (regular files and dirs only).
func CopyTree(src, dst string) error {
	st, err := os.Stat(src)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return copyFile(src, dst, st.Mode())
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return copyFile(p, target, 0o644)
	})
}

func copyFile(src, dst string, mode fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, mode.Perm()|0o200)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
