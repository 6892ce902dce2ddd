// debug: print a message or a variable. Runs on the controller; never changed.
import { messageValue } from './lib/target.js';
import { wholeTagResult } from '../template/index.js';
import type { ModuleResult } from './types.js';
import { defineModule } from './lib/define-module.js';

export const debugModule = defineModule({
  name: 'debug',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      msg: { description: "Message to print (any value, templated). Default 'Hello world!'." },
      var: { type: 'string', description: 'A variable name or expression whose value is printed (not templated with {{ }}).' },
      verbosity: { type: 'integer', minimum: 0, default: 0, description: 'Only print when run with at least this many -v.' },
    },
    not: { required: ['msg', 'var'] },
  },
  runsInCheckMode: true,
  controllerOnly: true,
  async run(ctx, args): Promise<ModuleResult> {
    const current = Number(ctx.vars.ansible_verbosity ?? 0);
    if ((args.verbosity ?? 0) > current) return { changed: false, skipped: true, skipped_reason: 'Verbosity threshold not met.' };
    if (args.var !== undefined) {
      let value: unknown;
      try {
        // Ansible wraps the expression in braces and templates it: `var: list | length` shows '3'.
        value = wholeTagResult(args.var, ctx.evaluate(args.var), ctx.vars);
      } catch {
        value = 'VARIABLE IS NOT DEFINED!';
      }
      return { changed: false, [args.var]: value } as ModuleResult;
    }
    // Ansible prints a given msg as it is, none included; only a missing msg is 'Hello world!'.
    return { changed: false, msg: 'msg' in args ? args.msg ?? null : messageValue(undefined, 'Hello world!') };
  },
});
