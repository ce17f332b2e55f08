#!/usr/bin/env bash
# Simulation speed: the CUBA network (4000 LIF neurons, 320 000 synapses) for 10 s of simulated
# time with spike counting only, on 1 and 2 threads, next to Brian2's C++ standalone build of the
# same network measured in the same run; then a 100 000-neuron, 10-million-synapse network.
# Set-up is excluded (sim_s is the time spent stepping). Each figure is the median of REPEAT runs.
#
#   bench/cuba.sh [REPEAT]        (needs a Release build in build/; Brian2 from python3-brian)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${SNNWB_BUILD_DIR:-build}/app/cli/snnwb-cli
repeat=${1:-3}
[ -x "$cli" ] || { echo "build first: ./test.sh or scripts/build.sh" >&2; exit 1; }

median() { python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
field() { python3 -c 'import sys,json; d=json.loads(sys.stdin.read()); print(eval(sys.argv[1], {}, {"d": d}))' "$1"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "CUBA, 10 s simulated, dt 0.1 ms, no monitors (seconds of wall time per simulated second)"
for threads in 1 2; do
  times=()
  for _ in $(seq "$repeat"); do
    out=$("$cli" run bench/cuba_nomonitors.snnwb.json --duration 10000 --threads "$threads" --json)
    times+=("$(echo "$out" | field 'd["sim_s"]')")
  done
  rate=$(echo "$out" | field '"%.2f Hz exc, %.2f Hz inh" % (d["populations"]["exc"]["rate_hz"], d["populations"]["inh"]["rate_hz"])')
  per=$(python3 -c "print('%.4f' % ($(median "${times[@]}") / 10))")
  echo "  snnwb-cli, $threads thread(s): $per s/s  ($rate)"
  [ "$threads" = 1 ] && ours1=$per
done

if /usr/bin/python3 -c 'import brian2' 2>/dev/null; then
  times=()
  for _ in $(seq "$repeat"); do
    out=$(/usr/bin/python3 bench/brian2_cuba.py --standalone --duration 10000 2>/dev/null | tail -1)
    times+=("$(echo "$out" | field 'd["sim_s"]')")
  done
  rate=$(echo "$out" | field '"%.2f Hz exc, %.2f Hz inh" % (d["exc_rate_hz"], d["inh_rate_hz"])')
  per=$(python3 -c "print('%.4f' % ($(median "${times[@]}") / 10))")
  echo "  Brian2 2.5 C++ standalone, 1 thread: $per s/s  ($rate)"
  python3 -c "print('  ratio Brian2 / snnwb-cli (1 thread): %.1fx' % ($per / $ours1))"
else
  echo "  (Brian2 not installed: apt-get install python3-brian for the peer figure)"
fi

echo
echo "100 000 LIF neurons (80 000 exc, 20 000 inh, 100 inputs each: 10 M synapses), 1 s simulated"
for threads in 1 2; do
  times=()
  for _ in $(seq "$repeat"); do
    out=$("$cli" run bench/large_100k.snnwb.json --duration 1000 --threads "$threads" --json)
    times+=("$(echo "$out" | field 'd["sim_s"]')")
  done
  sim=$(median "${times[@]}")
  spikes=$(echo "$out" | field 'sum(p["spikes"] for p in d["populations"].values())')
  build=$(echo "$out" | field '"%.2f" % d["build_s"]')
  # Every spike reaches its row of the matrix: on average synapses / neurons = 100 targets.
  python3 -c "print('  %d thread(s): %.3f s per simulated s, %d spikes, %.1f M synaptic events/s (build %s s)' % ($threads, $sim, $spikes, $spikes * 100 / $sim / 1e6, '$build'))"
done
