// slurp: the whole content of a file on the target, base64-encoded (binary safe). Never changed.
import { ModuleFailure } from './lib/target.js';
import { defineModule } from './lib/define-module.js';

export const slurpModule = defineModule({
  name: 'slurp',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      src: { type: 'string', description: 'File on the target to read (alias: path). Decode in templates with the b64decode filter.' },
      path: { type: 'string', description: 'Alias of src.' },
    },
    anyOf: [{ required: ['src'] }, { required: ['path'] }],
  },
  runsInCheckMode: true,
  async run(ctx, args) {
    const src = (args.src ?? args.path)!;
    let content: Buffer;
    try {
      content = await ctx.conn.get(src, { become: ctx.become });
    } catch (error) {
      throw new ModuleFailure(`file not found or not readable: ${src}`);
    }
    return { changed: false, content: content.toString('base64'), encoding: 'base64', source: src };
  },
});
