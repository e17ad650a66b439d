#!/usr/bin/env bash
# make bench: generates demo stores shaped like MLflow's reference (runs ×
# 20 params × 10 metrics × 100 steps, 5 tags), then prints medians of several
# runs: the read-every-file floor, cold full sync, warm re-sync, re-sync after
# 10 runs changed, peak RSS, search as JSON and 100 histories.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${FLOWDECK_BIN:-build/bin/flowdeck-server}
SIZES=${BENCH_SIZES:-"2000 10000"}
REPEAT=${BENCH_REPEAT:-3}
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
if [ ! -x /usr/bin/time ] || ! command -v bc >/dev/null; then
  echo "bench: installing GNU time and bc"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq time bc >/dev/null
fi
work=${BENCH_DIR:-$(mktemp -d)}
trap '[ -z "${BENCH_DIR:-}" ] && rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timed CMD…: prints "seconds maxrss_kb" of one run
timed() { /usr/bin/time -f "%e %M" -o "$work/time.out" "$@" >/dev/null 2>"$work/err.out" || { cat "$work/err.out" >&2; return 1; }; cat "$work/time.out"; }

printf "%-8s %-34s %12s %s\n" runs measure median unit
for n in $SIZES; do
  store="$work/store-$n/mlruns"
  cache="$work/cache-$n.db"
  if [ ! -d "$store" ]; then
    "$BIN" demo "$store" --runs "$n" --params 20 --metrics 10 --steps 100 --tags 5 --seed 1 >/dev/null
  fi
  files=$(find "$store" -type f | wc -l)
  tar cf - -C "$store" . | wc -c >/dev/null # warm the page cache
  floor=$(for _ in $(seq "$REPEAT"); do s=$(date +%s.%N); tar cf - -C "$store" . | wc -c >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; done | median)
  printf "%-8s %-34s %12.3f s   (%d files)\n" "$n" "floor: read every file (tar)" "$floor" "$files"

  cold=(); rss=()
  for _ in $(seq "$REPEAT"); do
    rm -f "$cache" "$cache"-wal "$cache"-shm
    read -r t m < <(timed env FLOWDECK_CACHE="$cache" FLOWDECK_CONFIG="$work/cfg.json" "$BIN" sync "$store")
    cold+=("$t"); rss+=("$m")
  done
  c=$(printf "%s\n" "${cold[@]}" | median)
  printf "%-8s %-34s %12.3f s   (%.1f× floor)\n" "$n" "cold full sync" "$c" "$(echo "$c / $floor" | bc -l)"
  printf "%-8s %-34s %12.0f MB\n" "$n" "peak RSS during cold sync" "$(printf "%s\n" "${rss[@]}" | median | awk '{print $1/1024}')"

  warm=$(for _ in $(seq "$REPEAT"); do timed env FLOWDECK_CACHE="$cache" FLOWDECK_CONFIG="$work/cfg.json" "$BIN" sync "$store" | cut -d' ' -f1; done | median)
  printf "%-8s %-34s %12.3f s\n" "$n" "warm re-sync, nothing changed" "$warm"

  changed=()
  for round in $(seq "$REPEAT"); do
    # Append one metric point to 10 runs, as a training loop would.
    for f in $(find "$store" -path '*/metrics/train_loss' | sort | sed -n "$((round * 10 + 1)),$((round * 10 + 10))p"); do
      echo "$(date +%s%3N) 0.01 $((1000 + round))" >>"$f"
    done
    changed+=("$(timed env FLOWDECK_CACHE="$cache" FLOWDECK_CONFIG="$work/cfg.json" "$BIN" sync "$store" | cut -d' ' -f1)")
  done
  printf "%-8s %-34s %12.3f s\n" "$n" "re-sync after 10 runs changed" "$(printf "%s\n" "${changed[@]}" | median)"

  FLOWDECK_BENCH_CACHE="$cache" FLOWDECK_BENCH_SOURCE="$store" go test ./backend/benchmarks -run '^$' -bench 'SearchJSON|Histories100' -count "$REPEAT" -benchtime 20x >"$work/gobench.txt"
  for b in SearchJSON Histories100; do
    med=$(grep "^Benchmark$b" "$work/gobench.txt" | awk '{print $3}' | median)
    label="runs search (val_accuracy>0.5, 1000, JSON)"
    [ "$b" = Histories100 ] && label="metric histories of 1 key, 100 runs"
    printf "%-8s %-34s %12.2f ms\n" "$n" "$label" "$(echo "$med / 1000000" | bc -l)"
  done
done
