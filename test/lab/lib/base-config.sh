# Lab configuration shared by every host, applied once to the extracted base
# (per-host identity lives in host-rootfs.sh). Editing this file changes the
# base stamp, so the next `up` re-extracts and re-applies it.

configure_base() {
  local root=$1
  configure_base_sshd "$root"
  configure_base_deploy_user "$root"
  configure_base_apt "$root"
  configure_base_modules "$root"
  configure_base_systemd "$root"
  install_plain_sshd_loop "$root"
  # Hosts resolve nothing themselves: apt names go through the proxy, lab
  # names through /etc/hosts. An empty resolv.conf fails fast instead of hanging.
  rm -f "$root/etc/resolv.conf"
  echo "# tsplay lab: no DNS; apt goes through the proxy, lab hosts are in /etc/hosts" >"$root/etc/resolv.conf"
}

configure_base_sshd() {
  local root=$1
  mkdir -p "$root/etc/ssh/sshd_config.d"
  # Debian's sshd_config includes sshd_config.d first, and the first value wins.
  cat >"$root/etc/ssh/sshd_config.d/10-tsplay-lab.conf" <<'CONF'
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UseDNS no
# Many parallel connections (fan-out benchmarks, forks=50): the defaults
# (10:30:100 and 10 sessions) drop or refuse them.
MaxStartups 200:30:400
MaxSessions 100
HostKey /etc/ssh/ssh_host_ed25519_key
HostKey /etc/ssh/ssh_host_ecdsa_key
CONF
}

# `deploy` logs in with the lab key like root, but its sudo asks for a
# password: become tests must prove they send it.
configure_base_deploy_user() {
  local root=$1
  chroot "$root" useradd --create-home --shell /bin/bash "$DEPLOY_USER"
  echo "$DEPLOY_USER:$DEPLOY_SUDO_PASS" | chroot "$root" chpasswd
  echo "$DEPLOY_USER ALL=(ALL:ALL) ALL" >"$root/etc/sudoers.d/$DEPLOY_USER"
  chmod 0440 "$root/etc/sudoers.d/$DEPLOY_USER"
}

configure_base_apt() {
  local root=$1 f cvu=""
  rm -f "$root/etc/apt/sources.list" "$root"/etc/apt/sources.list.d/*
  while read -r f; do
    cp "$f" "$root/etc/apt/${f#"$APT_ETC"/}"
  done < <(controller_apt_source_files)
  {
    echo "// tsplay lab: every download goes through the lab apt proxy on the controller."
    echo "Acquire::http::Proxy \"http://$BRIDGE_ADDR:$PROXY_PORT\";"
    # Repositories served by the controller itself on the bridge (the stand-in
    # Kubernetes packages) are reached directly, on any port.
    echo "Acquire::http::Proxy::$BRIDGE_ADDR \"DIRECT\";"
    eval "$(apt-config shell cvu Acquire::Check-Valid-Until)"
    # Mirror the controller: a snapshot mirror's Release files are "expired".
    [[ -n $cvu ]] && echo "Acquire::Check-Valid-Until \"$cvu\";"
    echo 'Acquire::Languages "none";'
    # A transient mirror error (the proxy answers 502) is retried instead of failing a test.
    echo 'Acquire::Retries "3";'
  } >"$root/etc/apt/apt.conf.d/01tsplay-lab"
  # No policy-rc.d: maintainer scripts start services, as on a real server.
  rm -f "$root/usr/sbin/policy-rc.d"
}

# The kernel is shared and has its modules built in, with no /lib/modules.
# Listing them as built-in lets `modprobe br_netfilter` succeed as on a
# server, while a module the kernel truly lacks still fails.
configure_base_modules() {
  local root=$1 kver dir
  kver=$(uname -r)
  dir="$root/lib/modules/$kver"
  mkdir -p "$dir"
  if [[ -s /lib/modules/$kver/modules.builtin ]]; then
    cp /lib/modules/"$kver"/modules.builtin* "$dir/"
  else
    builtin_module_names | sort -u | sed 's|.*|kernel/builtin/&.ko|' >"$dir/modules.builtin"
  fi
  chroot "$root" depmod -a "$kver" 2>/dev/null || true
}

# Names of modules this kernel has built in: those /sys/module shows, plus the
# ones Kubernetes roles load whose config option is =y (some, like
# br_netfilter, have no /sys/module entry even when built in).
builtin_module_names() {
  local m pair
  for m in /sys/module/*; do
    [[ -e $m/initstate ]] || basename "$m"   # initstate exists only for loadable modules
  done
  local known=(
    br_netfilter:CONFIG_BRIDGE_NETFILTER overlay:CONFIG_OVERLAY_FS bridge:CONFIG_BRIDGE
    nf_conntrack:CONFIG_NF_CONNTRACK nf_nat:CONFIG_NF_NAT nf_tables:CONFIG_NF_TABLES
    ip_tables:CONFIG_IP_NF_IPTABLES iptable_filter:CONFIG_IP_NF_FILTER iptable_nat:CONFIG_IP_NF_NAT
    iptable_mangle:CONFIG_IP_NF_MANGLE ip6_tables:CONFIG_IP6_NF_IPTABLES
    ip_vs:CONFIG_IP_VS ip_vs_rr:CONFIG_IP_VS_RR ip_vs_wrr:CONFIG_IP_VS_WRR ip_vs_sh:CONFIG_IP_VS_SH
    xt_conntrack:CONFIG_NETFILTER_XT_MATCH_CONNTRACK xt_comment:CONFIG_NETFILTER_XT_MATCH_COMMENT
    xt_mark:CONFIG_NETFILTER_XT_MARK xt_MASQUERADE:CONFIG_NETFILTER_XT_TARGET_MASQUERADE
    veth:CONFIG_VETH vxlan:CONFIG_VXLAN dummy:CONFIG_DUMMY ipip:CONFIG_NET_IPIP
  )
  [[ -r /proc/config.gz ]] || return 0
  local config
  config=$(zcat /proc/config.gz)
  for pair in "${known[@]}"; do
    grep -qx "${pair#*:}=y" <<<"$config" && echo "${pair%%:*}"
  done
  return 0
}

configure_base_systemd() {
  local root=$1 unit
  # apt-daily would grab the dpkg lock in the middle of a test run.
  for unit in apt-daily.timer apt-daily-upgrade.timer apt-daily.service apt-daily-upgrade.service \
      e2scrub_all.timer fstrim.timer systemd-networkd-wait-online.service; do
    ln -sfn /dev/null "$root/etc/systemd/system/$unit"
  done
  # eth0 is configured from outside the host (network.sh); nothing inside may touch it.
  rm -f "$root/etc/systemd/system/multi-user.target.wants/systemd-networkd.service"
}

# Plain mode has no service manager: tini's child is this loop, so a test can
# stop sshd (flag file + kill the listener, sessions survive as with systemd's
# KillMode=process) and start it again without ending the host.
install_plain_sshd_loop() {
  local root=$1
  cat >"$root/usr/local/sbin/tsplay-lab-sshd-loop" <<'LOOP'
#!/bin/sh
# PID 1's child in a plain-mode lab host (see test/lab/lib/base-config.sh).
stopped=/run/tsplay-lab-sshd.stopped
while :; do
  if [ -e "$stopped" ]; then sleep 0.2; continue; fi
  /usr/sbin/sshd -D -e
  sleep 0.2
done
LOOP
  chmod 0755 "$root/usr/local/sbin/tsplay-lab-sshd-loop"
}
