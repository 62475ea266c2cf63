SHELL := /bin/bash
# LR Playground. The two commands a newcomer needs: make serve, make test.
# Everything else is here because `go` alone can't do it.

GO        ?= go
ADDR      ?= 127.0.0.1:8080
# The Python the PyTorch conformance stage runs (see deps-torch).
TORCH_PYTHON ?= /usr/bin/python3
# The Python that builds the Sphinx extension's wheel and whose Sphinx and
# MkDocs the docs tests run (see deps-wheel, deps-docs).
DOCS_PYTHON ?= /usr/bin/python3
GOROOT    := $(shell $(GO) env GOROOT)
# wasm_exec.js and go_js_wasm_exec moved from misc/wasm to lib/wasm in Go 1.24.
WASM_DIR  := $(firstword $(wildcard $(GOROOT)/lib/wasm) $(wildcard $(GOROOT)/misc/wasm))
SITE      := site
# npm ci writes node_modules/.package-lock.json: the install's time stamp.
NPM_DEPS  := assets/node_modules/.package-lock.json
# The site's ECharts: only what the pages use, bundled from assets/echarts-entry.js.
# To ship the package's full build: make build ECHARTS=assets/node_modules/echarts/dist/echarts.min.js
ECHARTS_TRIMMED := assets/node_modules/.cache/lrplay/echarts.min.js
# Its SVG renderer, which the SVG download loads at the first click.
ECHARTS_SVG     := assets/node_modules/.cache/lrplay/echarts-svg.js
ECHARTS_FULL    := assets/node_modules/echarts/dist/echarts.min.js
ECHARTS         := $(ECHARTS_TRIMMED)
WEB_FILES := $(wildcard web/*.html web/*.js web/*.css web/*.svg)
WEB_MODULES := $(wildcard web/js/*.js)
EXAMPLE_FILES := $(wildcard web/examples/*)

.PHONY: all build serve test vet test-go test-torch test-wasm test-browser test-docs fuzz bench dist clean deps-chromium deps-torch deps-wheel deps-docs check-layout

all: build

# The Go runtime without inlining is 40 KB smaller compressed and costs the
# page nothing measurable (make bench); our packages keep theirs.
WASM_GCFLAGS := runtime=-l

## build: the site in site/ (the two wasm builds, loader and modules, pages, ECharts,
## wasm_exec.js, and .br and .gz variants of each), embedded by `go run .`
## playground.wasm is the playground's, with its tools (lint, code, translate, import);
## lrplay.wasm, built with -tags lean, is what embed.html, data-lrplay and lrplay.mount load.
build: $(ECHARTS) $(ECHARTS_SVG)
	@test -n "$(WASM_DIR)" || { echo "cannot find wasm_exec.js in $(GOROOT): is Go installed in full?" >&2; exit 1; }
	mkdir -p $(SITE)/js $(SITE)/examples
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -gcflags='$(WASM_GCFLAGS)' -o $(SITE)/playground.wasm ./wasm
	GOOS=js GOARCH=wasm $(GO) build -tags lean -trimpath -ldflags='-s -w' -gcflags='$(WASM_GCFLAGS)' -o $(SITE)/lrplay.wasm ./wasm
	cp $(WASM_DIR)/wasm_exec.js $(SITE)/wasm_exec.js
	cp $(ECHARTS) $(SITE)/echarts.min.js
	cp $(ECHARTS_SVG) $(SITE)/echarts-svg.js
	cp $(WEB_FILES) $(SITE)/
	cp $(WEB_MODULES) $(SITE)/js/
	cp $(EXAMPLE_FILES) $(SITE)/examples/
	$(GO) run ./internal/precompress $(SITE)
	@for w in playground lrplay; do echo "built $(SITE)/$$w.wasm: $$(wc -c < $(SITE)/$$w.wasm) bytes, $$(wc -c < $(SITE)/$$w.wasm.br) with brotli"; done

## serve: build, then serve the playground on $(ADDR)
serve: build
	$(GO) run . -addr $(ADDR)

# ECharts and esbuild come from the npm registry, pinned by assets/package-lock.json.
$(NPM_DEPS): assets/package.json assets/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "the build needs npm (Node.js) to install ECharts: install Node.js and npm, then run make again" >&2; exit 1; }
	cd assets && npm ci --include=dev --no-audit --no-fund --loglevel=error
	@touch $@

# Only the parts of ECharts the pages use (assets/echarts-entry.js), as an
# IIFE that sets the global echarts like the full build: about half its size;
# and beside it the SVG renderer (assets/echarts-svg-entry.js), which uses its
# zrender modules (assets/build-echarts.mjs says how).
$(ECHARTS_TRIMMED): assets/echarts-entry.js assets/echarts-svg-entry.js assets/build-echarts.mjs $(NPM_DEPS)
	@mkdir -p $(@D)
	cd assets && node build-echarts.mjs $(abspath $(@D))

$(ECHARTS_SVG): $(ECHARTS_TRIMMED)
	@:

$(ECHARTS_FULL): $(NPM_DEPS)

## test: vet, every Go test (native and under Node), the torch kinds against PyTorch, the fuzzers
## for a bounded time, the browser tests in Chromium, and the Sphinx extension and MkDocs hook in
## the real Sphinx and MkDocs
test: vet check-layout test-go test-torch test-wasm fuzz test-browser test-docs

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "not gofmt-formatted: $$unformatted" >&2; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags torch ./core
	$(GO) vet -tags docs .
	GOOS=js GOARCH=wasm $(GO) vet ./wasm ./internal/safejs/...
	GOOS=js GOARCH=wasm $(GO) vet -tags lean ./wasm

# core is pure Go: nothing under core/ may import syscall/js or safejs.
check-layout:
	@bad=$$($(GO) list -deps ./core/... | grep -E '^(syscall/js|github.com/lrplay/lrplay/internal/safejs)$$'); \
	  if [ -n "$$bad" ]; then echo "core imports $$bad: only wasm/ may touch the browser" >&2; exit 1; fi
	@bad=$$($(GO) list -f '{{.ImportPath}} {{join .Imports " "}}' ./core | grep -E ' github.com/[^ ]+' -o | grep -v '^ github.com/lrplay' ); \
	  if [ -n "$$bad" ]; then echo "core imports outside the standard library:$$bad" >&2; exit 1; fi

test-go: build
	$(GO) test ./...

# The PyTorch conformance stage: every torch.* kind against the real PyTorch,
# step by step, and core.Code's snippets run under it (core/torch_conformance_test.go,
# with core/testdata/torch/conform.py). One Python runs the whole stage.
test-torch: deps-torch
	LRPLAY_TORCH_PYTHON=$(TORCH_PYTHON) $(GO) test -tags torch -run '^TestTorchConformance' -count=1 -v ./core 2>&1 | grep -vE '^(=== RUN|=== PAUSE|=== CONT)'; exit $${PIPESTATUS[0]}

# The bridge and safejs under Node, with the toolchain's go_js_wasm_exec.
test-wasm:
	@command -v node >/dev/null 2>&1 || { echo "the wasm tests need Node.js: install it, then run make test again" >&2; exit 1; }
	PATH="$(WASM_DIR):$$PATH" GOOS=js GOARCH=wasm $(GO) test ./wasm ./internal/safejs/...

# Each fuzzer for FUZZTIME: the spec parser, Evaluate, Downsample, the lambda
# evaluator, import of pasted code and the page's URL state. `go test -fuzz` takes one target per run. They start from
# the seeds in the code and in each package's testdata/fuzz/; an input that
# fails is written there, to be fixed and checked in as a regression test.
FUZZTIME ?= 20s
fuzz:
	$(GO) test ./core -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./core -run '^$$' -fuzz '^FuzzEvaluate$$' -fuzztime $(FUZZTIME)
	$(GO) test ./core -run '^$$' -fuzz '^FuzzDownsample$$' -fuzztime $(FUZZTIME)
	$(GO) test ./core/internal/python -run '^$$' -fuzz '^FuzzLambda$$' -fuzztime $(FUZZTIME)
	$(GO) test ./core -run '^$$' -fuzz '^FuzzImportCode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./wasm -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime $(FUZZTIME)

test-browser: build deps-chromium
	$(GO) test -tags browser -count=1 -v . 2>&1 | grep -vE '^(=== RUN|=== PAUSE|=== CONT)'; exit $${PIPESTATUS[0]}

# The Sphinx extension, installed from its wheel, and the MkDocs hook, each
# with the README's routes by hand: built by the real Sphinx and MkDocs, served
# on 127.0.0.1 and checked in Chromium (docs_browser_test.go).
test-docs: build deps-docs deps-chromium
	LRPLAY_DOCS_PYTHON=$(DOCS_PYTHON) $(GO) test -tags docs -run '^TestDocs$$' -count=1 -v . 2>&1 | grep -vE '^(=== RUN|=== PAUSE|=== CONT|=== NAME)'; exit $${PIPESTATUS[0]}

## bench: core's Go benchmarks; the server under load on loopback (200 clients, 20 000 requests:
## errors, requests/s, p50 and p99 latency, written to bench/server.json); then the browser
## benchmarks in Chromium: first load, and slider input → painted frame on the playground against
## plain JavaScript (bench/plain.html) at 10^2 to 10^6 steps with the ratios, the playground alone
## to 10^9; they print a table and write bench/browser.json
bench: build deps-chromium
	$(GO) test -run '^$$' -bench . -benchtime 200ms ./core/...
	$(GO) test -run '^$$' -bench '^BenchmarkServeLoad$$' -benchtime 1x -timeout 5m .
	$(GO) test -tags browser -run '^$$' -bench Browser -benchtime 1x -timeout 20m .

# The browser tests drive Debian's chromium. As root with apt-get, install it;
# otherwise say what to do.
deps-chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "the browser tests need Chromium: run 'sudo apt-get install chromium' (Debian, Ubuntu), then make test again" >&2; exit 1; \
	  fi; }

# The conformance stage runs Debian's python3-torch under Debian's own Python
# (a python3 earlier on PATH, such as pyenv's, may lack torch); another Python
# that has torch: make test-torch TORCH_PYTHON=... As root with apt-get, install
# it (waiting for another apt or dpkg to finish); otherwise say what to do.
deps-torch:
	@$(TORCH_PYTHON) -c 'import torch' >/dev/null 2>&1 || { \
	  if [ "$(TORCH_PYTHON)" = /usr/bin/python3 ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's python3-torch for the PyTorch conformance stage"; \
	    apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq python3-torch >/dev/null && \
	    $(TORCH_PYTHON) -c 'import torch'; \
	  else \
	    echo "the PyTorch conformance stage needs torch for $(TORCH_PYTHON): run 'sudo apt-get install python3-torch' (Debian, Ubuntu), or set TORCH_PYTHON to a Python that has torch, then make test again" >&2; exit 1; \
	  fi; }

comma := ,
# $(call deps-python,MODULES,PACKAGES,WHAT): unless $(DOCS_PYTHON) imports
# MODULES, install Debian's PACKAGES as root with apt-get (waiting for another
# apt or dpkg to finish); otherwise say what to do.
define deps-python
	@$(DOCS_PYTHON) -c 'import $(1)' >/dev/null 2>&1 || { \
	  if [ "$(DOCS_PYTHON)" = /usr/bin/python3 ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's $(2) for $(3)"; \
	    apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $(2) >/dev/null && \
	    $(DOCS_PYTHON) -c 'import $(1)'; \
	  else \
	    echo "for $(3), $(DOCS_PYTHON) needs $(1): run 'sudo apt-get install $(2)' (Debian, Ubuntu), or set DOCS_PYTHON to a Python that has them, then make again" >&2; exit 1; \
	  fi; }
endef

# The wheel is built offline with Debian's setuptools, wheel and pip.
deps-wheel:
	$(call deps-python,setuptools$(comma) wheel$(comma) pip,python3-setuptools python3-wheel python3-pip,the Sphinx extension's wheel)

# The docs tests also build with Debian's Sphinx and MkDocs, in a venv (python3-venv) that sees them.
deps-docs:
	$(call deps-python,sphinx$(comma) mkdocs$(comma) setuptools$(comma) wheel$(comma) pip$(comma) ensurepip,python3-sphinx mkdocs python3-setuptools python3-wheel python3-pip python3-venv,the docs tests)

## dist: the self-contained site in dist/, for any static host, and beside it the Sphinx
## extension's wheel, dist/sphinx_lrplay-VERSION-py3-none-any.whl, which carries the same site
dist: build deps-wheel
	rm -rf dist && mkdir -p dist
	cp -R $(SITE)/. dist/ && rm -f dist/.gitkeep
	$(DOCS_PYTHON) integrations/sphinx/build_wheel.py $(SITE) dist

clean:
	rm -rf dist assets/node_modules
	find $(SITE) -mindepth 1 ! -name .gitkeep -delete
