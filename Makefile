# Dialtone — the two commands a new user runs are `make run` and `make test`.
SWIFT      ?= swift
export PATH := /opt/swift/usr/bin:$(PATH)

# Debian packages: to build and run, and (in addition) to test and benchmark.
DEPS_RUN   := pkg-config libncursesw5-dev libopus-dev libspandsp-dev libspeexdsp-dev libsrtp2-dev libasound2-dev libsndfile1-dev
DEPS_TEST  := $(DEPS_RUN) tmux sip-tester openssl tshark kamailio kamailio-sqlite-modules sqlite3 baresip-core sox
DEPS_BENCH := pkg-config valgrind gcc libsofia-sip-ua-dev libosip2-dev libre-dev

.PHONY: run test build release install idle deps-run deps-test deps-bench bench fuzz clean

deps-run:
	@scripts/install-deps.sh $(DEPS_RUN)

deps-test:
	@scripts/install-deps.sh $(DEPS_TEST)

deps-bench:
	@scripts/install-deps.sh $(DEPS_BENCH)

build: deps-run
	$(SWIFT) build --product dialtone

# The softphone screen with the built-in demo peer: no account needed. Themes come from
# ./Themes (the source tree).
run: build
	.build/debug/dialtone --demo

test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

release: deps-run
	$(SWIFT) build -c release

# The release binary in $(PREFIX)/bin and the themes in $(PREFIX)/share/dialtone/Themes,
# where an installed dialtone looks for them.
PREFIX ?= /usr/local
install: deps-run
	$(SWIFT) build -c release --product dialtone
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dialtone/Themes
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/dialtone" $(DESTDIR)$(PREFIX)/bin/dialtone
	install -m 644 Themes/*.toml $(DESTDIR)$(PREFIX)/share/dialtone/Themes/

# Idle cost: the release build's screen up in tmux with the demo account registered,
# CPU time and resident memory over IDLE_SECONDS (default 30).
IDLE_SECONDS ?= 30
idle: deps-test
	IDLE_SECONDS=$(IDLE_SECONDS) SWIFT=$(SWIFT) scripts/idle-cost.sh

bench: deps-bench
	bench/run.sh

# libFuzzer on the SIP parser for FUZZ_SECONDS; a crash input lands in fuzz/out/crashes/.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) fuzz/run.sh

clean:
	rm -rf .build
