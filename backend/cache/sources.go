package cache

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

// Source is a synced source's row: what it is and how its syncs went.
type Source struct {
	ID            int64       `db:"id"`
	URI           string      `db:"uri"`
	Kind          source.Kind `db:"kind"`
	ServerVersion string      `db:"server_version"`
	LastSyncStart int64       `db:"last_sync_start"` // ms, 0 = never
	LastSyncEnd   int64       `db:"last_sync_end"`   // ms of last successful sync, 0 = never
	LastError     string      `db:"last_error"`
	LastErrorTime int64       `db:"last_error_time"`
	Marker        string      `db:"marker"`
}

const sourceCols = `id, uri, kind, server_version, COALESCE(last_sync_start, 0) AS last_sync_start,
	COALESCE(last_sync_end, 0) AS last_sync_end, last_error, COALESCE(last_error_time, 0) AS last_error_time, marker`

// EnsureSource returns the id of the source with this URI, adding it first
// if needed. uri must be canonical and carry no credentials.
func (c *Cache) EnsureSource(ctx context.Context, uri string, kind source.Kind) (int64, error) {
	if uri == "" {
		return 0, mlflow.InvalidParamf("a source needs a URI")
	}
	var id int64
	err := c.write(ctx, "add source "+uri, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sources(uri, kind) VALUES (?, ?) ON CONFLICT(uri) DO NOTHING`, uri, string(kind)); err != nil {
			return err
		}
		return tx.GetContext(ctx, &id, `SELECT id FROM sources WHERE uri = ?`, uri)
	})
	return id, err
}

// Source returns one source by id.
func (c *Cache) Source(ctx context.Context, id int64) (*Source, error) {
	var s Source
	err := c.rdb.GetContext(ctx, &s, `SELECT `+sourceCols+` FROM sources WHERE id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mlflow.NotFoundf("Source with id=%d not found", id)
	}
	if err != nil {
		return nil, c.wrap(err, fmt.Sprintf("read source %d", id))
	}
	return &s, nil
}

// SourceByURI returns one source by its canonical URI.
func (c *Cache) SourceByURI(ctx context.Context, uri string) (*Source, error) {
	var s Source
	err := c.rdb.GetContext(ctx, &s, `SELECT `+sourceCols+` FROM sources WHERE uri = ?`, uri)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mlflow.NotFoundf("Source %s has not been synced yet", uri)
	}
	if err != nil {
		return nil, c.wrap(err, "read source "+uri)
	}
	return &s, nil
}

// ListSources lists every source, by id.
func (c *Cache) ListSources(ctx context.Context) ([]Source, error) {
	out := []Source{}
	if err := c.rdb.SelectContext(ctx, &out, `SELECT `+sourceCols+` FROM sources ORDER BY id`); err != nil {
		return nil, c.wrap(err, "list sources")
	}
	return out, nil
}

// DeleteSource removes a source and everything cached for it.
func (c *Cache) DeleteSource(ctx context.Context, id int64) error {
	return c.write(ctx, fmt.Sprintf("delete source %d", id), func(tx *sqlx.Tx) error {
		// Child tables without a direct FK to sources go first, then the
		// cascade does the rest.
		for _, t := range []string{"metric_history", "run_history", "metrics", "run_metric_pack", "run_search_json", "params", "tags", "experiment_tags",
			"model_version_tags", "registered_model_aliases", "registered_model_tags", "audit_log"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE source_id = ?`, id); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return mlflow.NotFoundf("Source with id=%d not found", id)
		}
		return nil
	})
}

// MarkSyncStart records that a sync began now.
func (c *Cache) MarkSyncStart(ctx context.Context, id int64) error {
	return c.execSource(ctx, id, "record sync start", `UPDATE sources SET last_sync_start = ? WHERE id = ?`, time.Now().UnixMilli(), id)
}

// MarkSyncSuccess records a successful sync: its end time, the store's
// change marker and server version, and clears the last error unless
// warning is non-empty (a sync that skipped unreadable runs).
func (c *Cache) MarkSyncSuccess(ctx context.Context, id int64, marker, serverVersion, warning string) error {
	now := time.Now().UnixMilli()
	var errTime any
	if warning != "" {
		errTime = now
	}
	return c.execSource(ctx, id, "record sync end",
		`UPDATE sources SET last_sync_end = ?, marker = ?, server_version = ?, last_error = ?, last_error_time = ? WHERE id = ?`,
		now, marker, serverVersion, warning, errTime, id)
}

// MarkSyncError records why a sync failed; last_sync_end and the marker
// stay as they were, so the data shown is known to be from that time.
func (c *Cache) MarkSyncError(ctx context.Context, id int64, msg string) error {
	return c.execSource(ctx, id, "record sync error",
		`UPDATE sources SET last_error = ?, last_error_time = ? WHERE id = ?`, msg, time.Now().UnixMilli(), id)
}

func (c *Cache) execSource(ctx context.Context, id int64, what, q string, args ...any) error {
	return c.write(ctx, what, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return mlflow.NotFoundf("Source with id=%d not found", id)
		}
		return nil
	})
}
