#!/usr/bin/env bash
# Installs what Flowdeck needs to build, run and test on Debian/Ubuntu:
# apt packages, the Wails CLI, and the frontend's npm packages. Safe to run
# again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PKGS=(gcc g++ make pkg-config libgtk-3-dev libwebkit2gtk-4.0-dev xvfb xauth x11-utils imagemagick chromium fonts-dejavu-core git ca-certificates)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing apt packages: ${missing[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v go >/dev/null 2>&1; then
  echo "deps: Go is not installed. Install Go 1.26 or newer from https://go.dev/dl/ and run again." >&2
  exit 1
fi

GOBIN_DIR="$(go env GOPATH)/bin"
if [ ! -x "$GOBIN_DIR/wails" ]; then
  echo "deps: building the Wails CLI v2.9.2 (build/wails-cli)"
  (cd build/wails-cli && go build -o "$GOBIN_DIR/wails" github.com/wailsapp/wails/v2/cmd/wails)
fi

if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
  echo "deps: installing npm packages"
  (cd frontend && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
echo "deps: ready"
