# Remove everything the lab made, whatever state it is in: after a clean run,
# after `up` crashed half-way, or after the machine kept mounts and namespaces
# but lost the processes. Idempotent: every step tolerates "already gone".

teardown_lab() {
  local name build m inventory="$DEFAULT_INVENTORY"
  if [[ -f $LAB_ENV_FILE ]]; then
    inventory=$(sed -n 's/^LAB_INVENTORY=//p' "$LAB_ENV_FILE")
  fi
  kill_lab_hosts
  for name in $(lab_network_host_names); do
    remove_host_network "$name"
  done
  # Overlays (and anything a crashed init left below them), and the proc/sys
  # mounts of a debootstrap that was interrupted.
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <({
    mounts_under "$HOSTS_DIR"
    for build in "$INSTANCE_CACHE_DIR"/build.*; do mounts_under "$build"; done
  } | sort -r)
  remove_lab_cgroups
  stop_proxy
  remove_bridge
  # Only what the lab made: others keep files under $STATE_DIR (e.g. a
  # stand-in apt repository served on the bridge) and those must survive.
  rm -rf "$INSTANCE_CACHE_DIR"/build.* "$HOSTS_DIR" "$LAB_ENV_FILE" "$STATE_DIR/etc-hosts"
  rmdir "$STATE_DIR" 2>/dev/null || true
  rm -f "$LAB_KNOWN_HOSTS" "$LAB_KNOWN_HOSTS.tmp" "${inventory:-$DEFAULT_INVENTORY}" "$DEFAULT_INVENTORY"
}

record_lab_env() {
  local mode=$1 count=$2 inventory=$3
  mkdir -p "$STATE_DIR"
  printf 'LAB_MODE=%s\nLAB_COUNT=%s\nLAB_INVENTORY=%s\n' "$mode" "$count" "$inventory" >"$LAB_ENV_FILE.tmp"
  lab_info >>"$LAB_ENV_FILE.tmp"
  mv "$LAB_ENV_FILE.tmp" "$LAB_ENV_FILE"
}
