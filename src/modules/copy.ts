// copy: put a controller file (`src`) or literal `content` on the target, atomically.
import { posix } from 'node:path';
import { fileAttributeProperties } from './lib/file-attributes.js';
import { readSourceFile } from './lib/source-file.js';
import { defineModule } from './lib/define-module.js';
import { writeDestination, writeDestinationProperties } from './lib/write-destination.js';

export const copyModule = defineModule({
  name: 'copy',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      src: { type: 'string', description: "File on the controller: looked up in the role's files/, then the playbook's files/, then the playbook directory. May not climb out with '..'." },
      content: { type: 'string', description: 'Literal content of the file (instead of src).' },
      ...writeDestinationProperties,
      ...fileAttributeProperties,
    },
    required: ['dest'],
    oneOf: [{ required: ['src'] }, { required: ['content'] }],
  },
  async run(ctx, args) {
    if (args.content !== undefined) return writeDestination(ctx, args, Buffer.from(args.content, 'utf8'), undefined);
    const source = await readSourceFile(ctx, args.src!, 'files');
    return writeDestination(ctx, args, source.content, posix.basename(source.path), { src: source.path });
  },
});
