package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	sqlite3 "github.com/mattn/go-sqlite3"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
)

// busyTimeout is how long a read waits for a writer's lock, as MLflow's own
// SQLite engine waits (20 s).
const busyTimeout = 20 * time.Second

// Store reads one mlflow.db. It is safe for concurrent use.
type Store struct {
	path     string
	dir      string
	db       *sqlx.DB
	sch      *schema
	revision string
	warn     source.Warner
	mcount   metricCountCache
}

var _ source.Store = (*Store)(nil)

// Open opens the SQLite database at path (absolute) read-only and checks
// that it is an MLflow tracking store. It never creates the file.
func Open(path string, opts source.Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("resolve database path %q: %w", path, err)
	}
	st, err := os.Stat(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("open %s: no such database file; check the path or the sqlite:/// URI: %w", abs, mlflow.ErrNotFound)
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", abs, err)
	case st.IsDir():
		return nil, fmt.Errorf("open %s: this is a folder, not an mlflow.db file (open a folder as an mlruns FileStore instead): %w", abs, mlflow.ErrNotMLflow)
	}
	db, err := sqlx.Open("sqlite3", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	// Readers never block each other in SQLite: RunRefs runs its six
	// aggregate queries side by side and the UI reads meanwhile. Idle
	// connections are kept (briefly) because each holds its page cache.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(time.Minute)
	s := &Store{path: abs, dir: filepath.Dir(abs), db: db, warn: opts.Warn}
	if err := s.init(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn builds a read-only SQLite URI. mode=ro never creates the file nor a
// journal; the busy timeout makes reads wait while MLflow commits; cslike
// matches MLflow's PRAGMA case_sensitive_like=true.
func dsn(abs string) string {
	return "file:" + escapePath(filepath.ToSlash(abs)) +
		fmt.Sprintf("?mode=ro&_busy_timeout=%d&_cslike=true", busyTimeout.Milliseconds())
}

// escapePath percent-encodes everything SQLite's URI parser (and the
// driver's own '?' split) could misread: '?', '#', '%', spaces, non-ASCII.
func escapePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '/', c == '-', c == '.', c == '_', c == '~', c == ':':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func (s *Store) init(ctx context.Context) error {
	sch, err := loadSchema(ctx, s.db)
	if err != nil {
		return classifyOpenErr(s.path, err)
	}
	if !sch.hasTable("experiments") || !sch.hasTable("runs") {
		return fmt.Errorf("open %s: the file is an SQLite database but has no MLflow tables (experiments, runs); is it the right file? %w", s.path, mlflow.ErrNotMLflow)
	}
	s.sch = sch
	if sch.hasTable("alembic_version") {
		var rev sql.NullString
		err := s.db.GetContext(ctx, &rev, `SELECT version_num FROM alembic_version LIMIT 1`)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return s.wrap(err, "read alembic_version")
		}
		s.revision = rev.String
	}
	return nil
}

// classifyOpenErr turns SQLite's "file is not a database" into ErrNotMLflow.
func classifyOpenErr(path string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) {
		return fmt.Errorf("open %s: the file is not an SQLite database (%v): %w", path, se, mlflow.ErrNotMLflow)
	}
	return fmt.Errorf("open %s: %w", path, err)
}

// wrap adds context to a query error and marks lock timeouts as
// ErrUnavailable so callers can retry later.
func (s *Store) wrap(err error, what string) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		return fmt.Errorf("%s in %s: the database stayed locked by another program for %s; try again: %w", what, s.path, busyTimeout, mlflow.ErrUnavailable)
	}
	return fmt.Errorf("%s in %s: %w", what, s.path, err)
}

// Info describes the store.
func (s *Store) Info() source.StoreInfo {
	v := ""
	if s.revision != "" {
		v = "alembic " + s.revision
	}
	return source.StoreInfo{Kind: source.KindSQLite, URI: "sqlite:///" + s.path, Version: v}
}

// Revision is the raw alembic revision ("" when the table is missing).
func (s *Store) Revision() string { return s.revision }

// Close releases the database handle.
func (s *Store) Close() error { return s.db.Close() }

// Marker returns a cheap store-level change marker: size and modification
// time of the database and of its -wal file. Equal markers mean nothing was
// committed in between, so a syncer can skip RunRefs entirely.
func (s *Store) Marker(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	st, err := os.Stat(s.path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("stat %s: the database file is gone: %w", s.path, mlflow.ErrNotFound)
		}
		return "", fmt.Errorf("stat %s: %w", s.path, err)
	}
	m := fmt.Sprintf("db:%d:%d", st.Size(), st.ModTime().UnixNano())
	if w, err := os.Stat(s.path + "-wal"); err == nil {
		m += fmt.Sprintf(";wal:%d:%d", w.Size(), w.ModTime().UnixNano())
	}
	return m, nil
}
