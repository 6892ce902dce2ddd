// sysctl: a kernel parameter in a sysctl.d file (and, with sysctl_set, the live value).
// `sysctl -p FILE` reloads only when the file changed. Values compare with whitespace normalised
// ("1  2" equals "1 2"), as Ansible does.
import { shellQuote } from '../util/shell-quote.js';
import type { FileDiff, ModuleContext, ModuleResult } from './types.js';
import { requireName, requireOneLine } from './lib/sys/args.js';
import { execChecked, execTool, ModuleFailure } from './lib/target.js';
import { applyTextFile, readTextFile } from './lib/sys/text-file.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type SysctlArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { description: "Parameter name, e.g. 'net.ipv4.ip_forward'.", type: 'string' },
    value: { description: 'Desired value (required with state present).', type: ['string', 'number', 'boolean'] },
    state: { description: 'present (default) or absent (remove the line from sysctl_file).', enum: ['present', 'absent'] },
    sysctl_file: { description: 'File holding the setting (default /etc/sysctl.conf, as Ansible).', type: 'string' },
    reload: { description: 'Run sysctl -p FILE when the file changed (default true).', type: 'boolean' },
    sysctl_set: { description: 'Also compare and set the live value with sysctl -n / sysctl -w (default false).', type: 'boolean' },
    ignoreerrors: { description: 'Pass -e to sysctl -p so unknown keys are ignored (default false).', type: 'boolean' },
  },
} as const;

export const DEFAULT_SYSCTL_FILE = '/etc/sysctl.conf';

const normalizeValue = (v: string) => v.trim().split(/\s+/).join(' ');
/** sysctl accepts '/' as separator too (net/ipv4/ip_forward). */
const normalizeKey = (k: string) => k.trim().replace(/\//g, '.');

/** The file text with the key set to value (first occurrence replaced, duplicates dropped) or removed. */
export function editSysctlFile(text: string, name: string, value: string | undefined): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let placed = false;
  for (const line of lines) {
    const m = /^\s*([^#;=\s][^=]*?)\s*=\s*(.*)$/.exec(line);
    if (!m || normalizeKey(m[1]!) !== normalizeKey(name)) {
      out.push(line);
      continue;
    }
    if (value === undefined || placed) continue;
    // Keep the user's line when the value already matches (no churn from spacing).
    out.push(normalizeValue(m[2]!) === normalizeValue(value) ? line : `${name}=${value}`);
    placed = true;
  }
  if (value !== undefined && !placed) out.push(`${name}=${value}`);
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

async function runSysctl(ctx: ModuleContext, args: SysctlArgs): Promise<ModuleResult> {
  const name = requireName('sysctl', args.name, /^[A-Za-z0-9_][A-Za-z0-9_.\/*-]*$/);
  const state = args.state ?? 'present';
  if (state === 'present' && args.value === undefined) throw new ModuleFailure('value is required with state present');
  const value = args.value === undefined ? undefined : requireOneLine('value', typeof args.value === 'boolean' ? (args.value ? '1' : '0') : String(args.value));
  const file = args.sysctl_file ?? DEFAULT_SYSCTL_FILE;
  const before = await readTextFile(ctx, file);
  const after = editSysctlFile(before ?? '', name, state === 'present' ? value : undefined);
  const desired = before === undefined && after === '' ? undefined : after;
  const fileOutcome = await applyTextFile(ctx, file, before, desired);
  const diff: FileDiff[] = fileOutcome.diff ? [fileOutcome.diff] : [];
  let liveChanged = false;
  if (state === 'present' && args.sysctl_set) {
    const live = await execChecked(ctx, `sysctl -n ${shellQuote(name)}`, `cannot read ${name}`);
    liveChanged = normalizeValue(live.stdout) !== normalizeValue(value!);
    if (liveChanged) {
      diff.push({ path: `live ${name}`, before: `${live.stdout.trim()}\n`, after: `${value}\n` });
      if (!ctx.check) await execTool(ctx, `sysctl -w ${shellQuote(`${name}=${value}`)}`, `sysctl -w ${name}`);
    }
  }
  if (fileOutcome.changed && !ctx.check && (args.reload ?? true) && desired !== undefined) {
    await execTool(ctx, `sysctl ${args.ignoreerrors ? '-e ' : ''}-p ${shellQuote(file)}`, `sysctl -p ${file}`);
  }
  const result: ModuleResult = { changed: fileOutcome.changed || liveChanged, name, value: value ?? null, sysctl_file: file };
  if (ctx.diff && diff.length > 0) result.diff = diff;
  return result;
}

export const sysctlModule = defineModule({ name: 'sysctl', schema, run: runSysctl });
