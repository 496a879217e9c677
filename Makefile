# Dialtone — the two commands a new user runs are `make run` and `make test`.
SWIFT      ?= swift
export PATH := /opt/swift/usr/bin:$(PATH)

# Debian packages: to build and run, and (in addition) to test and benchmark.
DEPS_RUN   := pkg-config libncursesw5-dev
DEPS_TEST  := $(DEPS_RUN) tmux sip-tester openssl tshark kamailio kamailio-sqlite-modules sqlite3
DEPS_BENCH := pkg-config valgrind gcc libsofia-sip-ua-dev libosip2-dev libre-dev

.PHONY: run test build release deps-run deps-test deps-bench bench fuzz clean

deps-run:
	@scripts/install-deps.sh $(DEPS_RUN)

deps-test:
	@scripts/install-deps.sh $(DEPS_TEST)

deps-bench:
	@scripts/install-deps.sh $(DEPS_BENCH)

build: deps-run
	$(SWIFT) build --product dialtone

# Until the softphone screen and its built-in demo land (see README, "What works
# today"), `make run` shows what Dialtone can already do with no account: it reads a
# 302, a 401 and a malformed INVITE, and compares the two codes that matter most.
run: build
	@echo '$$ dialtone parse examples/*.sip'
	@.build/debug/dialtone parse examples/302-moved-temporarily.sip examples/401-unauthorized.sip examples/bad-extraneous-separators.sip || true
	@echo
	@echo '$$ dialtone explain 302 401'
	@.build/debug/dialtone explain 302 401

test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

release: deps-run
	$(SWIFT) build -c release

bench: deps-bench
	bench/run.sh

# libFuzzer on the SIP parser for FUZZ_SECONDS; a crash input lands in fuzz/out/crashes/.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) fuzz/run.sh

clean:
	rm -rf .build
