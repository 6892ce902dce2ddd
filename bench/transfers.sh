#!/bin/bash
# The file transfer benchmark of issue #16 (bench/transfers.ts says what it measures). Needs root
# (the lab) and hyperfine, GNU time, scp. Usage: bash bench/transfers.sh [--hosts 20] [--no-build]
# Brings up N plain lab hosts (as run.sh does), holds the lab lock while measuring, and writes
# bench/results/transfers.json (figures) and transfers-*.log (each run's output).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n=20
build=1
while (($#)); do
  case $1 in
    --hosts) n=${2:?}; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "transfers: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "transfers: needs root (the lab)" >&2; exit 1; }
command -v hyperfine >/dev/null && [[ -x /usr/bin/time ]] || { echo "transfers: needs hyperfine and /usr/bin/time" >&2; exit 1; }
cd "$repo"
if ((build)); then npm run --silent build >&2; fi
mkdir -p bench/results
# TSPLAY_LAB=NAME measures on a named lab instance (test/lab/up --name), as bench/run.sh does.
lab_info() { test/lab/info | sed -n "s/^$1=//p"; }
lab_env=$(lab_info LAB_ENV_FILE)
inventory="$repo/inventory/lab.yml"
[[ -z ${TSPLAY_LAB:-} ]] || inventory=$(lab_info LAB_INVENTORY)
reuse=()
grep -qx LAB_MODE=plain "$lab_env" 2>/dev/null && grep -qx "LAB_COUNT=$n" "$lab_env" && reuse=(--reuse)
test/lab/up "$n" --mode plain "${reuse[@]}" >>bench/results/lab-up-transfers.log 2>&1
flock -w 900 "$(lab_info LAB_LOCK_FILE)" node --import tsx bench/transfers.ts --inventory "$inventory" --bridge "$(lab_info LAB_BRIDGE)" --out "$repo/bench/results"
