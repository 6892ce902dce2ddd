// copy: put a controller file or directory (`src`) or literal `content` on the target, atomically.
// Files are compared by sha1 first and streamed only when they differ (connection upload: SFTP on
// the pooled ssh connection, or a pipe), never read whole into memory.
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { copyDirectory } from './lib/copy-directory.js';
import { fileAttributeProperties } from './lib/file-attributes.js';
import { findSourceFile, localFileContent } from './lib/source-file.js';
import { defineModule } from './lib/define-module.js';
import { writeDestination, writeDestinationProperties } from './lib/write-destination.js';

export const copyModule = defineModule({
  name: 'copy',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      src: { type: 'string', description: "File or directory on the controller (`dir/`: what is inside dir, `dir`: dir itself, recursively): looked up in the role's files/, then the playbook's files/, then the playbook directory. May not climb out with '..'." },
      content: { type: 'string', description: 'Literal content of the file (instead of src).' },
      directory_mode: { type: ['string', 'integer'], description: 'With a directory src: the mode of the directories copy creates (existing ones keep theirs); default: the target\'s umask.' },
      ...writeDestinationProperties,
      ...fileAttributeProperties,
    },
    required: ['dest'],
    oneOf: [{ required: ['src'] }, { required: ['content'] }],
  },
  async run(ctx, args) {
    if (args.content !== undefined) return writeDestination(ctx, args, Buffer.from(args.content, 'utf8'), undefined);
    const path = await findSourceFile(ctx, args.src!, 'files');
    if ((await stat(path)).isDirectory()) return copyDirectory(ctx, args, path.replace(/\/+$/, ''), args.src!.endsWith('/'));
    return writeDestination(ctx, args, await localFileContent(path), posix.basename(path), { src: path });
  },
});
