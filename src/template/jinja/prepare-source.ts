// One pass over a Jinja template's source, before the engine sees it, for two things the engine
// does not offer:
// - Output as Ansible writes it: minijinja prints `true`, `none` and `["a"]` where Ansible writes
//   `True`, `` and `['a']`. Each `{{ X }}` becomes (with V for __tsplay_value)
//   `{% set V = (X) %}{{ V if V is string else V | __tsplay_text(V is undefined) }}`
//   (python-text.ts): the binding hands a JS filter none and undefined alike, as `undefined`, and
//   strict mode lets both reach a filter, so the engine's own test tells them apart. Strings, most
//   outputs, are written by the engine without a call into JS (half the render time). Whitespace
//   control (`{{-`, `-}}`) stays on the outside; the output ends in `}}`, so trim_blocks does not
//   eat the newline after it. The insertions are recorded so error positions map
//   back to the author's line and column.
// - Which names the template could read: every identifier inside a tag, strings included (so
//   `hostvars[h]['ansible_host']` names `ansible_host`). An over-estimate is harmless; context.ts
//   reads only these variables, so a template never pays for (or resolves) the rest of the scope.
// Text outside tags, `{# comments #}` and `{% raw %}` blocks are left exactly as they are (but for
// one newline, see below).

import { plainCallableName } from '../collection-names.js';

export const TEXT_FILTER = '__tsplay_text';
const VALUE = '__tsplay_value';

export interface PreparedSource {
  readonly source: string;
  /** Offsets in `source` where text was inserted, ascending, with the inserted length. */
  readonly insertions: readonly { readonly at: number; readonly length: number }[];
  readonly names: ReadonlySet<string>;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
const RAW_START = /^\{%[-+]?\s*raw\s*[-+]?%\}/;
const RAW_END = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;

/** The offset just past the `}}` or `%}` that closes the tag whose inner text starts at `from`; -1 if none. */
export function tagEnd(text: string, from: number, close: '}' | '%'): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const char = text[i]!;
    if (char === "'" || char === '"') {
      i++;
      while (i < text.length && text[i] !== char) i += text[i] === '\\' ? 2 : 1;
      continue;
    }
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (depth > 0 && (char === ')' || char === ']' || char === '}')) depth--;
    else if (depth === 0 && char === close && text[i + 1] === '}') return i + 2;
  }
  return -1;
}

/** `| ansible.builtin.x` / `is ansible.legacy.x` / `| ansible.utils.ipaddr`: the engine cannot parse a dotted filter or test name. */
const NAMESPACED = /(\|\s*|\bis\s+(?:not\s+)?)([A-Za-z_]\w*\.[A-Za-z_]\w*\.)(?=([A-Za-z_]\w*))/g;

/**
 * The text with the namespace of FQCN filter and test names tsplay implements (collection-names.ts) inside text[from, to) turned into
 * spaces (`x |                 to_json`): same length, so no offset moves. Strings are left alone.
 */
function blankBuiltinNamespaces(text: string, from: number, to: number): string {
  const tag = text.slice(from, to);
  const quoted = new Uint8Array(tag.length);
  for (let i = 0; i < tag.length; i++) {
    const char = tag[i]!;
    if (char !== "'" && char !== '"') continue;
    const start = i++;
    while (i < tag.length && tag[i] !== char) i += tag[i] === '\\' ? 2 : 1;
    quoted.fill(1, start, i + 1);
  }
  const blanked = tag.replace(NAMESPACED, (whole, lead: string, namespace: string, name: string, at: number) =>
    (quoted[at] || plainCallableName(namespace.slice(0, -1), name) === undefined ? whole : lead + ' '.repeat(namespace.length)));
  return blanked === tag ? text : text.slice(0, from) + blanked + text.slice(to);
}

function addNames(names: Set<string>, tag: string): void {
  for (const match of tag.matchAll(IDENTIFIER)) names.add(match[0]);
}

