# What `up` leaves for users of the lab: known_hosts with each host's real
# keys (by address: the inventory connects to ansible_host) and an Ansible
# YAML inventory.

write_known_hosts() {
  local count=$1 i name root key tmp
  tmp="$LAB_KNOWN_HOSTS.tmp"
  : >"$tmp"
  for ((i = 1; i <= count; i++)); do
    name="h$i"
    root=$(host_root "$name")
    for key in "$root"/etc/ssh/ssh_host_ed25519_key.pub "$root"/etc/ssh/ssh_host_ecdsa_key.pub; do
      echo "$(host_addr "$i") $(cut -d' ' -f1,2 "$key")" >>"$tmp"
    done
  done
  mv "$tmp" "$LAB_KNOWN_HOSTS"
}

# write_inventory PATH COUNT MODE
write_inventory() {
  local path=$1 count=$2 mode=$3 masters i
  masters=$((count < 3 ? count : 3))
  mkdir -p "$(dirname "$path")"
  {
    echo "# Written by test/lab/up ($(date -u +%Y-%m-%dT%H:%M:%SZ)); regenerated on every run."
    echo "all:"
    echo "  vars:"
    echo "    ansible_user: root"
    echo "    ansible_ssh_private_key_file: $LAB_KEY"
    echo "    ansible_ssh_common_args: \"-o UserKnownHostsFile=$LAB_KNOWN_HOSTS -o StrictHostKeyChecking=yes\""
    echo "    vip_address: $VIP_ADDR"
    echo "    lab_mode: $mode"
    echo "    lab_deploy_user: $DEPLOY_USER"
    echo "    lab_deploy_sudo_password: $DEPLOY_SUDO_PASS"
    echo "  hosts:"
    for ((i = 1; i <= count; i++)); do
      echo "    h$i:"
      echo "      ansible_host: $(host_addr "$i")"
    done
    echo "  children:"
    echo "    k8s_cluster:"
    echo "      children:"
    echo "        masters:"
    echo "          hosts:"
    for ((i = 1; i <= masters; i++)); do echo "            h$i: {}"; done
    echo "        workers:"
    if ((count > masters)); then
      echo "          hosts:"
      for ((i = masters + 1; i <= count; i++)); do echo "            h$i: {}"; done
    else
      echo "          hosts: {}"
    fi
  } >"$path.tmp"
  mv "$path.tmp" "$path"
}
