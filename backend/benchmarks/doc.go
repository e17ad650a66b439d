// Package benchmarks holds end-to-end Go benchmarks over a synced demo
// store: the search and history reads the UI makes. .ci/bench.sh generates
// the stores, syncs them and runs these with FLOWDECK_BENCH_CACHE and
// FLOWDECK_BENCH_SOURCE set; without them the benchmarks skip.
package benchmarks
