// shell: run a command line through a shell (/bin/sh by default, or `executable`), so pipes,
// redirections and variables work. Values templated into it are the playbook author's to quote.
import { shellQuote } from '../util/shell-quote.js';
import { commandFreeForm, commandSchema, runCommand } from './lib/run-command.js';
import { defineModule } from './lib/define-module.js';

export const shellModule = defineModule({
  name: 'shell',
  schema: commandSchema(
    { executable: { type: 'string', description: 'Shell to run the command with, e.g. /bin/bash (default /bin/sh).' } },
    { required: ['cmd'] },
  ),
  freeForm: commandFreeForm,
  supportsAsync: true,
  async run(ctx, args) {
    const cmd = args.cmd ?? '';
    const line = `exec ${shellQuote(args.executable ?? '/bin/sh')} -c ${shellQuote(cmd)}`;
    return runCommand(ctx, args, line, cmd);
  },
});
