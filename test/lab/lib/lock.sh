# One lab operation at a time: e2e suites may call ensureLab concurrently, and
# two `up`s interleaving would tear down each other's hosts.
# $LAB_LOCK_FILE is per instance (common.sh): two named labs start at once.

# Daemons started under the lock must not inherit fd 9 (see detach in common.sh).
take_lab_lock() {
  exec 9>"$LAB_LOCK_FILE"
  flock -w 900 9 || die "another lab operation holds $LAB_LOCK_FILE for 15 min; is one stuck?"
}

# True if the running lab already is what was asked for: same mode, at least
# COUNT hosts, and every host's sshd answering. Lets `up --reuse` leave a lab
# that other tests are using alone.
lab_matches() {
  local mode=$1 count=$2 inventory=$3 i
  [[ -f $LAB_ENV_FILE && -s $LAB_KNOWN_HOSTS && -f $inventory ]] || return 1
  [[ $(sed -n 's/^LAB_MODE=//p' "$LAB_ENV_FILE") == "$mode" ]] || return 1
  [[ $(sed -n 's/^LAB_INVENTORY=//p' "$LAB_ENV_FILE") == "$inventory" ]] || return 1
  # A lab.env from before subnets were recorded is the default's 10.250.0.0/24.
  local subnet
  subnet=$(sed -n 's/^LAB_SUBNET=//p' "$LAB_ENV_FILE")
  [[ ${subnet:-10.250.0.0/24} == "$LAB_SUBNET" ]] || return 1
  local running
  running=$(sed -n 's/^LAB_COUNT=//p' "$LAB_ENV_FILE")
  ((running >= count)) || return 1
  for ((i = 1; i <= running; i++)); do
    [[ $(tcp_first_line "$(host_addr "$i")" 22) == SSH-* ]] || return 1
  done
}
