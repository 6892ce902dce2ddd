#!/bin/bash
# Install the controller packages the lab needs. Idempotent: when everything
# is installed it does nothing (no `apt-get update`). CI runs it as root on a
# fresh Debian 12 machine.
set -euo pipefail

packages=(
  debootstrap          # builds the base rootfs
  systemd-container    # systemd-nspawn for systemd-mode hosts
  tini                 # reaping PID 1 of plain-mode hosts (from the base, but handy here)
  zstd                 # the cached base tarball
  openssh-client       # ssh, ssh-keygen, used by up and the e2e helpers
  iproute2             # bridge, veth, netns
  util-linux           # unshare, setpriv, mount
  procps psmisc        # ps, sysctl, fuser for inspecting a lab
  iptables             # only if ip_forward is on: keeps lab traffic in the lab
  debian-archive-keyring ca-certificates curl
  # Not the lab itself, but what the tests need on the controller:
  openssh-server       # sshd for the connection unit tests (a throwaway one on 127.0.0.1; never started as a service)
  sudo                 # become tests through the local connection
  gnupg zip unzip      # apt_keyring and unarchive unit tests
  dpkg-dev apt-utils   # dpkg-deb and apt-ftparchive: the signed stand-in Kubernetes repository
  python3              # serves the stand-in repository on the bridge address
  hyperfine time       # the benchmark's timing tools
  chromium             # the HTML report's browser test (driven by playwright-core, test/e2e/report-browser.test.ts)
  ansible-core         # ansible-playbook 2.14: the fidelity corpus (test/unit/fidelity) and the benchmark compare against it
  ansible python3-jmespath python3-netaddr  # its common collections: community.general.json_query, ansible.utils.ipaddr in the corpus
)

[[ $(id -u) -eq 0 ]] || { echo "deps.sh: run as root" >&2; exit 1; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "deps.sh: all lab packages present"
  exit 0
fi

echo "deps.sh: installing ${missing[*]}"
# No daemon may start on the controller while installing (sshd's package would
# start one on every interface): policy-rc.d 101 forbids it, removed afterwards
# unless one was there before.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 0755 "$policy"
  own_policy=1
fi
trap 'if ((own_policy)); then rm -f "$policy"; fi' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
