# Flowdeck — the two commands a newcomer needs:
#   make run    set up and start Flowdeck on a demo store
#   make test   set up and run every test
SHELL := /bin/bash
export PATH := $(shell go env GOPATH 2>/dev/null)/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X flowdeck/backend/buildinfo.Version=$(VERSION)
SERVER  := build/bin/flowdeck-server
DESKTOP := build/bin/flowdeck
DEMO    := .demo/mlruns
ADDR    ?= 127.0.0.1:5050

.PHONY: run test deps frontend server desktop demo-store test-go test-frontend test-e2e test-desktop bench clean release

run: deps frontend server demo-store
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  $(MAKE) --no-print-directory desktop && \
	  echo "Starting the Flowdeck desktop window on the demo store $(DEMO)" && \
	  FLOWDECK_CACHE=.demo/cache.db ./$(DESKTOP) $(DEMO); \
	else \
	  echo "No display found: starting the Flowdeck web face on the demo store $(DEMO)"; \
	  echo "Open http://$(ADDR)/ in a browser (Ctrl+C stops it)."; \
	  ./$(SERVER) serve --cache .demo/cache.db --addr $(ADDR) $(DEMO); \
	fi

test: deps frontend server test-go test-frontend test-e2e test-desktop
	@echo "make test: all suites passed"

deps:
	@./.ci/deps.sh

frontend:
	@cd frontend && npm run build --silent
	@echo "Placeholder so //go:embed all:frontend/dist compiles before the frontend is built." > frontend/dist/.gitkeep

server:
	go build -ldflags "$(LDFLAGS)" -o $(SERVER) .

desktop:
	@mkdir -p build/bin
	@wails build -s -m -tags webkit2_40 -ldflags "$(LDFLAGS)" -o flowdeck >build/bin/wails-build.log 2>&1 || { tail -n 60 build/bin/wails-build.log; exit 1; }
	@echo "built $(DESKTOP) (log: build/bin/wails-build.log)"

demo-store: server
	@if [ ! -d $(DEMO) ]; then ./$(SERVER) demo $(DEMO) --runs 120; fi

test-go:
	go vet ./...
	go test -race -count=1 ./...

test-frontend:
	cd frontend && npm run typecheck && npm test

test-e2e: server
	cd frontend && FLOWDECK_BIN=$(CURDIR)/$(SERVER) npm run e2e

test-desktop: desktop
	./.ci/desktop-smoke.sh

bench: server
	./.ci/bench.sh

release: deps frontend
	go build -trimpath -ldflags "-s -w $(LDFLAGS)" -o build/bin/flowdeck-server .
	wails build -s -m -trimpath -clean=false -tags webkit2_40 -ldflags "-s -w $(LDFLAGS)" -o flowdeck

clean:
	rm -rf build/bin .demo frontend/dist/assets
