// Package restreplay serves the REST recordings of a real MLflow 3.5
// tracking server (testdata/fixtures/mlflow-3.5/rest/NN-*.json) from an
// httptest.Server, so tests of REST clients run against real responses.
//
// Matching is exact: method, path and query (as a multiset of values) must
// equal the recording's; for requests with a JSON body, the bodies must be
// equal as JSON values. A POST/PUT under /api or /ajax-api without an
// application/json Content-Type gets the recorded 400 of call 72, as MLflow
// answers it. Anything else gets 404 ENDPOINT_NOT_FOUND JSON and is kept in
// Unmatched, so a test can assert that nothing unexpected was called.
//
// State: the recordings were made in order against one server. Calls 49–60
// mutate the registry and one run/experiment tag (see the fixtures README),
// so responses recorded before call 49 show the earlier state. Two calls
// (53 and 60) are the same request recorded at different states; by default
// the later one wins, and AsOf(n) serves the state as of call n.
package restreplay
