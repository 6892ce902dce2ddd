#!/usr/bin/env bash
# The one test command (`npm test`): build, unit tests, then end-to-end tests against the lab.
# `npm test -- unit` or `-- e2e` runs one part. e2e needs root (it brings the lab up if it is not).
set -uo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
rc=0

npm run --silent build || exit 1
# Tests run under tsx, which strips types without checking them: typecheck them (and src) first.
npx tsc -p tsconfig.test.json || exit 1

if [[ $what == all || $what == unit ]]; then
  # Forbidden imports between folders of src/ and folder cycles (.dependency-cruiser.cjs, docs/ARCHITECTURE.md).
  node --import tsx test/layering/check-layering.ts || rc=1
  mapfile -t unit < <(find test/unit test/lab -name '*.test.ts' | sort)
  node --import tsx --test --test-concurrency=2 "${unit[@]}" || rc=1
fi

if [[ $what == all || $what == e2e ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "e2e tests need root (they build network namespaces): run as root" >&2
    exit 1
  fi
  # Idempotent: reuses hosts that are already up.
  bash test/lab/up "${TSPLAY_LAB_HOSTS:-5}" --reuse || exit 1
  # e2e files share the lab hosts, so they run one at a time. The Kubernetes suites build a cluster
  # from scratch, so they get freshly started hosts after the others (which leave packages, services
  # and a stand-in cluster behind on some hosts).
  mapfile -t general < <(find test/e2e -name '*.test.ts' ! -name 'site-*' ! -name 'verify-ha*' | sort)
  # In file-name order they build on each other (converge at 1.31.2, upgrade to 1.32.1, failover).
  # `site-layout-*` suites build another cluster layout on hosts they restart themselves: last.
  mapfile -t kubernetes < <(find test/e2e \( -name 'site-*.test.ts' -o -name 'verify-ha*.test.ts' \) ! -name 'site-layout-*' | sort)
  mapfile -t layouts < <(find test/e2e -name 'site-layout-*.test.ts' | sort)
  node --import tsx --test --test-concurrency=1 "${general[@]}" || rc=1
  { bash test/lab/down && bash test/lab/up "${TSPLAY_LAB_HOSTS:-5}"; } || exit 1
  node --import tsx --test --test-concurrency=1 "${kubernetes[@]}" || rc=1
  # A separate run: node --test sorts the files it is given by name, which would put them in between.
  if ((${#layouts[@]})); then node --import tsx --test --test-concurrency=1 "${layouts[@]}" || rc=1; fi
fi
exit $rc
