# SPDX-License-Identifier: GPL-2.0
#
# lastgasp: top-level build.  `make` builds the module and the reporter,
# `make check` runs every test, `make demo` shows a crash report from a VM.

PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     ?= $(CURDIR)/build

# Kernel tree: the running kernel's when its headers are installed, else the
# newest installed one.
KDIR ?= $(shell scripts/find-kdir.sh)

.PHONY: all module user clean install modules_install dkms-install style \
	check unit e2e demo bench accuracy deps soak fuzz deb rpm

all: module user

module:
	@test -n "$(KDIR)" || { echo "lastgasp: no kernel headers found; install linux-headers-amd64 or set KDIR" >&2; exit 1; }
	@echo "lastgasp: building the module against $(KDIR)"
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=$(W) modules

user:
	$(MAKE) -C user

modules_install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	-depmod -a $(notdir $(patsubst %/build,%,$(KDIR)))

install: user
	$(MAKE) -C user install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

dkms-install:
	scripts/dkms-install.sh

# Debian packages (debian/) in build/deb, an RPM (packaging/rpm) in build/rpm.
deb:
	scripts/make-deb.sh

rpm:
	scripts/make-rpm.sh

style:
	scripts/checkpatch.sh

deps:
	scripts/deps.sh

check:
	scripts/check.sh

demo:
	scripts/demo.sh

bench:
	scripts/bench.sh

# Hundreds of crashes of every class in QEMU guests: the capture rate.
soak:
	scripts/soak.sh

accuracy:
	scripts/accuracy.sh

# The reporter's libFuzzer targets, SECONDS each (default 600), all at once.
SECONDS ?= 600
fuzz:
	SECONDS_TO_RUN=$(SECONDS) scripts/fuzz.sh

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C user clean
	rm -rf $(BUILD)
