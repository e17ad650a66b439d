// Package reststore reads an MLflow tracking server over its REST API and
// implements source.Store.
//
// It talks like MLflow's own Python client: basic auth when both a user
// name and a password are set (it wins over a token), else a bearer token;
// custom CA bundles or skipped verification; a timeout per request; retries
// with exponential backoff on 408/429/502/503/504, on 500 pages that are not
// an MLflow JSON error, and on connection errors. Every call sends
// max_results (MLflow 3.4–3.5 answer metrics/get-history without it with an
// empty page and a page token that never advances; see rest/24), and paging
// stops with an error when a server repeats a page token.
//
// Runs fetched by RunRefs are kept for a short while so GetRun and ReadRun
// right after it need no runs/get call — but only on servers whose
// runs/search results carry "outputs": MLflow 3.5's do not, and runs/get
// then stays the source of a run.
package reststore
