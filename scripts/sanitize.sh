#!/usr/bin/env bash
# Builds and runs the tests under a sanitizer, each in its own build directory, failing on the
# first report:
#   scripts/sanitize.sh asan   AddressSanitizer + UndefinedBehaviorSanitizer (GCC, with
#                              float-cast-overflow, which GCC leaves out of `undefined`), the
#                              engine and command-line tests and the fuzz replays (ctest label
#                              "core"), in build-asan/; SNNWB_ASAN_ALL=1 builds and runs every
#                              test, the window's too (twice the build: too long for CI's 30
#                              minutes on 2 cores)
#   scripts/sanitize.sh tsan   ThreadSanitizer (Clang 14, whose OpenMP runtime tells TSan about
#                              its barriers through the Archer tool; GCC's libgomp does not and
#                              gives false reports), the engine's tests that run threads (OpenMP,
#                              the block pool, training), in build-tsan/. Not the window's worker
#                              threads: Debian's Qt is not built with TSan, so the ordering its
#                              event queue gives a queued signal (futexes inside Qt Core) is
#                              invisible and every queued argument is reported as a race.
# Unity builds (eight sources per compiler run) keep both sanitizer builds inside CI's 30 minutes
# on 2 cores. Extra arguments go to ctest (e.g. -R tst_session). ccache is used when it is installed.
# Known false positives in uninstrumented libraries are listed in scripts/sanitizers/.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-}
shift || true
here=$PWD
supp=$here/scripts/sanitizers

launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi

# -O1 keeps the tests fast enough; -g1 gives file:line in reports.
case "$kind" in
  asan)
    build=build-asan
    flags="-O1 -g1 -fno-omit-frame-pointer -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all"
    compiler=(-DCMAKE_CXX_COMPILER=g++)
    if [ "${SNNWB_ASAN_ALL:-0}" = 1 ]; then
      targets=(all)
      labels=()
    else
      targets=(core_tests fuzz_replays snnwb-cli)
      labels=(-L core)
    fi
    tests=()
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:strict_init_order=1:check_initialization_order=1:allocator_may_return_null=1:max_allocation_size_mb=4096"
    export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"
    ;;
  tsan)
    build=build-tsan
    flags="-O1 -g1 -fno-omit-frame-pointer -fsanitize=thread"
    compiler=(-DCMAKE_CXX_COMPILER=clang++-14)
    # Tests that start threads: the engine's OpenMP and block pool. Not tst_stdptraining: under
    # TSan it takes 160 s (a third of the run) and its threads are the simulator's, which
    # tst_determinism and tst_plasticity run with plasticity on several threads.
    tests=(tst_determinism tst_plasticity tst_surrogategradient tst_surrogatetrainer
           tst_connectors tst_sampleactivity)
    targets=("${tests[@]}")
    labels=()
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$supp/tsan.supp"
    export OMP_TOOL_LIBRARIES=/usr/lib/llvm-14/lib/libarcher.so
    ;;
  *)
    echo "usage: scripts/sanitize.sh asan|tsan [ctest arguments]" >&2
    exit 2
    ;;
esac

# Qt Test's watchdog ends a test function after 5 minutes; sanitizers run several times slower.
export QTEST_FUNCTION_TIMEOUT=1500000

scripts/deps.sh sanitizers
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${compiler[@]}" \
    "${launcher[@]}" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$flags" \
    -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 \
    -DCMAKE_EXE_LINKER_FLAGS="${flags#-O1 -g1 }" -DCMAKE_SHARED_LINKER_FLAGS="${flags#-O1 -g1 }" \
    -DSNNWB_TEST_TIMEOUT=1500
fi
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}"

cd "$build"
regex=()
if [ ${#tests[@]} -gt 0 ]; then regex=(-R "^($(IFS='|'; echo "${tests[*]}"))\$"); fi
ctest --output-on-failure --no-tests=error --parallel "$(nproc)" "${regex[@]}" "${labels[@]}" "$@"
