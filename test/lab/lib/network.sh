# The lab network: bridge $BRIDGE ($BRIDGE_ADDR in $LAB_SUBNET) on the controller, one
# network namespace per host with a veth whose host end is eth0. No NAT and no
# forwarding: hosts reach the bridge and each other, nothing else.

ensure_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
  fi
  ip addr replace "$BRIDGE_ADDR/$SUBNET_BITS" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  guard_forwarding
}

# The controller does not route for the lab. If something turned forwarding on,
# make sure lab traffic still cannot leave through another interface.
guard_forwarding() {
  [[ $(cat /proc/sys/net/ipv4/ip_forward) == 1 ]] || return 0
  command -v iptables >/dev/null || die "ip_forward is on and iptables is missing: cannot keep lab traffic in the lab"
  iptables -C FORWARD -i "$BRIDGE" ! -o "$BRIDGE" -j DROP 2>/dev/null ||
    iptables -I FORWARD -i "$BRIDGE" ! -o "$BRIDGE" -j DROP
}

remove_bridge() {
  if command -v iptables >/dev/null; then
    while iptables -D FORWARD -i "$BRIDGE" ! -o "$BRIDGE" -j DROP 2>/dev/null; do :; done
  fi
  ip link del "$BRIDGE" 2>/dev/null || true
}

# host_network NAME INDEX: namespace + link + address + route for one host.
create_host_network() {
  local name=$1 index=$2 ns veth
  ns="$NETNS_PREFIX$name"
  veth="$VETH_PREFIX$name"
  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip link set "$veth" master "$BRIDGE" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "$(host_addr "$index")/$SUBNET_BITS" dev eth0
  ip -n "$ns" link set eth0 up
  # A default route so the host has a "default IPv4" like a server (kubeadm and
  # the facts need one); it ends at the controller, which does not forward.
  ip -n "$ns" route add default via "$BRIDGE_ADDR"
}

remove_host_network() {
  local name=$1
  ip link del "$VETH_PREFIX$name" 2>/dev/null || true
  ip netns del "$NETNS_PREFIX$name" 2>/dev/null || true
}

# Names of hosts that have a lab namespace or link, whatever state they are in.
lab_network_host_names() {
  {
    ip netns list 2>/dev/null | awk -v p="$NETNS_PREFIX" 'index($1, p) == 1 { print substr($1, length(p) + 1) }'
    ip -o link show 2>/dev/null | awk -F': ' -v p="$VETH_PREFIX" '{ sub(/@.*/, "", $2) } index($2, p) == 1 { print substr($2, length(p) + 1) }'
  } | grep -E '^h[0-9]+$' | sort -u || true
}
