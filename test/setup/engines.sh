#!/usr/bin/env bash
# Brings up everything the engine and e2e tests need on a Debian machine, and nothing twice:
#   - the Debian packages (installed only when one is missing; needs root),
#   - the crun cgroup fix and Podman's config (see /work/shared/ENGINES.md for why),
#   - dockerd on /var/run/docker.sock (with the extra `crun` runtime),
#   - the Podman API service on /run/podman/podman.sock,
#   - a password-protected registry on 127.0.0.1:5000 (alice / s3cret),
#   - the test images local/busybox:1 and local/pause:1 in BOTH engines, and
#     127.0.0.1:5000/private/busybox:1 in the registry.
# Safe to run again: anything that already answers is left alone. Daemons this script starts
# are recorded in $BERTH_ENGINES_PIDFILE, so test/setup/engines-stop.sh stops only those.
#
# Environment:
#   BERTH_ENGINES_DIR      logs, registry data, image build dirs (default /tmp/berth-engines)
#   BERTH_ENGINES_PIDFILE  where started daemons are recorded (default $BERTH_ENGINES_DIR/pids)
set -euo pipefail

# Per user when not root, so a non-root run never trips over root-owned state.
readonly STATE_DIR="${BERTH_ENGINES_DIR:-/tmp/berth-engines$( (($(id -u) == 0)) || echo "-$(id -u)")}"
readonly PIDFILE="${BERTH_ENGINES_PIDFILE:-$STATE_DIR/pids}"
readonly DOCKER_SOCK=/var/run/docker.sock
readonly PODMAN_SOCK=/run/podman/podman.sock
readonly REGISTRY_ADDR=127.0.0.1:5000
readonly REGISTRY_USER=alice
readonly REGISTRY_PASSWORD=s3cret
readonly REGISTRY_DIR="${BERTH_REGISTRY_DIR:-/tmp/berth-registry}"
readonly BUSYBOX_IMAGE=local/busybox:1
readonly PAUSE_IMAGE=local/pause:1
readonly PRIVATE_IMAGE="$REGISTRY_ADDR/private/busybox:1"

# golang-github-containernetworking-plugin-dnsname: Podman 4.3's CNI backend resolves container
# names and network aliases (Berth's Service names) only with this plugin; without it a pod
# cannot reach a Service by name on Podman (networks are created with dns_enabled: false).
readonly PACKAGES=(docker.io containerd runc crun podman catatonit uidmap iptables
  golang-github-containernetworking-plugin-dnsname
  busybox-static docker-registry apache2-utils curl chromium)

started_at=$SECONDS
log() { printf '[engines %3ss] %s\n' "$((SECONDS - started_at))" "$*"; }
die() { printf '[engines] ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [[ $(id -u) -eq 0 ]]; }

mkdir -p "$STATE_DIR" "$(dirname "$PIDFILE")"
touch "$PIDFILE"

# --- packages --------------------------------------------------------------------------------
install_packages() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    log "packages: all present"
    return
  fi
  if ! is_root; then
    log "packages: missing ${missing[*]} but not root — skipping install (run as root, or install them yourself)"
    return
  fi
  log "packages: installing ${missing[*]} (apt-get update + install; takes a few minutes)"
  # Keep package scripts from starting daemons themselves (a dockerd without the crun runtime
  # would then answer on the socket): this script starts them, with the right flags.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added_policy=1
  fi
  local status=0
  apt-get update -qq || status=$?
  if ((status == 0)); then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
  fi
  ((added_policy)) && rm -f "$policy"
  ((status == 0)) || die "packages: apt-get failed (exit $status) installing ${missing[*]}"
  log "packages: installed"
}

