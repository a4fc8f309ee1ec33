#!/usr/bin/env bash
# Runs the benchmark suite and writes benchmarks/results/DATE-MODE.md and .csv.
#   benchmarks/run.sh           the full suite (about 27 minutes on 2 cores)
#   benchmarks/run.sh --quick   a quick look (a few minutes)
#   benchmarks/run.sh [--quick] --only fifo,mq,bulk-stream,jmh-UnixSocketCallBenchmark
#                               only those round trips (both processes on one CPU), bulk copies
#                               (bulk-X) and JMH classes (jmh-CLASS, with their C floor): a part
#                               measured again in a sitting of its own
#   benchmarks/run.sh --facade-overhead
#                               the facade beside the typed layer, interleaved in one JVM (prints a table)
# Builds the modules it needs with Maven (the C side with gcc -O2), then runs
# io.github.nativeipc.benchmarks.BenchmarkSuite: the round trips and bulk copies against the C
# server, pinned with taskset, then JMH. Needs Java 17+, Maven, gcc, make and taskset (util-linux).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
only=
main=io.github.nativeipc.benchmarks.BenchmarkSuite
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick; shift ;;
    --only) only="${2:?--only needs a list of transports}"; shift 2 ;;
    --facade-overhead) main=io.github.nativeipc.benchmarks.FacadeOverheadRun; shift ;;
    *) echo "usage: benchmarks/run.sh [--quick] [--only TRANSPORT,...] | --facade-overhead" >&2; exit 2 ;;
  esac
done

command -v taskset >/dev/null 2>&1 || { echo "taskset (util-linux) is needed for the pinned modes" >&2; exit 1; }

exec mvn -B -ntp -q -Pbenchmarks -DskipTests -pl benchmarks -am verify \
  -Dbench.mode="$mode" -Dbench.only="$only" -Dbench.results="$PWD/benchmarks/results" -Dbench.main="$main"
