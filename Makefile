# winnow - build, test, bench. `make` builds ./winnow; `make test` runs every test.
# Sanitizer build: `make SAN=1 test` (objects go to build-san/).
# Sources are found by wildcard: a new lib/STAGE/*.c or tests/test_*.c needs no edit here.

CC      ?= gcc
CXX     ?= g++
PKGS    := zlib libzstd libxml-2.0 uchardet libbrotlidec libutf8proc libpcre2-8 libxxhash
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
OPT     ?= -O2
WARN    := -Wall -Wextra -Werror
CFLAGS  += $(OPT) -g -std=gnu11 $(WARN) -Iinclude -Ilib -pthread $(PKG_CFLAGS)
CXXFLAGS += $(OPT) -g -std=gnu++17 $(WARN) -Iinclude -Ilib -pthread
LDLIBS  += $(PKG_LIBS) -lcld2 -lstdc++ -lpthread -lm

ifeq ($(SAN),1)
  BUILD := build-san
  SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
  CFLAGS += $(SANFLAGS)
  CXXFLAGS += $(SANFLAGS)
  LDFLAGS += $(SANFLAGS)
  WINNOW := $(BUILD)/winnow
else ifeq ($(FUZZ),1)
  # libFuzzer: the library is instrumented for coverage (fuzzer-no-link); only
  # the targets link the fuzzer main. clang may warn where gcc does not, so
  # warnings do not stop this build. Linked with clang++ for UBSan's C++ runtime.
  BUILD := build-fuzz
  CC := clang
  CXX := clang++
  WARN := -Wall -Wextra
  OPT := -O1
  SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
  CFLAGS += $(SANFLAGS)
  CXXFLAGS += $(SANFLAGS)
  WINNOW := $(BUILD)/winnow
else ifeq ($(TSAN),1)
  BUILD := build-tsan
  SANFLAGS := -fsanitize=thread
  CFLAGS += $(SANFLAGS)
  LDFLAGS += $(SANFLAGS)
  WINNOW := $(BUILD)/winnow
else
  BUILD := build
  WINNOW := winnow
endif

LIB_C   := $(sort $(wildcard lib/*/*.c))
LIB_CC  := $(sort $(wildcard lib/*/*.cc))
LIB_OBJ := $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CC:%.cc=$(BUILD)/%.o)
TEST_C  := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TEST_C:tests/%.c=$(BUILD)/tests/%)
FUZZ_C  := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_C:fuzz/%.c=$(BUILD)/fuzz/%_replay)
PROG_C  := $(sort $(wildcard programs/*.c))
PROG_OBJ := $(PROG_C:%.c=$(BUILD)/%.o)
LIBA    := $(BUILD)/libwinnow.a

.PHONY: all test check clean bench tsan fuzz man
all: $(WINNOW)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -MMD -MP -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(WINNOW): $(PROG_OBJ) $(LIBA)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/%.c tests/harness.h $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LIBA) $(LDFLAGS) $(LDLIBS)

$(BUILD)/fuzz/%_replay: fuzz/%.c fuzz/replay.c fuzz/fuzz.h $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DWN_FUZZ_REPLAY -o $@ $< fuzz/replay.c $(LIBA) $(LDFLAGS) $(LDLIBS)

# Every test: unit and golden (tests/test_*), CLI (tests/cli), fuzz corpus replay.
test: $(WINNOW) $(TEST_BIN) $(FUZZ_REPLAY)
	@WINNOW=$(abspath $(WINNOW)) BUILD=$(BUILD) sh tests/run.sh

check: test

# libFuzzer builds (clang): `make fuzz`, then e.g.
#   ./build-fuzz/fuzz_jsonl -max_total_time=60 build-fuzz/corpus-jsonl fuzz/corpus/jsonl
fuzz:
	$(MAKE) FUZZ=1 $(FUZZ_C:fuzz/%.c=build-fuzz/%)

build-fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(LIBA)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -c $< -o $@.o
	$(CXX) $(SANFLAGS) -fsanitize=fuzzer -o $@ $@.o $(LIBA) $(LDLIBS)

# ThreadSanitizer over the worker pool (test_pipeline runs 1, 2, 4 and 8 workers).
# The man page is generated from the option table (tests/cli/basic.sh checks it is current).
man: $(WINNOW)
	./$(WINNOW) --help-man > docs/winnow.1

tsan:
	$(MAKE) TSAN=1 build-tsan/tests/test_pipeline
	TSAN_OPTIONS=halt_on_error=1 ./build-tsan/tests/test_pipeline

bench: $(WINNOW)
	sh bench/run.sh

clean:
	rm -rf build build-san build-tsan build-fuzz winnow

-include $(LIB_OBJ:.o=.d) $(PROG_OBJ:.o=.d)
