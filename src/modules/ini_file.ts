// ini_file (community.general.ini_file): one option of one [section] of an INI file, with
// Ansible's algorithm (lib/ini-edit.ts) and the file handling lineinfile has (lib/edit-file.ts:
// atomic write, backup, attributes, check and diff mode).
import { editedPathProperties, editedPathRequired, editFile } from './lib/edit-file.js';
import { fileAttributeProperties } from './lib/file-attributes.js';
import { iniEdit } from './lib/ini-edit.js';
import { ModuleFailure } from './lib/target.js';
import { defineModule } from './lib/define-module.js';

const scalar = { type: ['string', 'number', 'boolean'] } as const;

/** A value as Python's str() writes it: Ansible's `type: str` turns true into 'True'. */
const text = (value: string | number | boolean): string => (typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value));

export const iniFileModule = defineModule({
  name: 'ini_file',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...editedPathProperties,
      section: { type: ['string', 'null'], description: 'Section name, without brackets; none (null) for options above the first section.' },
      option: { type: 'string', description: 'Option (key) to set or remove; without it, state=absent removes the whole section and present adds only the section.' },
      value: { ...scalar, description: 'Value of the option (a number or boolean is written as Python writes it: True).' },
      values: { type: 'array', items: scalar, description: 'Several values of the option, one line each (instead of value).' },
      state: { enum: ['present', 'absent'], default: 'present', description: 'present: the option has the value(s); absent: lines of the option (with these values, unless exclusive) are removed.' },
      exclusive: { type: 'boolean', default: true, description: 'present: other lines of the option are replaced or removed; absent: every line of the option goes, whatever its value.' },
      no_extra_spaces: { type: 'boolean', default: false, description: "Write 'option=value' instead of 'option = value'." },
      allow_no_value: { type: 'boolean', default: false, description: 'An option may stand alone without =value.' },
      create: { type: 'boolean', default: true, description: 'Create a missing file (and its directory); false fails instead.' },
      backup: { type: 'boolean', default: false, description: 'Keep a timestamped copy (path.PID.YYYY-MM-DD@HH:MM:SS~) when the content changes.' },
      ...fileAttributeProperties,
    },
    anyOf: editedPathRequired,
    not: { required: ['value', 'values'] },
  },
  async run(ctx, args) {
    const path = (args.path ?? args.dest)!;
    const state = args.state ?? 'present';
    const allowNoValue = args.allow_no_value === true;
    if (state === 'present' && !allowNoValue && args.value === undefined && (args.values ?? []).length === 0) {
      throw new ModuleFailure("Parameter 'value(s)' must be defined if state=present and allow_no_value=False.");
    }
    const values = args.value !== undefined ? [text(args.value)] : (args.values ?? []).map(text);
    let msg = 'OK';
    const result = await editFile(ctx, path, { ...args, create: args.create ?? true }, (before) => {
      const edited = iniEdit(before, {
        section: args.section ?? undefined, option: args.option, values, state,
        exclusive: args.exclusive ?? true, noExtraSpaces: args.no_extra_spaces === true, allowNoValue,
      });
      msg = edited.msg;
      return edited;
    }, false);
    // Ansible's names: msg stays the edit's (also when only attributes changed), the copy is backup_file.
    const { backup, ...rest } = result;
    return { ...rest, msg, ...(backup === undefined ? {} : { backup_file: backup }) };
  },
});
