#!/usr/bin/env bash
# A Docker engine of the test run's own, for the container tests (Testcontainers).
#
#   engine.sh start STATE_DIR   install docker.io and debootstrap if missing (apt, as root), start
#                               dockerd unless ours already runs, wait until `docker info` answers,
#                               build the base image local/debian:bookworm unless it exists.
#                               Writes STATE_DIR/engine.env (DOCKER_HOST=...) on success, or
#                               STATE_DIR/unavailable (the reason) when no engine can be had here.
#                               Registers the calling process (the build) as a user of the daemon.
#   engine.sh stop STATE_DIR    unregisters this build; stops the daemon by its pid file when no
#                               live build uses it any more (builds on one machine share it; a
#                               build that was killed no longer counts).
#   engine.sh start STATE_DIR unix:///var/run/docker.sock
#                               use an engine that already runs there instead (your own Docker):
#                               nothing is installed, started or stopped; the image is built
#                               there if it is missing (debootstrap needs root).
#
# Idempotent: a second start reuses the running daemon and the built image. Nothing is pulled (no
# registry is reachable): the image is made with debootstrap from the Debian mirror apt uses.
# The daemon has no network of its own (--bridge=none, no iptables): the tests need none, and it
# cannot disturb another engine on the machine. Its files live under NIPC_DOCKER_ROOT
# (default /var/lib/nipc-docker; sockets and pid file under /run/nipc-docker).
# Storage driver overlay2, falling back to vfs where overlay mounts are refused (it says which).
# With CI=true, failing to get an engine is an error (exit 1): CI must run the container tests.
set -euo pipefail

cmd=${1:?usage: engine.sh start|stop STATE_DIR}
state=${2:?usage: engine.sh start|stop STATE_DIR}
root=${NIPC_DOCKER_ROOT:-/var/lib/nipc-docker}
run=/run/nipc-docker   # the socket path is also the pom's default docker.host
sock=$run/docker.sock
pidfile=$run/dockerd.pid
image=local/debian:bookworm
mkdir -p "$state"

log() { echo "[docker-engine] $*"; }

unavailable() {
  log "no Docker engine: $*"
  printf '%s\n' "$*" > "$state/unavailable"
  rm -f "$state/engine.env"
  if [ "${CI:-}" = true ]; then
    log "CI=true: the container tests must run in CI, so this is an error"
    exit 1
  fi
  exit 0
}

# Which build a registration belongs to: its state directory, hashed.
user_id() { printf '%s' "$(cd "$state" && pwd)" | sha1sum | cut -c1-16; }

engine_answers() { docker -H "unix://$sock" info >/dev/null 2>&1; }

install_missing() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    unavailable "${missing[*]} missing and not root to install them (apt-get install docker.io debootstrap)"
  fi
  command -v apt-get >/dev/null 2>&1 || unavailable "${missing[*]} missing and no apt-get to install them"
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Other builds on the machine may hold the dpkg lock for a while: wait for it.
  apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null ||
    unavailable "apt-get update failed"
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends docker.io debootstrap >/dev/null ||
    unavailable "apt-get install docker.io debootstrap failed"
}

start_daemon() {
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && engine_answers; then
    log "reusing the running daemon (pid $(cat "$pidfile"), unix://$sock)"
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || unavailable "dockerd needs root here (run as root, or start an engine yourself)"
  mkdir -p "$root" "$run"
  local driver=overlay2
  if ! overlay_works; then
    driver=vfs
    log "overlay mounts are refused on $root's file system: storage driver vfs (slower, more disk)"
  fi
  # dockerd wants containerd: the docker.io package's dockerd starts its own (managed) one.
  log "starting dockerd (storage $driver, unix://$sock, data $root)"
  nohup dockerd --data-root "$root/data" --exec-root "$run/exec" --pidfile "$pidfile" \
      -H "unix://$sock" --storage-driver "$driver" --bridge=none --iptables=false --ip6tables=false \
      --ip-masq=false --userland-proxy=false \
      > "$root/dockerd.log" 2>&1 < /dev/null 9>&- &
  local pid=$!
  for _ in $(seq 1 120); do
    if engine_answers; then
      log "dockerd answers (pid $pid)"
      # Containers a killed test run could not remove (Testcontainers labels its own).
      docker -H "unix://$sock" container prune -f --filter label=org.testcontainers=true >/dev/null || true
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -20 "$root/dockerd.log" >&2; unavailable "dockerd exited at start (log: $root/dockerd.log)"; }
    sleep 0.5
  done
  tail -20 "$root/dockerd.log" >&2
  unavailable "dockerd did not answer within 60 s (log: $root/dockerd.log)"
}

