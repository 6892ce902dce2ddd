// fail: fail the host with a message (usually under `when`). Runs on the controller.
import { messageValue } from './lib/target.js';
import { defineModule } from './lib/define-module.js';

export const failModule = defineModule({
  name: 'fail',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { msg: { description: "The failure message. Default 'Failed as requested from task'." } },
  },
  runsInCheckMode: true,
  controllerOnly: true,
  async run(_ctx, args) {
    return { changed: false, failed: true, msg: messageValue(args.msg, 'Failed as requested from task') };
  },
});
