# debrief — build, run and test. `make run` and `make test` work on a fresh Debian 12 machine:
# they install the missing system packages first (apt-get, through sudo when not root).

BUILD_DIR ?= build
DB ?= var/debrief.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

PACKAGES := build-essential cmake ninja-build pkg-config \
	libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev \
	libsqlite3-dev libsodium-dev libcli11-dev libfmt-dev libexpected-dev \
	libgtest-dev libgmock-dev libbenchmark-dev sqlite3 curl wrk

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build run test bench format clean

all: build

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

configure: $(BUILD_DIR)/build.ninja

build: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@mkdir -p $(dir $(DB))
	$(BUILD_DIR)/src/cli/debrief demo --db $(DB) --if-empty
	$(BUILD_DIR)/src/cli/debrief serve --db $(DB) --listen $(LISTEN)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	bench/load.sh

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD_DIR)
