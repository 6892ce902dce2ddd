// cron (ansible.builtin.cron): a named job (`#Ansible: NAME` marker + job line) or an env variable
// in a user's crontab (crontab -l; written back with `crontab -` and the text on stdin) or in a file
// under /etc/cron.d (cron_file). Lines are edited as Ansible does (lib/sys/crontab.ts); check mode
// predicts, --diff shows the crontab before and after, backup keeps the old text in a temp file.
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';
import { crontabLines, crontabNames, jobLine, renderCrontab, setEnv, setJob } from './lib/sys/crontab.js';
import { ModuleFailure, execChecked, execOnTarget, putOnTarget } from './lib/target.js';

type CronArgs = ArgsOf<typeof schema>;

const timeField = (what: string) => ({ description: `${what} field ('*' by default).`, type: ['string', 'integer'] }) as const;

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { description: 'Job name (the `#Ansible: NAME` marker), or the variable name with env.', type: 'string' },
    job: { description: 'The command (with env: the value). Required for state=present.', type: 'string' },
    state: { description: 'present (default) or absent.', enum: ['present', 'absent'] },
    user: { description: "Whose crontab (crontab -u); with cron_file the user column (default root).", type: 'string' },
    minute: timeField('Minute'),
    hour: timeField('Hour'),
    day: timeField('Day of month'),
    month: timeField('Month'),
    weekday: timeField('Day of week'),
    special_time: { description: 'Instead of the time fields: @reboot, @daily...', enum: ['annually', 'daily', 'hourly', 'monthly', 'reboot', 'weekly', 'yearly'] },
    disabled: { description: 'Write the job line commented out (#).', type: 'boolean' },
    env: { description: 'Manage an environment variable line NAME="job" instead of a job.', type: 'boolean' },
    insertafter: { description: 'With env: put a new variable after this variable.', type: 'string' },
    insertbefore: { description: 'With env: put a new variable before this variable.', type: 'string' },
    cron_file: { description: 'A file in /etc/cron.d (a relative name) or an absolute path, instead of the user crontab.', type: 'string' },
    backup: { description: 'Copy the crontab to a temporary file on the host before changing it (backup_file).', type: 'boolean' },
  },
} as const;

const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/;

function refuseLineBreak(what: string, value: string | undefined): void {
  if (value !== undefined && /[\r\n]/.test(value)) throw new ModuleFailure(`${what} must not contain a line break`);
}

interface Target {
  readonly cronFile?: string;
  readonly user?: string;
  readonly header: string;
}

function targetOf(args: CronArgs): Target {
  if (args.user !== undefined && !USER_NAME.test(args.user)) throw new ModuleFailure(`invalid user name '${args.user}'`);
  if (args.cron_file === undefined) return { user: args.user, header: args.user !== undefined ? `crontab for user "${args.user}"` : 'crontab' };
  const cronFile = args.cron_file.startsWith('/') ? args.cron_file : `/etc/cron.d/${args.cron_file}`;
  return { cronFile, user: args.user ?? 'root', header: cronFile };
}

const userOption = (target: Target) => (target.user !== undefined ? ` -u ${shellQuote(target.user)}` : '');

async function readCrontab(ctx: ModuleContext, target: Target): Promise<string> {
  if (target.cronFile !== undefined) {
    const q = shellQuote(target.cronFile);
    const out = await execChecked(ctx, `if [ -f ${q} ]; then cat ${q}; fi`, `reading ${target.cronFile}`);
    return out.stdout;
  }
  const out = await execOnTarget(ctx, `command -v crontab >/dev/null 2>&1 || exit 127; crontab${userOption(target)} -l`);
  if (out.rc === 127) throw new ModuleFailure('Failed to find required executable "crontab" on the host');
  // No crontab yet: `crontab -l` exits 1 with "no crontab for USER".
  if (out.rc !== 0 && !/no crontab/i.test(out.stderr)) throw new ModuleFailure(`crontab -l failed: ${out.stderr.trim()}`);
  return out.rc === 0 ? out.stdout : '';
}

async function writeCrontab(ctx: ModuleContext, target: Target, text: string): Promise<void> {
  if (target.cronFile !== undefined) return putOnTarget(ctx, target.cronFile, text, { mode: 0o644 });
  await execChecked(ctx, `crontab${userOption(target)} -`, 'installing the crontab', { stdin: text });
}

function editLines(lines: string[], args: CronArgs, target: Target): boolean {
  const present = (args.state ?? 'present') === 'present';
  const name = args.name!;
  if (args.env) {
    if (name.includes(' ')) throw new ModuleFailure('Invalid name for environment variable');
    return setEnv(lines, name, present ? `${name}="${args.job}"` : undefined, { insertafter: args.insertafter, insertbefore: args.insertbefore });
  }
  if (!present) return setJob(lines, name, undefined);
  const field = (value: string | number | undefined) => (value === undefined ? '*' : String(value));
  const job = jobLine({
    minute: field(args.minute), hour: field(args.hour), day: field(args.day), month: field(args.month), weekday: field(args.weekday),
    specialTime: args.special_time, disabled: args.disabled ?? false, user: target.cronFile !== undefined ? target.user : undefined, job: args.job!,
  });
  return setJob(lines, name, job);
}

async function runCron(ctx: ModuleContext, args: CronArgs): Promise<ModuleResult> {
  const present = (args.state ?? 'present') === 'present';
  if (args.name === undefined) throw new ModuleFailure('cron needs a name (tsplay does not manage unnamed jobs)');
  if (present && args.job === undefined) throw new ModuleFailure('"job" is required with state=present');
  if (args.special_time !== undefined && [args.minute, args.hour, args.day, args.month, args.weekday].some((f) => f !== undefined)) {
    throw new ModuleFailure('You must specify time and date fields or special time.');
  }
  refuseLineBreak('name', args.name);
  refuseLineBreak('job', args.job);
  for (const field of [args.minute, args.hour, args.day, args.month, args.weekday]) refuseLineBreak('a time field', field === undefined ? undefined : String(field));
  const target = targetOf(args);
  const before = await readCrontab(ctx, target);
  const lines = crontabLines(before);
  let changed = editLines(lines, args, target);
  // Ansible also rewrites a crontab whose last line lacks its newline.
  if (!changed && before !== '' && !/[\r\n]$/.test(before)) changed = true;
  const after = renderCrontab(lines);
  let backupFile: string | undefined;
  if (changed && !ctx.check) {
    if (args.backup) backupFile = (await execChecked(ctx, `t=$(mktemp /tmp/crontabXXXXXXXX) && cat > "$t" && echo "$t"`, 'backing up the crontab', { stdin: before })).stdout.trim();
    await writeCrontab(ctx, target, after);
  }
  return {
    changed,
    ...crontabNames(lines),
    ...(target.cronFile !== undefined ? { cron_file: target.cronFile } : {}),
    ...(backupFile !== undefined ? { backup_file: backupFile } : {}),
    ...(ctx.diff ? { diff: [{ path: target.header, before: renderCrontab(crontabLines(before)), after }] } : {}),
  };
}

export const cronModule = defineModule({ name: 'cron', schema, run: runCron });
