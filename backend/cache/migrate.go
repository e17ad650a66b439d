package cache

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded NNNN_name.sql files in version order.
func migrations() ([]migration, error) {
	ents, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range ents {
		name := e.Name()
		i := strings.IndexByte(name, '_')
		if i <= 0 || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration file %s is not named NNNN_name.sql", name)
		}
		v, err := strconv.Atoi(name[:i])
		if err != nil {
			return nil, fmt.Errorf("migration file %s: bad version: %w", name, err)
		}
		b, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: strings.TrimSuffix(name, ".sql"), sql: string(b)})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].version < out[b].version })
	for i := range out {
		if i > 0 && out[i].version == out[i-1].version {
			return nil, fmt.Errorf("two migrations with version %d", out[i].version)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema version this build knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate applies the missing migrations, each in its own transaction
// (BEGIN IMMEDIATE, so two processes opening a fresh cache don't both apply
// one). A cache whose schema is newer than this build is refused.
func (c *Cache) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("read embedded cache migrations: %w", err)
	}
	if _, err := c.wdb.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at INTEGER NOT NULL)`); err != nil {
		return c.wrap(classifyOpen(err), "prepare cache schema")
	}
	known := 0
	if len(ms) > 0 {
		known = ms[len(ms)-1].version
	}
	for _, m := range ms {
		err := c.write(ctx, "apply cache migration "+m.name, func(tx *sqlx.Tx) error {
			var cur int
			if err := tx.GetContext(ctx, &cur, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`); err != nil {
				return err
			}
			if cur > known {
				return errNewer(c.path, cur, known)
			}
			if cur >= m.version {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, time.Now().UnixMilli())
			return err
		})
		if err != nil {
			return err
		}
	}
	// An empty migration list still has to refuse newer files.
	var cur int
	if err := c.wdb.GetContext(ctx, &cur, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`); err != nil {
		return c.wrap(err, "read cache schema version")
	}
	if cur > known {
		return errNewer(c.path, cur, known)
	}
	return nil
}

func errNewer(path string, cur, known int) error {
	return fmt.Errorf("the cache %s was written by a newer Flowdeck (schema version %d; this Flowdeck knows up to %d): upgrade Flowdeck, or point FLOWDECK_CACHE at another file", path, cur, known)
}

// classifyOpen turns "file is not a database" into a sentence.
func classifyOpen(err error) error {
	if err != nil && strings.Contains(err.Error(), "not a database") {
		return fmt.Errorf("this file is not a Flowdeck cache (not an SQLite database); delete it or set FLOWDECK_CACHE to another path: %w", err)
	}
	return err
}
