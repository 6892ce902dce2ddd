// templateValue(): template a value from a playbook (task arguments, vars, loop) deeply.
//
// The native-type rule (Ansible's jinja2_native behaviour): a string that is exactly ONE tag,
// `{{ EXPR }}` (spaces optional, nothing around it), is evaluated as an expression and keeps
// its type: `"{{ groups.masters }}"` is a list, `"{{ port }}"` a number. Any other string with
// `{{` is text: each `{{ EXPR }}` is evaluated and written with toText; a string that uses
// mustache sections (`{{#x}}`, `{{^x}}`, `{{/x}}`, `{{{x}}}`, `{{&x}}`, `{{!...}}`) goes through
// mustache instead. A string with a Jinja statement (`{%`) is a Jinja template, rendered whole as
// text (jinja/render.ts). Strings without `{{` or `{%` are returned untouched.
import { evaluate } from './evaluate.js';
import { tagEnd } from './jinja/prepare-source.js';
import { renderJinja } from './jinja/render.js';
import { renderInlineTemplate } from './mustache-render.js';
import { toText } from './python-values.js';
import { hasJinjaStatement, isTemplateText } from './template-syntax.js';

/** Mustache reads a tag's type from the character right after '{{'. */
const MUSTACHE_SECTION_SYNTAX = /\{\{[#^/>!&={]/;

interface Tag {
  readonly start: number;
  readonly end: number;
  readonly expression: string;
}

/**
 * The `{{ }}` tags of a text. A tag ends at the first `}}` outside quotes and brackets, so
 * `{{ '{{' }}` and `{{ '{{ x }}' }}` write the braces, as Jinja does; an unclosed tag is text.
 */
function tagsOf(text: string): Tag[] {
  const tags: Tag[] = [];
  let at = text.indexOf('{{');
  while (at !== -1) {
    const end = tagEnd(text, at + 2, '}');
    if (end === -1) break;
    tags.push({ start: at, end, expression: text.slice(at + 2, end - 2) });
    at = text.indexOf('{{', end);
  }
  return tags;
}

export function templateString(text: string, scope: object, where: string): unknown {
  if (!isTemplateText(text)) return text;
  if (hasJinjaStatement(text)) return renderJinja({ text, name: where, inline: true }, scope);
  if (MUSTACHE_SECTION_SYNTAX.test(text)) return renderInlineTemplate(text, scope, where);
  const tags = tagsOf(text);
  // Exactly one tag and nothing around it: its value, with its type. The result is data:
  // variables it read were resolved as they were read (lazy-vars.ts), and whatever else it holds
  // (a registered result, a fact) must never be templated again.
  if (tags.length === 1 && tags[0]!.start === 0 && tags[0]!.end === text.length) return evaluate(tags[0]!.expression, scope, where);
  let out = '';
  let copied = 0;
  for (const tag of tags) {
    out += text.slice(copied, tag.start) + toText(evaluate(tag.expression, scope, where));
    copied = tag.end;
  }
  return out + text.slice(copied);
}

/** Template strings inside `value` (lists and dicts recursively); other values are returned as they are. */
export function templateValue(value: unknown, scope: object, where: string): unknown {
  if (typeof value === 'string') return templateString(value, scope, where);
  if (Array.isArray(value)) return value.map((item) => templateValue(item, scope, where));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: templateValue(item, scope, where), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
