// service_facts: ansible_facts.services = {name: {name, state, status, source}}, shaped as Ansible
// 2.14's module shapes it: on systemd from `systemctl list-units` (state running/stopped, status
// active/inactive or failed/not-found/masked) then `list-unit-files` (status enabled/disabled/static...
// unless a bad state; units only in the files get their ActiveState); without systemd from
// `service --status-all` (source sysv).
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule } from './lib/define-module.js';
import { execTool } from './lib/target.js';

const schema = { type: 'object', additionalProperties: false, properties: {} } as const;

export interface ServiceFact {
  name: string;
  state: string;
  status?: string;
  source: 'systemd' | 'sysv';
}

const BAD_STATES = ['not-found', 'masked', 'failed'];
const UNITS = '--tsplay-units';
const FILES = '--tsplay-unit-files';
const SHOW = '--tsplay-show';

/** One round trip: both listings, then the ActiveState of every unit only in the files. */
const SYSTEMD_SCRIPT = [
  `if [ ! -d /run/systemd/system ]; then echo sysv; service --status-all 2>&1; exit 0; fi`,
  `u=$(systemctl list-units --no-pager --type service --all) || exit 1`,
  `f=$(systemctl list-unit-files --no-pager --type service --all) || exit 1`,
  `echo ${UNITS}; printf '%s\\n' "$u"; echo ${FILES}; printf '%s\\n' "$f"; echo ${SHOW}`,
  `printf '%s\\n' "$f" | while read -r n rest; do case $n in *.service) printf '%s\\n' "$u" | grep -q "[[:space:]]$n[[:space:]]\\|^$n[[:space:]]" || { printf 'Id=%s\\n' "$n"; systemctl show "$n" --property=ActiveState 2>/dev/null; }; esac; done`,
].join('\n');

function sectionLines(stdout: string, from: string, to?: string): string[] {
  const start = stdout.indexOf(`${from}\n`);
  if (start < 0) return [];
  const rest = stdout.slice(start + from.length + 1);
  const end = to === undefined ? -1 : rest.indexOf(`${to}\n`);
  return (end < 0 ? rest : rest.slice(0, end)).split('\n').filter((line) => line.includes('.service'));
}

/** Parse the systemd listings as Ansible's SystemctlScanService does. */
export function parseSystemdServices(stdout: string): Record<string, ServiceFact> {
  const services: Record<string, ServiceFact> = {};
  for (const line of sectionLines(stdout, UNITS, FILES)) {
    let fields = line.trim().split(/\s+/);
    const bad = BAD_STATES.find((b) => fields.includes(b));
    // A failed or missing unit's line starts with a bullet, which shifts the columns by one.
    if (bad !== undefined && !fields[0]!.includes('.service')) fields = fields.slice(1);
    const name = fields[0]!;
    services[name] = { name, state: fields[3] === 'running' ? 'running' : 'stopped', status: bad ?? fields[2] ?? 'unknown', source: 'systemd' };
  }
  const activeStates = new Map<string, string>();
  let id = '';
  for (const line of stdout.slice(stdout.indexOf(`${SHOW}\n`) + SHOW.length + 1).split('\n')) {
    if (line.startsWith('Id=')) id = line.slice(3);
    if (line.startsWith('ActiveState=') && id !== '') activeStates.set(id, line.slice(12));
  }
  for (const line of sectionLines(stdout, FILES, SHOW)) {
    const [name, status] = line.trim().split(/\s+/);
    if (!name || !status || !name.endsWith('.service')) continue;
    const known = services[name];
    if (known === undefined) services[name] = { name, state: activeStates.get(name) || 'unknown', status, source: 'systemd' };
    else if (!BAD_STATES.includes(known.status ?? '')) known.status = status;
  }
  return services;
}

/** `service --status-all`: ` [ + ]  name` running, `[ - ]` stopped, `[ ? ]` unknown. */
export function parseSysvServices(stdout: string): Record<string, ServiceFact> {
  const services: Record<string, ServiceFact> = {};
  for (const line of stdout.split('\n')) {
    const m = /^\s*\[ ([+?-]) \]\s+(\S+)/.exec(line);
    if (m) services[m[2]!] = { name: m[2]!, state: m[1] === '+' ? 'running' : m[1] === '-' ? 'stopped' : 'unknown', source: 'sysv' };
  }
  return services;
}

async function runServiceFacts(ctx: ModuleContext): Promise<ModuleResult> {
  const { stdout } = await execTool(ctx, SYSTEMD_SCRIPT, 'listing services');
  const services = stdout.startsWith('sysv\n') ? parseSysvServices(stdout) : parseSystemdServices(stdout);
  return { changed: false, ansible_facts: { services } };
}

export const serviceFactsModule = defineModule({ name: 'service_facts', schema, runsInCheckMode: true, run: runServiceFacts });
