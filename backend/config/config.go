// Package config keeps the user's saved sources (name → URI + credentials)
// in a JSON file in the user's config directory, mode 0600. Credentials are
// read only by the backend to open a source; nothing here is ever sent to
// the frontend or logged.
package config

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"flowdeck/backend/source"
)

// Source is one saved source.
type Source struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	URI         string `json:"uri"`
	Username    string `json:"username,omitempty"`
	Password    string `json:"password,omitempty"`
	Token       string `json:"token,omitempty"`
	InsecureTLS bool   `json:"insecureTLS,omitempty"`
	// Ephemeral sources came from the command line and are not saved.
	Ephemeral bool `json:"-"`
}

// HasCredentials says whether any secret is stored.
func (s Source) HasCredentials() bool { return s.Username != "" || s.Password != "" || s.Token != "" }

// Options builds the source options: saved credentials win, MLflow's
// environment variables fill the gaps (as MLflow clients read them).
func (s Source) Options() source.Options {
	o := source.OptionsFromEnv()
	if s.Username != "" || s.Password != "" {
		o.Username, o.Password, o.Token = s.Username, s.Password, ""
	}
	if s.Token != "" {
		o.Token = s.Token
		if s.Username == "" {
			o.Username, o.Password = "", ""
		}
	}
	if s.InsecureTLS {
		o.InsecureTLS = true
	}
	return o
}

// IDFor derives a stable id from a canonical URI, so deep links survive
// restarts and the same URI is never saved twice.
func IDFor(canonicalURI string) string {
	sum := sha256.Sum256([]byte(canonicalURI))
	return hex.EncodeToString(sum[:])[:10]
}

type file struct {
	Current string   `json:"current,omitempty"`
	Sources []Source `json:"sources"`
}

// Store is the saved-sources file plus command-line sources held in memory.
type Store struct {
	mu   sync.Mutex
	path string
	data file
	eph  []Source
}

// ErrUnknownSource is returned for an id that is not configured.
var ErrUnknownSource = errors.New("unknown source")

// DefaultPath is $FLOWDECK_CONFIG, else <user config dir>/flowdeck/sources.json.
func DefaultPath() (string, error) {
	if p := os.Getenv("FLOWDECK_CONFIG"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user config dir: %w", err)
	}
	return filepath.Join(dir, "flowdeck", "sources.json"), nil
}

// Load reads the file at path; a missing file is an empty configuration.
// path "" keeps everything in memory (tests, --no-config).
func Load(path string) (*Store, error) {
	s := &Store{path: path}
	if path == "" {
		return s, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read saved sources %q: %w", path, err)
	}
	if err := json.Unmarshal(b, &s.data); err != nil {
		return nil, fmt.Errorf("read saved sources %q: the file is not valid JSON (%v); fix or remove it", path, err)
	}
	return s, nil
}

// List returns command-line sources first, then saved ones.
func (s *Store) List() []Source {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]Source(nil), s.eph...)
	for _, src := range s.data.Sources {
		if !s.hasEphemeral(src.ID) {
			out = append(out, src)
		}
	}
	return out
}

func (s *Store) hasEphemeral(id string) bool {
	for _, e := range s.eph {
		if e.ID == id {
			return true
		}
	}
	return false
}

// Get returns one source by id.
func (s *Store) Get(id string) (Source, error) {
	for _, src := range s.List() {
		if src.ID == id {
			return src, nil
		}
	}
	return Source{}, fmt.Errorf("%w %q: it may have been removed; pick another source", ErrUnknownSource, id)
}

// AddEphemeral registers a command-line source for this process only.
func (s *Store) AddEphemeral(src Source) Source {
	src.Ephemeral = true
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, e := range s.eph {
		if e.ID == src.ID {
			s.eph[i] = src
			return src
		}
	}
	s.eph = append(s.eph, src)
	return src
}

// Put adds or replaces a saved source and writes the file.
func (s *Store) Put(src Source) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	replaced := false
	for i, e := range s.data.Sources {
		if e.ID == src.ID {
			s.data.Sources[i] = src
			replaced = true
		}
	}
	if !replaced {
		s.data.Sources = append(s.data.Sources, src)
	}
	for i, e := range s.eph { // an edited command-line source becomes saved
		if e.ID == src.ID {
			s.eph = append(s.eph[:i], s.eph[i+1:]...)
			break
		}
	}
	return s.saveLocked()
}

// Remove deletes a source (saved or command-line).
func (s *Store) Remove(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	found := false
	for i, e := range s.eph {
		if e.ID == id {
			s.eph = append(s.eph[:i], s.eph[i+1:]...)
			found = true
			break
		}
	}
	for i, e := range s.data.Sources {
		if e.ID == id {
			s.data.Sources = append(s.data.Sources[:i], s.data.Sources[i+1:]...)
			found = true
			break
		}
	}
	if !found {
		return fmt.Errorf("%w %q", ErrUnknownSource, id)
	}
	if s.data.Current == id {
		s.data.Current = ""
	}
	return s.saveLocked()
}

// Current is the id of the selected source ("" when none).
func (s *Store) Current() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data.Current
}

// SetCurrent remembers the selected source.
func (s *Store) SetCurrent(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data.Current = id
	return s.saveLocked()
}

// saveLocked writes through a temp file so a crash never leaves half a file.
func (s *Store) saveLocked() error {
	if s.path == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("save sources: %w", err)
	}
	b, err := json.MarshalIndent(s.data, "", "  ")
	if err != nil {
		return fmt.Errorf("save sources: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), ".sources-*.json")
	if err != nil {
		return fmt.Errorf("save sources: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("save sources: %w", err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("save sources: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save sources: %w", err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("save sources: %w", err)
	}
	return nil
}
