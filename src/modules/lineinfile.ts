// lineinfile: make sure one line is in a file (replacing the last line that matches `regexp` or
// `search_string`), or that no line matches (state=absent). Same algorithm as Ansible's, so an
// identical rerun is ok. See lib/line-edit.ts.
import { editedPathProperties, editedPathRequired, editFile, editFileProperties, validateRegexps } from './lib/edit-file.js';
import { fileAttributeProperties } from './lib/file-attributes.js';
import { lineInFileAbsent, lineInFilePresent } from './lib/line-edit.js';
import { ModuleFailure } from './lib/target.js';
import { defineModule } from './lib/define-module.js';

export const lineinfileModule = defineModule({
  name: 'lineinfile',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...editedPathProperties,
      regexp: { type: 'string', description: 'Regular expression (JavaScript syntax, close to Python\'s) for the line to replace; the last matching line is replaced, or removed with state=absent.' },
      search_string: { type: 'string', description: 'Literal text for the line to replace (instead of regexp).' },
      line: { type: 'string', description: 'The line that must be in the file (required with state=present).' },
      state: { enum: ['present', 'absent'], default: 'present', description: 'present: the line is there; absent: lines matching regexp/search_string/line are removed.' },
      insertafter: { type: 'string', description: "Where to add the line when nothing matched: after the last line matching this regex, or 'EOF' (default) / 'BOF'." },
      insertbefore: { type: 'string', description: "Add the line before the last line matching this regex, or 'BOF'." },
      backrefs: { type: 'boolean', default: false, description: 'Expand \\1 / \\g<name> in line from the regexp match; when nothing matches the file is left unchanged.' },
      firstmatch: { type: 'boolean', default: false, description: 'Use the first matching line instead of the last.' },
      ...editFileProperties,
      ...fileAttributeProperties,
    },
    anyOf: editedPathRequired,
    not: { anyOf: [{ required: ['insertafter', 'insertbefore'] }, { required: ['regexp', 'search_string'] }, { required: ['backrefs', 'search_string'] }] },
  },
  async run(ctx, args) {
    const path = (args.path ?? args.dest)!;
    if (args.state === 'absent') {
      if (args.regexp === undefined && args.search_string === undefined && args.line === undefined) {
        throw new ModuleFailure('one of line, search_string, or regexp is required with state=absent');
      }
      return editFile(ctx, path, args, (text) => lineInFileAbsent(text, { regexp: args.regexp, searchString: args.search_string, line: args.line }), true);
    }
    if (args.line === undefined) throw new ModuleFailure('line is required with state=present');
    if (args.backrefs && args.regexp === undefined) throw new ModuleFailure('regexp is required with backrefs=true');
    validateRegexps([args.regexp, args.insertafter, args.insertbefore]);
    const result = await editFile(ctx, path, args, (text) => lineInFilePresent(text, {
      regexp: args.regexp,
      searchString: args.search_string,
      line: args.line!,
      insertAfter: args.insertafter,
      insertBefore: args.insertbefore,
      backrefs: args.backrefs,
      firstMatch: args.firstmatch,
    }), false);
    if (args.regexp === '' || args.search_string === '') {
      result.warnings = [...(result.warnings as string[] | undefined ?? []), 'an empty regexp/search_string matches every line; the last line of the file is replaced'];
    }
    return result;
  },
});
