// What command and shell share: creates/removes, check mode, chdir, stdin, and the result fields.
import { shellQuote } from '../../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from '../types.js';
import type { PropertiesArgs } from './define-module.js';
import { formatDelta, formatTimestamp, outputFields } from './command-line.js';
import { execOnTarget } from './target.js';
import { runAsyncJob } from './async-job.js';

/** Schema properties common to command and shell (each module adds its own). */
export const commonCommandProperties = {
  cmd: { type: 'string', description: 'The command to run (free form: `command: ls -l /tmp`).' },
  chdir: { type: 'string', description: 'Change into this directory before running; the command does not run when that fails.' },
  creates: { type: 'string', description: 'A path on the target; when it exists the command is not run (ok, not changed).' },
  removes: { type: 'string', description: 'A path on the target; when it does NOT exist the command is not run.' },
  stdin: { type: 'string', description: 'Text written to the command\'s standard input.' },
  stdin_add_newline: { type: 'boolean', default: true, description: 'Append a newline to `stdin`.' },
  strip_empty_ends: { type: 'boolean', default: true, description: 'Strip trailing newlines from stdout and stderr in the result.' },
} as const;

/** What runCommand reads: the common properties. */
export type CommandArgs = PropertiesArgs<typeof commonCommandProperties>;

/** The schema of command or shell: the common properties, then the module's own, then its constraints. */
export function commandSchema<const P extends object, const C extends object>(ownProperties: P, constraints: C) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: { ...commonCommandProperties, ...ownProperties },
    ...constraints,
  } as const;
}

/** `command: ls -l` and `shell: ls | wc -l`: the free-form string is the command. */
export const commandFreeForm = (text: string): Record<string, unknown> => ({ cmd: text });

/** Decide from creates/removes whether the command must be skipped; one round trip when either is set. */
async function guard(ctx: ModuleContext, args: CommandArgs): Promise<string | undefined> {
  if (args.creates === undefined && args.removes === undefined) return undefined;
  // Relative paths are relative to chdir, as in Ansible.
  const base = args.chdir !== undefined ? `cd ${shellQuote(args.chdir)} 2>/dev/null; ` : '';
  const probes: string[] = [];
  if (args.creates !== undefined) probes.push(`if [ -e ${shellQuote(args.creates)} ] || [ -L ${shellQuote(args.creates)} ]; then echo creates; fi`);
  if (args.removes !== undefined) probes.push(`if [ ! -e ${shellQuote(args.removes)} ]; then echo removes; fi`);
  const result = await execOnTarget(ctx, base + probes.join('; '));
  if (result.stdout.includes('creates')) return `Did not run command since '${args.creates}' exists`;
  if (result.stdout.includes('removes')) return `Did not run command since '${args.removes}' does not exist`;
  return undefined;
}

/**
 * A command line that needs work on the target first (script: the upload of the script), done only
 * once creates/removes and check mode have let the command run; `cleanup` runs after it, whatever happened.
 */
export type PreparedLine = () => Promise<{ line: string; cleanup: () => Promise<void> }>;

/**
 * Run `line` (already a safe sh command line) for command/shell. `shown` is the `cmd` field of the
 * result: the argv list for command, the string for shell (as Ansible).
 */
export async function runCommand(ctx: ModuleContext, args: CommandArgs, line: string | PreparedLine, shown: string | string[]): Promise<ModuleResult> {
  const skipReason = await guard(ctx, args);
  const empty = { rc: 0, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], cmd: shown };
  if (skipReason !== undefined) return { ...empty, changed: false, msg: skipReason };
  if (ctx.check) {
    const msg = 'Command would have run if not in check mode';
    // With creates/removes we can predict the change; without them we cannot know: skipped.
    if (args.creates !== undefined || args.removes !== undefined) return { ...empty, changed: true, msg };
    return { ...empty, changed: false, skipped: true, msg };
  }
  const stdin = args.stdin === undefined ? undefined : args.stdin + (args.stdin_add_newline === false ? '' : '\n');
  const prepared = typeof line === 'string' ? { line, cleanup: async () => undefined } : await line();
  if (ctx.async) {
    // The job outlives this call: a prepared line (script) removes its own file when it ends, so
    // cleanup is only for a job that did not start.
    const options = { ...(args.chdir !== undefined ? { cwd: args.chdir } : {}), ...(stdin !== undefined ? { stdin } : {}) };
    try {
      return await runAsyncJob(ctx, ctx.async, prepared.line, shown, options);
    } catch (error) {
      await prepared.cleanup();
      throw error;
    }
  }
  const start = new Date();
  let result;
  try {
    result = await execOnTarget(ctx, prepared.line, { cwd: args.chdir, stdin, ownChannel: true });
  } finally {
    await prepared.cleanup();
  }
  const end = new Date();
  const output = args.strip_empty_ends === false
    ? { stdout: result.stdout, stderr: result.stderr, stdout_lines: result.stdout.split(/\r?\n/), stderr_lines: result.stderr.split(/\r?\n/) }
    : outputFields(result.stdout, result.stderr);
  const res: ModuleResult = {
    changed: true,
    rc: result.rc,
    ...output,
    cmd: shown,
    start: formatTimestamp(start),
    end: formatTimestamp(end),
    delta: formatDelta(end.getTime() - start.getTime()),
  };
  if (result.rc !== 0) {
    res.failed = true;
    res.msg = 'non-zero return code';
  }
  return res;
}
