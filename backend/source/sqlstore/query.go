package sqlstore

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"
)

// chunkSize keeps IN lists below SQLite's bound-variable limit (999 on
// builds older than 3.32).
const chunkSize = 500

// forChunks runs fn on successive slices of ids of at most chunkSize.
func forChunks(ids []string, fn func(part []string) error) error {
	for len(ids) > 0 {
		n := min(len(ids), chunkSize)
		if err := fn(ids[:n]); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// placeholders returns "?,?,…" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anyArgs(ids []string) []any {
	a := make([]any, len(ids))
	for i, v := range ids {
		a[i] = v
	}
	return a
}

// queryEach runs q and calls scan for every row.
func (s *Store) queryEach(ctx context.Context, what, q string, args []any, scan func(*sqlx.Rows) error) error {
	rows, err := s.db.QueryxContext(ctx, q, args...)
	if err != nil {
		return s.wrap(err, what)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return s.wrap(err, what)
		}
	}
	if err := rows.Err(); err != nil {
		return s.wrap(err, what)
	}
	return nil
}
