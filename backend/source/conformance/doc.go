// Package conformance holds one test suite that runs the same assertions
// against every source kind on the real-MLflow fixtures
// (testdata/fixtures): the MLflow 3.5 FileStore, the MLflow 3.5 SQLite store,
// the REST recordings of a server on that SQLite store (replayed by
// restreplay), and the MLflow 2.22 FileStore. The package has only tests;
// they are the contract every source.Store must keep.
//
// The MLflow 3.5 FileStore is the reference. Entities are compared with it
// by logical name (the fixtures' manifests map names to each store's ids),
// never by id or timestamp; the REST replay is also compared with the
// SQLite store it was recorded on, id for id (samestore_test.go). Every difference the suite
// allows is a documented MLflow behaviour and cites the fixture README line
// that explains it (see allow_test.go).
//
// What each kind answers:
//
//	operation           FileStore 3.5  SQLite 3.5    REST replay                FileStore 2.22
//	Experiments(ALL)    yes            yes           rest/02 (*)                yes
//	GetExperiment       every id       every id      ids 1, 3 (rest/05, 07)     every id
//	RunRefs             all runs       all runs      –                          all runs
//	GetRun              all runs       all runs      runs of rest/17–22         all runs
//	MetricHistory       every metric   every metric  rest/23, 27, 28            every metric
//	ListArtifacts       whole trees    whole trees   root, eval (rest/31–33)    whole trees
//	OpenArtifact        4 files/run    4 files/run   eval/summary.json (38)     4 files/run
//	LoggedModels        yes            yes           –                          none (MLflow 2)
//	RegisteredModels    yes            yes           rest/41 (*)                yes
//	ModelVersions       all, by name   all, by name  churn-classifier (45+43)   all, by name
//	unknown run/exp     ErrNotFound    ErrNotFound   rest/61, 66                ErrNotFound
//
// (*) The REST store sends its own page sizes (max_results 1 and 1000 for
// experiments/search, 1000 for registered-models/search, 10000 for
// model-versions/search), which no recording has. Where the recording with
// the same filter answered in one page, the replay server hands that
// recording to the store's request (shapes_test.go); everything
// else the store asks must match a recording exactly, and each test checks
// that no request went unmatched.
package conformance
