package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSaveReloadAndMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sub", "sources.json")
	s, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	src := Source{ID: IDFor("http://team:5000"), Name: "team", URI: "http://team:5000", Username: "u", Password: "hunter2"}
	if err := s.Put(src); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCurrent(src.ID); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	again, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := again.Get(src.ID)
	if err != nil || got.Password != "hunter2" || !got.HasCredentials() {
		t.Fatalf("reload: %+v %v", got, err)
	}
	if again.Current() != src.ID {
		t.Fatalf("current %q", again.Current())
	}
	if err := again.Remove(src.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := again.Get(src.ID); !errors.Is(err, ErrUnknownSource) {
		t.Fatalf("after remove: %v", err)
	}
}

func TestEphemeralNotSaved(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sources.json")
	s, _ := Load(p)
	s.AddEphemeral(Source{ID: "a", URI: "./mlruns"})
	if err := s.Put(Source{ID: "b", URI: "./other"}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if strings.Contains(string(b), "./mlruns") {
		t.Fatalf("ephemeral source written to disk: %s", b)
	}
	if n := len(s.List()); n != 2 {
		t.Fatalf("list has %d sources", n)
	}
}

func TestBadFileIsClearError(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sources.json")
	os.WriteFile(p, []byte("{nope"), 0o600)
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Fatalf("err = %v", err)
	}
}

func TestOptionsCredentialPrecedence(t *testing.T) {
	t.Setenv("MLFLOW_TRACKING_TOKEN", "envtok")
	t.Setenv("MLFLOW_TRACKING_USERNAME", "")
	t.Setenv("MLFLOW_TRACKING_PASSWORD", "")
	o := Source{Username: "u", Password: "p"}.Options()
	if o.Username != "u" || o.Token != "" {
		t.Fatalf("saved basic auth should replace env token: %+v", o)
	}
	o = Source{}.Options()
	if o.Token != "envtok" {
		t.Fatalf("env token not used: %+v", o)
	}
}
