# make demo  — install what is missing, build, run the walkthrough on the embedded default state
# make test  — the same set-up, then every test
# make install — build in release mode and put berth on the PATH
# make bench — the benchmarks, in release mode

SWIFT ?= swift
PREFIX ?= /usr/local
PACKAGES := libgit2-dev libyaml-dev libsqlite3-dev pkg-config git curl

.PHONY: setup build release test demo install bench clean

# Installs the system packages berth builds against, with apt-get, only where they are missing.
setup:
	@missing=""; \
	for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

build: setup
	$(SWIFT) build

# The Swift runtime and FoundationEssentials are linked statically: a command starts in about a third less time.
release: setup
	$(SWIFT) build -c release --static-swift-stdlib

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: build
	Examples/walkthrough.sh "$$($(SWIFT) build --show-bin-path)/berth"

# Builds in release mode, generates the workloads and prints one table (BENCH_ARGS="-o json" for JSON).
bench: release
	"$$($(SWIFT) build -c release --show-bin-path)/berth-bench" $(BENCH_ARGS)

install: release
	install -d $(PREFIX)/bin
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/berth" $(PREFIX)/bin/berth

clean:
	rm -rf .build
