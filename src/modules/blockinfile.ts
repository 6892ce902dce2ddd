// blockinfile: keep a block of lines between two marker lines (inserted at EOF by default, or
// after/before a regex), replace it when it differs, or remove it (state=absent or empty block).
import { editedPathProperties, editedPathRequired, editFile, editFileProperties, validateRegexps } from './lib/edit-file.js';
import { fileAttributeProperties } from './lib/file-attributes.js';
import { blockInFile } from './lib/line-edit.js';
import { ModuleFailure } from './lib/target.js';
import { defineModule } from './lib/define-module.js';

export const blockinfileModule = defineModule({
  name: 'blockinfile',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...editedPathProperties,
      block: { type: 'string', default: '', description: 'The lines between the markers; an empty block removes the markers and the block.' },
      marker: { type: 'string', default: '# {mark} ANSIBLE MANAGED BLOCK', description: "Marker line template; {mark} becomes marker_begin / marker_end. Use a distinct marker for each block in one file." },
      marker_begin: { type: 'string', default: 'BEGIN', description: 'Replaces {mark} in the opening marker.' },
      marker_end: { type: 'string', default: 'END', description: 'Replaces {mark} in the closing marker.' },
      insertafter: { type: 'string', description: "Where a new block goes: after the last line matching this regex, or 'EOF' (default) / 'BOF'." },
      insertbefore: { type: 'string', description: "A new block goes before the last line matching this regex, or 'BOF'." },
      state: { enum: ['present', 'absent'], default: 'present', description: 'present: the block is there; absent: the block and its markers are removed.' },
      ...editFileProperties,
      ...fileAttributeProperties,
    },
    anyOf: editedPathRequired,
    not: { required: ['insertafter', 'insertbefore'] },
  },
  async run(ctx, args) {
    const path = (args.path ?? args.dest)!;
    const marker = args.marker ?? '# {mark} ANSIBLE MANAGED BLOCK';
    const markerBegin = marker.split('{mark}').join(args.marker_begin ?? 'BEGIN');
    const markerEnd = marker.split('{mark}').join(args.marker_end ?? 'END');
    if (markerBegin === markerEnd) throw new ModuleFailure('marker_begin and marker_end give the same marker line; put {mark} in marker');
    validateRegexps([args.insertafter, args.insertbefore]);
    const state = args.state ?? 'present';
    return editFile(ctx, path, args, (text) => blockInFile(text, {
      block: args.block ?? '',
      markerBegin,
      markerEnd,
      state,
      insertAfter: args.insertafter,
      insertBefore: args.insertbefore,
    }), state === 'absent');
  },
});
