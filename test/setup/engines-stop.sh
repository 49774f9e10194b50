#!/usr/bin/env bash
# Stops only the daemons test/setup/engines.sh started (as recorded in its pid file), by pid:
# SIGTERM, then SIGKILL after a bounded wait. Daemons that were already running are untouched.
set -euo pipefail

# Per user when not root, so a non-root run never trips over root-owned state.
readonly STATE_DIR="${BERTH_ENGINES_DIR:-/tmp/berth-engines$( (($(id -u) == 0)) || echo "-$(id -u)")}"
readonly PIDFILE="${BERTH_ENGINES_PIDFILE:-$STATE_DIR/pids}"
# dockerd stops its running containers on SIGTERM (up to its 15 s shutdown timeout).
readonly GRACE_SECONDS=30

if [[ ! -s $PIDFILE ]]; then
  echo "[engines-stop] nothing recorded in $PIDFILE: nothing to stop"
  exit 0
fi

# The program a recorded pid must still be running, so a recycled pid is never signalled.
expected_program() {
  case $1 in
    dockerd) echo dockerd ;;
    podman) echo podman ;;
    registry) echo docker-registry ;;
    *) echo "$1" ;;
  esac
}

still_ours() {
  local pid=$1 program=$2 exe
  exe=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $exe == *"$program"* ]]
}

status=0
# Stop in reverse start order: the registry and Podman first, dockerd last.
while read -r name pid; do
  [[ -n ${pid:-} ]] || continue
  program=$(expected_program "$name")
  if ! still_ours "$pid" "$program"; then
    echo "[engines-stop] $name (pid $pid) is no longer running"
    continue
  fi
  echo "[engines-stop] stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < GRACE_SECONDS * 10; i++)); do
    still_ours "$pid" "$program" || break
    sleep 0.1
  done
  if still_ours "$pid" "$program"; then
    echo "[engines-stop] $name (pid $pid) ignored SIGTERM for ${GRACE_SECONDS}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || status=1
  fi
done < <(tac "$PIDFILE")

rm -f "$PIDFILE"
exit "$status"
