# virtd — one Makefile, out-of-tree objects in build/$(VARIANT)/.
#
#   make            build ./virtd (release: -O2 -g)
#   make check      install test dependencies when missing, then run every
#                   test: unit, integration, stress and the ASan+UBSan suite
#   make test       unit + integration tests on the release build
#   make unit       Criterion unit tests only
#   make integ      integration tests (real virsh / virt-admin / python3-libvirt)
#   make stress     queue and pool stress programs under ThreadSanitizer
#   make asan       AddressSanitizer + UBSan build, unit + integration tests
#   make tsan       ThreadSanitizer build: stress programs + integration tests
#   make bench-queue  MPMC queue vs mutex+condvar queue benchmark
#   make trivial-responder  the scale row's responder (plain C, libc only):
#                   build/bench/bench/trivial_responder
#   make machine-costs  build/bench/bench/machine_costs: the cost of a
#                   system call, a UNIX-socket frame, a cross-CPU wake
#   make fuzz       libFuzzer targets (clang); make fuzz-smoke runs each 30 s
#   make clean

VARIANT ?= release
BUILD   := build/$(VARIANT)
CC      ?= cc

WARN    := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
           -Wshadow -Wformat=2 -Wno-format-nonliteral
BASE    := -std=c11 -D_GNU_SOURCE -pthread -I. -MMD -MP
OPT_release := -O2 -g
OPT_asan    := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer
OPT_tsan    := -O1 -g -fsanitize=thread -fno-omit-frame-pointer
OPT_bench   := -O3 -g
OPT_fuzz    := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
               -fno-omit-frame-pointer
CFLAGS  := $(BASE) $(WARN) $(OPT_$(VARIANT)) $(EXTRA_CFLAGS)
LDFLAGS := -pthread $(filter -fsanitize=%,$(OPT_$(VARIANT))) $(EXTRA_LDFLAGS)

LIB_SRC := $(sort $(wildcard core/*.c rpc/*.c pool/*.c drivers/*.c drivers/*/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard test/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:test/unit/%.c=$(BUILD)/test/%)
STRESS_SRC := $(sort $(wildcard test/stress/*.c))
STRESS_BIN := $(STRESS_SRC:test/stress/%.c=$(BUILD)/stress/%)

.PHONY: all check test unit integ stress asan tsan bench-queue \
        trivial-responder machine-costs fuzz fuzz-smoke \
        clean deps
.DEFAULT_GOAL := all

all: virtd

ifeq ($(VARIANT),release)
virtd: $(BUILD)/virtd
	cp --remove-destination $< $@
endif

$(BUILD)/virtd: $(BUILD)/main.o $(BUILD)/libvirtd.a
	$(CC) -o $@ $^ $(LDFLAGS)

$(BUILD)/libvirtd.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/test/%: test/unit/%.c $(BUILD)/libvirtd.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libvirtd.a $(LDFLAGS) -lcriterion

$(BUILD)/stress/%: test/stress/%.c $(BUILD)/libvirtd.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libvirtd.a $(LDFLAGS)

# -- tests -----------------------------------------------------------------

deps:
	scripts/install-deps.sh

check: deps
	$(MAKE) test
	$(MAKE) stress
	$(MAKE) asan

test: unit integ

unit: $(UNIT_BIN)
	scripts/run-unit.sh $(UNIT_BIN)

# gcc's TSan cannot map its shadow memory on kernels with large
# vm.mmap_rnd_bits; without ASLR it can, and the setting is inherited by
# every daemon and client the tests start.
NORAND = $(shell setarch $$(uname -m) -R true 2>/dev/null && \
                 echo setarch $$(uname -m) -R)
INTEG_WRAP_tsan = $(NORAND)

integ: $(BUILD)/virtd build/virsh_quit_shim.so
	VIRTD=$(abspath $(BUILD)/virtd) $(INTEG_WRAP_$(VARIANT)) test/integ/run.sh

# Preloaded into the tests' virsh processes only (see the source): plain
# flags whatever the variant, as it goes into the system's virsh.
build/virsh_quit_shim.so: test/integ/virsh_quit_shim.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O2 -fPIC -shared -o $@ $< -ldl

stress:
	$(MAKE) VARIANT=tsan stress-run

stress-run: $(STRESS_BIN)
	scripts/run-stress.sh $(STRESS_BIN)

asan:
	$(MAKE) VARIANT=asan unit integ

tsan:
	$(MAKE) VARIANT=tsan stress-run integ

bench-queue:
	$(MAKE) VARIANT=bench build/bench/bench/bench_queue
	build/bench/bench/bench_queue

$(BUILD)/bench/%: test/bench/%.c $(BUILD)/libvirtd.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libvirtd.a $(LDFLAGS)

# The performance table's scale row: libc only, so neither libvirtd.a nor
# virtd is built or linked for it.
trivial-responder:
	$(MAKE) VARIANT=bench build/bench/bench/trivial_responder

$(BUILD)/bench/trivial_responder: test/bench/trivial_responder.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LDFLAGS)

# What the machine charges for a system call, a UNIX-socket frame and a
# wake across CPUs (the report's "machine costs" line); libc only.
machine-costs:
	$(MAKE) VARIANT=bench build/bench/bench/machine_costs

$(BUILD)/bench/machine_costs: test/bench/machine_costs.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LDFLAGS)

fuzz:
	scripts/install-deps.sh --fuzz
	$(MAKE) VARIANT=fuzz CC=clang fuzz-build

fuzz-smoke: fuzz
	scripts/fuzz-smoke.sh 30

FUZZ_SRC := $(sort $(wildcard test/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:test/fuzz/%.c=$(BUILD)/fuzz/%)
fuzz-build: $(FUZZ_BIN)
$(BUILD)/fuzz/%: test/fuzz/%.c $(BUILD)/libvirtd.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libvirtd.a $(LDFLAGS)

clean:
	rm -rf build virtd

-include $(shell find build -name '*.d' 2>/dev/null)
