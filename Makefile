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
#   make lab LAB=name  boot the test VM and run the classroom lab
#                      scripts/labs/name.sh (make lab: list the labs)
#   make install       the tool and its man page (PREFIX, DESTDIR); the
#                      module too when KDIR is given
#   make clean
KDIR ?= /lib/modules/$(shell uname -r)/build
KVER ?=
export KVER
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man

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

# The tool and its man page under $(DESTDIR)$(PREFIX).  The module only when
# KDIR is given: it is built against that tree and installed with the
# kernel's modules_install (INSTALL_MOD_PATH=$(DESTDIR); depmod runs there).
install: tool
	install -D -m 0755 tool/mmscope $(DESTDIR)$(BINDIR)/mmscope
	install -D -m 0644 tool/mmscope.1 $(DESTDIR)$(MANDIR)/man1/mmscope.1
ifeq ($(origin KDIR),command line)
	$(MAKE) -C module KDIR=$(KDIR)
	$(MAKE) -C $(KDIR) M=$(CURDIR)/module INSTALL_MOD_PATH=$(DESTDIR) modules_install
endif

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mmscope $(DESTDIR)$(MANDIR)/man1/mmscope.1

lab:
ifeq ($(LAB),)
	@echo "Classroom labs: make lab LAB=NAME (Documentation/labs/NAME.rst explains each)"
	@for f in scripts/labs/*.sh; do \
		n=$${f##*/}; n=$${n%.sh}; [ "$$n" = lib ] && continue; \
		printf '  %-16s %s\n' "$$n" "$$(sed -n 's/^title "\(.*\)"$$/\1/p' $$f)"; \
	done
else
	@[ -f scripts/labs/$(LAB).sh ] || { echo "No lab '$(LAB)': 'make lab' lists them."; exit 2; }
	scripts/deps
	$(MAKE) -C tool
	$(MAKE) -C tests/vm
	scripts/vm run $(if $(KVER),--kernel $(firstword $(KVER))) -- sh /mmscope/labs/$(LAB).sh
endif

clean:
	-$(MAKE) -C module clean 2>/dev/null
	$(MAKE) -C tool clean
	$(MAKE) -C tests/vm clean


.PHONY: all module tool deps check check-debug stress checkpatch demo bench vm-shell install uninstall lab clean
