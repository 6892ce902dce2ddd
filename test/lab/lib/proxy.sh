# The lab's apt proxy (test/lab/apt-proxy/, our own small caching forward proxy) on the bridge
# address: the only way hosts reach a package mirror, and only the mirrors of this machine's own
# apt sources (hosts' sources copy the controller's). One download per URL however many hosts ask
# at once; pool and by-hash files are kept, indexes (InRelease) re-fetched after 30 minutes. Its
# cache survives `down`. (It replaced apt-cacher-ng, whose concurrent InRelease refreshes could
# hang a host's apt-get update forever; see test/lab/README.md.)

PROXY_STATE_DIR="$STATE_DIR/apt-proxy"
PROXY_CACHE_DIR="$INSTANCE_CACHE_DIR/apt-http-cache"
PROXY_MAIN="$LAB_DIR/apt-proxy/main.ts"
# Seconds before an index is re-fetched; a tiny value makes every request a concurrent refresh (stress tests).
PROXY_INDEX_MAX_AGE=${TSPLAY_LAB_APT_INDEX_MAX_AGE:-1800}

# Pids of this instance's apt proxy, whichever checkout started it: found by its command line
# (its cache dir is per instance; the address may be unknown to a `down`), not a pid file, so a
# `down` from one clone stops a proxy that another clone started.
proxy_pids() {
  pgrep -f "apt-proxy/main\.ts --listen [^ ]+ --cache $PROXY_CACHE_DIR( |\$)" || true
}

proxy_running() { [[ -n $(proxy_pids) ]]; }

# host[:port] of every http mirror in this machine's apt sources, one per line.
controller_mirror_hosts() {
  apt-get update --print-uris -q 2>/dev/null |
    sed -n "s|^'http://\([^/']*\)/.*|\1|p" | sed 's/:80$//' | sort -u
}

start_proxy() {
  proxy_running && return 0
  command -v node >/dev/null || die "node is missing: run test/lab/deps.sh"
  [[ -d $REPO_ROOT/node_modules/tsx ]] || die "the lab's apt proxy runs under tsx: run npm ci first"
  local mirrors upstream args=() host
  mapfile -t mirrors < <(controller_mirror_hosts)
  ((${#mirrors[@]})) || die "this machine's apt sources name no http:// mirror for the hosts to use"
  for host in "${mirrors[@]}"; do args+=(--allow "$host"); done
  upstream=$(controller_apt_http_proxy)
  [[ -n $upstream ]] && args+=(--upstream-proxy "$upstream")
  # The cache of the apt-cacher-ng this proxy replaced: another layout, never read again.
  [[ -n $LAB_NAME ]] || rm -rf "$CACHE_DIR/apt-proxy"
  mkdir -p "$PROXY_STATE_DIR" "$PROXY_CACHE_DIR"
  # It binds as root, then runs as nobody, which owns nothing but its cache.
  chown -R nobody: "$PROXY_CACHE_DIR"
  (
    cd "$REPO_ROOT"
    detach node --import tsx "$PROXY_MAIN" --listen "$BRIDGE_ADDR:$PROXY_PORT" \
      --cache "$PROXY_CACHE_DIR" --index-max-age "$PROXY_INDEX_MAX_AGE" \
      --user "$(id -u nobody):$(id -g nobody)" "${args[@]}" \
      >"$PROXY_STATE_DIR/access.log" 2>&1 </dev/null
  )
  local i
  for ((i = 0; i < 100; i++)); do
    proxy_running || break
    tcp_port_open "$BRIDGE_ADDR" "$PROXY_PORT" && return 0
    sleep 0.1
  done
  cat "$PROXY_STATE_DIR/access.log" >&2 || true
  die "the apt proxy did not start on $BRIDGE_ADDR:$PROXY_PORT"
}

stop_proxy() {
  local pids i
  mapfile -t pids < <(proxy_pids)
  if ((${#pids[@]})); then
    kill "${pids[@]}" 2>/dev/null || true
    # Wait until it is gone (a zombie counts as gone: this machine's PID 1 may not
    # reap), so an `up` right after can bind the port again.
    for ((i = 0; i < 50; i++)); do
      live_pids "${pids[@]}" || break
      sleep 0.1
    done
    live_pids "${pids[@]}" && kill -9 "${pids[@]}" 2>/dev/null || true
  fi
  rm -rf "$PROXY_STATE_DIR"
}
