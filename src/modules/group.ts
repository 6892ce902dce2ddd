// group: a local group present (with a gid) or absent, through groupadd/groupmod/groupdel.
import { shellQuote } from '../util/shell-quote.js';
import { ACCOUNT_NAME, readGroup } from './lib/sys/accounts.js';
import { presenceSchema, requireName } from './lib/sys/args.js';
import { execTool } from './lib/target.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

type GroupArgs = ArgsOf<typeof schema>;

async function runGroup(ctx: ModuleContext, args: GroupArgs): Promise<ModuleResult> {
  const name = requireName('group', args.name, ACCOUNT_NAME);
  const current = await readGroup(ctx, name);
  const state = args.state ?? 'present';
  if (state === 'absent') {
    if (current && !ctx.check) await execTool(ctx, `groupdel ${shellQuote(name)}`, `groupdel ${name}`);
    return { changed: current !== undefined, name, state };
  }
  let command: string | undefined;
  if (!current) {
    command = ['groupadd', ...(args.gid !== undefined ? ['-g', String(args.gid)] : []), ...(args.system ? ['-r'] : []), shellQuote(name)].join(' ');
  } else if (args.gid !== undefined && args.gid !== current.gid) {
    command = `groupmod -g ${args.gid} ${shellQuote(name)}`;
  }
  if (command && !ctx.check) await execTool(ctx, command, command.split(' ')[0]!);
  const gid = command && !ctx.check ? (await readGroup(ctx, name))?.gid : (args.gid ?? current?.gid);
  return { changed: command !== undefined, name, state, ...(gid !== undefined ? { gid } : {}), system: args.system === true };
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { description: 'Group name.', type: 'string' },
    state: presenceSchema,
    gid: { description: 'Group id (changed with groupmod when it differs).', type: 'integer', minimum: 0 },
    system: { description: 'Create it as a system group (groupadd -r); ignored for an existing group.', type: 'boolean' },
  },
} as const;

export const groupModule = defineModule({
  name: 'group',
  schema,
  run: runGroup,
});
