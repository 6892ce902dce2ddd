// setup: gather facts as a task (`setup:` after a package install, or `gather_facts: false` plays
// that gather a subset). The same one-round-trip fact script as the play's fact gathering; the
// facts are then cut to the gather_subset groups and the filter globs (src/facts/subsets.ts).
import { gatherFacts } from '../facts/index.js';
import { FactSubsetError, selectFacts, selectedGroups } from '../facts/subsets.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';
import { ModuleFailure } from './lib/target.js';

const stringOrList = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } as const;

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    gather_subset: { description: "Subsets: all (default), min, hardware, network, or a collector name; '!x' excludes. min is always gathered unless '!min'. A list or 'a,b'.", ...stringOrList },
    filter: { description: "Globs on the fact names ('ansible_distribution*' or 'distribution*'); only matching facts are returned.", ...stringOrList },
    gather_timeout: { description: 'Seconds the fact script may take (default 60).', type: 'integer', minimum: 1 },
    fact_path: { description: 'Local facts directory: not read by tsplay (fails when given).', type: 'string' },
  },
} as const;

function listOf(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return (typeof value === 'string' ? value.split(',') : [...value]).map((s) => s.trim()).filter((s) => s !== '');
}

async function runSetup(ctx: ModuleContext, args: ArgsOf<typeof schema>): Promise<ModuleResult> {
  if (args.fact_path !== undefined) throw new ModuleFailure('fact_path: tsplay does not read local facts (ansible_local)');
  const subsets = listOf(args.gather_subset);
  const filters = listOf(args.filter);
  let groups;
  try {
    groups = selectedGroups(subsets.length > 0 ? subsets : ['all']);
  } catch (error) {
    if (error instanceof FactSubsetError) throw new ModuleFailure(error.message);
    throw error;
  }
  const facts = groups.size === 0 ? {} : await gatherFacts(ctx.conn, { timeoutMs: (args.gather_timeout ?? 60) * 1000 });
  const ansibleFacts: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(selectFacts(facts, groups, filters))) ansibleFacts[`ansible_${name}`] = value;
  // Ansible adds these two only when no filter cuts the result.
  if (filters.length === 0) Object.assign(ansibleFacts, { gather_subset: subsets.length > 0 ? subsets : ['all'], module_setup: true });
  return { changed: false, ansible_facts: ansibleFacts };
}

export const setupModule = defineModule({ name: 'setup', schema, runsInCheckMode: true, run: runSetup });
