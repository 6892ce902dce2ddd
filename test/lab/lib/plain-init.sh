#!/bin/bash
# PID 1 of a plain-mode host, run by `unshare --pid --mount --uts --ipc --fork`
# inside the host's network namespace: build the host's view of /proc, /sys,
# /dev and /run, then chroot and hand over to tini (which reaps) with the sshd loop.
# Usage: plain-init.sh ROOT HOSTNAME
set -euo pipefail
root=$1
name=$2

hostname "$name"
mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
# /proc/sys is the shared kernel's: read-only, except net.* which belongs to
# this host's network namespace (ip_forward, ip_nonlocal_bind work per host).
mount --bind "$root/proc/sys" "$root/proc/sys"
mount --bind "$root/proc/sys/net" "$root/proc/sys/net"
mount -o remount,bind,ro "$root/proc/sys"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"

mount -t tmpfs -o mode=0755,size=4m,nosuid tmpfs "$root/dev"
for dev in null zero full random urandom tty; do
  touch "$root/dev/$dev"
  mount --bind "/dev/$dev" "$root/dev/$dev"
done
mkdir -p "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs -o mode=1777,size=64m,nosuid,nodev tmpfs "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"

mount -t tmpfs -o mode=0755,size=64m,nosuid,nodev tmpfs "$root/run"
mkdir -p "$root/run/sshd" "$root/run/lock"

exec chroot "$root" /usr/bin/tini -- /usr/local/sbin/tsplay-lab-sshd-loop
