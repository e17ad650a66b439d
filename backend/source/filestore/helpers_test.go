package filestore

import (
	"encoding/json"
	"os"
	"sync"
	"testing"

	"flowdeck/backend/source"
	"flowdeck/backend/testfix"
)

// manifest maps the fixture's logical names to ids.
type manifest struct {
	Runs        map[string]string `json:"runs"`
	Experiments map[string]string `json:"experiments"`
}

func loadManifest(t testing.TB, rel string) manifest {
	t.Helper()
	b, err := os.ReadFile(testfix.Path(rel))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// warnings collects Warn messages for assertions.
type warnings struct {
	mu   sync.Mutex
	msgs []string
}

func (w *warnings) add(m string) { w.mu.Lock(); w.msgs = append(w.msgs, m); w.mu.Unlock() }

func (w *warnings) all() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.msgs...)
}

// openAt opens a store and fails the test on error.
func openAt(t testing.TB, root string) (*Store, *warnings) {
	t.Helper()
	w := &warnings{}
	s, err := Open(root, source.Options{Warn: w.add})
	if err != nil {
		t.Fatalf("Open(%s): %v", root, err)
	}
	return s, w
}

// restBody reads the response_body of a REST recording.
func restBody(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(testfix.Path("mlflow-3.5/rest/" + name))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Body json.RawMessage `json:"response_body"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(rec.Body, v); err != nil {
		t.Fatal(err)
	}
}
