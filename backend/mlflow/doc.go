// Package mlflow holds MLflow's entities as Go values whose JSON encoding is
// exactly the shape the MLflow REST API writes (snake_case, int64 as numbers,
// NaN and infinities as strings, unset fields omitted). Every source kind,
// the cache, the CLI and the facade speak these types.
package mlflow
