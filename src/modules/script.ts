// script: run a script from the controller on the target (`script: files/setup.sh --fast`). The
// script travels inside the command (base64 into a 0700 temporary file, removed afterwards; at most
// 64 KiB), so one round trip runs it; the words after its name are its arguments, as a shell line (like the
// shell module). creates/removes/chdir and check mode behave as for command.
import { shellQuote } from '../util/shell-quote.js';
import { commandSchema, runCommand } from './lib/run-command.js';
import { readSourceFile } from './lib/source-file.js';
import { ModuleFailure } from './lib/target.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

type ScriptArgs = ArgsOf<typeof schema>;

// The script rides in the command line, which the target's sh gets as one argument: Linux caps one
// argument at 128 KiB (MAX_ARG_STRLEN), and base64 adds a third. 64 KiB is far beyond a bootstrap script.
const MAX_SCRIPT_BYTES = 64 * 1024;

async function runScript(ctx: ModuleContext, args: ScriptArgs): Promise<ModuleResult> {
  const line = (args.cmd ?? '').trim();
  const name = line.split(/\s+/)[0] ?? '';
  if (name === '') throw new ModuleFailure('script needs the path of a script on the controller');
  const rest = line.slice(name.length).trim();
  const { content } = await readSourceFile(ctx, name, 'files', `the script '${name}'`);
  if (content.length > MAX_SCRIPT_BYTES) throw new ModuleFailure(`the script ${name} is larger than ${MAX_SCRIPT_BYTES} bytes`);
  const run = `${args.executable !== undefined ? `${shellQuote(args.executable)} ` : ''}"$t"${rest ? ` ${rest}` : ''}`;
  const command = [
    `t=$(mktemp) || exit 1`,
    `printf %s ${content.toString('base64')} | base64 -d > "$t" && chmod 700 "$t" || { rm -f "$t"; exit 1; }`,
    `${run}; rc=$?; rm -f "$t"; exit $rc`,
  ].join('\n');
  return runCommand(ctx, args, command, line);
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
