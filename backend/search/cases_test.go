package search

import (
	"encoding/json"
	"os"
	"testing"

	"flowdeck/backend/testfix"
)

// The golden answers real MLflow 3.5 gave on the public fixture.

type caseError struct {
	Code       string `json:"error_code"`
	Message    string `json:"message"`
	Normalized string `json:"message_normalized"`
}

type storeAnswer struct {
	ExperimentIDs []string   `json:"experiment_ids"`
	Filter        string     `json:"filter"`
	RunKeys       []string   `json:"run_keys"`
	Count         int        `json:"count"`
	HasNext       bool       `json:"has_next_page_token"`
	Accepted      bool       `json:"accepted"`
	Error         *caseError `json:"error"`
	// registry
	Names    []string `json:"names"`
	Versions []string `json:"versions"`
}

type runCase struct {
	ID             string   `json:"id"`
	Description    string   `json:"description"`
	FilterTemplate string   `json:"filter_template"`
	OrderBy        []string `json:"order_by"`
	ViewType       string   `json:"view_type"`
	MaxResults     int      `json:"max_results"`
	Expected       struct {
		FileStore storeAnswer `json:"filestore"`
		SQLite    storeAnswer `json:"sqlite"`
	} `json:"expected"`
	FileStore     storeAnswer `json:"filestore"` // invalid_run_filters
	SQLite        storeAnswer `json:"sqlite"`
	BackendsAgree bool        `json:"backends_agree"`
}

type registryCase struct {
	ID             string   `json:"id"`
	FilterTemplate string   `json:"filter_template"`
	Filter         string   `json:"filter"`
	OrderBy        []string `json:"order_by"`
	MaxResults     int      `json:"max_results"`
	Expected       struct {
		FileStore storeAnswer `json:"filestore"`
		SQLite    storeAnswer `json:"sqlite"`
	} `json:"expected"`
	FileStore storeAnswer `json:"filestore"`
	SQLite    storeAnswer `json:"sqlite"`
}

type searchCases struct {
	RunCases    []runCase `json:"run_search_cases"`
	InvalidRuns []runCase `json:"invalid_run_filters"`
	Registry    struct {
		ModelCases     []registryCase `json:"registered_model_cases"`
		ModelInvalid   []registryCase `json:"registered_model_invalid"`
		VersionCases   []registryCase `json:"model_version_cases"`
		VersionInvalid []registryCase `json:"model_version_invalid"`
	} `json:"registry"`
}

func loadCases(t testing.TB) *searchCases {
	t.Helper()
	b, err := os.ReadFile(testfix.Path("mlflow-3.5/search-cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c searchCases
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}
