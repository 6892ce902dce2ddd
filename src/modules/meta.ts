// meta: flow control the ENGINE performs (flush handlers, end the play or a host). The module only
// validates the action and returns ok; the engine looks at the task's `free_form` argument.
import { defineModule } from './lib/define-module.js';

export const META_ACTIONS = ['flush_handlers', 'end_play', 'end_batch', 'end_host', 'noop', 'clear_facts', 'refresh_inventory', 'reset_connection'] as const;
export type MetaAction = (typeof META_ACTIONS)[number];

export const metaModule = defineModule({
  name: 'meta',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      free_form: { enum: [...META_ACTIONS], description: 'flush_handlers: run notified handlers now; end_play: stop the play for all hosts; end_batch: end the current serial batch; end_host: stop the play for this host; noop: nothing; reset_connection: close the connection to the host, the next task opens a new one.' },
    },
    required: ['free_form'],
  },
  freeForm: (text) => ({ free_form: text.trim() }),
  runsInCheckMode: true,
  controllerOnly: true,
  async run(_ctx, args) {
    return { changed: false, action: args.free_form };
  },
});
