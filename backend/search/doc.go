// Package search implements MLflow's search grammar for Flowdeck: the run
// filter and order_by strings of runs/search (MLFLOW-FORMATS §5.1–5.3), the
// registry searches (§5.5) and experiments/search (§5.4), parsed by a small
// hand-written lexer and parser and compiled to parameterised SQL over the
// cache schema (backend/cache/migrations/0001_init.sql).
//
// Parsing follows MLflow 3.5 closely, including its error messages (the
// golden answers in testdata/fixtures/mlflow-3.5/search-cases.json); every
// rejected request is an *mlflow.Error with code INVALID_PARAMETER_VALUE.
// Messages that print a Python set print it sorted, as the fixture's
// message_normalized does.
//
// SQL semantics, where MLflow's two stores disagree, are chosen as follows:
//
//   - LIKE is a real SQL LIKE ('%' any run, '_' one character, no escape
//     character, case-sensitive, '%' crosses newlines). ILIKE folds case with
//     Unicode simple case folding, as the FileStore (Python) does, not only
//     ASCII as SQLite's lower() does. Both are compiled to SQLite GLOB
//     patterns, so results do not depend on the connection's LIKE settings
//     (the cache connection runs with PRAGMA case_sensitive_like=ON, which
//     this package would also be correct under).
//   - Metric values are float64; +Inf is the largest number and compares
//     equal only to +Inf (1e309 is +Inf, 1.7976931348623157e308 is not).
//   - A metric whose latest value is NaN matches only '!=' (IEEE and Python
//     semantics, as the FileStore); it sorts after every number and before
//     missing values in both directions.
//   - A clause on a missing metric, param or tag is false, '!=' included.
//   - Numeric attributes accept fractional bounds (start_time > 1.5 works,
//     as on SQLite; the FileStore raises a Python ValueError).
//   - An order_by naming the same field twice is rejected (as SQLite does),
//     with INVALID_PARAMETER_VALUE rather than SQLite's INTERNAL_ERROR.
//   - A list compared with '=' or '!=' (attributes.run_id != ('a', 'b')) is
//     rejected; use IN / NOT IN.
//   - IS NULL / IS NOT NULL work on params and tags (MLflow 3.11); on any
//     other kind they are rejected with MLflow 3.5's message.
//
// Flowdeck extensions: order_by accepts min(metrics.<key>) and
// max(metrics.<key>), sorting by a metric's smallest or largest value over
// its whole history (cache columns min_value / max_value).
package search
