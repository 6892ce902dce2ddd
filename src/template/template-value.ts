// templateValue(): template a value from a playbook (task arguments, vars, loop) deeply.
//
// Ansible 2.14's rule (jinja2_native off, template/native_helpers.py ansible_eval_concat): the
// result of templating a string is TEXT. Each `{{ EXPR }}` is written as Python's str() writes it
// (`True`, `['a', 1]`, `{'k': 'v'}`, none as ''), and then, if the whole text starts with '[' or
// '{' or is exactly 'True' or 'False', it is read back as a Python literal (a list, a dict, a
// boolean) when it is one. So `"{{ groups.masters }}"` is a list, `"{{ x is defined }}"` a
// boolean, and `"{{ port + 1 }}"` the string '6444' (modules convert it, as Ansible's argument
// specs do: engine/module-arg-types.ts). Two exceptions, both Ansible's: `"{{ name }}"` naming a variable
// whose value is a number or a boolean (or none) gives that value itself (Templar's SINGLE_VAR),
// and a result made by to_json, to_yaml, string and the like stays text (STRING_TYPE_FILTERS).
// A string using mustache sections (`{{#x}}`, `{{^x}}`, `{{/x}}`, `{{{x}}}`, `{{&x}}`, `{{!...}}`)
// goes through mustache instead. A string with a Jinja statement (`{%`) is a Jinja template,
// rendered whole (jinja/render.ts), then read as above. Strings without `{{` or `{%` are
// returned untouched.
import { evaluate } from './evaluate.js';
import { finalFilterName } from './evaluate-ast.js';
import { isFloatExpression, pythonFloatText } from './float-text.js';
import { tagEnd } from './jinja/prepare-source.js';
import { pythonText } from './jinja/python-text.js';
import { renderJinja } from './jinja/render.js';
import { renderInlineTemplate } from './mustache-render.js';
import { parseExpression } from './parse-expression.js';
import { parsePythonLiteral } from './python-literal.js';
import { isMapping } from './python-values.js';
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

/** Templar's SINGLE_VAR: `{{ name }}` alone, naming a variable. */
const SINGLE_VARIABLE = /^\s*(\w+)\s*$/;

/** Filters whose text Ansible never reads back as a literal (its STRING_TYPE_FILTERS default). */
const STRING_TYPE_FILTERS: ReadonlySet<string> = new Set(['string', 'to_json', 'to_nice_json', 'to_yaml', 'to_nice_yaml', 'ppretty', 'json']);

/**
 * Ansible's last step on a template's text: a text that looks like a list, a dict or a boolean
 * and is one as a Python literal becomes that value; any other text stays as it is.
 */
export function literalFromText(text: string): unknown {
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (!text.startsWith('[') && !text.startsWith('{')) return text;
  const literal = parsePythonLiteral(text);
  return literal === undefined ? text : literal.value;
}

/** The text a tag writes: Python's str() of its value, `3.0` when the expression makes a float. */
function tagText(expression: string, value: unknown): string {
  if (typeof value === 'number' && isFloatExpression(parseExpression(expression))) return pythonFloatText(value);
  return pythonText(value);
}

/**
 * What Ansible makes of `{{ EXPR }}` written alone, `value` being what EXPR evaluated to in
 * `scope`. debug's `var:` (a bare expression Ansible wraps in braces) uses it too.
 */
export function wholeTagResult(expression: string, value: unknown, scope: object): unknown {
  const single = SINGLE_VARIABLE.exec(expression);
  if (single && Object.hasOwn(scope, single[1]!)) {
    const raw = (scope as Record<string, unknown>)[single[1]!];
    if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return raw;
  }
  // A list, a dict or a boolean reads back as itself from its Python text: skip the round trip.
  // The result is data: variables it read were resolved as they were read (lazy-vars.ts), and
  // whatever else it holds (a registered result, a fact) must never be templated again.
  if (typeof value === 'boolean' || Array.isArray(value) || isMapping(value)) return value;
  if (typeof value === 'string' && STRING_TYPE_FILTERS.has(finalFilterName(parseExpression(expression)) ?? '')) return value;
  return literalFromText(tagText(expression, value));
}

/**
 * Ansible's _escape_backslashes: inside `{{ }}` in a playbook string, a string literal's
 * backslashes are doubled before Jinja reads it, so `regex_replace('(.*)', '\\1')` written in YAML
 * reaches the filter as written (`\\1`, no second unescaping). Template files and `{% %}` are not
 * affected (Ansible's template module turns this off).
 */
function escapeBackslashes(expression: string): string {
  if (!expression.includes('\\')) return expression;
  return expression.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/gs, (literal) => literal.replace(/\\/g, '\\\\'));
}

export function templateString(text: string, scope: object, where: string): unknown {
  if (!isTemplateText(text)) return text;
  if (hasJinjaStatement(text)) return literalFromText(renderJinja({ text, name: where, inline: true }, scope));
  if (MUSTACHE_SECTION_SYNTAX.test(text)) return renderInlineTemplate(text, scope, where);
  const tags = tagsOf(text);
  if (tags.length === 1 && tags[0]!.start === 0 && tags[0]!.end === text.length) {
    const expression = escapeBackslashes(tags[0]!.expression);
    return wholeTagResult(expression, evaluate(expression, scope, where), scope);
  }
  if (tags.length === 0) return text;
  let out = '';
  let copied = 0;
  for (const tag of tags) {
    const expression = escapeBackslashes(tag.expression);
    out += text.slice(copied, tag.start) + tagText(expression, evaluate(expression, scope, where));
    copied = tag.end;
  }
  return literalFromText(out + text.slice(copied));
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
