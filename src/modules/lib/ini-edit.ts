// ini_file's text edit as a pure function, ported line for line from community.general's
// ini_file.py (do_ini) so results match Ansible's, quirks included: a commented-out `#option = x`
// counts as the option (and is replaced or removed with exclusive), a new option goes after the
// last non-blank, non-comment line of its section, and options without a section go above the
// first section (a fake section stands for "no section", as in Ansible).
import { splitKeepEnds, type EditResult } from './line-edit.js';

export interface IniOptions {
  readonly section?: string;
  readonly option?: string;
  readonly values: readonly string[];
  readonly state: 'present' | 'absent';
  readonly exclusive: boolean;
  readonly noExtraSpaces: boolean;
  readonly allowNoValue: boolean;
}

const FAKE_SECTION = 'ad01e11446efb704fcdbdb21f2c43757423d91c5';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// Python's re.match with `$` matching before a final newline: match the line without it.
const bare = (line: string) => line.replace(/\n$/, '');
/** Group 6 is the value. `[#;]?`: a commented-out option counts as the option. */
const matchOpt = (option: string, line: string) => new RegExp(`^[#;]?( |\\t)*(${escape(option)})( |\\t)*(=|$)( |\\t)*(.*)`).exec(bare(line));
const matchActiveOpt = (option: string, line: string) => new RegExp(`^( |\\t)*(${escape(option)})( |\\t)*(=|$)( |\\t)*(.*)`).exec(bare(line));
const BLANK_OR_COMMENT = /^[ \t]*([#;].*)?$/;

export function iniEdit(text: string, o: IniOptions): EditResult {
  const values = [...new Set(o.values)];
  const lines = splitKeepEnds(text.replace(/^\uFEFF/, ''));
  let changed = false;
  let msg = 'OK';
  if (lines.length === 0) lines.push('\n');
  if (!lines[lines.length - 1]!.endsWith('\n')) {
    lines[lines.length - 1] += '\n';
    changed = true;
  }
  lines.unshift(`[${FAKE_SECTION}]`);
  lines.push('[');
  const section = o.section ? o.section : FAKE_SECTION;
  let within = false;
  let start = 0;
  let end = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.startsWith(`[${section}]`)) {
      within = true;
      start = i;
    } else if (lines[i]!.startsWith('[') && within) {
      end = i;
      break;
    }
  }
  const before = lines.slice(0, start);
  let body = lines.slice(start, end);
  const after = lines.slice(end);
  const touched: boolean[] = body.map(() => false);
  const line = (option: string, value: string) => (o.noExtraSpaces ? `${option}=${value}\n` : `${option} = ${value}\n`);
  const update = (index: number, newLine: string) => {
    if (body[index] !== newLine) {
      changed = true;
      msg = 'option changed';
    }
    body[index] = newLine;
    touched[index] = true;
  };
  const option = o.option;
  let noValuePresent = false;

  if (o.state === 'present' && option) {
    // 1. Lines whose value is one of the values wanted keep it (in the wanted format).
    for (let index = 0; index < body.length; index++) {
      const m = matchOpt(option, body[index]!);
      if (!m) continue;
      if (values.length > 0 && values.includes(m[6]!)) {
        const matched = m[6]!;
        if (!matched && o.allowNoValue) {
          update(index, `${option}\n`);
          noValuePresent = true;
        } else {
          update(index, line(option, matched));
        }
        values.splice(values.indexOf(matched), 1);
      } else if (values.length === 0 && o.allowNoValue) {
        update(index, `${option}\n`);
        noValuePresent = true;
        break;
      }
    }
  }
  if (o.state === 'present' && o.exclusive && !o.allowNoValue && option) {
    // 2. Other lines of the option take the remaining values; 3. the rest of them go.
    for (let index = 0; index < body.length && values.length > 0; index++) {
      if (!touched[index] && matchOpt(option, body[index]!)) update(index, line(option, values.shift()!));
    }
    for (let index = body.length - 1; index > 0; index--) {
      if (!touched[index] && matchOpt(option, body[index]!)) {
        body.splice(index, 1);
        touched.splice(index, 1);
        changed = true;
        msg = 'option changed';
      }
    }
  }
  if (o.state === 'present') {
    // 4. Missing lines go after the section's last line that is neither blank nor a comment.
    for (let index = body.length; index > 0; index--) {
      if (BLANK_OR_COMMENT.test(bare(body[index - 1]!))) continue;
      if (option && values.length > 0) {
        body.splice(index, 0, ...values.map((v) => line(option, v)));
        msg = 'option added';
        changed = true;
      } else if (option && values.length === 0 && o.allowNoValue && !noValuePresent) {
        body.splice(index, 0, `${option}\n`);
        msg = 'option added';
        changed = true;
      }
      break;
    }
  }
  if (o.state === 'absent') {
    if (option) {
      const kept = o.exclusive
        ? body.filter((l) => !matchActiveOpt(option, l))
        : values.length > 0 ? body.filter((l) => {
          const m = matchActiveOpt(option, l);
          return !(m && values.includes(m[6]!));
        }) : body;
      if (kept.length !== body.length) {
        changed = true;
        msg = 'option changed';
        body = kept;
      }
    } else if (body.length > 0) {
      body = [];
      msg = 'section removed';
      changed = true;
    }
  }
  const out = [...before, ...body, ...after].slice(1, -1);
  if (!within && o.state === 'present') {
    out.push(`[${section}]\n`);
    msg = 'section and option added';
    if (option && values.length > 0) out.push(...values.map((v) => line(option, v)));
    else if (option && o.allowNoValue) out.push(`${option}\n`);
    else msg = 'only section added';
    changed = true;
  }
  return { text: out.join(''), changed, msg };
}
