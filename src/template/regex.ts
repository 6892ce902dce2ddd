// Python `re` patterns as JavaScript RegExps. The common syntax is shared; we translate the
// named-group forms (`(?P<n>…)`, `(?P=n)`) and replacement backreferences (`\1`, `\g<n>`).
import { regexFailure } from './parser-errors.js';

export interface RegexOptions {
  ignorecase?: boolean;
  multiline?: boolean;
  /** Anchor at the start like Python's re.match (sticky flag, lastIndex 0). */
  sticky?: boolean;
  global?: boolean;
}

const cache = new Map<string, RegExp>();

export function compileRegex(pattern: string, options: RegexOptions = {}): RegExp {
  const flags = `${options.global ? 'g' : ''}${options.ignorecase ? 'i' : ''}${options.multiline ? 'm' : ''}${options.sticky ? 'y' : ''}`;
  const key = `${flags}/${pattern}`;
  const cached = cache.get(key);
  if (cached) {
    cached.lastIndex = 0;
    return cached;
  }
  const translated = pattern.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  let regex: RegExp;
  try {
    regex = new RegExp(translated, flags);
  } catch (error) {
    throw regexFailure(error);
  }
  if (cache.size > 2000) cache.clear();
  cache.set(key, regex);
  return regex;
}

/** Python replacement syntax (`\1`, `\g<1>`, `\g<name>`) to JavaScript's (`$1`, `$<name>`). */
export function translateReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!;
    if (ch === '$') { out += '$$'; continue; }
    if (ch !== '\\' || i + 1 >= replacement.length) { out += ch; continue; }
    const rest = replacement.slice(i + 1);
    const numbered = /^\d{1,2}/.exec(rest);
    const named = /^g<(\w+)>/.exec(rest);
    if (numbered) { out += `$${numbered[0]}`; i += numbered[0].length; }
    else if (named) { out += /^\d+$/.test(named[1]!) ? `$${named[1]}` : `$<${named[1]}>`; i += named[0].length; }
    else if (rest[0] === 'n') { out += '\n'; i++; }
    else if (rest[0] === 't') { out += '\t'; i++; }
    else if (rest[0] === '\\') { out += '\\'; i++; }
    else out += ch;
  }
  return out;
}