export function prepareSource(authorText: string): PreparedSource {
  let text = authorText;
  let out = '';
  const insertions: { at: number; length: number }[] = [];
  const names = new Set<string>();
  let copied = 0;
  const insert = (at: number, piece: string): void => {
    out += text.slice(copied, at);
    copied = at;
    insertions.push({ at: out.length, length: piece.length });
    out += piece;
  };
  let i = text.indexOf('{');
  while (i !== -1 && i < text.length - 1) {
    const next = text[i + 1];
    if (next === '#') {
      const end = text.indexOf('#}', i + 2);
      if (end === -1) break; // the engine reports the unclosed comment
      i = text.indexOf('{', end + 2);
      continue;
    }
    if (next === '%') {
      const raw = RAW_START.exec(text.slice(i, i + 64));
      if (raw) {
        // Jinja2 keeps the newline after `{% raw %}`; minijinja's trim_blocks removes it. An
        // inserted newline is the one it removes.
        const rawEnd = i + raw[0].length;
        if (text[rawEnd] === '\n' && !raw[0].endsWith('-%}')) insert(rawEnd, '\n');
        RAW_END.lastIndex = rawEnd;
        const end = RAW_END.exec(text);
        if (!end) break;
        i = text.indexOf('{', end.index + end[0].length);
        continue;
      }
      const end = tagEnd(text, i + 2, '%');
      if (end === -1) break;
      text = blankBuiltinNamespaces(text, i + 2, end - 2);
      addNames(names, text.slice(i + 2, end - 2));
      i = text.indexOf('{', end);
      continue;
    }
    if (next === '{') {
      const end = tagEnd(text, i + 2, '}');
      if (end === -1) break;
      text = blankBuiltinNamespaces(text, i + 2, end - 2);
      const lead = text[i + 2] === '-' || text[i + 2] === '+' ? 1 : 0;
      const trail = text[end - 3] === '-' || text[end - 3] === '+' ? 1 : 0;
      const innerStart = i + 2 + lead;
      const innerEnd = end - 2 - trail;
      addNames(names, text.slice(innerStart, innerEnd));
      // `{{` becomes `{%` (same length, so no offset moves), the rest is inserted around X.
      out += text.slice(copied, i) + '{%';
      copied = i + 2;
      // `{%+`: an expression is not a block, so lstrip_blocks (a `#jinja2:` header) must not strip
      // the indentation before it; the author's own `-`/`+` is kept instead.
      insert(innerStart, `${lead ? '' : '+'} set ${VALUE} = (`);
      insert(innerEnd, `) %}{{ ${VALUE} if ${VALUE} is string else ${VALUE} | ${TEXT_FILTER}(${VALUE} is undefined) `);
      i = text.indexOf('{', end);
      continue;
    }
    i = text.indexOf('{', i + 1);
  }
  out += text.slice(copied);
  return { source: out, insertions, names };
}

/** The offset in the author's text of `offset` in the prepared source (inside an insertion: its start). */
export function originalOffset(prepared: PreparedSource, offset: number): number {
  let shift = 0;
  for (const { at, length } of prepared.insertions) {
    if (at >= offset) break;
    shift += Math.min(length, offset - at);
  }
  return offset - shift;
}

/** The author's expression (and its offset in the prepared source) of the `{{ }}` whose inserted text covers `offset`. */
export function expressionAt(prepared: PreparedSource, offset: number): { text: string; start: number } | undefined {
  const { insertions } = prepared;
  for (let i = 0; i + 1 < insertions.length; i += 2) {
    const open = insertions[i]!;
    const close = insertions[i + 1]!;
    if (open.at <= offset && offset <= close.at + close.length) {
      const raw = prepared.source.slice(open.at + open.length, close.at);
      return { text: raw.trim(), start: open.at + open.length + (raw.length - raw.trimStart().length) };
    }
  }
  return undefined;
}
