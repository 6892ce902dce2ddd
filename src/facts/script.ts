// The fact-gathering script: POSIX sh, no Python, one round-trip per host. It prints `key=value`
// lines (a key may repeat); parseFacts turns them into Ansible's fact names. Every probe tolerates
// a missing tool or file, because minimal hosts (containers, Alpine) lack some of them.
export const FACTS_SCRIPT = String.raw`
LC_ALL=C; export LC_ALL
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
for f in /etc/os-release /usr/lib/os-release; do
  if [ -r "$f" ]; then sed -n 's/^\([A-Z_][A-Z0-9_]*\)=/osr.\1=/p' "$f"; break; fi
done
[ -r /etc/debian_version ] && echo "debian_version=$(cat /etc/debian_version)"
[ -r /etc/redhat-release ] && echo "redhat_release=$(cat /etc/redhat-release)"
echo "kernel=$(uname -r)"
echo "kernel_version=$(uname -v)"
echo "machine=$(uname -m)"
echo "nodename=$(uname -n)"
echo "hostname_short=$(hostname -s 2>/dev/null || uname -n | cut -d. -f1)"
echo "fqdn=$(hostname -f 2>/dev/null || uname -n)"
if command -v ip >/dev/null 2>&1; then
  ip -4 route show default 2>/dev/null | sed 's/^/route4=/'
  ip -o -4 addr show 2>/dev/null | sed 's/^/addr4=/'
else
  sed '1d; s/^/procroute=/' /proc/net/route 2>/dev/null
fi
for i in /sys/class/net/*; do
  [ -e "$i" ] || continue
  echo "iface=$(basename "$i") $(cat "$i/address" 2>/dev/null) $(cat "$i/mtu" 2>/dev/null)"
done
sed -n 's/^\(MemTotal\|MemFree\|MemAvailable\|SwapTotal\|SwapFree\): *\([0-9]*\).*/mem.\1=\2/p' /proc/meminfo 2>/dev/null
echo "cpu.vcpus=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null)"
echo "cpu.sockets=$(grep '^physical id' /proc/cpuinfo 2>/dev/null | sort -u | wc -l)"
grep -m1 '^cpu cores' /proc/cpuinfo 2>/dev/null | sed 's/.*: */cpu.cores=/'
grep -m1 '^siblings' /proc/cpuinfo 2>/dev/null | sed 's/.*: */cpu.siblings=/'
command -v nproc >/dev/null 2>&1 && echo "cpu.nproc=$(nproc)"
if command -v getenforce >/dev/null 2>&1; then echo "selinux_mode=$(getenforce 2>/dev/null)"
elif [ -r /sys/fs/selinux/enforce ]; then echo "selinux_enforce=$(cat /sys/fs/selinux/enforce)"; fi
if [ -d /run/systemd/system ]; then echo service_mgr=systemd
elif [ -x /sbin/openrc-run ] || [ -x /sbin/openrc ]; then echo service_mgr=openrc
else echo "pid1=$(cat /proc/1/comm 2>/dev/null)"; fi
for p in 'apt-get apt' 'dnf dnf' 'yum yum' 'zypper zypper' 'apk apk' 'pacman pacman'; do
  set -- $p
  if command -v "$1" >/dev/null 2>&1; then echo "pkg_mgr=$2"; break; fi
done
echo "product_uuid=$(cat /sys/class/dmi/id/product_uuid 2>/dev/null)"
echo "machine_id=$(cat /etc/machine-id 2>/dev/null)"
echo "cgroup_fs=$(stat -fc %T /sys/fs/cgroup 2>/dev/null)"
echo "user_id=$(id -un 2>/dev/null)"
echo "end=ok"
`;
