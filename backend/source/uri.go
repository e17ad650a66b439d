package source

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// Location is a parsed source URI.
type Location struct {
	Kind Kind
	// Path is the absolute filesystem path (file and sqlite kinds).
	Path string
	// URL is the server base URL without credentials (rest kind).
	URL string
	// Raw is the URI as given.
	Raw string
}

// ErrBadURI is returned for a URI no source kind understands.
var ErrBadURI = errors.New("unsupported source URI")

// ParseURI reads a source URI as MLflow users write it:
//
//	./mlruns, /abs/mlruns, file:///abs/mlruns  → FileStore
//	sqlite:///rel/mlflow.db, sqlite:////abs/mlflow.db → SQLite
//	http://host:port, https://host              → tracking server
func ParseURI(raw string) (Location, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return Location{}, fmt.Errorf("%w: empty URI", ErrBadURI)
	}
	loc := Location{Raw: raw}
	switch {
	case strings.HasPrefix(s, "sqlite://"):
		// SQLAlchemy form: sqlite:///relative or sqlite:////absolute.
		p := strings.TrimPrefix(s, "sqlite://")
		if !strings.HasPrefix(p, "/") {
			return Location{}, fmt.Errorf("%w: %q: write sqlite:///relative/mlflow.db or sqlite:////absolute/mlflow.db", ErrBadURI, raw)
		}
		p = p[1:]
		if i := strings.IndexByte(p, '?'); i >= 0 {
			p = p[:i]
		}
		if p == "" || p == ":memory:" {
			return Location{}, fmt.Errorf("%w: %q names no database file", ErrBadURI, raw)
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return Location{}, fmt.Errorf("resolve %q: %w", p, err)
		}
		loc.Kind, loc.Path = KindSQLite, abs
	case strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://"):
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return Location{}, fmt.Errorf("%w: %q is not a valid server URL", ErrBadURI, raw)
		}
		u.User = nil
		u.RawQuery, u.Fragment = "", ""
		loc.Kind, loc.URL = KindREST, strings.TrimRight(u.String(), "/")
	case strings.HasPrefix(s, "file:"):
		u, err := url.Parse(s)
		if err != nil {
			return Location{}, fmt.Errorf("%w: %q: %v", ErrBadURI, raw, err)
		}
		if u.Host != "" && u.Host != "localhost" {
			return Location{}, fmt.Errorf("%w: %q: remote file hosts are not supported", ErrBadURI, raw)
		}
		p := u.Path
		if p == "" {
			p = u.Opaque
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return Location{}, fmt.Errorf("resolve %q: %w", p, err)
		}
		loc.Kind, loc.Path = KindFile, abs
	case strings.Contains(s, "://"):
		scheme := s[:strings.Index(s, "://")]
		return Location{}, fmt.Errorf("%w: %q: Flowdeck reads mlruns folders, sqlite:/// files and http(s):// tracking servers, not %s://", ErrBadURI, raw, scheme)
	default:
		abs, err := filepath.Abs(s)
		if err != nil {
			return Location{}, fmt.Errorf("resolve %q: %w", s, err)
		}
		if strings.HasSuffix(strings.ToLower(s), ".db") {
			loc.Kind, loc.Path = KindSQLite, abs
		} else {
			loc.Kind, loc.Path = KindFile, abs
		}
	}
	return loc, nil
}

// String renders the canonical URI (no credentials).
func (l Location) String() string {
	switch l.Kind {
	case KindSQLite:
		return "sqlite:///" + l.Path
	case KindREST:
		return l.URL
	default:
		return "file://" + l.Path
	}
}

// DefaultURI resolves the source to use when none is given, as MLflow 3.7+
// does: MLFLOW_TRACKING_URI, else ./mlflow.db if it exists, else ./mlruns.
func DefaultURI() string {
	if v := strings.TrimSpace(os.Getenv("MLFLOW_TRACKING_URI")); v != "" {
		return v
	}
	if st, err := os.Stat("mlflow.db"); err == nil && !st.IsDir() {
		return "sqlite:///mlflow.db"
	}
	return "./mlruns"
}
