#!/usr/bin/env bash
# Runs the benchmark suite and writes benchmarks/results/DATE-MODE.md and .csv.
#   benchmarks/run.sh           the full suite (about 35 minutes on 2 cores)
#   benchmarks/run.sh --quick   a quick look (a few minutes)
#   benchmarks/run.sh [--quick] --only fifo,mq,bulk-stream,jmh-UnixSocketCallBenchmark
#                               only those round trips (both processes on one CPU), bulk copies
#                               (bulk-X) and JMH classes (jmh-CLASS, with their C floor): a part
#                               measured again in a sitting of its own
#   benchmarks/run.sh [--quick] --facade
#                               the facade's round trips beside the typed layer's and C's, against
#                               the same C server: shm + spin, shm + named semaphores, Unix stream
#                               socket (SharedMemory, NamedSemaphore, LocalSocket), 8 B and 4 KiB,
#                               C<->C, typed Java<->C and facade Java<->C interleaved, both processes
#                               on CPU 0 (taskset -c 0), 6 repetitions (3 with --quick) so each of
#                               the three goes first equally often; writes DATE-full-facade.md
#                               (about 3 minutes). The same as --only facade; one transport alone:
#                               --only stream-facade (or named-facade, spin-facade)
#   benchmarks/run.sh --facade-overhead
#                               the facade beside the typed layer, interleaved in one JVM (prints a table)
#   --results DIR               write the report into DIR instead of benchmarks/results (a trial)
#   --repetitions N             N repetitions of every round-trip cell instead of the mode's (a
#                               facade sitting rounds it up to a multiple of 3)
# Builds the modules it needs with Maven (the C side with gcc -O2), then runs
# io.github.nativeipc.benchmarks.BenchmarkSuite: the round trips and bulk copies against the C
# server, pinned with taskset, then JMH. Needs Java 17+, Maven, gcc, make and taskset (util-linux).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
only=
repetitions=
main=io.github.nativeipc.benchmarks.BenchmarkSuite
results="$PWD/benchmarks/results"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick; shift ;;
    --only) only="${2:?--only needs a list of transports}"; shift 2 ;;
    --facade) only=facade; shift ;;
    --repetitions) repetitions="${2:?--repetitions needs a number}"; shift 2 ;;
    --facade-overhead) main=io.github.nativeipc.benchmarks.FacadeOverheadRun; shift ;;
    --results) results="$(mkdir -p "${2:?--results needs a directory}" && cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: benchmarks/run.sh [--quick] [--only TRANSPORT,... | --facade] [--results DIR] [--repetitions N] | --facade-overhead" >&2
       exit 2 ;;
  esac
done

command -v taskset >/dev/null 2>&1 || { echo "taskset (util-linux) is needed for the pinned modes" >&2; exit 1; }

exec mvn -B -ntp -q -Pbenchmarks -DskipTests -pl benchmarks -am verify \
  -Dbench.mode="$mode" -Dbench.only="$only" -Dbench.repetitions="$repetitions" -Dbench.results="$results" -Dbench.main="$main"
