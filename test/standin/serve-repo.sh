#!/bin/bash
# STAND-IN, not Kubernetes.
# Serve the stand-in apt repositories (build-repo.sh) over plain HTTP, bound
# ONLY to the lab bridge address, so lab hosts reach
#   http://10.250.0.1:8080/core:/stable:/v1.31/deb/  (and .../Release.key)
# Usage: test/standin/serve-repo.sh start|stop|status   (idempotent)
#   STANDIN_REPO_DIR   tree to serve (default /var/lib/tsplay-lab/kube-repo)
#   STANDIN_REPO_BIND  address (default 10.250.0.1; only 127.0.0.1 or the lab bridge are sensible)
#   STANDIN_REPO_PORT  port (default 8080)
set -euo pipefail
dir=${STANDIN_REPO_DIR:-/var/lib/tsplay-lab/kube-repo}
bind=${STANDIN_REPO_BIND:-10.250.0.1}
port=${STANDIN_REPO_PORT:-8080}
# Outside the lab's state dir: `test/lab/down` removes that, and the pid must not get lost.
run_dir=${STANDIN_RUN_DIR:-/run}
pidfile="$run_dir/tsplay-standin-repo-$bind-$port.pid"
log="$run_dir/tsplay-standin-repo-$bind-$port.log"
python=$(command -v /usr/bin/python3 || command -v python3)

die() { echo "serve-repo: $*" >&2; exit 1; }

# Our server only: the pid must still be an http.server on our address and port (pids get reused).
our_pid() {
  [[ -s $pidfile ]] || return 1
  local pid cmdline
  pid=$(cat "$pidfile")
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"http.server $port --bind $bind"* ]] || return 1
  echo "$pid"
}

answers() { curl -sf --max-time 2 -o /dev/null "http://$bind:$port/README.txt"; }

start() {
  [[ -f $dir/.source-hash ]] || die "no repository at $dir: run test/standin/build-repo.sh first"
  if our_pid >/dev/null; then
    if answers; then echo "serve-repo: already serving $dir on http://$bind:$port/"; return 0; fi
    stop   # alive but deaf: e.g. the bridge was recreated under it
  fi
  ip -4 -o addr show | grep -qF " $bind/" || die "address $bind is not on this machine (is the lab up? test/lab/up)"
  mkdir -p "$run_dir"
  setsid "$python" -m http.server "$port" --bind "$bind" --directory "$dir" >"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  local i
  for ((i = 0; i < 50; i++)); do
    if answers; then echo "serve-repo: serving $dir on http://$bind:$port/"; return 0; fi
    sleep 0.1
  done
  cat "$log" >&2 || true
  die "the server did not answer on http://$bind:$port/"
}

stop() {
  local pid
  if pid=$(our_pid); then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    echo "serve-repo: stopped (pid $pid)"
  fi
  rm -f "$pidfile"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) if our_pid >/dev/null && answers; then echo "serving on http://$bind:$port/"; else echo "not serving"; exit 3; fi ;;
  *) die "usage: serve-repo.sh start|stop|status" ;;
esac
