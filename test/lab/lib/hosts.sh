# Starting, finding and killing hosts.

# start_host MODE NAME: launch in the background; output goes to console.log.
start_host() {
  local mode=$1 name=$2 dir
  dir=$(host_dir "$name")
  rm -f "$dir/stopping"
  detach "$LAB_DIR/lib/host-launch.sh" "$mode" "$name" "$(host_root "$name")" \
    >"$dir/console.log" 2>&1 </dev/null
  echo $! >"$dir/launcher.pid"
}

# Wait until sshd answers with its banner on every address given (or fail
# with the console log of the host that did not come up).
wait_for_sshd() {
  local deadline=$((SECONDS + $1)) name addr line pending
  shift
  pending=("$@")
  while ((${#pending[@]})); do
    local still=()
    for name in "${pending[@]}"; do
      addr=$(host_addr "${name#h}")
      line=$(tcp_first_line "$addr" 22)
      [[ $line == SSH-* ]] || still+=("$name")
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]})) || break
    if ((SECONDS >= deadline)); then
      for name in "${pending[@]}"; do
        echo "--- console of $name:" >&2
        tail -n 20 "$(host_dir "$name")/console.log" >&2 || true
      done
      die "sshd did not come up on: ${pending[*]}"
    fi
    sleep 0.2
  done
}

# Every process belonging to the lab's hosts, found three ways so that a crash
# of `up` or of a launcher never hides one: lab cgroups, lab network
# namespaces, and processes chrooted under the hosts' dir.
lab_host_pids() {
  local f ns
  for f in "${CGROUP_ROOTS[@]/%//$CGROUP_NAME}"; do
    [[ -d $f ]] && find "$f" -name cgroup.procs -exec cat {} + 2>/dev/null
  done
  for ns in $(ip netns list 2>/dev/null | awk -v p="$NETNS_PREFIX" 'index($1, p) == 1 && substr($1, length(p) + 1) ~ /^h[0-9]+$/ { print $1 }'); do
    ip netns pids "$ns" 2>/dev/null || true
  done
  # One find, not a readlink per process: forking per process took 12-30 s a pass on this busy machine
  # with 250 hosts' processes, and kill_lab_hosts makes several passes.
  find /proc -mindepth 2 -maxdepth 2 -name root -lname "$HOSTS_DIR/*" 2>/dev/null | cut -d/ -f3
  return 0
}

kill_lab_hosts() {
  local tries pids dir
  # Tell reboot loops not to boot again, then kill; a killed PID 1 ends its host.
  for dir in "$HOSTS_DIR"/*/; do [[ -d $dir ]] && touch "$dir/stopping"; done
  for ((tries = 0; tries < 50; tries++)); do
    pids=$(lab_host_pids | sort -u | grep -vx "$$" || true)
    [[ -z $pids ]] && return 0
    kill -9 $pids 2>/dev/null || true
    sleep 0.1
  done
  die "lab processes survive SIGKILL: $pids"
}

remove_lab_cgroups() {
  local root
  for root in "${CGROUP_ROOTS[@]}"; do
    [[ -d $root/$CGROUP_NAME ]] || continue
    find "$root/$CGROUP_NAME" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
  return 0
}

# The controller's pid of a host's PID 1: the process in the host's network
# namespace that is pid 1 of its own pid namespace (NSpid: <ours> 1).
host_init_pid() {
  local name=$1 pid nspid
  for pid in $(ip netns pids "$NETNS_PREFIX$name" 2>/dev/null); do
    nspid=$(awk '/^NSpid:/ { print NF, $NF }' "/proc/$pid/status" 2>/dev/null) || continue
    [[ $nspid == "3 1" ]] && { echo "$pid"; return 0; }
  done
  return 1
}
