#!/usr/bin/env bash
# README's first command: from a fresh Debian 12 machine (as root) to a converged 5-host HA lab.
# Kubernetes packages come from the lab's STAND-IN repository (test/standin/): real kubeadm cannot
# run here. Re-running it converges again (the second run reports changed=0).
set -euo pipefail
cd "$(dirname "$0")/../.."

bash test/lab/deps.sh
[[ -d node_modules && -f dist/src/bundle/cli.js ]] || npm ci --no-audit --no-fund
bash test/lab/up "${TSPLAY_LAB_HOSTS:-5}" --reuse
bash test/standin/build-repo.sh
bash test/standin/serve-repo.sh start
exec npx tsplay run playbooks/site.yml -i inventory/lab.yml -e @test/e2e/lab-vars.yml "$@"
