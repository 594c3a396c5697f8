# debrief — build, run and test. `make run` and `make test` work on a fresh Debian 12 machine:
# they install the missing system packages first (apt-get, through sudo when not root).

BUILD_DIR ?= build
DB ?= var/debrief.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

PACKAGES := build-essential cmake ninja-build pkg-config \
	libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev \
	libsqlite3-dev libsodium-dev libssl-dev libcurl4-openssl-dev libcli11-dev libfmt-dev libexpected-dev libtomlplusplus-dev libutf8proc-dev libfasttext-dev \
	libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev \
	libmimalloc-dev libhowardhinnant-date-dev tzdata wamerican-small wordnet-base time libgtest-dev libgmock-dev libbenchmark-dev sqlite3 curl wrk chromium openssl python3-aiosmtpd \
	dpkg-dev adduser \
	libpq-dev postgresql libcjose-dev libjansson-dev haproxy
# For bench/matcher_bench only: the regex engines the checker's matcher is measured against
# (Hyperscan is built for x86-64 alone).
PACKAGES += libre2-dev prometheus-alertmanager libzip-dev $(if $(filter amd64,$(shell dpkg --print-architecture 2>/dev/null)),libhyperscan-dev)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The web UI is built with the machine's Node.js (Debian's nodejs when there is none).
WEB_SOURCES := $(shell find web/src web/public -type f ! -name api_schema.ts 2>/dev/null) \
	web/index.html web/vite.config.ts web/tsconfig.json web/package.json docs/openapi.json

# Fuzzing (docs/fuzzing.md): clang with libFuzzer, ASan and UBSan, in a build folder of its own.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= $(JOBS)
FUZZ_PACKAGES := clang libclang-rt-14-dev llvm

.PHONY: all deps configure build web run test bench format clean openapi fuzz deb language-model

all: build

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

configure: $(BUILD_DIR)/build.ninja

web/node_modules/.package-lock.json: web/package-lock.json | deps
	cd web && npm ci --no-audit --no-fund --loglevel=error

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run --silent build

web: web/dist/index.html

build: deps configure web
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@mkdir -p $(dir $(DB))
	$(BUILD_DIR)/src/server/debrief demo --db $(DB) --if-empty
	$(BUILD_DIR)/src/server/debrief serve --db $(DB) --listen $(LISTEN)

# The tests' OpenID provider (oidc-provider, run by Node).
tests/support/oidc/node_modules/.package-lock.json: tests/support/oidc/package-lock.json | deps
	cd tests/support/oidc && npm ci --no-audit --no-fund --loglevel=error

test: build tests/support/oidc/node_modules/.package-lock.json
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	$(BUILD_DIR)/bench/lint_bench
	$(BUILD_DIR)/bench/export_bench
	[ ! -x $(BUILD_DIR)/bench/matcher_bench ] || $(BUILD_DIR)/bench/matcher_bench
	bench/load.sh

# docs/openapi.json is what the server describes; the web UI's types are generated from it. After
# changing a route or a schema: `make openapi`, then build again (a test fails while it is stale).
openapi: build
	$(BUILD_DIR)/src/server/debrief openapi > docs/openapi.json

# The language checker's sentence classifier, trained again on the tuning sentences (and on
# every other published postmortem of ../shared/corpus, when it is there), then built in.
language-model: build
	$(BUILD_DIR)/tools/train_language_model --output src/language/model/blame.ftz \
	  $(if $(wildcard ../shared/corpus),--documents ../shared/corpus --judgments bench/lint-judgments.tsv) \
	  $$(ls tests/testdata/language/dev/tune-*.tsv | sort)
	cmake --build $(BUILD_DIR)

# Builds every fuzz target and runs each for FUZZ_SECONDS; FUZZ_TARGETS="a b" picks some.
fuzz:
	@$(MAKE) --no-print-directory deps PACKAGES="$(PACKAGES) $(FUZZ_PACKAGES)"
	@[ -f $(FUZZ_DIR)/build.ninja ] || CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDEBRIEF_FUZZ=ON -DDEBRIEF_BUILD_TESTS=OFF -DDEBRIEF_BUILD_BENCH=OFF
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_TARGETS)

# The Debian package (binary, systemd unit, /etc/debrief/debrief.env): build/debrief_*.deb.
deb: build
	cd $(BUILD_DIR) && cpack -G DEB

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_DIR) web/dist
