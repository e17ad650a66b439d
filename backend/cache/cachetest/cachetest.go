// Package cachetest hands tests a fresh, migrated cache of their own.
package cachetest

import (
	"path/filepath"
	"testing"

	"flowdeck/backend/cache"
)

// New opens a new cache in t.TempDir(), closed when the test ends.
func New(t testing.TB) *cache.Cache {
	t.Helper()
	c, err := cache.Open(filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatalf("open test cache: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
