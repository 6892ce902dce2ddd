// script: run a script from the controller on the target (`script: files/setup.sh --fast`). The
// script is uploaded like any file (connection upload: SFTP on the pooled connection, or a pipe;
// no size limit) to a 0700 temporary file, run, and removed; the words after its name are its
// arguments, as a shell line (like the shell module). creates/removes/chdir and check mode behave
// as for command, and the script is uploaded only when it is going to run.
import { shellQuote } from '../util/shell-quote.js';
import { commandSchema, runCommand, type PreparedLine } from './lib/run-command.js';
import { findSourceFile, localFileContent } from './lib/source-file.js';
import { execChecked, ModuleFailure, putOnTarget } from './lib/target.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

type ScriptArgs = ArgsOf<typeof schema>;

/** How long the removal of the uploaded script may take after its run was cut off. */
const CLEANUP_TIMEOUT_MS = 10_000;

async function runScript(ctx: ModuleContext, args: ScriptArgs): Promise<ModuleResult> {
  const line = (args.cmd ?? '').trim();
  const name = line.split(/\s+/)[0] ?? '';
  if (name === '') throw new ModuleFailure('script needs the path of a script on the controller');
  const rest = line.slice(name.length).trim();
  const localPath = await findSourceFile(ctx, name, 'files', `the script '${name}'`);
  const prepare: PreparedLine = async () => {
    const content = await localFileContent(localPath);
    const temp = (await execChecked(ctx, 'mktemp', 'cannot create a temporary file for the script')).stdout.trim();
    const q = shellQuote(temp);
    const cleanup = async () => {
      await ctx.conn.exec(`rm -f -- ${q}`, { become: ctx.become, timeoutMs: CLEANUP_TIMEOUT_MS }).catch(() => undefined);
    };
    try {
      await putOnTarget(ctx, temp, content, { mode: 0o700 });
    } catch (error) {
      await cleanup();
      throw new ModuleFailure(`cannot upload the script ${name}: ${(error as Error).message}`);
    }
    const run = `${args.executable !== undefined ? `${shellQuote(args.executable)} ` : ''}${q}${rest ? ` ${rest}` : ''}`;
    return { line: `${run}; rc=$?; rm -f -- ${q}; exit $rc`, cleanup };
  };
  return runCommand(ctx, args, prepare, line);
}

const schema = commandSchema(
  { executable: { type: 'string', description: 'Run the script with this interpreter (e.g. /bin/bash, python3) instead of its #! line.' } },
  { required: ['cmd'] },
);

export const scriptModule = defineModule({
  name: 'script',
  schema,
  freeForm: (text) => ({ cmd: text }),
  supportsAsync: true,
  run: runScript,
});
