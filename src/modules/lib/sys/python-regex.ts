// `replace` takes Python regular expressions in Ansible. We run them as JavaScript regexes with
// Python's re.MULTILINE meaning (^ and $ match at every line), after translating the few spellings
// that differ: (?P<name>...) -> (?<name>...), (?P=name) -> \k<name>, \Z -> $(?![\s\S]) and, in the
// replacement, \1 / \g<1> / \g<name> -> $1 / $<name> (a literal $ is escaped).
import { ModuleFailure } from '../target.js';

export function pythonPatternToJs(pattern: string): string {
  return pattern
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^(?<![\\s\\S])')
    .replace(/\\Z/g, '$(?![\\s\\S])');
}

export function pythonReplacementToJs(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!;
    if (ch === '$') {
      out += '$$';
    } else if (ch === '\\' && i + 1 < replacement.length) {
      const rest = replacement.slice(i + 1);
      const group = /^g<([A-Za-z0-9_]+)>/.exec(rest);
      const digits = /^[0-9]{1,2}/.exec(rest);
      if (group) {
        out += /^\d+$/.test(group[1]!) ? `$${group[1]}` : `$<${group[1]}>`;
        i += group[0].length;
      } else if (digits) {
        out += `$${digits[0]}`;
        i += digits[0].length;
      } else {
        const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\' };
        out += esc[rest[0]!] ?? `\\${rest[0]}`;
        i += 1;
      }
    } else {
      out += ch;
    }
  }
  return out;
}

export function compilePython(pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pythonPatternToJs(pattern), flags);
  } catch (error) {
    throw new ModuleFailure(`invalid regular expression '${pattern}': ${error instanceof Error ? error.message : String(error)}`);
  }
}
