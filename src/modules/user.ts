// user: a local account present (uid, primary and supplementary groups, shell, home, comment,
// password hash) or absent, through useradd/usermod/userdel. Only what differs is changed, in one
// usermod; `groups` replaces the supplementary groups unless `append: true` adds to them.
import { shellQuote } from '../util/shell-quote.js';
import { ACCOUNT_NAME, readUser, type UserEntry } from './lib/sys/accounts.js';
import { presenceSchema, requireName, requireOneLine, stringOrList, toList } from './lib/sys/args.js';
import { ModuleFailure, execTool } from './lib/target.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

type UserArgs = ArgsOf<typeof schema>;

/** The usermod options that bring `current` to what the arguments ask (empty: nothing to do). */
function modifications(current: UserEntry, args: UserArgs, groups: string[] | undefined): string[] {
  const options: string[] = [];
  if (args.uid !== undefined && args.uid !== current.uid) options.push('-u', String(args.uid));
  if (args.group !== undefined && String(args.group) !== current.primaryGroup && String(args.group) !== String(current.gid)) options.push('-g', shellQuote(String(args.group)));
  if (groups !== undefined) {
    const missing = groups.filter((g) => !current.groups.includes(g));
    const same = missing.length === 0 && current.groups.every((g) => groups.includes(g));
    if (args.append && missing.length > 0) options.push('-a', '-G', shellQuote(missing.join(',')));
    else if (!args.append && !same) options.push('-G', shellQuote(groups.join(',')));
  }
  if (args.shell !== undefined && args.shell !== current.shell) options.push('-s', shellQuote(args.shell));
  if (args.home !== undefined && args.home !== current.home) options.push('-d', shellQuote(args.home));
  if (args.comment !== undefined && args.comment !== current.comment) options.push('-c', shellQuote(args.comment));
  if (args.password !== undefined && args.password !== current.password) options.push('-p', shellQuote(args.password));
  return options;
}

function creation(args: UserArgs, groups: string[] | undefined): string[] {
  return [
    ...(args.uid !== undefined ? ['-u', String(args.uid)] : []),
    ...(args.group !== undefined ? ['-g', shellQuote(String(args.group))] : []),
    ...(groups !== undefined && groups.length > 0 ? ['-G', shellQuote(groups.join(','))] : []),
    ...(args.shell !== undefined ? ['-s', shellQuote(args.shell)] : []),
    ...(args.home !== undefined ? ['-d', shellQuote(args.home)] : []),
    ...(args.comment !== undefined ? ['-c', shellQuote(args.comment)] : []),
    ...(args.password !== undefined ? ['-p', shellQuote(args.password)] : []),
    ...(args.system ? ['-r'] : []),
    args.create_home === false ? '-M' : '-m',
  ];
}

function describe(user: UserEntry | undefined, name: string, state: string): ModuleResult {
  const base: ModuleResult = { changed: false, name, state };
  if (!user) return base;
  return { ...base, uid: user.uid, group: user.gid, groups: user.groups.join(','), home: user.home, shell: user.shell, comment: user.comment };
}

async function runUser(ctx: ModuleContext, args: UserArgs): Promise<ModuleResult> {
  const name = requireName('user', args.name, ACCOUNT_NAME);
  for (const [what, value] of [['comment', args.comment], ['shell', args.shell], ['home', args.home], ['password', args.password]] as const) {
    if (value !== undefined) requireOneLine(what, value);
  }
  const groups = args.groups === undefined ? undefined : toList(args.groups).map((g) => requireName('group', g, ACCOUNT_NAME));
  const state = args.state ?? 'present';
  const current = await readUser(ctx, name, args.password !== undefined);
  if (state === 'absent') {
    if (current && !ctx.check) await execTool(ctx, `userdel ${args.remove ? '-r ' : ''}${shellQuote(name)}`, `userdel ${name}`);
    return { changed: current !== undefined, name, state };
  }
  const command = current
    ? (() => { const options = modifications(current, args, groups); return options.length ? ['usermod', ...options, shellQuote(name)].join(' ') : undefined; })()
    : ['useradd', ...creation(args, groups), shellQuote(name)].join(' ');
  if (command === undefined) return describe(current, name, state);
  if (ctx.check) return { ...describe(current, name, state), changed: true };
  try {
    await execTool(ctx, command, command.split(' ')[0]!);
  } catch (error) {
    // The command line may carry the password hash: report the tool's own words only.
    if (error instanceof ModuleFailure) throw new ModuleFailure(error.message.replace(args.password ?? '\u0000', '********'), { rc: error.data['rc'] });
    throw error;
  }
  return { ...describe(await readUser(ctx, name, false), name, state), changed: true };
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { description: 'User name.', type: 'string' },
    state: presenceSchema,
    uid: { description: 'User id.', type: 'integer', minimum: 0 },
    group: { description: 'Primary group (name or gid); it must exist.', type: ['string', 'integer'] },
    groups: stringOrList('Supplementary groups (list or comma-separated); they must exist. Replaces the current ones unless append is true; [] removes them all.'),
    append: { description: 'Add the groups to the current ones instead of replacing them.', type: 'boolean', default: false },
    shell: { description: 'Login shell.', type: 'string' },
    home: { description: 'Home directory (an existing user is pointed there; nothing is moved).', type: 'string' },
    create_home: { description: 'Create the home directory when the user is created (default true).', type: 'boolean', default: true },
    system: { description: 'Create a system account (useradd -r); ignored for an existing user.', type: 'boolean' },
    comment: { description: 'The GECOS field (full name).', type: 'string' },
    password: { description: 'The crypted password hash (e.g. from mkpasswd -m sha-512), compared with the shadow entry; never in a message.', type: 'string' },
    remove: { description: 'With state absent: also remove the home directory and mail spool (userdel -r).', type: 'boolean' },
  },
} as const;

export const userModule = defineModule({
  name: 'user',
  schema,
  run: runUser,
});
