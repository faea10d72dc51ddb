# The front doors of annals. Everything real lives in CMake; this file only
# installs missing Debian packages, picks a preset and runs it.
#   make demo   build (Release) and run the analyzers on data/
#   make test   build (Debug + ASan/UBSan) and run every test through ctest, then the Python
#               module's tests in a plain build (make test-python: build/python, python/README.md)
#   make bench  build (Release) and run the Google Benchmark suites
#   make bench-scale  the national-scale run (bench/README.md): GOVS governments × YEARS reports
#               (default 10000 × 10) ingested, then yoy, track, report and check over the store;
#               data under build/scale (about 8 kB of files and 12.5 kB of store per report)
#   make bench-tool  issue 15's targets of `annals extract` and `ingest` in ROUNDS (default 21)
#               alternated rounds, each read against a gauge per CPU (bench/scale/tool_rounds.sh)
#   make accuracy  the accuracy suite's scoreboard (tests/accuracy/README.md); DETAILS=1 lists every miss
#   make fuzz   build the libFuzzer targets (clang) and run each FUZZ_SECONDS (default 180)

JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BUILD_PKGS := cmake make g++ pkg-config help2man \
  libboost-date-time-dev libboost-dev libfmt-dev libsqlitecpp-dev libsqlite3-dev \
  nlohmann-json3-dev libcli11-dev libutf8proc-dev libpoppler-cpp-dev libzip-dev libpugixml-dev \
  libpq-dev libjemalloc-dev
# `import annals` (python/): the pybind11 module, its tests, the DataFrame and plotting example
PYTHON_PKGS := python3 python3-dev pybind11-dev python3-pytest python3-pandas python3-matplotlib
TEST_PKGS  := libgtest-dev libgmock-dev sqlite3 postgresql chromium fonts-noto-cjk clang libclang-rt-14-dev \
  $(PYTHON_PKGS)
BENCH_PKGS := libbenchmark-dev sqlite3 postgresql python3 time

.PHONY: all deps test-deps bench-deps build demo test test-python bench bench-scale bench-tool clean fuzz accuracy

all: build

# Install only what is missing; apt-get update only when something is.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "annals: installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_PKGS))

test-deps: deps
	$(call install_missing,$(TEST_PKGS))

bench-deps: deps
	$(call install_missing,$(BENCH_PKGS))

build: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS)

demo: build
	@sh examples/demo.sh build/release

test: test-deps
	cmake --preset dev
	cmake --build --preset dev -j $(JOBS)
	ctest --preset dev -j $(JOBS)
	$(MAKE) --no-print-directory test-python

# The Python module cannot be loaded into python3 from the ASan build (dev skips its test and says
# why): build it, with the annals tool its tests compare against, in a plain build and run pytest.
test-python: test-deps
	cmake -S . -B build/python -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANNALS_BUILD_TESTS=ON \
	  -DANNALS_BUILD_PYTHON=ON -DPython3_EXECUTABLE=/usr/bin/python3
	cmake --build build/python -j $(JOBS) --target annals_python annals_cli
	ctest --test-dir build/python -R '^python$$' --output-on-failure

# The accuracy scoreboard: reader per class and style, the sample report, the tracker's pairs.
accuracy: test-deps
	cmake --preset dev
	cmake --build --preset dev -j $(JOBS) --target annals_accuracy
	build/dev/tests/accuracy/annals_accuracy --gate tests/accuracy/floors.txt $(if $(DETAILS),--details,)

bench: bench-deps
	cmake --preset bench
	cmake --build --preset bench -j $(JOBS)
	@sh bench/run.sh build/bench

# The national-scale run of issue 15 (bench/scale/run.sh). GOVS=1000 YEARS=10 for a shorter one;
# SCALE_JOBS threads for ingest and processes for track/check (default: the cores); TRACK_PAIRS=N
# and CHECK_REPORTS=N time N pairs / reports instead of all.
GOVS  ?= 10000
YEARS ?= 10
SCALE_JOBS ?= $(JOBS)
bench-scale: bench-deps
	cmake --preset bench
	cmake --build --preset bench -j $(JOBS) --target annals_cli gen_reports
	JOBS=$(SCALE_JOBS) sh bench/scale/run.sh build/bench build/scale $(GOVS) $(YEARS)

# issue 15's whole-process targets in alternated rounds (bench/README.md, "Reading a figure on
# this machine"); 1,200 sample-sized files under build/tool.
ROUNDS ?= 21
bench-tool: bench-deps
	cmake --preset bench
	cmake --build --preset bench -j $(JOBS) --target annals_cli
	sh bench/scale/tool_rounds.sh build/bench build/tool $(ROUNDS)

# Fuzzing (docs/reliability.md): the fuzz preset in build/fuzz, then each target in turn.
FUZZ_SECONDS ?= 180
fuzz: test-deps
	sh tests/fuzz/fuzz.sh build . build/fuzz
	sh tests/fuzz/fuzz.sh run . build/fuzz all $(FUZZ_SECONDS)

clean:
	rm -rf build
