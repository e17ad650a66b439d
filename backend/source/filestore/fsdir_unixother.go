//go:build unix && !linux

package filestore

// rawEntries is Linux-only; other Unix systems list through os.File.
func (d *fsDir) rawEntries() ([]fsEntry, bool, error) { return nil, false, nil }
