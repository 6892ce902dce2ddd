// wait_for: wait ON THE TARGET until a TCP port opens/closes or a file appears/disappears (optionally
// containing search_regex). One exec runs a POSIX sh polling loop, so waiting costs no round trips.
//
// Port probe, chosen on the target at run time: bash's /dev/tcp (bash is on every kubeadm host we
// know; /dev/tcp is a bash feature, not POSIX), else `nc -z`, else the check fails with a clear
// message. Each probe is bounded by `timeout connect_timeout` (coreutils).
// Never changed; runs in check mode too (it only observes), as Ansible's does.
import { shellQuote } from '../util/shell-quote.js';
import { execOnTarget } from './lib/target.js';
import type { ModuleResult } from './types.js';
import { defineModule } from './lib/define-module.js';

export const waitForModule = defineModule({
  name: 'wait_for',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      host: { type: 'string', default: '127.0.0.1', description: 'Address to probe, as seen FROM THE TARGET.' },
      port: { type: 'integer', minimum: 1, maximum: 65535, description: 'TCP port to wait for.' },
      path: { type: 'string', description: 'File on the target to wait for (instead of port).' },
      state: { enum: ['started', 'stopped', 'present', 'absent'], default: 'started', description: 'started/present: port open or file there (containing search_regex); stopped/absent: port closed or file gone.' },
      timeout: { type: 'integer', minimum: 0, default: 300, description: 'Seconds to wait before failing.' },
      delay: { type: 'integer', minimum: 0, default: 0, description: 'Seconds to wait before the first check.' },
      sleep: { type: 'integer', minimum: 1, default: 1, description: 'Seconds between checks.' },
      connect_timeout: { type: 'integer', minimum: 1, default: 5, description: 'Seconds one port probe may take.' },
      search_regex: { type: 'string', description: 'With path: an extended regex (grep -E) the file must contain.' },
      msg: { type: 'string', description: 'Failure message instead of the default timeout message.' },
    },
    not: { required: ['port', 'path'] },
  },
  runsInCheckMode: true,
  async run(ctx, args): Promise<ModuleResult> {
    const state = args.state ?? 'started';
    const wantUp = state === 'started' || state === 'present';
    const timeout = args.timeout ?? 300;
    const host = args.host ?? '127.0.0.1';
    const ct = args.connect_timeout ?? 5;
    let probe: string;
    if (args.port !== undefined) {
      const h = shellQuote(host);
      const p = args.port;
      probe = [
        `probe() {`,
        `  if command -v bash >/dev/null 2>&1; then timeout ${ct} bash -c 'exec 3<>"/dev/tcp/$0/$1"' ${h} ${p} 2>/dev/null`,
        `  elif command -v nc >/dev/null 2>&1; then nc -z -w ${ct} ${h} ${p} 2>/dev/null`,
        `  else echo 'wait_for needs bash or nc on the target to probe ports' >&2; exit 4; fi`,
        `}`,
      ].join('\n');
    } else if (args.path !== undefined) {
      const q = shellQuote(args.path);
      probe = args.search_regex !== undefined && wantUp
        ? `probe() { [ -e ${q} ] && grep -E -q -- ${shellQuote(args.search_regex)} ${q} 2>/dev/null; }`
        : `probe() { [ -e ${q} ]; }`;
    } else {
      // Neither port nor path: just sleep for `timeout` seconds (Ansible's behaviour).
      probe = `probe() { return 1; }`;
    }
    const condition = args.port === undefined && args.path === undefined ? 'false' : wantUp ? 'probe' : '! probe';
    const script = [
      probe,
      `start=$(date +%s)`,
      `sleep ${args.delay ?? 0}`,
      `deadline=$(( start + ${timeout} ))`,
      `while :; do`,
      `  if ${condition}; then echo "elapsed=$(( $(date +%s) - start ))"; exit 0; fi`,
      `  [ "$(date +%s)" -ge "$deadline" ] && { echo "elapsed=$(( $(date +%s) - start ))"; exit 3; }`,
      `  sleep ${args.sleep ?? 1}`,
      `done`,
    ].join('\n');
    const result = await execOnTarget(ctx, script);
    const elapsed = Number(/elapsed=(\d+)/.exec(result.stdout)?.[1] ?? 0);
    const base: ModuleResult = { changed: false, elapsed, state };
    if (args.port !== undefined) Object.assign(base, { port: args.port, host });
    if (args.path !== undefined) base.path = args.path;
    if (result.rc === 0) return base;
    if (args.port === undefined && args.path === undefined && result.rc === 3) return base;
    if (result.rc === 4) return { ...base, failed: true, msg: result.stderr.trim() };
    if (result.rc !== 3) return { ...base, failed: true, msg: `wait_for failed: ${result.stderr.trim() || `exit ${result.rc}`}` };
    const what = args.port !== undefined ? `${host}:${args.port}` : `file ${args.path}${args.search_regex ? ` to contain ${args.search_regex}` : ''}`;
    const verb = wantUp ? 'Timeout when waiting for' : 'Timeout when waiting for the absence of';
    return { ...base, failed: true, msg: args.msg ?? `${verb} ${what}` };
  },
});
