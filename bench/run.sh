#!/bin/bash
# The tsplay vs ansible-playbook benchmark (issue 6). Needs root (the lab) and Debian's apt.
# Usage: bash bench/run.sh [--hosts 5,20,50] [--reps 3] [--workloads a,b] [--tools tsplay,ansible]
#                          [--smoke] [--keep] [--no-build]
#   --smoke       N=3, one repetition, both tools (CI); writes bench/smoke/ (not committed), so the
#                 committed bench/RESULTS.md and bench/results/ keep the full run's figures
#   --workloads   subset of: prereqs-like,facts,one-task,many-tasks (default: all)
#   --tools       tsplay only (e.g. at sizes where Ansible takes too long), default both
#   --keep        keep earlier raw results and add these repetitions to them (default: start afresh)
# For each N and repetition: makes sure the lab runs N hosts in plain mode (no systemd: the
# workloads need no services, and plain hosts cost ~2 MB each so 50 fit), then measures while
# holding the lab lock, so no other `test/lab/up` replaces the hosts mid-run; the lock is let go
# between repetitions. Writes bench/RESULTS.md and bench/README-summary.md at the end.
# TSPLAY_LAB=NAME (with TSPLAY_LAB_SUBNET=CIDR the first time) measures on a named lab instance
# (test/lab/up --name) instead of the default one: its own hosts, lock and inventory.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hosts=5,20,50
reps=3
workloads=
tools=tsplay,ansible
build=1
keep=0
smoke=0
while (($#)); do
  case $1 in
    --hosts) hosts=${2:?}; shift 2 ;;
    --reps) reps=${2:?}; shift 2 ;;
    --workloads) workloads=${2:?}; shift 2 ;;
    --tools) tools=${2:?}; shift 2 ;;
    --smoke) hosts=3; reps=1; smoke=1; shift ;;
    --keep) keep=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
[[ $(id -u) -eq 0 ]] || { echo "bench: needs root (the lab uses namespaces and mounts)" >&2; exit 1; }

if ! command -v ansible-playbook >/dev/null; then
  log "installing ansible-core from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y ansible-core >&2
fi
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
cd "$repo"
if ((build)); then log "building tsplay"; npm run --silent build >&2; fi
node --import tsx bench/workloads/many-tasks/generate.ts 100 >&2

out="$repo/bench/results"
results_md=bench/RESULTS.md
summary_md=bench/README-summary.md
if ((smoke)); then
  out="$repo/bench/smoke/results"
  results_md=bench/smoke/RESULTS.md
  summary_md=bench/smoke/README-summary.md
fi
lab_info() { test/lab/info | sed -n "s/^$1=//p"; }
inventory="$repo/inventory/lab.yml"
[[ -z ${TSPLAY_LAB:-} ]] || inventory=$(lab_info LAB_INVENTORY)
lab_env=$(lab_info LAB_ENV_FILE)
lab_lock=$(lab_info LAB_LOCK_FILE)
if ((keep)); then mkdir -p "$out"; else rm -rf "$out"; mkdir -p "$out"; fi

# Bring up N plain hosts unless exactly that lab is already running and healthy.
ensure_lab() {
  local n=$1 reuse=()
  grep -qx LAB_MODE=plain "$lab_env" 2>/dev/null && grep -qx "LAB_COUNT=$n" "$lab_env" && reuse=(--reuse)
  test/lab/up "$n" --mode plain "${reuse[@]}" >>"$out/lab-up-N$n.log" 2>&1
}

for n in ${hosts//,/ }; do
  ((keep)) || rm -f "$out/raw-N$n.json"
  for ((rep = 1; rep <= reps; rep++)); do
    # The lab is shared: another `up` may slip in between ours and the lock; then try again.
    for attempt in 1 2 3; do
      log "N=$n rep $rep/$reps: lab"
      if ! ensure_lab "$n"; then
        log "lab with $n hosts failed (see $out/lab-up-N$n.log)"
        break 3
      fi
      log "N=$n rep $rep/$reps: measuring ($tools)"
      # Same lock file as test/lab: another `up` waits instead of replacing our hosts mid-run.
      status=0
      flock -w 900 "$lab_lock" \
        node --import tsx bench/measure.ts --inventory "$inventory" --lab-env "$lab_env" --hosts "$n" --append --out "$out" \
        --tools "$tools" ${workloads:+--workloads "$workloads"} || status=$?
      ((status == 3)) || break
      log "N=$n: the lab was replaced before we held the lock (attempt $attempt of 3)"
    done
    ((status == 0)) || log "N=$n rep $rep did not finish (status $status); reporting what was measured"
  done
done
node --import tsx bench/report.ts --raw "$out" --results "$results_md" --summary "$summary_md"
log "wrote $results_md and $summary_md"
