#!/usr/bin/env bash
# Fuzzes one harness of tests/fuzz/ with libFuzzer (Debian's clang-14, AddressSanitizer and
# UndefinedBehaviorSanitizer) for SECONDS, at low priority:
#   scripts/fuzz.sh NAME SECONDS [libFuzzer options...]     e.g. scripts/fuzz.sh idx 3600
# Harnesses: project (reader + validator + compiler + a few steps), idx (IDX reader, plain and
# gzip); importers add theirs in tests/fuzz/CMakeLists.txt. Builds in build-fuzz/ (only the
# harness and snn_core). The corpus grows in build-fuzz/corpus/NAME/ from the seeds listed in
# build-fuzz/tests/fuzz/NAME.seeds; a crash is written to build-fuzz/artifacts/NAME/ and the
# script exits non-zero: copy that file into tests/fuzz/regressions/NAME/ (the replay_NAME test
# then runs it in every build), fix the bug, and fuzz on.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/fuzz.sh NAME SECONDS [libFuzzer options]}
seconds=${2:?usage: scripts/fuzz.sh NAME SECONDS [libFuzzer options]}
shift 2
build=build-fuzz

launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
flags="-O1 -g1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
scripts/deps.sh sanitizers
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++-14 "${launcher[@]}" -DSNNWB_FUZZ=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
fi
nice -n 10 cmake --build "$build" --parallel "$(nproc)" --target "fuzz_$name"

corpus=$build/corpus/$name
artifacts=$build/artifacts/$name
mkdir -p "$corpus" "$artifacts"
mapfile -t seeds < <(grep -v '^$' "$build/tests/fuzz/$name.seeds")
existing=()
for s in "${seeds[@]}"; do [ -d "$s" ] && existing+=("$s"); done

# An allocation over 2 GB fails (malloc returns null, as under a 2 GB address-space limit) rather
# than succeeding: libhdf5 1.10 mallocs sizes a damaged file claims (17 GB for one object header)
# and refuses the file when malloc fails; ASan would otherwise touch 2 GB of shadow memory for it.
# Our own code never allocates a claimed size, and operator new still reports out-of-memory.
# Memory errors inside libhdf5 itself that we cannot prevent (see the file).
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:allocator_may_return_null=1:max_allocation_size_mb=2048:suppressions=$PWD/tests/fuzz/asan.supp"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Leaks inside libhdf5's own error paths (see the file) are not findings.
export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0"
# 2 GB of memory and 60 s per input: an input that needs more has found a bug (an allocation it
# merely claims, or a hang). The limit is wall time and the fuzzer runs at nice 19: at 10 s, a
# busy machine starved ordinary inputs into false "timeouts" (a crossbar example's IR-drop fold
# takes 7 s in this -O1 sanitizer build even on an idle core).
exec nice -n 19 "$build/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -rss_limit_mb=2048 \
  -malloc_limit_mb=2048 -timeout=60 -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" \
  "$corpus" "${existing[@]}"
