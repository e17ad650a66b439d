package sqlstore

import (
	"context"
	"sync"

	"github.com/jmoiron/sqlx"
)

// metricCountCache keeps the number of history rows per run between
// RunRefs calls. MLflow only ever appends to metrics (exact duplicates are
// dropped by the primary key, nothing is updated), and a new row gets a
// rowid above every existing one, so rows with rowid > maxRowID are exactly
// the points logged since the last call. Counting only those keeps RunRefs
// cheap while training jobs log thousands of points. If the maximum rowid
// went down (mlflow gc removed the newest rows), everything is recounted.
type metricCountCache struct {
	mu       sync.Mutex
	maxRowID int64
	counts   map[string]int64
}

func (s *Store) metricCounts(ctx context.Context) (map[string]int64, error) {
	c := &s.mcount
	c.mu.Lock()
	defer c.mu.Unlock()
	var top int64
	if err := s.db.GetContext(ctx, &top, `SELECT COALESCE(max(rowid), 0) FROM metrics`); err != nil {
		return nil, s.wrap(err, "fingerprint metrics")
	}
	from := c.maxRowID
	if c.counts == nil || top < c.maxRowID {
		c.counts, from = nil, 0
	}
	if c.counts != nil && top == c.maxRowID {
		return c.counts, nil
	}
	// A fresh map each time: callers may still read the previous one.
	next := make(map[string]int64, len(c.counts)+1)
	for k, v := range c.counts {
		next[k] = v
	}
	q := `SELECT run_uuid, count(*) FROM metrics WHERE rowid > ? AND rowid <= ? GROUP BY run_uuid`
	if from == 0 {
		// Full count: the run_uuid index alone answers it.
		q = `SELECT run_uuid, count(*) FROM metrics WHERE ? = 0 AND ? >= 0 GROUP BY run_uuid`
	}
	err := s.queryEach(ctx, "fingerprint metrics", q, []any{from, top}, func(r *sqlx.Rows) error {
		var id string
		var n int64
		if err := r.Scan(&id, &n); err != nil {
			return err
		}
		next[id] += n
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.counts, c.maxRowID = next, top
	return next, nil
}
