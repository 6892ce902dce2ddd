# Read the Debian mirror from this machine's own apt configuration (deb822
# *.sources first, then the one-line sources.list): the lab never hard-codes
# a mirror host, so it uses whatever mirror CI or a developer machine uses.
# APT_ETC exists for the unit tests (test/lab/mirror.test.ts).
APT_ETC=${APT_ETC:-/etc/apt}

# Prints the URI serving SUITE's "deb" lines (e.g. http://deb.debian.org/debian).
debian_mirror_for_suite() {
  local suite=$1 f uri=""
  for f in "$APT_ETC"/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    uri=$(awk -v want="$suite" '
      function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " want " ") && uris != "" && !found) { split(uris, u, " "); print u[1]; found = 1 } types = suites = uris = "" }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^Types:/  { sub(/^Types:[ \t]*/, ""); types = $0 }
      /^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites = $0 }
      /^URIs:/   { sub(/^URIs:[ \t]*/, ""); uris = $0 }
      END { flush() }' "$f")
    [[ -n $uri ]] && { echo "$uri"; return 0; }
  done
  for f in "$APT_ETC"/sources.list "$APT_ETC"/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    uri=$(awk -v want="$suite" '
      $1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                    if ($(i + 1) == want) { print $i; exit } }' "$f")
    [[ -n $uri ]] && { echo "$uri"; return 0; }
  done
  return 1
}

# The apt source files a host gets: the controller's active ones, verbatim
# (apt ignores other suffixes, so we do too).
controller_apt_source_files() {
  local f
  for f in "$APT_ETC"/sources.list "$APT_ETC"/sources.list.d/*.sources "$APT_ETC"/sources.list.d/*.list; do
    [[ -s $f ]] && echo "$f"
  done
  return 0
}

# A proxy the controller itself uses for apt, if any: the lab apt proxy chains to it.
controller_apt_http_proxy() {
  local proxy=""
  eval "$(apt-config shell proxy Acquire::http::Proxy)"
  [[ -n $proxy && $proxy != DIRECT ]] && echo "$proxy"
  return 0
}
