// Package conformance holds one test suite that runs the same assertions
// against every source kind on the real-MLflow fixtures
// (testdata/fixtures): the MLflow 3.5 FileStore, the MLflow 3.5 SQLite store,
// the REST recordings of a server on that SQLite store (replayed by
// restreplay), and the MLflow 2.22 FileStore. The package has no code; its
// tests are the contract every source.Store must keep.
//
// Entities are compared by logical name (the fixtures' manifests map names
// to each store's ids), never by id or timestamp. Every difference the suite
// allows is a documented MLflow behaviour and cites the fixture README line
// that explains it (see allow_test.go).
//
// What each kind answers:
//
//	operation            FileStore 3.5  SQLite 3.5  REST (replay)           FileStore 2.22
//	Experiments(ALL)     yes            yes         rest/02 (*)             yes
//	GetExperiment        yes            yes         ids 1, 3 (rest/05, 07)  yes
//	RunRefs              all runs       all runs    –                       all runs
//	GetRun               all runs       all runs    rest/17–22 runs         all runs
//	MetricHistory        every metric   every metric rest/23, 27, 28        every metric
//	ListArtifacts        whole trees    whole trees root+eval (rest/31, 32, 33) whole trees
//	OpenArtifact         4 files        4 files     eval/summary.json (38)  4 files
//	LoggedModels         yes            yes         –                       none (MLflow 2)
//	RegisteredModels     yes            yes         rest/41 (*)             yes
//	ModelVersions(name)  yes            yes         rest/45 + rest/43 (*)   yes
//
// (*) The REST store sends its own page sizes (max_results 1 and 1000 for
// experiments/search, 1000 for registered-models/search, 10000 for
// model-versions/search), which no recording has. Where the recording with
// the same filter answered in one page, the replay server hands that
// recording to the store's request (handlers in helpers_test.go); everything
// else the store asks must match a recording exactly, and each test checks
// that no request went unmatched.
package conformance
