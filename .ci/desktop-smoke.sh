#!/usr/bin/env bash
# Desktop smoke test: start the real Wails window under Xvfb on a demo store,
# prove the page loaded and called Go through the Wails bindings (the backend
# logs the frontend's first bound call), then screenshot the window.
# A window that never loads the page fails: no log line within the timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/bin/flowdeck
SERVER=build/bin/flowdeck-server
OUT=.ci/artifacts
mkdir -p "$OUT"
[ -x "$BIN" ] || { echo "desktop-smoke: $BIN is missing; run make desktop" >&2; exit 1; }

work=$(mktemp -d)
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$SERVER" demo "$work/mlruns" --runs 40 >/dev/null

# Pick a free display number.
disp=99
while [ -e "/tmp/.X11-unix/X$disp" ] || [ -e "/tmp/.X$disp-lock" ]; do disp=$((disp + 1)); done
Xvfb ":$disp" -screen 0 1440x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$disp" ] && break; sleep 0.1; done

export DISPLAY=":$disp"
export FLOWDECK_CACHE="$work/cache.db" FLOWDECK_CONFIG="$work/sources.json"
# WebKitGTK in a container without a GPU: software rendering, no sandbox.
export WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1 LIBGL_ALWAYS_SOFTWARE=1
"$BIN" --open /runs "$work/mlruns" >"$work/app.log" 2>&1 &
app_pid=$!

ok=""
for _ in $(seq 120); do
  if grep -q "frontend connected: Version called through the desktop bindings" "$work/app.log"; then ok=1; break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
if [ -z "$ok" ]; then
  echo "desktop-smoke: FAIL: the window never called the backend through the Wails bindings" >&2
  tail -n 40 "$work/app.log" >&2
  exit 1
fi
# Give the runs table (opened by --open /runs) time to sync and render.
sleep 6
import -window root "$OUT/desktop.png"
sd=$(convert "$OUT/desktop.png" -colorspace Gray -format "%[fx:standard_deviation]" info:)
echo "desktop-smoke: screenshot $OUT/desktop.png (grey std-dev $sd)"
if awk "BEGIN{exit !($sd < 0.02)}"; then
  echo "desktop-smoke: FAIL: the screenshot is blank" >&2
  exit 1
fi
echo "desktop-smoke: 1 passed, 0 failed"
