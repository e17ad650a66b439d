package sqlstore

import (
	"context"
	"testing"
)

func TestLoggedModelsMatchREST(t *testing.T) {
	s := openFixture(t)
	got, err := s.LoggedModels(context.Background(), []string{"1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("experiment 1 has %d logged models, want 4", len(got))
	}
	// rest/40 is page 1 (max_results=2) of the newest-first search.
	want := recording(t, "40")["models"].([]any)
	for i, w := range want {
		assertJSONEqual(t, "rest/40 model "+got[i].Info.ModelID, w, got[i])
	}
	all, _ := s.LoggedModels(context.Background(), nil)
	if len(all) != 7 {
		t.Errorf("all logged models: %d, want 7", len(all))
	}
	none, _ := s.LoggedModels(context.Background(), []string{"0"})
	if len(none) != 0 {
		t.Errorf("Default experiment has %d models", len(none))
	}
}
