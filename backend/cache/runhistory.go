package cache

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"slices"

	"flowdeck/backend/mlflow"
)

// Run history blob (run_history.keys), every metric of one run:
//
//	byte    format version (1)
//	uvarint key count
//	per key, sorted: uvarint len, key bytes, uvarint len, EncodeHistory blob
const runHistoryVersion = 1

type keyedHistory struct {
	key    string
	points []byte // EncodeHistory output
}

func encodeRunHistory(hs []keyedHistory) []byte {
	slices.SortFunc(hs, func(a, b keyedHistory) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	n := 8
	for _, h := range hs {
		n += len(h.key) + len(h.points) + 8
	}
	b := make([]byte, 0, n)
	b = append(b, runHistoryVersion)
	b = binary.AppendUvarint(b, uint64(len(hs)))
	for _, h := range hs {
		b = binary.AppendUvarint(b, uint64(len(h.key)))
		b = append(b, h.key...)
		b = binary.AppendUvarint(b, uint64(len(h.points)))
		b = append(b, h.points...)
	}
	return b
}

// findRunHistory returns the EncodeHistory blob of key in a run history
// blob; ok is false when the run has no such metric.
func findRunHistory(b []byte, key string) (points []byte, ok bool, err error) {
	if len(b) == 0 || b[0] != runHistoryVersion {
		return nil, false, fmt.Errorf("%w: unknown run history format", errCorruptHistory)
	}
	d := decoder{b: b[1:]}
	n := d.uvarint()
	for i := uint64(0); i < n && d.err == nil; i++ {
		kl := d.uvarint()
		if d.err != nil || kl > uint64(len(d.b)) {
			break
		}
		k := d.b[:kl]
		d.b = d.b[kl:]
		pl := d.uvarint()
		if d.err != nil || pl > uint64(len(d.b)) {
			break
		}
		if string(k) == key {
			return d.b[:pl], true, nil
		}
		d.b = d.b[pl:]
	}
	if d.err != nil || uint64(len(d.b)) > 0 && n == 0 {
		return nil, false, errCorruptHistory
	}
	return nil, false, nil
}

// runHistoryOf reads key's history of one run from run_history. found is
// false when the run has no run_history row (stored before schema 5).
func (c *Cache) runHistoryOf(ctx context.Context, srcID int64, runID, key string) (h []mlflow.Metric, found bool, err error) {
	var blob []byte
	err = c.rdb.GetContext(ctx, &blob, `SELECT keys FROM run_history WHERE source_id = ? AND run_id = ?`, srcID, runID)
	if err == sql.ErrNoRows {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, c.wrap(err, "read histories of run "+runID)
	}
	points, ok, err := findRunHistory(blob, key)
	if err != nil {
		return nil, true, fmt.Errorf("histories of run %s: %w; re-sync the source to repair the cache", runID, err)
	}
	if !ok {
		return []mlflow.Metric{}, true, nil
	}
	h, err = DecodeHistory(key, points)
	if err != nil {
		return nil, true, fmt.Errorf("history of %s in run %s: %w; re-sync the source to repair the cache", key, runID, err)
	}
	return h, true, nil
}
