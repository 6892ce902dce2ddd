// getent: ansible_facts.getent_<database> = {key: [fields...]} from `getent DATABASE [KEY]`, shaped
// as Ansible 2.14's module shapes it: passwd, shadow, group and gshadow split on ':', others on
// whitespace unless `split` says; a key listed twice becomes a list of field lists. getent's exit
// codes 1-3 become Ansible's messages; a missing key with fail_key false gives `KEY: null`.
// geerlingguy.docker reads the docker group's members with it. Reads only: runs in check mode.
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';
import { execOnTarget, ModuleFailure } from './lib/target.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['database'],
  properties: {
    database: { description: 'The getent database: passwd, group, hosts, services, ...', type: 'string' },
    key: { description: 'The key to look up; without it, the whole database.', type: 'string' },
    split: { description: "Field separator (default ':' for passwd, shadow, group, gshadow; whitespace otherwise).", type: 'string' },
    service: { description: 'Passed as getent -s (a specific NSS service).', type: 'string' },
    fail_key: { description: 'Fail when the key is not found (default true); false gives the key as null.', type: 'boolean', default: true },
  },
} as const;

const COLON_DATABASES = ['passwd', 'shadow', 'group', 'gshadow'];

/** Python's str.split(sep), or split() on whitespace runs when sep is undefined. */
function splitFields(line: string, sep: string | undefined): string[] {
  return sep === undefined ? line.trim().split(/\s+/) : line.split(sep);
}

export function parseGetent(stdout: string, sep: string | undefined): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  const seen = new Map<string, number>();
  for (const line of stdout.split('\n').filter((l) => l !== '')) {
    const [first, ...rest] = splitFields(line, sep);
    const key = first!;
    const count = seen.get(key) ?? 0;
    if (count === 0) tree[key] = rest;
    else tree[key] = count === 1 ? [tree[key], rest] : [...(tree[key] as unknown[]), rest];
    seen.set(key, count + 1);
  }
  return tree;
}

const MESSAGES: Record<number, string> = {
  1: 'Missing arguments, or database unknown.',
  2: 'One or more supplied key could not be found in the database.',
  3: 'Enumeration not supported on this database.',
};

async function runGetent(ctx: ModuleContext, args: ArgsOf<typeof schema>): Promise<ModuleResult> {
  const words = ['getent', ...(args.service !== undefined ? ['-s', args.service] : []), args.database, ...(args.key !== undefined ? [args.key] : [])];
  const result = await execOnTarget(ctx, words.map(shellQuote).join(' '));
  const tree = `getent_${args.database}`;
  const sep = args.split ?? (COLON_DATABASES.includes(args.database) ? ':' : undefined);
  if (result.rc === 0) return { changed: false, ansible_facts: { [tree]: parseGetent(result.stdout, sep) } };
  if (result.rc === 2 && args.fail_key === false && args.key !== undefined) {
    return { changed: false, msg: MESSAGES[2], ansible_facts: { [tree]: { [args.key]: null } } };
  }
  throw new ModuleFailure(MESSAGES[result.rc] ?? (result.rc === 127 ? 'getent is not installed on the host' : 'Unexpected failure!'));
}

export const getentModule = defineModule({ name: 'getent', schema, runsInCheckMode: true, run: runGetent });
