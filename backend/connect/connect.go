// Package connect opens a source URI into the store kind that reads it. It
// is the only place that knows every kind, so the kinds stay independent.
package connect

import (
	"context"
	"errors"
	"fmt"
	"os"

	"flowdeck/backend/mlflow"
	"flowdeck/backend/source"
	"flowdeck/backend/source/filestore"
	"flowdeck/backend/source/reststore"
	"flowdeck/backend/source/sqlstore"
)

// Open parses uri and opens the store it names.
func Open(ctx context.Context, uri string, opts source.Options) (source.Store, error) {
	loc, err := source.ParseURI(uri)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", mlflow.ErrInvalidArgument, err)
	}
	switch loc.Kind {
	case source.KindFile:
		if st, err := os.Stat(loc.Path); err == nil && !st.IsDir() {
			return nil, fmt.Errorf("%w: %q is a file, not an mlruns folder (for a SQLite store write sqlite:///%s)", mlflow.ErrNotMLflow, loc.Path, loc.Path)
		}
		return filestore.Open(loc.Path, opts)
	case source.KindSQLite:
		return sqlstore.Open(loc.Path, opts)
	case source.KindREST:
		return reststore.Open(ctx, loc.URL, opts)
	}
	return nil, errors.New("unreachable: unknown source kind")
}

// Canonical returns the canonical form of uri (absolute paths, no
// credentials), which keys a source in the cache and the config.
func Canonical(uri string) (string, source.Kind, error) {
	loc, err := source.ParseURI(uri)
	if err != nil {
		return "", "", fmt.Errorf("%w: %w", mlflow.ErrInvalidArgument, err)
	}
	return loc.String(), loc.Kind, nil
}
