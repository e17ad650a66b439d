package reststore

import (
	"fmt"

	"flowdeck/backend/mlflow"
)

// page fetches one page for a token ("" for the first) and returns its
// items and the next token ("" after the last page).
type page[T any] func(token string) ([]T, string, error)

// collect follows page tokens to the end. A token the server already gave
// (MLflow 3.4–3.5's get-history without max_results repeats its first one
// forever, rest/24) stops the walk with an error instead of looping.
func collect[T any](what string, fetch page[T]) ([]T, error) {
	var out []T
	seen := map[string]bool{}
	token := ""
	for {
		items, next, err := fetch(token)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if next == "" {
			return out, nil
		}
		if seen[next] || next == token {
			return nil, &mlflow.Error{Code: "INTERNAL_ERROR", Message: fmt.Sprintf(
				"%s: the server returned page token %q twice; stopping instead of looping forever (a known bug of MLflow 3.4–3.5 when max_results is missing)", what, next)}
		}
		seen[next] = true
		token = next
	}
}
