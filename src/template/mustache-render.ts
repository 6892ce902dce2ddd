// Strict mustache: HTML escaping off, own-property lookups only, and a `{{name}}` that
// resolves to nothing is an error naming the template, line:col and the variable (mustache
// itself renders it as ""). Sections ({{#x}}, {{^x}}) stay lenient: a missing name is false,
// which is what optional blocks need.
//
// Values: strings as they are, numbers/booleans as text, null as "" (see toText), lists and
// dicts as JSON.
import Mustache from 'mustache';
import { TsplayError } from '../errors.js';
import { readVariable } from './lazy-vars.js';
import { ExpressionFailure, toText } from './python-values.js';
import { isForbiddenName, readOwn } from './safe-access.js';

interface TemplateSource {
  readonly name: string;
  readonly text: string;
  /** A template inside a playbook value: `name` is already a location, so say "template line:col". */
  readonly inline?: boolean;
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/** Ends a lookup with "no value" (undefined), distinct from a null value. */
function ownLookup(view: unknown, name: string): unknown {
  if (name === '.') return view;
  const parts = name.split('.');
  if (parts.some(isForbiddenName)) return undefined;
  let value: unknown = view;
  for (const part of parts) {
    value = readOwn(value, Array.isArray(value) && /^\d+$/.test(part) ? Number(part) : part);
    if (value === undefined) return undefined;
  }
  return value;
}

class StrictContext extends Mustache.Context {
  constructor(view: unknown, parent: StrictContext | undefined, readonly source: TemplateSource) {
    super(view, parent);
  }

  override push(view: unknown): StrictContext {
    return new StrictContext(view, this, this.source);
  }

  /**
   * Mustache's rule (nearest frame that has the first name part), but with own properties only.
   * The first part is a variable read (lazy if the author wrote it, see lazy-vars.ts); the rest
   * walks into its value, which is data.
   */
  override lookup(name: string): unknown {
    if (name === '.') return this.view;
    const [first, ...rest] = name.split('.');
    for (let context: StrictContext | undefined = this; context; context = context.parent as StrictContext | undefined) {
      const raw = ownLookup(context.view, first!);
      if (raw === undefined) continue;
      const head = readVariable(context.view as object, first!, raw, this.rootView());
      return rest.length === 0 ? head : ownLookup(head, rest.join('.'));
    }
    return undefined;
  }

  /** Nested templates in variables resolve against the whole scope, not a section's item. */
  private rootView(): object {
    let context: Mustache.Context = this;
    while (context.parent) context = context.parent;
    return context.view as object;
  }
}

class StrictWriter extends Mustache.Writer {
  override escapedValue(token: string[], context: Mustache.Context): string {
    return this.valueText(token, context);
  }

  override unescapedValue(token: string[], context: Mustache.Context): string {
    return this.valueText(token, context);
  }

  override renderPartial(token: string[], context: Mustache.Context): string {
    const { source } = context as StrictContext;
    throw templateError(source, Number(token[2]), `partials ({{> ${token[1]}}}) are not supported`);
  }

  private valueText(token: string[], context: Mustache.Context): string {
    let value: unknown;
    try {
      value = context.lookup(token[1]!);
    } catch (error) {
      if (!(error instanceof ExpressionFailure)) throw error;
      throw templateError((context as StrictContext).source, Number(token[2]), `'${token[1]}': ${error.message}`);
    }
    if (value === undefined) {
      const { source } = context as StrictContext;
      throw templateError(source, Number(token[2]), `'${token[1]}' is undefined`);
    }
    return toText(value);
  }
}

function templateError(source: TemplateSource, offset: number, problem: string): TsplayError {
  const { line, col } = lineAndColumn(source.text, offset);
  const where = source.inline ? `${source.name}: template ${line}:${col}` : `${source.name}:${line}:${col}`;
  return new TsplayError(`${where}: ${problem}`, { kind: 'runtime' });
}

/** One writer for the process: it caches each distinct template's parse. */
const writer = new StrictWriter();

/** Render a mustache template strictly; `name` (a file or a location) appears in errors. */
export function renderTemplate(text: string, scope: object, name: string): string {
  return renderMustache({ name, text }, scope);
}

/** renderTemplate for a string inside a playbook value, whose `where` is already a location. */
export function renderInlineTemplate(text: string, scope: object, where: string): string {
  return renderMustache({ name: where, text, inline: true }, scope);
}

function renderMustache(source: TemplateSource, scope: object): string {
  const { text } = source;
  try {
    return writer.render(text, new StrictContext(scope, undefined, source), undefined, { escape: toText });
  } catch (error) {
    if (error instanceof TsplayError) throw error;
    if (error instanceof ExpressionFailure) throw templateError(source, 0, error.message);
    // Mustache's own syntax errors end with "at <offset>".
    const message = (error as Error)?.message ?? String(error);
    const at = /at (\d+)\s*$/.exec(message);
    const offset = at ? Number(at[1]) : 0;
    throw templateError(source, offset, `template syntax error: ${message.replace(/\s*at \d+\s*$/, '')}`);
  }
}