# --- crun on cgroup v1 hybrid: move hugetlb off the v2 mount ----------------------------------
fix_hugetlb_for_crun() {
  local unified=/sys/fs/cgroup/unified/cgroup.controllers
  # Only hybrid hosts (v1 hierarchy + a v2 mount that holds hugetlb) have the problem.
  if mountpoint -q /sys/fs/cgroup/hugetlb 2>/dev/null; then
    log "cgroups: hugetlb already on its own v1 mount"
    return
  fi
  if [[ ! -r $unified ]] || ! grep -qw hugetlb "$unified"; then
    log "cgroups: hugetlb fix not needed"
    return
  fi
  if ! is_root; then
    log "cgroups: hugetlb is on the v2 mount (crun will fail) but not root — skipping the fix"
    return
  fi
  if mkdir -p /sys/fs/cgroup/hugetlb && mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb; then
    log "cgroups: moved hugetlb to a v1 mount (crun can run now)"
  else
    log "cgroups: WARNING could not move hugetlb to a v1 mount; crun containers will fail"
  fi
}

# --- Podman configuration ----------------------------------------------------------------------
write_podman_config() {
  if ! is_root; then
    log "podman config: not root — leaving /etc/containers alone"
    return
  fi
  mkdir -p /etc/containers
  local conf=/etc/containers/containers.conf wanted
  # Podman's defaults fail here: crun refuses hybrid cgroups and setrlimit(NPROC) is denied.
  wanted='# Written by Berth test/setup/engines.sh (see ENGINES.md).
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
events_logger = "file"'
  if [[ -f $conf ]] && [[ $(<"$conf") == "$wanted" ]]; then
    log "podman config: containers.conf up to date"
  else
    [[ -f $conf && ! -f $conf.berth-orig ]] && cp "$conf" "$conf.berth-orig"
    printf '%s\n' "$wanted" >"$conf"
    log "podman config: wrote $conf"
  fi
  local reg=/etc/containers/registries.conf
  if [[ -f $reg ]] && grep -q "^location = \"$REGISTRY_ADDR\"" "$reg"; then
    log "podman config: registries.conf already trusts $REGISTRY_ADDR over HTTP"
  else
    printf '\n# Berth tests: plain-HTTP registry on loopback.\n[[registry]]\nlocation = "%s"\ninsecure = true\n' \
      "$REGISTRY_ADDR" >>"$reg"
    log "podman config: added $REGISTRY_ADDR as insecure to $reg"
  fi
}

