package source

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestParseURI(t *testing.T) {
	wd, _ := os.Getwd()
	cases := []struct {
		in   string
		kind Kind
		path string
		url  string
	}{
		{"./mlruns", KindFile, filepath.Join(wd, "mlruns"), ""},
		{"/abs/mlruns", KindFile, "/abs/mlruns", ""},
		{"file:///abs/mlruns", KindFile, "/abs/mlruns", ""},
		{"sqlite:///rel/mlflow.db", KindSQLite, filepath.Join(wd, "rel/mlflow.db"), ""},
		{"sqlite:////abs/mlflow.db", KindSQLite, "/abs/mlflow.db", ""},
		{"http://user:pw@host:5000/", KindREST, "", "http://host:5000"},
		{"https://mlflow.example.com/prefix", KindREST, "", "https://mlflow.example.com/prefix"},
	}
	for _, c := range cases {
		loc, err := ParseURI(c.in)
		if err != nil {
			t.Fatalf("ParseURI(%q): %v", c.in, err)
		}
		if loc.Kind != c.kind || loc.Path != c.path || loc.URL != c.url {
			t.Errorf("ParseURI(%q) = %+v, want kind %s path %q url %q", c.in, loc, c.kind, c.path, c.url)
		}
	}
	for _, bad := range []string{"", "s3://bucket/x", "sqlite://rel.db", "sqlite:///", "http://"} {
		if _, err := ParseURI(bad); !errors.Is(err, ErrBadURI) {
			t.Errorf("ParseURI(%q) err = %v, want ErrBadURI", bad, err)
		}
	}
}

func TestDefaultURI(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("MLFLOW_TRACKING_URI", "")
	if got := DefaultURI(); got != "./mlruns" {
		t.Errorf("empty dir: %q", got)
	}
	if err := os.WriteFile("mlflow.db", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := DefaultURI(); got != "sqlite:///mlflow.db" {
		t.Errorf("with mlflow.db: %q", got)
	}
	t.Setenv("MLFLOW_TRACKING_URI", "http://x:5000")
	if got := DefaultURI(); got != "http://x:5000" {
		t.Errorf("env: %q", got)
	}
}
