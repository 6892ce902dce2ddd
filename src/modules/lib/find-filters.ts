// The filters of the find module, as Ansible's find.py applies them to each entry's base name and
// lstat: glob (fnmatch) or regex (re.match) patterns with excludes, age, and size.
import { pythonPatternToJs } from './sys/python-regex.js';
import { ModuleFailure } from './target.js';
import { fnmatchRegExp } from '../../util/fnmatch.js';

// fnmatch is shared with with_fileglob and setup's filter (src/util/fnmatch.ts).
export { fnmatchRegExp } from '../../util/fnmatch.js';

/** Python's re.match: anchored at the start only. */
function regexMatcher(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pythonPatternToJs(pattern)})`);
  } catch (error) {
    throw new ModuleFailure(`invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/**
 * find.py's pfilter: the name matches one of the patterns and none of the excludes. No patterns
 * means every name ('*', or '.*' with use_regex), as Ansible's default.
 */
export function nameFilter(patterns: readonly string[], excludes: readonly string[], useRegex: boolean): (name: string) => boolean {
  const compile = useRegex ? regexMatcher : fnmatchRegExp;
  const wanted = (patterns.length > 0 ? patterns : [useRegex ? '.*' : '*']).map(compile);
  const unwanted = excludes.map(compile);
  return (name) => wanted.some((r) => r.test(name)) && !unwanted.some((r) => r.test(name));
}

/** A list argument as AnsibleModule reads one: a string is split on commas. */
export function listArgument(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : [...value];
}

function withUnit(text: string, units: Readonly<Record<string, number>>, what: string): number {
  const m = new RegExp(`^(-?\\d+)([${Object.keys(units).join('')}])?$`).exec(text.toLowerCase());
  if (!m) throw new ModuleFailure(`failed to process ${what}`, { [what]: text });
  return Number(m[1]) * (m[2] === undefined ? 1 : units[m[2]]!);
}

/** `age`: seconds; negative means "younger than". */
export const parseAge = (text: string) => withUnit(text, { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }, 'age');

/** `size`: bytes; negative means "smaller than". */
export const parseSize = (text: string) => withUnit(text, { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }, 'size');

/** find.py's agefilter: at least `age` old, or (negative) at most |age| old. */
export function ageMatches(now: number, stamp: number, age: number | undefined): boolean {
  if (age === undefined) return true;
  return age >= 0 ? now - stamp >= age : now - stamp <= -age;
}

/** find.py's sizefilter: at least `size` bytes, or (negative) at most |size|. */
export function sizeMatches(bytes: number, size: number | undefined): boolean {
  if (size === undefined) return true;
  return size >= 0 ? bytes >= size : bytes <= -size;
}
