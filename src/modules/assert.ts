// assert: every expression in `that` must be true (same language as `when`). Runs on the controller.
import { messageValue } from './lib/target.js';
import type { ModuleResult } from './types.js';
import { defineModule } from './lib/define-module.js';

export const assertModule = defineModule({
  name: 'assert',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      that: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }], description: 'Expression(s), without {{ }}, that must all be true.' },
      fail_msg: { description: 'Message when an assertion fails (alias: msg).' },
      msg: { description: 'Alias of fail_msg.' },
      success_msg: { description: "Message when all pass. Default 'All assertions passed'." },
      quiet: { type: 'boolean', default: false, description: 'Print less on success.' },
    },
    required: ['that'],
  },
  runsInCheckMode: true,
  controllerOnly: true,
  async run(ctx, args): Promise<ModuleResult> {
    const expressions = typeof args.that === 'string' ? [args.that] : args.that;
    for (const assertion of expressions) {
      let value: unknown;
      try {
        value = ctx.evaluate(assertion);
      } catch (error) {
        return { changed: false, failed: true, assertion, msg: `The conditional check '${assertion}' failed: ${(error as Error).message}` };
      }
      if (!value) {
        return { changed: false, failed: true, assertion, evaluated_to: false, msg: messageValue(args.fail_msg ?? args.msg, 'Assertion failed') };
      }
    }
    const result: ModuleResult = { changed: false, msg: messageValue(args.success_msg, 'All assertions passed') };
    if (args.quiet) result.quiet = true;
    return result;
  },
});
