package cache

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/mattn/go-sqlite3"

	"flowdeck/backend/mlflow"
)

// driverName is go-sqlite3 with the pragmas its DSN cannot set, run on
// every new connection: temp_store=MEMORY keeps statement journals (every
// multi-row INSERT OR REPLACE of a sync writes one) and search sorts off the
// disk, which took about a third of a cold sync's system calls.
const driverName = "sqlite3_flowdeck_cache"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(conn *sqlite3.SQLiteConn) error {
		_, err := conn.Exec("PRAGMA temp_store = MEMORY", nil)
		return err
	}})
}

// busyTimeout is how long a statement waits for another connection's lock.
const busyTimeout = 10 * time.Second

// Cache is an open cache database. It is safe for concurrent use: writes go
// through a single-connection pool (BEGIN IMMEDIATE, so writers queue instead
// of failing), reads through a small pool of their own, and SQLite's WAL mode
// lets readers see the last committed state while a sync writes.
type Cache struct {
	path string
	rdb  *sqlx.DB // readers (handed out by DB)
	wdb  *sqlx.DB // the one writer connection
}

// Open opens (creating if needed) the cache database at path and brings its
// schema up to date. A cache written by a newer Flowdeck is refused with an
// error that says so, rather than being modified.
func Open(path string) (*Cache, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("resolve cache path %q: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("create cache folder %s: %w", filepath.Dir(abs), err)
	}
	// The writer's page cache: 16 MiB measured faster than 64 MiB for a
	// cold sync (2.2 s against 2.6 s at 2,000 runs, 13 s against 17 s at
	// 10,000): pages it drops are still in the OS page cache, while a bigger
	// cache costs a page fault per page it first touches.
	wdb, err := sqlx.Open(driverName, dsn(abs, "immediate", 16<<10))
	if err != nil {
		return nil, fmt.Errorf("open cache %s: %w", abs, err)
	}
	wdb.SetMaxOpenConns(1)
	wdb.SetMaxIdleConns(1)
	c := &Cache{path: abs, wdb: wdb}
	if err := c.migrate(context.Background()); err != nil {
		wdb.Close()
		return nil, err
	}
	rdb, err := sqlx.Open(driverName, dsn(abs, "deferred", 16<<10))
	if err != nil {
		wdb.Close()
		return nil, fmt.Errorf("open cache %s: %w", abs, err)
	}
	rdb.SetMaxOpenConns(4)
	rdb.SetMaxIdleConns(4)
	rdb.SetConnMaxIdleTime(5 * time.Minute)
	c.rdb = rdb
	return c, nil
}

// dsn sets every pragma on every pooled connection: WAL, foreign keys,
// busy timeout, case-sensitive LIKE (search relies on it, as MLflow does)
// and synchronous=NORMAL (safe with WAL, much faster than FULL).
func dsn(abs, txlock string, cacheKB int) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "1")
	q.Set("_busy_timeout", fmt.Sprint(busyTimeout.Milliseconds()))
	q.Set("_case_sensitive_like", "1")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", txlock)
	q.Set("_cache_size", fmt.Sprint(-cacheKB)) // negative: KiB, not pages
	return "file:" + escapePath(filepath.ToSlash(abs)) + "?" + q.Encode()
}

// escapePath percent-encodes what SQLite's URI parser or the driver's '?'
// split could misread.
func escapePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		ch := p[i]
		switch {
		case ch == '?' || ch == '#' || ch == '%' || ch == ' ' || ch >= 0x80 || ch < 0x20:
			fmt.Fprintf(&b, "%%%02X", ch)
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// DefaultPath is $FLOWDECK_CACHE, else <user cache dir>/flowdeck/cache.db.
// The folder is created (0700) if missing.
func DefaultPath() (string, error) {
	if p := strings.TrimSpace(os.Getenv("FLOWDECK_CACHE")); p != "" {
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return "", fmt.Errorf("create cache folder for FLOWDECK_CACHE=%s: %w", p, err)
		}
		return p, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the user cache folder (set FLOWDECK_CACHE to choose a cache file): %w", err)
	}
	dir = filepath.Join(dir, "flowdeck")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create cache folder %s (set FLOWDECK_CACHE to choose another place): %w", dir, err)
	}
	return filepath.Join(dir, "cache.db"), nil
}

// Path is the absolute path of the cache file.
func (c *Cache) Path() string { return c.path }

// DB is the read pool, for packages (search) that compile their own SQL.
// Every connection has case_sensitive_like=ON and foreign_keys=ON.
func (c *Cache) DB() *sqlx.DB { return c.rdb }

// Close closes both pools.
func (c *Cache) Close() error {
	var errs []error
	if c.rdb != nil {
		errs = append(errs, c.rdb.Close())
	}
	if c.wdb != nil {
		errs = append(errs, c.wdb.Close())
	}
	return errors.Join(errs...)
}

// write runs fn in one short write transaction.
func (c *Cache) write(ctx context.Context, what string, fn func(tx *sqlx.Tx) error) error {
	tx, err := c.wdb.BeginTxx(ctx, nil)
	if err != nil {
		return c.wrap(err, what)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return c.wrap(err, what)
	}
	if err := tx.Commit(); err != nil {
		return c.wrap(err, what)
	}
	return nil
}

// read runs fn in one read transaction, so multi-query reads see a single
// committed state even while a sync writes.
func (c *Cache) read(ctx context.Context, what string, fn func(tx *sqlx.Tx) error) error {
	tx, err := c.rdb.BeginTxx(ctx, nil)
	if err != nil {
		return c.wrap(err, what)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return c.wrap(err, what)
	}
	return nil
}

// wrap adds context to a database error, keeping mlflow errors (not found…)
// and context cancellation as they are.
func (c *Cache) wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	var me *mlflow.Error
	if errors.As(err, &me) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if strings.Contains(err.Error(), "database is locked") || strings.Contains(err.Error(), "busy") {
		return fmt.Errorf("%s: the cache %s is busy (another Flowdeck may be writing it); try again: %w: %v", what, c.path, mlflow.ErrUnavailable, err)
	}
	return fmt.Errorf("%s in cache %s: %w", what, c.path, err)
}