# --- daemons -----------------------------------------------------------------------------------
docker_answers() { curl -sf --max-time 3 --unix-socket "$DOCKER_SOCK" http://d/_ping >/dev/null 2>&1; }
podman_answers() { curl -sf --max-time 3 --unix-socket "$PODMAN_SOCK" http://d/_ping >/dev/null 2>&1; }
# Any HTTP answer counts (our registry answers /v2/ with 401): never start a second one.
registry_answers() {
  local code
  code=$(curl -s --max-time 3 -o /dev/null -w '%{http_code}' "http://$REGISTRY_ADDR/v2/" 2>/dev/null) || return 1
  [[ $code != 000 ]]
}

# record NAME PID: remembered so engines-stop.sh stops exactly the daemons this script started.
record() { printf '%s %s\n' "$1" "$2" >>"$PIDFILE"; }

# wait_until NAME SECONDS PID LOGFILE CHECK...: bounded wait, with the log's tail on failure.
wait_until() {
  local name=$1 limit=$2 pid=$3 logfile=$4
  shift 4
  local deadline=$((SECONDS + limit))
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "----- last lines of $logfile -----" >&2
      tail -n 30 "$logfile" >&2 || true
      die "$name exited during start-up (log: $logfile)"
    fi
    if ((SECONDS >= deadline)); then
      echo "----- last lines of $logfile -----" >&2
      tail -n 30 "$logfile" >&2 || true
      die "$name did not answer within ${limit}s (pid $pid, log: $logfile)"
    fi
    sleep 0.3
  done
}

# start_daemon NAME LOGFILE CMD...: detached (setsid) so it outlives this script; prints the pid.
start_daemon() {
  local name=$1 logfile=$2
  shift 2
  : >"$logfile"
  # Without job control the child is not a group leader, so setsid execs in place: $! is the daemon.
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  local pid=$!
  record "$name" "$pid"
  echo "$pid"
}

start_docker() {
  if docker_answers; then
    log "docker: a daemon already answers on $DOCKER_SOCK — leaving it alone"
    docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"crun"' ||
      log "docker: WARNING this dockerd has no crun runtime; RuntimeClass tests need dockerd --add-runtime crun=/usr/bin/crun"
    return
  fi
  if ! is_root; then
    [[ -S $DOCKER_SOCK && ! -w $DOCKER_SOCK ]] &&
      die "docker: no permission on $DOCKER_SOCK (join the docker group, or run as root: sudo npm run engines:start)"
    die "docker: nothing answers on $DOCKER_SOCK and only root can start dockerd (sudo npm run engines:start)"
  fi
  command -v dockerd >/dev/null || die "docker: dockerd is not installed (apt-get install docker.io)"
  local logfile=$STATE_DIR/dockerd.log pid
  log "docker: starting dockerd (log $logfile)"
  pid=$(start_daemon dockerd "$logfile" dockerd --host="unix://$DOCKER_SOCK" --add-runtime crun=/usr/bin/crun)
  wait_until dockerd 60 "$pid" "$logfile" docker_answers
  log "docker: dockerd ready (pid $pid)"
}

start_podman() {
  if podman_answers; then
    log "podman: a service already answers on $PODMAN_SOCK — leaving it alone"
    return
  fi
  if ! is_root; then
    [[ -S $PODMAN_SOCK && ! -w $PODMAN_SOCK ]] &&
      die "podman: no permission on $PODMAN_SOCK (the rootful service is root's; run as root: sudo npm run engines:start)"
    die "podman: nothing answers on $PODMAN_SOCK and only root can start the rootful service (sudo npm run engines:start)"
  fi
  command -v podman >/dev/null || die "podman: not installed (apt-get install podman)"
  mkdir -p "$(dirname "$PODMAN_SOCK")"
  rm -f "$PODMAN_SOCK" # a stale socket from a killed service; nothing answers on it
  local logfile=$STATE_DIR/podman.log pid
  log "podman: starting the API service (log $logfile)"
  pid=$(start_daemon podman "$logfile" podman system service --time=0 "unix://$PODMAN_SOCK")
  wait_until "podman service" 30 "$pid" "$logfile" podman_answers
  log "podman: service ready (pid $pid)"
}

start_registry() {
  if registry_answers; then
    log "registry: something already answers on $REGISTRY_ADDR — leaving it alone"
    return
  fi
  command -v docker-registry >/dev/null || die "registry: docker-registry is not installed"
  command -v htpasswd >/dev/null || die "registry: htpasswd is not installed (apache2-utils)"
  mkdir -p "$REGISTRY_DIR/data"
  htpasswd -Bbn "$REGISTRY_USER" "$REGISTRY_PASSWORD" >"$REGISTRY_DIR/htpasswd"
  cat >"$REGISTRY_DIR/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
auth:
  htpasswd:
    realm: basic-realm
    path: $REGISTRY_DIR/htpasswd
EOF
  local logfile=$STATE_DIR/registry.log pid
  log "registry: starting on $REGISTRY_ADDR (data $REGISTRY_DIR, log $logfile)"
  pid=$(start_daemon registry "$logfile" docker-registry serve "$REGISTRY_DIR/config.yml")
  wait_until registry 20 "$pid" "$logfile" registry_answers
  log "registry: ready (pid $pid)"
}

# --- test images -------------------------------------------------------------------------------
# The busybox root file system: every applet linked into /bin, a passwd/group for `id` and
# USER, a world-writable /tmp, and /www/cgi-bin for httpd hook targets.
make_busybox_root() {
  local root=$1 applet
  rm -rf "$root"
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/www/cgi-bin" "$root/root" "$root/home"
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
}

# The sandbox ("pause") image: a shell that sleeps forever and exits at once on TERM/INT.
make_pause_root() {
  local root=$1
  make_busybox_root "$root"
  cat >"$root/pause" <<'EOF'
#!/bin/sh
# Holds the pod's namespaces. As PID 1 it gets no default signal handling: trap explicitly,
# and wait on a background sleep so the trap runs at once instead of after the sleep.
trap 'exit 0' TERM INT HUP
while :; do
  sleep 3600 &
  wait $!
done
EOF
  chmod 755 "$root/pause"
}

# A reproducible tar of a root dir: same content, same bytes, so its hash is the image's identity.
root_tar() { tar -C "$1" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -c .; }

docker_image_hash() { docker image inspect -f '{{index .Config.Labels "berth.image.hash"}}' "$1" 2>/dev/null || true; }
podman_remote() { podman --remote --url "unix://$PODMAN_SOCK" "$@"; }
podman_image_hash() { podman_remote image inspect -f '{{index .Config.Labels "berth.image.hash"}}' "$1" 2>/dev/null || true; }

# build_image REF MAKE_ROOT_FN CHANGE...: imports into each engine where missing or outdated
# (content hash of the root file system + the changes, kept as the label berth.image.hash).
# Prints "rebuilt" when Docker's copy was (re)imported, so the registry copy follows it.
build_image() {
  local ref=$1 make_root=$2
  shift 2
  local root="$STATE_DIR/build/${ref//[:\/]/_}" hash
  "$make_root" "$root"
  hash=$({ root_tar "$root"; printf '%s\n' "$@"; } | sha256sum | cut -c1-16)
  local change_args=() c
  for c in "$@" "LABEL berth.image.hash=$hash"; do change_args+=(-c "$c"); done

  local need_docker=0 need_podman=0
  [[ $(docker_image_hash "$ref") == "$hash" ]] || need_docker=1
  [[ $(podman_image_hash "$ref") == "$hash" ]] || need_podman=1
  if ((need_docker == 0 && need_podman == 0)); then
    log "images: $ref up to date in both engines ($hash)" >&2
    return
  fi
  if ((need_docker)); then
    root_tar "$root" | docker import "${change_args[@]}" - "$ref" >/dev/null
    log "images: imported $ref into docker ($hash)" >&2
    echo rebuilt
  fi
  if ((need_podman)); then
    # Through the service, so the image lands in the store the API serves.
    root_tar "$root" | podman_remote import "${change_args[@]}" - "$ref" >/dev/null
    log "images: imported $ref into podman ($hash)" >&2
  fi
}

registry_has_image() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -u "$REGISTRY_USER:$REGISTRY_PASSWORD" \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY_ADDR/v2/private/busybox/manifests/1")
  [[ $code == 200 ]]
}

push_private_image() {
  local busybox_rebuilt=$1
  if [[ -z $busybox_rebuilt ]] && registry_has_image; then
    log "registry: $PRIVATE_IMAGE present"
    return
  fi
  # A throw-away client config: the login never lingers in ~/.docker, so anonymous pulls
  # keep failing the way the image tests expect.
  local cfg
  cfg=$(mktemp -d)
  docker tag "$BUSYBOX_IMAGE" "$PRIVATE_IMAGE"
  printf '%s' "$REGISTRY_PASSWORD" |
    DOCKER_CONFIG=$cfg docker login "$REGISTRY_ADDR" -u "$REGISTRY_USER" --password-stdin >/dev/null 2>&1 ||
    { rm -rf "$cfg"; die "registry: docker login as $REGISTRY_USER failed"; }
  DOCKER_CONFIG=$cfg docker push "$PRIVATE_IMAGE" >/dev/null || { rm -rf "$cfg"; die "registry: push failed"; }
  rm -rf "$cfg"
  # Drop the local tag again: pull-policy tests must really pull it.
  docker rmi "$PRIVATE_IMAGE" >/dev/null
  log "registry: pushed $PRIVATE_IMAGE"
}

build_images() {
  [[ -x /bin/busybox ]] || die "images: /bin/busybox missing (apt-get install busybox-static)"
  local busybox_rebuilt
  busybox_rebuilt=$(build_image "$BUSYBOX_IMAGE" make_busybox_root 'ENV PATH=/bin' 'CMD ["/bin/sh"]')
  build_image "$PAUSE_IMAGE" make_pause_root 'ENV PATH=/bin' 'ENTRYPOINT ["/bin/sh", "/pause"]' >/dev/null
  push_private_image "$busybox_rebuilt"
}

install_packages
fix_hugetlb_for_crun
write_podman_config
start_docker
start_podman
start_registry
build_images
log "ready: docker $DOCKER_SOCK, podman $PODMAN_SOCK, registry $REGISTRY_ADDR ($REGISTRY_USER), images $BUSYBOX_IMAGE $PAUSE_IMAGE"
