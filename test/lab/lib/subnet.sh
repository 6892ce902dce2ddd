# The lab's addresses, from its subnet (an IPv4 CIDR, /16 to /24). Sourced by common.sh.
#
# Layout: the bridge (controller) is the first address; host hI is the
# (10+I)th. In a /24 the VIP is .100 and hosts stop at .99 (89 hosts: the
# default lab's layout since the start, which tests and roles rely on). In a
# wider subnet the VIP is the last usable address and hosts run from .11 up to
# the one before it, so the VIP is never inside the host range
# (a /23 holds 499 hosts).

ip_to_int() {
  local a b c d
  IFS=. read -r a b c d <<<"$1"
  echo $(((a << 24) | (b << 16) | (c << 8) | d))
}

int_to_ip() {
  local n=$1
  echo "$(((n >> 24) & 255)).$(((n >> 16) & 255)).$(((n >> 8) & 255)).$((n & 255))"
}

valid_ipv4() {
  local re='^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$' part
  [[ $1 =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || return 1
  for part in ${1//./ }; do [[ $part =~ $re ]] || return 1; done
}

# lab_subnet_layout CIDR: sets SUBNET_NET (int), SUBNET_BITS, SUBNET_SIZE,
# BRIDGE_ADDR, VIP_ADDR, LAB_MAX_HOSTS; dies on a malformed or misaligned CIDR.
lab_subnet_layout() {
  local cidr=$1 addr bits
  addr=${cidr%/*}
  bits=${cidr#*/}
  [[ $cidr == */* ]] && valid_ipv4 "$addr" && [[ $bits =~ ^[0-9]+$ ]] && ((bits >= 16 && bits <= 24)) ||
    die "subnet '$cidr' must be an IPv4 CIDR from /16 to /24 (e.g. 10.77.0.0/23)"
  SUBNET_BITS=$bits
  SUBNET_SIZE=$((1 << (32 - bits)))
  SUBNET_NET=$(ip_to_int "$addr")
  ((SUBNET_NET % SUBNET_SIZE == 0)) ||
    die "subnet '$cidr' has host bits set: its network address is $(int_to_ip $((SUBNET_NET - SUBNET_NET % SUBNET_SIZE)))/$bits"
  BRIDGE_ADDR=$(int_to_ip $((SUBNET_NET + 1)))
  if ((bits == 24)); then
    VIP_ADDR=$(int_to_ip $((SUBNET_NET + 100)))
    LAB_MAX_HOSTS=89
  else
    VIP_ADDR=$(int_to_ip $((SUBNET_NET + SUBNET_SIZE - 2)))
    LAB_MAX_HOSTS=$((SUBNET_SIZE - 13))   # minus network, bridge, .2-.10, VIP, broadcast
  fi
}

host_addr() { int_to_ip $((SUBNET_NET + 10 + $1)); }   # host index -> IPv4 address

# subnets_overlap A/BITS B/BITS: true if the two CIDRs share an address.
subnets_overlap() {
  local a=${1%/*} abits=${1#*/} b=${2%/*} bbits=${2#*/} bits
  [[ $1 == */* ]] || abits=32
  [[ $2 == */* ]] || bbits=32
  bits=$((abits < bbits ? abits : bbits))
  local mask=$(((0xffffffff << (32 - bits)) & 0xffffffff))
  (($(($(ip_to_int "$a") & mask)) == $(($(ip_to_int "$b") & mask))))
}

# A route on this machine (other than our own bridge's) that the lab's subnet
# would shadow or collide with: another lab instance, the machine's own LAN.
# Prints "DEST dev DEV" of the first one, or nothing.
conflicting_route() {
  local dest dev rest
  while read -r dest rest; do
    [[ $dest == default ]] && continue
    dev=$(sed -n 's/.*\bdev \([^ ]*\).*/\1/p' <<<"$rest")
    [[ $dev == "$BRIDGE" ]] && continue
    [[ $dest == */* ]] || dest="$dest/32"
    if subnets_overlap "$LAB_SUBNET" "$dest"; then
      echo "$dest dev $dev"
      return 0
    fi
  done < <(ip -4 route show table all 2>/dev/null | grep -v '^\(local\|broadcast\|unreachable\|multicast\) ' || true)
}
