# Shared constants and small helpers for the lab scripts. Sourced, never run.
# Every path the lab creates is listed here, so `down` can find all of it.

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$LAB_DIR/../.." && pwd)"

log() { printf '[lab %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { printf '[lab] error: %s\n' "$*" >&2; exit 1; }

# Which lab instance: TSPLAY_LAB unset or empty is the default lab (the names it
# always had); a name gives an instance with its own everything (bridge, netns,
# links, cgroups, state, cache of the extracted base, lock, key, known_hosts,
# inventory), so several labs run side by side and `down NAME` touches only its
# own. Names are short and dash-free: a link name holds 15 characters, and no
# instance's prefix may be a prefix of another's (teardown finds by prefix).
LAB_NAME=${TSPLAY_LAB:-}
PROXY_PORT=3142
CACHE_DIR=/var/cache/tsplay-lab          # base tarball (shared by every instance): survives `down`
if [[ -z $LAB_NAME ]]; then
  BRIDGE=tsplay0
  NETNS_PREFIX=tsplay-                   # network namespace of host hI: tsplay-hI
  VETH_PREFIX=veth-                      # controller side of host hI's link: veth-hI
  STATE_DIR=/var/lib/tsplay-lab          # per-host overlays, lab.env: removed by `down`
  INSTANCE_CACHE_DIR=$CACHE_DIR          # extracted base, apt proxy cache: survive `down`
  CGROUP_NAME=tsplay-lab                 # cgroup dir under each v1/v2 hierarchy we use
  LAB_OUT_DIR="$REPO_ROOT/.lab"          # key, known_hosts: read by tests
  DEFAULT_INVENTORY="$REPO_ROOT/inventory/lab.yml"
  LAB_LOCK_FILE=/run/tsplay-lab.lock
  DEFAULT_SUBNET=10.250.0.0/24
else
  [[ $LAB_NAME =~ ^[a-z][a-z0-9]{0,7}$ ]] ||
    die "lab name '$LAB_NAME' must be 1-8 lower-case letters or digits, starting with a letter"
  BRIDGE=tsl-$LAB_NAME                   # never tsplay0; at most 11 characters
  NETNS_PREFIX=tslab-$LAB_NAME-          # not under the default's tsplay- prefix
  VETH_PREFIX=tl$LAB_NAME-               # tlNAME-h250: at most 15 characters, not under veth-
  STATE_DIR=/var/lib/tsplay-lab-$LAB_NAME
  INSTANCE_CACHE_DIR=$CACHE_DIR/lab-$LAB_NAME   # not matched by the default's base-* globs
  CGROUP_NAME=tsplay-lab-$LAB_NAME
  LAB_OUT_DIR="$REPO_ROOT/.lab/$LAB_NAME"
  DEFAULT_INVENTORY="$REPO_ROOT/inventory/lab-$LAB_NAME.yml"
  LAB_LOCK_FILE=/run/tsplay-lab-$LAB_NAME.lock
  DEFAULT_SUBNET=""                      # a named lab must be told its subnet once (then lab.env has it)
fi
HOSTS_DIR="$STATE_DIR/hosts"
LAB_ENV_FILE="$STATE_DIR/lab.env"        # name, subnet, mode, count, inventory of the running lab
# Hybrid hierarchy (this machine, CI): systemd's v1 tree and the v2 tree. A
# pure cgroup v2 machine has only the latter, mounted at /sys/fs/cgroup.
if [[ $(stat -fc %T /sys/fs/cgroup 2>/dev/null) == cgroup2fs ]]; then
  CGROUP_ROOTS=(/sys/fs/cgroup)
else
  CGROUP_ROOTS=(/sys/fs/cgroup/systemd /sys/fs/cgroup/unified)
fi
LAB_KEY="$LAB_OUT_DIR/id_ed25519"
LAB_KNOWN_HOSTS="$LAB_OUT_DIR/known_hosts"

# The subnet: TSPLAY_LAB_SUBNET (up's --subnet), else the one the running
# instance recorded, else the default lab's 10.250.0.0/24. Empty if none is
# known (a named lab that is down): `down` needs none, `up` asks for one.
LAB_SUBNET=${TSPLAY_LAB_SUBNET:-}
if [[ -z $LAB_SUBNET && -f $LAB_ENV_FILE ]]; then
  LAB_SUBNET=$(sed -n 's/^LAB_SUBNET=//p' "$LAB_ENV_FILE")
fi
LAB_SUBNET=${LAB_SUBNET:-$DEFAULT_SUBNET}
# shellcheck source=subnet.sh
source "$(dirname "${BASH_SOURCE[0]}")/subnet.sh"
# Unset first: load.sh is sourced again once up/down know the instance.
unset BRIDGE_ADDR VIP_ADDR SUBNET_NET SUBNET_BITS SUBNET_SIZE LAB_MAX_HOSTS
[[ -z $LAB_SUBNET ]] || lab_subnet_layout "$LAB_SUBNET"

# Where this instance keeps everything, as KEY=VALUE lines: recorded in lab.env
# and printed by test/lab/info for tests and benchmarks (one source of truth).
lab_info() {
  printf '%s\n' "LAB_NAME=$LAB_NAME" "LAB_SUBNET=$LAB_SUBNET" "LAB_BRIDGE=$BRIDGE" \
    "LAB_BRIDGE_ADDR=${BRIDGE_ADDR:-}" "LAB_VIP=${VIP_ADDR:-}" "LAB_NETNS_PREFIX=$NETNS_PREFIX" \
    "LAB_VETH_PREFIX=$VETH_PREFIX" "LAB_STATE_DIR=$STATE_DIR" "LAB_ENV_FILE=$LAB_ENV_FILE" \
    "LAB_LOCK_FILE=$LAB_LOCK_FILE" "LAB_CACHE_DIR=$INSTANCE_CACHE_DIR" "LAB_CGROUP=$CGROUP_NAME" \
    "LAB_KEY=$LAB_KEY" "LAB_KNOWN_HOSTS=$LAB_KNOWN_HOSTS"
}

DEPLOY_USER=deploy
DEPLOY_SUDO_PASS=deploy-sudo-pass

require_root() {
  [[ $(id -u) -eq 0 ]] || die "the lab needs root (namespaces, mounts, bridge): run it with sudo"
}

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
