// copy: put a controller file or directory (`src`) or literal `content` on the target, atomically;
// or, with `remote_src`, copy a file or directory that is already on the target (lib/remote-copy.ts).
// Controller files are compared by sha1 first and streamed only when they differ (connection
// upload: SFTP on the pooled ssh connection, or a pipe), never read whole into memory.
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { copyDirectory } from './lib/copy-directory.js';
import { fileAttributeProperties } from './lib/file-attributes.js';
import { findSourceFile, localFileContent } from './lib/source-file.js';
import { defineModule } from './lib/define-module.js';
import { readFileState } from './lib/remote-file.js';
import { copyRemoteFile } from './lib/remote-copy.js';
import { copyRemoteTree } from './lib/remote-tree-copy.js';
import { ModuleFailure } from './lib/target.js';
import { writeDestination, writeDestinationProperties, type WriteDestinationArgs } from './lib/write-destination.js';
import type { ModuleContext, ModuleResult } from './types.js';

export const copyModule = defineModule({
  name: 'copy',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      src: { type: 'string', description: "File or directory on the controller (`dir/`: what is inside dir, `dir`: dir itself, recursively): looked up in the role's files/, then the playbook's files/, then the playbook directory. May not climb out with '..'. With remote_src: a file or directory on the target (`dir/` copies its contents, `dir` the directory itself)." },
      content: { type: 'string', description: 'Literal content of the file (instead of src).' },
      directory_mode: { type: ['string', 'integer'], description: 'With a directory src from the controller: the mode of the directories copy creates (existing ones keep theirs); default: the target\'s umask.' },
      remote_src: { type: 'boolean', default: false, description: 'src is on the target: copied there, its bytes never travel (no diff, as in Ansible); a directory is merged into dest (nothing removed), owner/group apply to the copied tree, mode to dest.' },
      ...writeDestinationProperties,
      ...fileAttributeProperties,
    },
    required: ['dest'],
    oneOf: [{ required: ['src'] }, { required: ['content'] }],
  },
  async run(ctx, args) {
    if (args.content !== undefined) {
      if (args.remote_src) throw new ModuleFailure('remote_src needs src, not content');
      return writeDestination(ctx, args, Buffer.from(args.content, 'utf8'), undefined);
    }
    if (args.remote_src) return copyOnTarget(ctx, args, args.src!);
    const path = await findSourceFile(ctx, args.src!, 'files');
    if ((await stat(path)).isDirectory()) return copyDirectory(ctx, args, path.replace(/\/+$/, ''), args.src!.endsWith('/'));
    return writeDestination(ctx, args, await localFileContent(path), posix.basename(path), { src: path });
  },
});

async function copyOnTarget(ctx: ModuleContext, args: WriteDestinationArgs, src: string): Promise<ModuleResult> {
  const source = await readFileState(ctx, src, { follow: true, maxContentBytes: 0 });
  if (!source.exists) throw new ModuleFailure(`Source ${src} not found`);
  if (source.isDir) return copyRemoteTree(ctx, args, src);
  if (!source.isFile) throw new ModuleFailure(`Source ${src} is not a regular file or a directory`);
  return copyRemoteFile(ctx, args, src, source);
}
