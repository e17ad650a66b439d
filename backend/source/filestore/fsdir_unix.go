//go:build unix

package filestore

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/sys/unix"
)

// fsDir is an open folder whose entries are read relative to its
// descriptor. A sync reads some fifty small files per run; through os.Open
// each costs ten system calls (open, four fcntl for the poller's
// non-blocking dance, epoll_ctl, fstat, two reads, close) and a full path
// walk in the kernel. Here a file is openat + read until EOF + close, and
// only its own name is looked up.
type fsDir struct {
	fd   int
	path string
	f    *os.File // made on the first entries call, then owns fd
}

func openFSDir(path string) (*fsDir, error) {
	return openDirAt(unix.AT_FDCWD, path, path)
}

func openDirAt(dirfd int, name, path string) (*fsDir, error) {
	fd, err := retryEINTR(func() (int, error) {
		return unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return &fsDir{fd: fd, path: path}, nil
}

// sub opens the child folder name.
func (d *fsDir) sub(name string) (*fsDir, error) {
	return openDirAt(d.fd, name, filepath.Join(d.path, name))
}

func (d *fsDir) close() {
	if d.f != nil {
		d.f.Close()
	} else {
		unix.Close(d.fd)
	}
}

// entries lists the folder sorted by name, as os.ReadDir does (once per
// fsDir: the listing leaves the descriptor at the folder's end).
func (d *fsDir) entries() ([]fsEntry, error) {
	if es, ok, err := d.rawEntries(); ok {
		sortEntries(es)
		return es, err
	}
	if d.f == nil {
		d.f = os.NewFile(uintptr(d.fd), d.path)
	}
	des, err := d.f.ReadDir(-1)
	es := fromDirEntries(des)
	sortEntries(es)
	return es, err
}

// readFile appends the content of the regular file name to buf. Symbolic
// links are not followed (MLflow writes none; walkKeys skips them).
func (d *fsDir) readFile(name string, buf []byte) ([]byte, error) {
	return readFileAt(d.fd, name, filepath.Join(d.path, name), buf)
}

// stat returns the size and modification time (ns) of the entry name,
// without following a symbolic link.
func (d *fsDir) stat(name string) (size, mtime int64, regular bool, err error) {
	var st unix.Stat_t
	if _, err := retryEINTR(func() (int, error) {
		return 0, unix.Fstatat(d.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	}); err != nil {
		return 0, 0, false, &fs.PathError{Op: "lstat", Path: filepath.Join(d.path, name), Err: err}
	}
	return st.Size, st.Mtim.Nano(), st.Mode&unix.S_IFMT == unix.S_IFREG, nil
}

// readFileStat appends the content of the regular file name to buf and
// returns the size and mtime the file had when opened (fstat before the
// first read). Only that many bytes are read: what is appended later is left
// for the next sync, which sees the new size in the fingerprint.
func (d *fsDir) readFileStat(name string, buf []byte) ([]byte, fileStat, error) {
	path := filepath.Join(d.path, name)
	fd, err := retryEINTR(func() (int, error) {
		return unix.Openat(d.fd, name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	})
	if err != nil {
		return buf, fileStat{}, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if _, err := retryEINTR(func() (int, error) { return 0, unix.Fstat(fd, &st) }); err != nil {
		return buf, fileStat{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	fst := fileStat{size: st.Size, mtime: st.Mtim.Nano()}
	buf = slices.Grow(buf, int(st.Size))
	for want := len(buf) + int(st.Size); len(buf) < want; {
		n, err := retryEINTR(func() (int, error) { return unix.Read(fd, buf[len(buf):want]) })
		if err != nil {
			return buf, fst, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			break // truncated since the fstat: keep what is there
		}
		buf = buf[:len(buf)+n]
	}
	return buf, fst, nil
}

// readPath appends the content of the file at path to buf (following
// symbolic links, as os.ReadFile does).
func readPath(path string, buf []byte) ([]byte, error) {
	fd, err := retryEINTR(func() (int, error) {
		return unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return buf, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return readAll(fd, path, buf)
}

func readFileAt(dirfd int, name, path string, buf []byte) ([]byte, error) {
	fd, err := retryEINTR(func() (int, error) {
		return unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	})
	if err != nil {
		return buf, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return readAll(fd, path, buf)
}

// readAll reads fd to its end (a read returning 0; a short read is not
// taken as the end, since network file systems return them) and closes it.
func readAll(fd int, path string, buf []byte) ([]byte, error) {
	defer unix.Close(fd)
	if cap(buf)-len(buf) < 4096 {
		buf = append(buf, make([]byte, 16<<10)...)[:len(buf)]
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow
		}
		n, err := retryEINTR(func() (int, error) { return unix.Read(fd, buf[len(buf):cap(buf)]) })
		if err != nil {
			return buf, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}

func retryEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}
