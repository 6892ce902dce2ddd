# apt-cacher-ng on the bridge address: the only way hosts reach a package
# mirror. Our own config (no Remap rules), so it forwards each request to the
# URL the host asked for, i.e. the controller's own mirror that hosts' sources
# copy, instead of Debian's default backend list. Its cache survives `down`.

PROXY_STATE_DIR="$STATE_DIR/apt-proxy"
PROXY_CACHE_DIR="$CACHE_DIR/apt-proxy"
PROXY_PID_FILE="$PROXY_STATE_DIR/apt-cacher-ng.pid"

proxy_running() {
  [[ -s $PROXY_PID_FILE ]] && kill -0 "$(cat "$PROXY_PID_FILE")" 2>/dev/null
}

start_proxy() {
  proxy_running && return 0
  command -v apt-cacher-ng >/dev/null || die "apt-cacher-ng is missing: run test/lab/deps.sh"
  local user=apt-cacher-ng upstream
  getent passwd "$user" >/dev/null || user=root
  mkdir -p "$PROXY_STATE_DIR/conf" "$PROXY_STATE_DIR/log" "$PROXY_CACHE_DIR"
  upstream=$(controller_apt_http_proxy)
  cat >"$PROXY_STATE_DIR/conf/acng.conf" <<CONF
CacheDir: $PROXY_CACHE_DIR
LogDir: $PROXY_STATE_DIR/log
SupportDir: /usr/lib/apt-cacher-ng
BindAddress: $BRIDGE_ADDR
Port: $PROXY_PORT
PidFile: $PROXY_PID_FILE
SocketPath: $PROXY_STATE_DIR/acng.socket
ForeGround: 1
ExThreshold: 4
ReportPage: acng-report.html
# When several hosts ask for an InRelease that apt-cacher-ng must re-check (after a restart it
# knows no index as fresh), their replacements of the cached file race ("Failure to move file
# ... out of the way": both pick the same backup name) and a host's apt-get update hangs.
# warm_proxy_index fetches each index once, alone, whenever the lab comes up, which makes the
# race rare but does not end it: apt-cacher-ng 3.7 still re-checks on some later requests (seen
# 10 s after a warm fetch; see test/lab/README.md). Package lists are fetched by hash, so a
# cached InRelease never pairs with the wrong lists. (Not DontCacheRequested: its pass-through
# sends the client's Host header beside its own, and a strict upstream answers 400 Bad Request.)
FreshIndexMaxAge: 3600
${upstream:+Proxy: $upstream}
CONF
  chown -R "$user:" "$PROXY_STATE_DIR" "$PROXY_CACHE_DIR"
  detach setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups \
    /usr/sbin/apt-cacher-ng -c "$PROXY_STATE_DIR/conf" \
    >"$PROXY_STATE_DIR/log/console.log" 2>&1 </dev/null
  echo $! >"$PROXY_PID_FILE.launcher"
  local i
  for ((i = 0; i < 50; i++)); do
    if tcp_port_open "$BRIDGE_ADDR" "$PROXY_PORT"; then
      # apt-cacher-ng writes its pid file itself; fall back to the launcher's.
      [[ -s $PROXY_PID_FILE ]] || cp "$PROXY_PID_FILE.launcher" "$PROXY_PID_FILE"
      return 0
    fi
    sleep 0.1
  done
  cat "$PROXY_STATE_DIR/log/console.log" >&2 || true
  die "apt-cacher-ng did not start on $BRIDGE_ADDR:$PROXY_PORT"
}

# Fetch the hosts' InRelease files through the proxy one at a time, so the first replacement of
# each is not a race (see FreshIndexMaxAge above).
# The hosts' sources are the controller's, so apt-get's own list of URIs is theirs. A mirror that
# cannot be reached is only a warning here: hosts that install nothing still work.
warm_proxy_index() {
  local uri
  while read -r uri; do
    curl -fsS -o /dev/null --max-time 60 --proxy "http://$BRIDGE_ADDR:$PROXY_PORT" "$uri" ||
      log "warning: could not fetch $uri through the apt proxy"
  done < <(apt-get update --print-uris -q 2>/dev/null | sed -n "s|^'\(http://[^']*/InRelease\)'.*|\1|p")
  return 0
}

stop_proxy() {
  local f pid pids=() i
  for f in "$PROXY_PID_FILE" "$PROXY_PID_FILE.launcher"; do
    [[ -s $f ]] || continue
    pid=$(cat "$f")
    # Only kill it if it still is our apt-cacher-ng (pids get reused after a crash).
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == apt-cacher-ng ]] && pids+=("$pid")
  done
  ((${#pids[@]})) || { rm -rf "$PROXY_STATE_DIR"; return 0; }
  kill "${pids[@]}" 2>/dev/null || true
  # Wait until it is gone (a zombie counts as gone: this machine's PID 1 may not
  # reap), so an `up` right after can bind the port again.
  for ((i = 0; i < 50; i++)); do
    live_pids "${pids[@]}" || break
    sleep 0.1
  done
  live_pids "${pids[@]}" && kill -9 "${pids[@]}" 2>/dev/null || true
  rm -rf "$PROXY_STATE_DIR"
}
