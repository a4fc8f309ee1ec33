#!/usr/bin/env bash
# Runs the Windows round-trip benchmarks under Wine and writes
# benchmarks/results/DATE-windows-wine[-quick].md:
#   benchmarks/run-windows.sh           3 runs of 50,000 round trips per pair (about 5 minutes here)
#   benchmarks/run-windows.sh --quick   2 runs of 10,000 (about 1 minute)
# Builds with Maven, compiles benchmarks/src/main/c-windows/win_bench.c with mingw-w64, and runs
# io.github.nativeipc.benchmarks.windows.WindowsRoundTrips on the Windows JRE 17 that the Windows
# tests use (windows/src/test/wine/run-wine-tests.sh prepares the WINEPREFIX and the JRE, and
# installs Wine and mingw-w64 with apt if they are missing). Not part of mvn verify.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
  --quick) mode=quick ;;
  "") ;;
  *) echo "usage: benchmarks/run-windows.sh [--quick]" >&2; exit 2 ;;
esac

dir="$PWD/benchmarks/target/wine"
mkdir -p "$dir" benchmarks/results
mvn -B -ntp -q -DskipTests -pl benchmarks -am package dependency:build-classpath \
  -Dmdep.outputFile="$dir/classpath.txt" -Dmdep.pathSeparator=:
bash windows/src/test/wine/run-wine-tests.sh install
x86_64-w64-mingw32-gcc -O2 -Wall -o "$dir/win_bench.exe" benchmarks/src/main/c-windows/win_bench.c

winpath() { local p="$1"; printf 'Z:%s' "${p//\//\\}"; }
cp="$(winpath "$PWD/benchmarks/target/classes")"
IFS=':' read -r -a jars < "$dir/classpath.txt" || true
for j in "${jars[@]}"; do
  [ -n "$j" ] && cp="$cp;$(winpath "$j")"
done
suffix=$([ "$mode" = quick ] && echo "-quick" || true)
report="$PWD/benchmarks/results/$(date +%F)-windows-wine$suffix.md"
# Everything on one CPU, Wine's wineserver included (it relays every wait and signal): unpinned,
# a wake-up lands on either CPU and the medians jump between about 15 and 95 us from run to run.
pin=()
pinning="unpinned (no taskset)"
if command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c "${NIPC_BENCH_CPU:-1}")
  pinning="every process on CPU ${NIPC_BENCH_CPU:-1} (taskset), wineserver included"
fi
"${pin[@]}" bash windows/src/test/wine/run-wine-tests.sh java "$dir" "-Dnipc.bench.pinning=$pinning" -cp "$cp" \
  io.github.nativeipc.benchmarks.windows.WindowsRoundTrips "$(winpath "$dir/win_bench.exe")" "$(winpath "$report")" "$mode"
printf '\n%s\n' "$(wine --version 2>/dev/null); $(uname -sr); $(nproc) CPUs" >> "$report"
echo "wrote $report"
