package filestore

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

var (
	errNotDir  = errors.New("not a folder")
	errSymlink = errors.New("a symbolic link, which MLflow never writes here")
)

// fileStat is what a fingerprint keeps of a file.
type fileStat struct{ size, mtime int64 }

// fsEntry is one name in a folder listing, with what its type says.
type fsEntry struct {
	name         string
	dir, regular bool
}

func sortEntries(es []fsEntry) {
	slices.SortFunc(es, func(a, b fsEntry) int { return strings.Compare(a.name, b.name) })
}

// fromDirEntries converts an os listing (a symbolic link is neither a folder
// nor a regular file here, as in walkKeys).
func fromDirEntries(des []fs.DirEntry) []fsEntry {
	out := make([]fsEntry, len(des))
	for i, e := range des {
		out[i] = fsEntry{name: e.Name(), dir: e.IsDir(), regular: e.Type().IsRegular()}
	}
	return out
}

// scratch holds read buffers for files whose bytes are copied out as they
// are parsed (values, metric lines), so a sync reuses a few buffers instead
// of allocating one per file.
var scratch = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

func getScratch() *[]byte { return scratch.Get().(*[]byte) }

func putScratch(b *[]byte) {
	if cap(*b) <= 4<<20 { // do not pin a huge one
		*b = (*b)[:0]
		scratch.Put(b)
	}
}
