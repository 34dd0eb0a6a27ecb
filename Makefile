# mmscope: kernel module (module/), tool (tool/), test VM and tests.
#
#   make               module (against KDIR) and tool
#   make check         every test: host unit tests, checkpatch, and the in-VM
#                      suite under QEMU on Debian's 6.1, 6.12 and sid kernels
#                      (KVER="6.12 ..." to choose)
#   make check-debug   the in-VM suite and a long stress and fuzz run on a
#                      6.1 kernel built with KASAN, lockdep and kmemleak
#                      (scripts/debug-kernel: built once, takes hours)
#   make stress        a long stress and fuzz run (MMSCOPE_STRESS_SECONDS,
#                      MMSCOPE_FUZZ_ITERATIONS; KVER, default 6.1)
#   make demo          boot the test VM with the module and a demo workload
#   make bench         mmscope's speed against the kernel's own interfaces
#   make vm-shell      interactive shell in the test VM
#   make clean
KDIR ?= /lib/modules/$(shell uname -r)/build
KVER ?=
export KVER

all: module tool

module:
	@if [ ! -d "$(KDIR)/" ]; then \
		echo "No kernel build tree at $(KDIR)."; \
		echo "Install linux-headers-$$(uname -r), or pass KDIR=/path/to/build."; \
		echo "(make check and make demo build the module for the test VM by themselves.)"; \
		exit 1; \
	fi
	$(MAKE) -C module KDIR=$(KDIR)

tool:
	$(MAKE) -C tool

deps:
	scripts/deps

check: deps
	scripts/check

check-debug: deps
	KVER=debug scripts/check --stress

stress: deps
	KVER="$(or $(KVER),6.1)" scripts/check --stress-only

checkpatch: deps
	scripts/checkpatch

demo: deps
	$(MAKE) -C tool
	$(MAKE) -C tests/vm
	scripts/demo

bench: deps
	$(MAKE) -C tool
	$(MAKE) -C tests/vm
	scripts/bench

vm-shell: deps
	$(MAKE) -C tool
	$(MAKE) -C tests/vm
	scripts/vm shell

clean:
	-$(MAKE) -C module clean 2>/dev/null
	$(MAKE) -C tool clean
	$(MAKE) -C tests/vm clean

.PHONY: all module tool deps check check-debug stress checkpatch demo bench vm-shell clean
