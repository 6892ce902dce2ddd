// Python `re` patterns for the regex filters and tests, run in linear time wherever possible.
// A backtracking engine (JavaScript's RegExp) takes exponential time on patterns such as `(a+)+$`,
// and evaluation is synchronous: neither the task `timeout` nor Ctrl-C could stop it. RE2 (the
// `re2js` package, pure JavaScript) matches in time linear in the input and reads Python's syntax
// (`(?P<n>…)`, `(?i)`, `\d\w\s\b`, classes, lazy quantifiers). The rule: every pattern RE2 accepts
// runs on RE2; only what RE2 refuses by design — backreferences (`(?P=n)`, `\1`) and lookaround
// (`(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`) — falls back to RegExp (named groups translated).
import { RE2JS } from 're2js';
import { regexFailure } from './parser-errors.js';

export interface RegexOptions {
  ignorecase?: boolean;
  multiline?: boolean;
}

export interface RegexMatch {
  readonly start: number;
  readonly end: number;
  /** groups[0] is the whole match; an unmatched group is undefined. */
  readonly groups: readonly (string | undefined)[];
  readonly named: Readonly<Record<string, string | undefined>>;
}

export interface CompiledRegex {
  /** The first match, anywhere (`anchored`: only at the start, like Python's re.match). */
  first(text: string, anchored?: boolean): RegexMatch | undefined;
  /** Every non-overlapping match, left to right (empty matches included, as Python's finditer). */
  all(text: string): RegexMatch[];
}

const cache = new Map<string, CompiledRegex>();

export function compileRegex(pattern: string, options: RegexOptions = {}): CompiledRegex {
  const key = `${options.ignorecase ? 'i' : ''}${options.multiline ? 'm' : ''}/${pattern}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compileLinear(pattern, options) ?? compileBacktracking(pattern, options);
    if (cache.size > 2000) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

function compileLinear(pattern: string, options: RegexOptions): CompiledRegex | undefined {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, (options.ignorecase ? RE2JS.CASE_INSENSITIVE : 0) | (options.multiline ? RE2JS.MULTILINE : 0));
  } catch {
    return undefined;
  }
  const names = Object.entries(re.namedGroups());
  const count = re.groupCount();
  const matchOf = (m: ReturnType<RE2JS['matcher']>): RegexMatch => {
    const groups = Array.from({ length: count + 1 }, (_, i) => m.group(i) ?? undefined);
    return { start: m.start(), end: m.end(), groups, named: Object.fromEntries(names.map(([name, i]) => [name, groups[i]])) };
  };
  return {
    first(text, anchored) {
      const m = re.matcher(text);
      return (anchored ? m.lookingAt() : m.find()) ? matchOf(m) : undefined;
    },
    all(text) {
      const m = re.matcher(text);
      const out: RegexMatch[] = [];
      while (m.find()) out.push(matchOf(m));
      return out;
    },
  };
}

function compileBacktracking(pattern: string, options: RegexOptions): CompiledRegex {
  const translated = pattern.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  const flags = `g${options.ignorecase ? 'i' : ''}${options.multiline ? 'm' : ''}`;
  let regex: RegExp;
  try {
    regex = new RegExp(translated, flags);
  } catch (error) {
    throw regexFailure(error);
  }
  const anchoredRegex = new RegExp(translated, `${flags.slice(1)}y`);
  const matchOf = (m: RegExpExecArray): RegexMatch => ({ start: m.index, end: m.index + m[0].length, groups: [...m], named: { ...m.groups } });
  return {
    first(text, anchored) {
      const r = anchored ? anchoredRegex : regex;
      r.lastIndex = 0;
      const m = r.exec(text);
      return m ? matchOf(m) : undefined;
    },
    all: (text) => [...text.matchAll(regex)].map(matchOf),
  };
}

/** Python's re.sub: each match replaced by `replacement` with `\1`, `\g<1>`, `\g<name>`, `\n`, `\t`, `\\` expanded. */
export function replaceAll(regex: CompiledRegex, text: string, replacement: string): string {
  let out = '';
  let last = 0;
  for (const match of regex.all(text)) {
    out += text.slice(last, match.start) + expandReplacement(replacement, match);
    last = match.end;
  }
  return out + text.slice(last);
}

function expandReplacement(replacement: string, match: RegexMatch): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!;
    if (ch !== '\\' || i + 1 >= replacement.length) { out += ch; continue; }
    const rest = replacement.slice(i + 1);
    const numbered = /^\d{1,2}/.exec(rest);
    const named = /^g<(\w+)>/.exec(rest);
    if (numbered) { out += match.groups[Number(numbered[0])] ?? ''; i += numbered[0].length; }
    else if (named) { out += (/^\d+$/.test(named[1]!) ? match.groups[Number(named[1])] : match.named[named[1]!]) ?? ''; i += named[0].length; }
    else if (rest[0] === 'n') { out += '\n'; i++; }
    else if (rest[0] === 't') { out += '\t'; i++; }
    else if (rest[0] === '\\') { out += '\\'; i++; }
    else out += ch;
  }
  return out;
}
