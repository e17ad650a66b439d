// Package filestore reads MLflow FileStore folders (the mlruns/ layout MLflow
// writes with a file: tracking URI) as a source.Store: experiments (also the
// deleted ones in .trash), runs of every MLflow generation from 1.x to 3.x,
// metric histories, dataset inputs, MLflow 3 logged models, local artifacts
// and the FileStore model registry under mlruns/models.
//
// The reader is read-only and tolerant: MLflow may be writing the store while
// Flowdeck reads it, so half-written metric lines and empty or truncated
// meta.yaml files are skipped with a warning (source.Options.Warn) instead of
// failing a whole listing or reporting a wrong value.
package filestore
