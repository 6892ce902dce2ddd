# A host's root filesystem: an overlay over the shared base, plus the identity
# that must differ per host (hostname, machine-id, sshd host keys) and the lab
# key in root's and deploy's authorized_keys.

mount_host_rootfs() {
  local name=$1 base=$2 dir
  dir=$(host_dir "$name")
  mkdir -p "$dir/upper" "$dir/work" "$dir/root"
  mount -t overlay "overlay-$name" \
    -o "lowerdir=$base,upperdir=$dir/upper,workdir=$dir/work" "$dir/root"
}

# write_etc_hosts COUNT PATH: the /etc/hosts every host gets (written once,
# copied per host: building it per host costs N^2 lines at 250 hosts).
write_etc_hosts() {
  local count=$1 path=$2 i
  {
    echo "127.0.0.1 localhost"
    echo "::1 localhost ip6-localhost ip6-loopback"
    echo "$BRIDGE_ADDR controller"
    for ((i = 1; i <= count; i++)); do
      echo "$(host_addr "$i") h$i"
    done
  } >"$path"
}

# configure_host_rootfs NAME ETC_HOSTS
configure_host_rootfs() {
  local name=$1 etc_hosts=$2 root
  root=$(host_root "$name")
  echo "$name" >"$root/etc/hostname"
  cp "$etc_hosts" "$root/etc/hosts"
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$root/etc/machine-id"
  echo >>"$root/etc/machine-id"
  # Host keys are made here, per host, so every host has its own identity
  # and known_hosts checks mean something.
  rm -f "$root"/etc/ssh/ssh_host_*
  ssh-keygen -q -t ed25519 -N '' -C "root@$name" -f "$root/etc/ssh/ssh_host_ed25519_key"
  ssh-keygen -q -t ecdsa -b 256 -N '' -C "root@$name" -f "$root/etc/ssh/ssh_host_ecdsa_key"
  install_authorized_key "$root" /root 0 0
  install_authorized_key "$root" "/home/$DEPLOY_USER" \
    "$(stat -c %u "$root/home/$DEPLOY_USER")" "$(stat -c %g "$root/home/$DEPLOY_USER")"
}

install_authorized_key() {
  local root=$1 home=$2 uid=$3 gid=$4
  install -d -m 0700 -o "$uid" -g "$gid" "$root$home/.ssh"
  install -m 0600 -o "$uid" -g "$gid" "$LAB_KEY.pub" "$root$home/.ssh/authorized_keys"
}

# Unmount everything under a host's dir, deepest first (a crashed host may
# leave proc/dev/sys mounts from its init beneath the overlay).
unmount_host_rootfs() {
  local name=$1 m
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(mounts_under "$(host_dir "$name")" | sort -r)
}

ensure_lab_key() {
  mkdir -p "$LAB_OUT_DIR"
  chmod 0700 "$LAB_OUT_DIR"
  if [[ ! -s $LAB_KEY || ! -s $LAB_KEY.pub ]]; then
    rm -f "$LAB_KEY" "$LAB_KEY.pub"
    ssh-keygen -q -t ed25519 -N '' -C tsplay-lab -f "$LAB_KEY"
  fi
}
