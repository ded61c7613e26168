# make demo  — install what is missing, build, run the walkthrough on the embedded default state
# make test  — the same set-up, then every test
# make install — build in release mode and put berth on the PATH

SWIFT ?= swift
PREFIX ?= /usr/local
PACKAGES := libgit2-dev libyaml-dev libsqlite3-dev pkg-config git curl

.PHONY: setup build release test demo install clean

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

release: setup
	$(SWIFT) build -c release

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: build
	Examples/walkthrough.sh "$$($(SWIFT) build --show-bin-path)/berth"

install: release
	install -d $(PREFIX)/bin
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/berth" $(PREFIX)/bin/berth

clean:
	rm -rf .build
