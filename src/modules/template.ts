// template: render a template file from the role's templates/ (or the playbook's) with the task's
// variables and put the result on the target. `.j2` files are Jinja2, `.mustache` files mustache
// (src/template/template-file.ts); strict either way: an unknown name is an error, never empty text.
import { posix } from 'node:path';
import { fileAttributeProperties } from './lib/file-attributes.js';
import { readSourceFile } from './lib/source-file.js';
import { ModuleFailure } from './lib/target.js';
import { writeDestination, writeDestinationProperties } from './lib/write-destination.js';
import { defineModule } from './lib/define-module.js';

export const templateModule = defineModule({
  name: 'template',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      src: { type: 'string', description: "Template on the controller (`.j2`: Jinja2, `.mustache`: mustache): looked up in the role's templates/, then the playbook's templates/, then the playbook directory." },
      ...writeDestinationProperties,
      ...fileAttributeProperties,
    },
    required: ['src', 'dest'],
  },
  async run(ctx, args) {
    const source = await readSourceFile(ctx, args.src, 'templates');
    let rendered: string;
    try {
      rendered = ctx.renderTemplate(source.content.toString('utf8'), source.path);
    } catch (error) {
      throw new ModuleFailure(`template ${args.src}: ${(error as Error).message}`);
    }
    // A directory dest receives the file named after the template, without the .mustache suffix.
    const baseName = posix.basename(source.path).replace(/\.mustache$/, '');
    return writeDestination(ctx, args, Buffer.from(rendered, 'utf8'), baseName, { src: source.path });
  },
});
