// Package demo writes a realistic, deterministic MLflow FileStore (an
// mlruns/ folder in MLflow 3.x layout) for demos, tests and benchmarks:
// experiments with Markdown descriptions, a hyperparameter sweep with nested
// runs, training-like metric curves, every run status, a deleted run,
// artifacts (text, CSV, JSON, YAML, a PNG plot, logged models with MLmodel
// files), dataset inputs and a file-based model registry with stages and
// aliases. The same Options always give byte-identical files, apart from the
// absolute path that MLflow records in artifact URIs.
package demo
