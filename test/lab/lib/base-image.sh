# The Debian base every host overlays: built once with debootstrap, cached as
# a zstd tarball keyed on the package list (changing the list rebuilds it),
# extracted once per key under $STATE_DIR and configured for the lab.

BASE_SUITE=bookworm
# What hosts need: sshd, sudo for become tests, python3 (+apt bindings) for
# ansible-playbook in the benchmark, systemd as PID 1 in systemd mode, tini in
# plain mode, and the small tools tests and roles call.
BASE_PACKAGES=(
  openssh-server sudo python3 python3-apt systemd systemd-sysv dbus
  iproute2 iputils-ping procps psmisc tini ca-certificates gnupg curl kmod
  iptables netbase less
)

base_cache_key() {
  printf '%s\n' "$BASE_SUITE" minbase "${BASE_PACKAGES[@]}" | LC_ALL=C sort | sha256sum | cut -c1-16
}
base_tarball() { echo "$CACHE_DIR/base-$BASE_SUITE-$(base_cache_key).tar.zst"; }
# The extracted, configured base is a cache too (overlay lowerdir, read-only
# while hosts run): it survives `down`, so a warm `up` takes seconds.
# Per instance: a named lab's base carries its own bridge address (apt proxy) and
# may come from another checkout's base-config.sh, so it never re-extracts a
# base that another instance's hosts are running on.
base_dir() { echo "$INSTANCE_CACHE_DIR/base-$(base_cache_key)"; }

# Runs in a subshell so its EXIT trap (cleanup of a failed build) stays local.
build_base_tarball() (
  local tarball mirror work
  tarball=$(base_tarball)
  [[ -s $tarball ]] && return 0
  # The tarball is shared by every lab instance: two `up`s building it at
  # once would run two debootstraps; the second waits and then finds it.
  mkdir -p "$CACHE_DIR" "$INSTANCE_CACHE_DIR"
  exec 8>"$CACHE_DIR/.base-build.lock"
  flock -w 900 8 || die "another lab has been building the base tarball for 15 min; is it stuck?"
  [[ -s $tarball ]] && return 0
  mirror=$(debian_mirror_for_suite "$BASE_SUITE") ||
    die "no '$BASE_SUITE' source in /etc/apt/sources.list(.d): cannot pick a mirror for debootstrap"
  log "building base rootfs with debootstrap from $mirror (once; cached as $tarball)"
  work=$(mktemp -d "$INSTANCE_CACHE_DIR/build.XXXXXX")
  # A failed build must not leave a half rootfs (with proc mounted by debootstrap) behind.
  trap 'umount -R "$work/rootfs/proc" "$work/rootfs/sys" 2>/dev/null || true; rm -rf "$work"' EXIT
  if ! debootstrap --variant=minbase --include="$(IFS=,; echo "${BASE_PACKAGES[*]}")" \
      "$BASE_SUITE" "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -n 30 "$work/debootstrap.log" >&2
    cp "$work/debootstrap.log" "$CACHE_DIR/debootstrap-failed.log"
    die "debootstrap failed (log: $CACHE_DIR/debootstrap-failed.log)"
  fi
  # Per-host identity is created per host; caches only make the tarball bigger.
  rm -f "$work/rootfs"/etc/ssh/ssh_host_*
  rm -rf "$work/rootfs"/var/lib/apt/lists/* "$work/rootfs"/var/cache/apt/*.bin \
    "$work/rootfs"/var/cache/apt/archives/*.deb "$work/rootfs"/var/log/*.log
  : >"$work/rootfs/etc/machine-id"
  tar -C "$work/rootfs" --numeric-owner --xattrs --acls -cf - . | zstd -q -T0 -3 -o "$tarball.part.$$"
  mv "$tarball.part.$$" "$tarball"
  log "base tarball ready: $(du -h "$tarball" | cut -f1)"
)

# Extract + configure the base once per (package list, lab config) pair. The
# stamp covers base-config.sh, so editing the lab's host setup re-extracts.
ensure_base_dir() {
  local dir stamp want
  dir=$(base_dir)
  stamp="$dir/.tsplay-lab-stamp"
  # A named lab's base also depends on its bridge address (the default's is fixed).
  want="$(base_cache_key) $(cat "$LAB_DIR/lib/base-config.sh" | sha256sum | cut -c1-16)${LAB_NAME:+ $BRIDGE_ADDR}"
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
    echo "$dir"; return 0
  fi
  build_base_tarball
  log "extracting base into $dir"
  rm -rf "$dir" "$dir.part"
  mkdir -p "$dir.part"
  zstd -q -d -c "$(base_tarball)" | tar -C "$dir.part" --numeric-owner --xattrs --acls -xf -
  configure_base "$dir.part"
  mv "$dir.part" "$dir"
  echo "$want" >"$stamp"
  echo "$dir"
}

# Old extracted bases (another package list) are dead weight once no host uses them.
remove_stale_base_dirs() {
  local keep d
  keep=$(base_dir)
  for d in "$INSTANCE_CACHE_DIR"/base-*; do
    [[ -d $d && $d != "$keep" && $d != "$keep.part" ]] && rm -rf "$d"
  done
  return 0
}
