package reststore

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"flowdeck/backend/mlflow"
)

func TestModelVersionsFillsAliases(t *testing.T) {
	var filters, sizes []string
	st, srv := openReplay(t)
	srv.Handle("GET /api/2.0/mlflow/model-versions/search", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		filters = append(filters, r.URL.Query().Get("filter"))
		sizes = append(sizes, r.URL.Query().Get("max_results"))
		serveRec(45)(w, r)
	}))
	got, err := st.ModelVersions(ctx, "churn-classifier")
	if err != nil {
		t.Fatal(err)
	}
	if len(filters) != 1 || filters[0] != "name='churn-classifier'" || sizes[0] != "10000" {
		t.Errorf("filter %q max_results %q", filters, sizes)
	}
	aliases := map[string][]string{}
	for _, v := range got {
		aliases[v.Version] = v.Aliases
	}
	// rest/43 (registered-models/get) holds champion→2, challenger→4.
	want := map[string][]string{"1": nil, "2": {"champion"}, "3": nil, "4": {"challenger"}}
	if d := cmp.Diff(want, aliases); d != "" {
		t.Errorf("aliases (-want +got):\n%s", d)
	}
	if len(srv.Unmatched()) != 0 {
		t.Errorf("unmatched %+v", srv.Unmatched())
	}
}

func TestNameFilterQuotes(t *testing.T) {
	for name, want := range map[string]string{
		"plain":  "name='plain'",
		"it's":   `name="it's"`,
		`a"b`:    `name='a"b'`,
		`it's"x`: "",
	} {
		if got, _ := nameFilter(name); got != want {
			t.Errorf("nameFilter(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestRegisteredModels(t *testing.T) {
	st, srv := openReplay(t)
	var q []string
	srv.Handle("GET /api/2.0/mlflow/registered-models/search", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q = append(q, r.URL.RawQuery)
		serveRec(41)(w, r)
	}))
	got, err := st.RegisteredModels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		Models []mlflow.RegisteredModel `json:"registered_models"`
	}
	recorded(t, 41, &want)
	want.Models[0].LatestVersions[1].Aliases = []string{"champion"}
	want.Models[0].LatestVersions[3].Aliases = []string{"challenger"}
	want.Models[1].LatestVersions[1].Aliases = []string{"champion"}
	if d := cmp.Diff(want.Models, got); d != "" {
		t.Errorf("models (-want +got):\n%s", d)
	}
	if len(q) != 1 || q[0] != "max_results=1000" {
		t.Errorf("queries %v", q)
	}
}

func TestLoggedModels(t *testing.T) {
	var bodies []map[string]any
	var want struct {
		Models []mlflow.LoggedModel
		Next   string `json:"next_page_token"`
	}
	recorded(t, 40, &want)
	srv := mux(t, map[string]http.HandlerFunc{
		"POST /api/2.0/mlflow/logged-models/search": func(w http.ResponseWriter, r *http.Request) {
			var b map[string]any
			json.NewDecoder(r.Body).Decode(&b)
			bodies = append(bodies, b)
			if b["page_token"] == nil {
				serveRec(40)(w, r)
				return
			}
			writeJSON(w, 200, map[string]any{})
		},
	})
	got, err := openT(t, srv.URL, fastOpts()).LoggedModels(ctx, []string{"1"})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want.Models, got, floatEq); d != "" {
		t.Errorf("models (-want +got):\n%s", d)
	}
	if len(bodies) != 2 || bodies[0]["max_results"] != 50.0 || bodies[1]["page_token"] != want.Next {
		t.Errorf("bodies %v", bodies)
	}
}

func TestLoggedModelsOnMLflow2(t *testing.T) {
	srv := mux(t, map[string]http.HandlerFunc{
		"POST /api/2.0/mlflow/logged-models/search": serveRec(71), // Flask's HTML 404
	})
	got, err := openT(t, srv.URL, fastOpts()).LoggedModels(ctx, nil)
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("got %v, %v", got, err)
	}
}

func TestLoggedModelArtifacts(t *testing.T) {
	var seen []string
	srv := mux(t, map[string]http.HandlerFunc{
		"GET /api/2.0/mlflow/logged-models/m-abc/artifacts/directories": func(w http.ResponseWriter, r *http.Request) {
			seen = append(seen, r.URL.RawQuery)
			writeJSON(w, 200, map[string]any{"root_uri": "file:///x/m-abc/artifacts",
				"files": []any{map[string]any{"path": "MLmodel", "is_dir": false, "file_size": 3}}})
		},
		"GET /ajax-api/2.0/mlflow/logged-models/m-abc/artifacts/files": func(w http.ResponseWriter, r *http.Request) {
			seen = append(seen, r.URL.RawQuery)
			w.Write([]byte("abc"))
		},
	})
	st := openT(t, srv.URL, fastOpts())
	l, err := st.ListArtifacts(ctx, "m-abc", "")
	if err != nil || len(l.Files) != 1 || l.Files[0].Path != "MLmodel" || l.RootURI != "file:///x/m-abc/artifacts" {
		t.Fatalf("list: %+v %v", l, err)
	}
	if _, err := st.ListArtifacts(ctx, "m-abc", "sub/dir"); err != nil {
		t.Fatal(err)
	}
	rc, size, err := st.OpenArtifact(ctx, "m-abc", "MLmodel")
	if err != nil || size != 3 {
		t.Fatalf("open: %d %v", size, err)
	}
	rc.Close()
	want := []string{"", "artifact_directory_path=sub%2Fdir", "artifact_file_path=MLmodel"}
	if d := cmp.Diff(want, seen); d != "" {
		t.Errorf("queries (-want +got):\n%s", d)
	}
}
