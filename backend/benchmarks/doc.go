// Package benchmarks holds end-to-end Go benchmarks over a synced demo
// store: the search and history reads the UI makes, and a cold sync for
// profiling (go test -bench ColdSync -cpuprofile …). .ci/bench.sh generates
// the stores, syncs them and runs the read benchmarks with
// FLOWDECK_BENCH_CACHE and FLOWDECK_BENCH_SOURCE set; without them the
// benchmarks skip. FLOWDECK_BENCH_FILTER, FLOWDECK_BENCH_ORDER and
// FLOWDECK_BENCH_KEY change the search and history read;
// FLOWDECK_BENCH_WORKERS the cold sync's reader count.
package benchmarks
