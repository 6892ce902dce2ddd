// raw: a command line sent through the shell as it is, with no module around it, as Ansible's raw.
// Ansible uses it to bootstrap hosts without Python; tsplay needs nothing on the target either, so
// raw is shell without creates/removes/chdir: always changed, skipped in check mode, output kept as is.
import { shellQuote } from '../util/shell-quote.js';
import { defineModule } from './lib/define-module.js';
import { execOnTarget } from './lib/target.js';

export const rawModule = defineModule({
  name: 'raw',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      free_form: { type: 'string', description: 'The command line (free form: `raw: apt-get install -y python3`), run by /bin/sh or `executable`.' },
      executable: { type: 'string', description: 'Shell to run the command line with, e.g. /bin/bash (default /bin/sh).' },
    },
    required: ['free_form'],
  },
  freeForm: (text) => ({ free_form: text }),
  async run(ctx, args) {
    // Ansible skips raw in check mode: it cannot know what the command would do.
    if (ctx.check) return { changed: false, skipped: true };
    const line = `exec ${shellQuote(args.executable ?? '/bin/sh')} -c ${shellQuote(args.free_form)}`;
    const result = await execOnTarget(ctx, line, { ownChannel: true });
    // Unlike command/shell, raw keeps the output untrimmed (stdout 'hi\n'); the _lines split it.
    const lines = (text: string) => text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
    return {
      changed: true,
      rc: result.rc,
      stdout: result.stdout,
      stdout_lines: lines(result.stdout),
      stderr: result.stderr,
      stderr_lines: lines(result.stderr),
      ...(result.rc === 0 ? {} : { failed: true, msg: 'non-zero return code' }),
    };
  },
});
