# Shared constants and small helpers for the lab scripts. Sourced, never run.
# Every path the lab creates is listed here, so `down` can find all of it.

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$LAB_DIR/../.." && pwd)"

BRIDGE=tsplay0
BRIDGE_ADDR=10.250.0.1
SUBNET_PREFIX=10.250.0
VIP_ADDR=10.250.0.100
PROXY_PORT=3142
NETNS_PREFIX=tsplay-          # network namespace of host hI: tsplay-hI
VETH_PREFIX=veth-             # controller side of host hI's link: veth-hI

CACHE_DIR=/var/cache/tsplay-lab          # base tarball, apt proxy cache: survive `down`
STATE_DIR=/var/lib/tsplay-lab            # extracted base, per-host overlays: removed by `down`
HOSTS_DIR="$STATE_DIR/hosts"
CGROUP_NAME=tsplay-lab                   # cgroup dir under each v1/v2 hierarchy we use
# Hybrid hierarchy (this machine, CI): systemd's v1 tree and the v2 tree. A
# pure cgroup v2 machine has only the latter, mounted at /sys/fs/cgroup.
if [[ $(stat -fc %T /sys/fs/cgroup 2>/dev/null) == cgroup2fs ]]; then
  CGROUP_ROOTS=(/sys/fs/cgroup)
else
  CGROUP_ROOTS=(/sys/fs/cgroup/systemd /sys/fs/cgroup/unified)
fi

LAB_OUT_DIR="$REPO_ROOT/.lab"            # key, known_hosts, mode marker: read by tests
LAB_KEY="$LAB_OUT_DIR/id_ed25519"
LAB_KNOWN_HOSTS="$LAB_OUT_DIR/known_hosts"
DEFAULT_INVENTORY="$REPO_ROOT/inventory/lab.yml"

DEPLOY_USER=deploy
DEPLOY_SUDO_PASS=deploy-sudo-pass

log() { printf '[lab %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { printf '[lab] error: %s\n' "$*" >&2; exit 1; }

require_root() {
  [[ $(id -u) -eq 0 ]] || die "the lab needs root (namespaces, mounts, bridge): run it with sudo"
}

host_addr() { echo "$SUBNET_PREFIX.$((10 + $1))"; }   # host index -> IPv4 address
host_dir() { echo "$HOSTS_DIR/$1"; }                  # host name -> its state dir
host_root() { echo "$HOSTS_DIR/$1/root"; }            # host name -> merged overlay

# Is PATH (or anything under it) a mount point? Used by cleanup after a crash.
mounts_under() {
  awk -v p="$1" '$5 == p || index($5, p "/") == 1 { print $5 }' /proc/self/mountinfo
}

# First line a TCP server sends (sshd's banner), or nothing; never blocks long.
# A child bash, because `exec 3<>/dev/tcp/...` in this shell would leak
# redirections (and its connect errors) into the caller.
tcp_first_line() {
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" && IFS= read -r -t 2 line <&3 && echo "$line"' "$1" "$2" 2>/dev/null || true
}

tcp_port_open() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

# True if any of the pids is a live (not zombie) process.
live_pids() {
  local pid state
  for pid in "$@"; do
    state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || continue
    [[ -n $state && $state != Z ]] && return 0
  done
  return 1
}

# Start a long-lived daemon in the background in its own session, holding no
# file descriptor of ours beyond 0-2 (the caller redirects those): an
# inherited pipe would keep a test runner waiting for EOF forever, and an
# inherited lock fd would keep the lab lock held.
detach() {
  (
    local fd n
    for fd in /proc/"$BASHPID"/fd/*; do
      n=${fd##*/}
      ((n > 2)) && eval "exec $n>&-" 2>/dev/null || true
    done
    exec setsid "$@"
  ) &
}
