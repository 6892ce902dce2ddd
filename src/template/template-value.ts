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
import { renderJinja } from './jinja/render.js';
import { renderInlineTemplate } from './mustache-render.js';
import { toText } from './python-values.js';
import { hasJinjaStatement, isTemplateText } from './template-syntax.js';

const SINGLE_TAG = /^\{\{(?![{#^/>!&=])([\s\S]*)\}\}$/;
/** Mustache reads a tag's type from the character right after '{{'. */
const MUSTACHE_SECTION_SYNTAX = /\{\{[#^/>!&={]/;
const TAG = /\{\{([\s\S]*?)\}\}/g;

export function templateString(text: string, scope: object, where: string): unknown {
  if (!isTemplateText(text)) return text;
  if (hasJinjaStatement(text)) return renderJinja({ text, name: where, inline: true }, scope);
  // Exactly one tag: its inner text cannot contain another opening '{{' (a dict literal's
  // closing '}}' is fine: "{{ {'a': {'b': 1}} }}").
  const single = SINGLE_TAG.exec(text);
  // The result is data: variables it read were resolved as they were read (lazy-vars.ts), and
  // whatever else it holds (a registered result, a fact) must never be templated again.
  if (single && !single[1]!.includes('{{')) return evaluate(single[1]!, scope, where);
  if (MUSTACHE_SECTION_SYNTAX.test(text)) return renderInlineTemplate(text, scope, where);
  return text.replace(TAG, (_tag, expression: string) => toText(evaluate(expression, scope, where)));
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
