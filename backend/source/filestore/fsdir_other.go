//go:build !unix

package filestore

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// fsDir is a folder read by path where the system has no openat (see
// fsdir_unix.go for why Unix reads relative to a descriptor).
type fsDir struct{ path string }

func openFSDir(path string) (*fsDir, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: errNotDir}
	}
	return &fsDir{path: path}, nil
}

func (d *fsDir) sub(name string) (*fsDir, error) { return openFSDir(filepath.Join(d.path, name)) }

func (d *fsDir) close() {}

func (d *fsDir) entries() ([]fsEntry, error) {
	des, err := os.ReadDir(d.path)
	return fromDirEntries(des), err
}

func (d *fsDir) readFile(name string, buf []byte) ([]byte, error) {
	p := filepath.Join(d.path, name)
	if st, err := os.Lstat(p); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return buf, &fs.PathError{Op: "open", Path: p, Err: errSymlink}
	}
	return readPath(p, buf)
}

func (d *fsDir) stat(name string) (size, mtime int64, regular bool, err error) {
	st, err := os.Lstat(filepath.Join(d.path, name))
	if err != nil {
		return 0, 0, false, err
	}
	return st.Size(), st.ModTime().UnixNano(), st.Mode().IsRegular(), nil
}

func readPath(path string, buf []byte) ([]byte, error) {
	b, err := os.ReadFile(path)
	return append(buf, b...), err
}

func (d *fsDir) readFileStat(name string, buf []byte) ([]byte, fileStat, error) {
	p := filepath.Join(d.path, name)
	if st, err := os.Lstat(p); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return buf, fileStat{}, &fs.PathError{Op: "open", Path: p, Err: errSymlink}
	}
	f, err := os.Open(p)
	if err != nil {
		return buf, fileStat{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return buf, fileStat{}, err
	}
	fst := fileStat{size: st.Size(), mtime: st.ModTime().UnixNano()}
	start := len(buf)
	buf = slices.Grow(buf, int(fst.size))[:start+int(fst.size)]
	n, err := io.ReadFull(f, buf[start:])
	buf = buf[:start+n]
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return buf, fst, err
}
