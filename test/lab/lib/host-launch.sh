#!/bin/bash
# Runs one host in the foreground, in its own cgroups (so `down` finds every
# process the host ever made, and so systemd hosts do not share a cgroup).
# Usage: host-launch.sh plain|systemd NAME ROOT
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
mode=$1
name=$2
root=$3
dir=$(host_dir "$name")

for hierarchy in "${CGROUP_ROOTS[@]}"; do
  [[ -d $hierarchy ]] || continue
  mkdir -p "$hierarchy/$CGROUP_NAME/$name"
  echo $$ >"$hierarchy/$CGROUP_NAME/$name/cgroup.procs"
done

case $mode in
  plain)
    # --kill-child: if unshare dies, the host's PID 1 (and so the host) dies too.
    exec ip netns exec "$NETNS_PREFIX$name" \
      unshare --mount --pid --uts --ipc --fork --propagation private --kill-child \
      "$LAB_DIR/lib/plain-init.sh" "$root" "$name"
    ;;
  systemd)
    # net.* sysctls writable (ip_forward, keepalived's nonlocal bind) while the
    # rest of /proc/sys stays read-only. /sys/module read-only, as a server has it (nspawn leaves
    # it out; evrardjp.keepalived reads /sys/module/ipv6/parameters/disable).
    export SYSTEMD_NSPAWN_API_VFS_WRITABLE=network
    while :; do
      rc=0
      systemd-nspawn --quiet --boot --register=no --keep-unit \
        --directory="$root" --machine="$name" \
        --network-namespace-path="/run/netns/$NETNS_PREFIX$name" \
        --capability=CAP_NET_ADMIN \
        --bind-ro=/sys/module \
        --resolv-conf=off --timezone=off --link-journal=no --console=read-only || rc=$?
      # `reboot` inside the host makes nspawn exit 133: boot it again, as a
      # server would, unless `down` asked the host to stop.
      [[ $rc -eq 133 && ! -e $dir/stopping ]] || exit "$rc"
      echo "[lab] $name rebooting" >&2
    done
    ;;
  *) die "unknown mode '$mode' (expected plain or systemd)" ;;
esac