# overlay2 needs overlay mounts on the data root's file system (not on overlayfs itself, for example).
overlay_works() {
  local t
  t=$(mktemp -d "$root/overlay-probe.XXXXXX")
  mkdir -p "$t/l" "$t/u" "$t/w" "$t/m"
  local ok=1
  if mount -t overlay overlay -o "lowerdir=$t/l,upperdir=$t/u,workdir=$t/w" "$t/m" 2>/dev/null; then
    umount "$t/m"
    ok=0
  fi
  rm -rf "$t"
  return $ok
}

# The mirror apt already uses for bookworm (deb822 .sources or one-line sources.list).
debian_mirror() {
  local uri
  uri=$(awk '/^URIs:/{u=$2} /^Suites:/ && / bookworm( |$)/{print u; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '$1=="deb" && $3=="bookworm"{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

build_image() {
  if docker -H "unix://$sock" image inspect "$image" >/dev/null 2>&1; then
    log "image $image already built"
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || unavailable "image $image is missing and debootstrap needs root to build it"
  command -v debootstrap >/dev/null 2>&1 || unavailable "image $image is missing and debootstrap is not installed"
  mkdir -p "$root"
  local dir mirror started
  dir=$(mktemp -d /tmp/nipc-rootfs.XXXXXX)
  mirror=$(debian_mirror)
  started=$(date +%s)
  log "building $image: debootstrap --variant=minbase bookworm from $mirror"
  if ! debootstrap --variant=minbase bookworm "$dir" "$mirror" > "$root/debootstrap.log" 2>&1; then
    tail -20 "$root/debootstrap.log" >&2
    rm -rf "$dir"
    unavailable "debootstrap failed (log: $root/debootstrap.log)"
  fi
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/cache/apt/*.bin "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker -H "unix://$sock" import -c 'CMD ["/bin/bash"]' - "$image" >/dev/null
  rm -rf "$dir"
  log "built $image in $(( $(date +%s) - started )) s ($(docker -H "unix://$sock" image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1e6}'))"
}

case "$cmd" in
  start)
    rm -f "$state/unavailable" "$state/engine.env"
    [ "$(uname -s)" = Linux ] || unavailable "Linux containers need a Linux host (this is $(uname -s))"
    host=${3:-unix://$sock}
    if [ "$host" != "unix://$sock" ]; then
      sock=${host#unix://}
      command -v docker >/dev/null 2>&1 || unavailable "no docker client to reach $host"
      engine_answers || unavailable "the engine at $host does not answer (docker -H $host info)"
      log "using the engine at $host (not started or stopped by this build)"
    else
      install_missing
      mkdir -p "$run/users"
      exec 9> "$run/lock"
      flock 9
      start_daemon
      # This build (the process that called the script) uses the daemon until its stop.
      echo "$PPID" > "$run/users/$(user_id)"
      touch "$state/registered"
      flock -u 9
    fi
    build_image
    printf 'DOCKER_HOST=unix://%s\n' "$sock" > "$state/engine.env"
    ;;
  stop)
    if [ ! -f "$state/registered" ]; then
      log "this build did not use the daemon of its own: nothing to stop"
      exit 0
    fi
    mkdir -p "$run/users"
    exec 9> "$run/lock"
    flock 9
    rm -f "$run/users/$(user_id)" "$state/registered"
    others=()
    for u in "$run"/users/*; do
      [ -e "$u" ] || continue
      if kill -0 "$(cat "$u")" 2>/dev/null; then others+=("$(cat "$u")"); else rm -f "$u"; fi
    done
    if [ ${#others[@]} -gt 0 ]; then
      log "dockerd left running: ${#others[@]} other build(s) use it (pid ${others[*]})"
    elif [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      pid=$(cat "$pidfile")
      log "stopping dockerd (pid $pid)"
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      if kill -0 "$pid" 2>/dev/null; then
        log "dockerd $pid still running after 30 s: SIGKILL"
        kill -9 "$pid"
      fi
    fi
    flock -u 9
    ;;
  *)
    echo "usage: engine.sh start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
