// command: run a program with arguments, never through a shell. The command string is split into
// words (shlex rules) and every word is quoted, so `$(...)`, `;`, `|`, `*` arrive as literal text.
import { shellJoin } from '../util/shell-quote.js';
import { splitCommandLine } from './lib/command-line.js';
import { commandFreeForm, commandSchema, runCommand } from './lib/run-command.js';
import { defineModule } from './lib/define-module.js';

export const commandModule = defineModule({
  name: 'command',
  schema: commandSchema(
    { argv: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'The command as a list of words (no splitting, no quoting needed). Use either cmd or argv.' } },
    { oneOf: [{ required: ['cmd'] }, { required: ['argv'] }] },
  ),
  freeForm: commandFreeForm,
  supportsAsync: true,
  async run(ctx, args) {
    let argv: string[];
    try {
      argv = args.argv ?? splitCommandLine(args.cmd ?? '');
    } catch (error) {
      return { changed: false, failed: true, msg: `cannot parse cmd: ${(error as Error).message}` };
    }
    if (argv.length === 0) return { changed: false, failed: true, msg: 'no command given' };
    // `exec` so the program replaces sh; its rc is the command's rc.
    return runCommand(ctx, args, `exec ${shellJoin(argv)}`, argv);
  },
});
