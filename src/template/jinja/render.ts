// renderJinja(): one Jinja template (a `.j2` file or a playbook string with `{%`) rendered as
// Ansible renders it, or a TsplayError located at file:line:col (or "task location: template
// line:col"). Nothing unrenderable is ever returned as text.
import { TsplayError } from '../../errors.js';
import { lineAndColumn } from '../mustache-render.js';
import { UNDEFINED_OUTPUT, withRenderState } from './bridge.js';
import { jinjaContext, type JinjaContext } from './context.js';
import { clearEngineTemplates, discardEngine, jinjaEngine } from './engine.js';
import { expressionAt, originalOffset, prepareSource, type PreparedSource } from './prepare-source.js';

interface CompiledTemplate {
  readonly key: string;
  readonly prepared: PreparedSource;
}

/** Parsed templates by name and text; dropped whole when it grows past this (a run has a few dozen). */
const MAX_CACHED = 500;
const compiled = new Map<string, CompiledTemplate>();
let nextKey = 0;

/** How many renders are in progress (a render nested in another uses the next level's engine). */
let depth = 0;
const MAX_NESTING = 8;

function compile(text: string, name: string, level: number, overrides: WhitespaceOverrides): CompiledTemplate {
  const cacheKey = `${level}\0${overrides.trimBlocks}\0${overrides.lstripBlocks}\0${name}\0${text}`;
  let template = compiled.get(cacheKey);
  if (template) return template;
  if (compiled.size >= MAX_CACHED) {
    compiled.clear();
    clearEngineTemplates();
  }
  const prepared = prepareSource(text);
  template = { key: `t${nextKey++}`, prepared };
  // The engine reads its whitespace settings when it compiles a template: set this one's, then restore.
  const engine = jinjaEngine(level);
  const defaults = { trimBlocks: engine.trimBlocks, lstripBlocks: engine.lstripBlocks };
  engine.trimBlocks = overrides.trimBlocks ?? defaults.trimBlocks;
  engine.lstripBlocks = overrides.lstripBlocks ?? defaults.lstripBlocks;
  try {
    engine.addTemplate(template.key, prepared.source); // throws syntax errors, located by the caller
  } finally {
    engine.trimBlocks = defaults.trimBlocks;
    engine.lstripBlocks = defaults.lstripBlocks;
  }
  compiled.set(cacheKey, template);
  return template;
}

/** What a template's `#jinja2:` first line may change (Ansible sets these on its Jinja environment). */
interface WhitespaceOverrides {
  readonly trimBlocks?: boolean;
  readonly lstripBlocks?: boolean;
}

const OVERRIDE_PREFIX = '#jinja2:';
const SETTINGS: Readonly<Record<string, keyof WhitespaceOverrides | 'same'>> = {
  trim_blocks: 'trimBlocks',
  lstrip_blocks: 'lstripBlocks',
  // Already what tsplay does: the final newlines are kept as the source has them; '\n' is the only sequence.
  keep_trailing_newline: 'same',
  newline_sequence: 'same',
};

/**
 * A template starting `#jinja2: lstrip_blocks: True, trim_blocks: False` sets those options for
 * itself and loses that line, as Ansible's Templar does (do_template's JINJA2_OVERRIDE). Values are
 * Python literals; an option tsplay cannot honour is an error, never ignored.
 */
export function splitOverrides(text: string, name: string): { text: string; overrides: WhitespaceOverrides } {
  if (!text.startsWith(OVERRIDE_PREFIX)) return { text, overrides: {} };
  const eol = text.indexOf('\n');
  const line = text.slice(OVERRIDE_PREFIX.length, eol < 0 ? text.length : eol);
  const overrides: { trimBlocks?: boolean; lstripBlocks?: boolean } = {};
  for (const pair of line.split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 0) throw new TsplayError(`${name}:1: failed to parse jinja2 override '${pair.trim()}' (key: value pairs separated by commas)`, { kind: 'validation' });
    const key = pair.slice(0, colon).trim();
    const value = pair.slice(colon + 1).trim();
    const setting = SETTINGS[key];
    if (setting === undefined) throw new TsplayError(`${name}:1: the jinja2 override '${key}' is not supported by tsplay (it honours ${Object.keys(SETTINGS).join(', ')})`, { kind: 'validation' });
    if (setting === 'same') {
      if (key === 'newline_sequence' && !/^(['"])\\n\1$/.test(value)) throw new TsplayError(`${name}:1: newline_sequence ${value} is not supported by tsplay (only '\\n')`, { kind: 'validation' });
      continue;
    }
    if (value !== 'True' && value !== 'False') throw new TsplayError(`${name}:1: jinja2 override ${key} must be True or False, got '${value}'`, { kind: 'validation' });
    overrides[setting] = value === 'True';
  }
  return { text: eol < 0 ? '' : text.slice(eol + 1), overrides };
}

function trailingNewlines(text: string): number {
  let count = 0;
  while (count < text.length && text[text.length - 1 - count] === '\n') count++;
  return count;
}

/** Ansible's Templar: the output keeps at least as many final newlines as the source had. */
function withSourceNewlines(output: string, source: string): string {
  const missing = trailingNewlines(source) - trailingNewlines(output);
  return missing > 0 ? output + '\n'.repeat(missing) : output;
}

export interface JinjaSource {
  readonly text: string;
  /** A file name, or a location when `inline` (a string inside a playbook value). */
  readonly name: string;
  readonly inline?: boolean;
}

export function renderJinja(authored: JinjaSource, scope: object): string {
  // Jinja writes every newline of the template as newline_sequence ('\n'): `a\r\nb` renders `a\nb`.
  const unix = /\r/.test(authored.text) ? { ...authored, text: authored.text.replace(/\r\n?/g, '\n') } : authored;
  // Error lines then count from the line after a `#jinja2:` header.
  const { text: body, overrides } = splitOverrides(unix.text, unix.name);
  const source = body === unix.text ? unix : { ...unix, text: body };
  let template: CompiledTemplate | undefined;
  let context: JinjaContext | undefined;
  const level = depth;
  if (level >= MAX_NESTING) throw new TsplayError(`${source.name}: templates nested more than ${MAX_NESTING} deep (a template that includes itself?)`, { kind: 'runtime' });
  depth++;
  let outcome: ReturnType<typeof withRenderState<string>>;
  try {
    outcome = withRenderState(scope, () => {
      template = compile(source.text, source.name, level, overrides);
      context = jinjaContext(scope, template.prepared.names);
      return silencingPanicReports(() => jinjaEngine(level).renderTemplate(template!.key, context!.values));
    });
  } finally {
    depth--;
  }
  if (outcome.error === undefined) return withSourceNewlines(outcome.result!, source.text);
  if (outcome.error instanceof TsplayError) throw outcome.error;
  throw locatedError(source, outcome.error, outcome.failure, template?.prepared ?? prepareSource(source.text), context);
}

/**
 * The binding prints a Rust panic (with a stack) to console.error before throwing. Panics are
 * reported as located errors instead; the raw report would only add noise to a run's output.
 */
function silencingPanicReports<T>(render: () => T): T {
  const report = console.error;
  console.error = () => {};
  try {
    return render();
  } finally {
    console.error = report;
  }
}

/** A WASM trap, or the binding's complaint when its instance was left mid-borrow by an earlier one. */
function isPanic(error: unknown): boolean {
  return error instanceof WebAssembly.RuntimeError || /recursive use of an object detected/.test((error as Error)?.message ?? '');
}

interface EnginePosition {
  readonly line: number;
  readonly col?: number;
  /** The source text under the engine's ^^^ marks. */
  readonly span?: string;
}

/** Line (from "(in NAME:LINE)") and column (from the debug view's ^^^ under the marked line) of an engine error. */
function enginePosition(message: string, prepared: PreparedSource): EnginePosition | undefined {
  const at = /\(in [^:()]*:(\d+)\)/.exec(message);
  if (!at) return undefined;
  const line = Number(at[1]);
  const lines = message.split('\n');
  const markedIndex = lines.findIndex((text) => /^ *\d+ > /.test(text));
  const marks = markedIndex === -1 ? undefined : /\^+/.exec(lines[markedIndex + 1] ?? '');
  if (!marks) return { line };
  const prefix = /^ *\d+ > /.exec(lines[markedIndex]!)![0].length;
  const colInPrepared = marks.index - prefix + 1;
  const offset = nthLineStart(prepared.source, line) + colInPrepared - 1;
  const span = prepared.source.slice(offset, offset + marks[0].length);
  return { line, col: colInPrepared, span };
}

function nthLineStart(text: string, line: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset;
}

/** The engine's position as an offset in the prepared source. */
function preparedOffset(prepared: PreparedSource, position: EnginePosition | undefined): number {
  return position ? nthLineStart(prepared.source, position.line) + (position.col ?? 1) - 1 : 0;
}

function undefinedProblem(expression: string, context: JinjaContext | undefined): string {
  const name = /^[A-Za-z_]\w*/.exec(expression)?.[0];
  const reason = name !== undefined ? context?.unresolved.get(name) : undefined;
  return `'${expression}' is undefined${reason ? ` (its value could not be resolved: ${reason})` : ''}`;
}

function problemOf(message: string, position: EnginePosition | undefined, failure: string | undefined, context: JinjaContext | undefined): string {
  if (failure !== undefined) return failure;
  const summary = message.split('\n')[0]!.replace(/\s*\(in [^()]*:\d+\)\s*$/, '');
  if (summary === 'undefined value' && position?.span) return undefinedProblem(position.span, context);
  if (summary === 'engine ran out of fuel') return 'the template takes too many steps (a runaway loop?); stopped';
  return summary;
}

function locatedError(source: JinjaSource, error: unknown, failure: string | undefined, prepared: PreparedSource, context: JinjaContext | undefined): TsplayError {
  if (isPanic(error)) {
    discardEngine();
    compiled.clear();
    const where = source.inline ? source.name || 'template' : `${source.name}:1:1`;
    return new TsplayError(`${where}: the Jinja engine failed on this template (internal error: ${(error as Error)?.message}); it was restarted`, { kind: 'runtime', cause: error });
  }
  const message = (error as Error)?.message ?? String(error);
  const position = enginePosition(message, prepared);
  let offset = preparedOffset(prepared, position);
  let problem: string;
  // An undefined `{{ }}` value is noticed in the inserted text: name the author's expression, at its start.
  const expression = failure === UNDEFINED_OUTPUT ? expressionAt(prepared, offset) : undefined;
  if (expression) {
    offset = expression.start;
    problem = undefinedProblem(expression.text, context);
  } else {
    problem = problemOf(message, position, failure, context);
  }
  const { line, col } = lineAndColumn(source.text, originalOffset(prepared, offset));
  const where = !source.inline ? `${source.name}:${line}:${col}` : source.name ? `${source.name}: template ${line}:${col}` : `template ${line}:${col}`;
  return new TsplayError(`${where}: ${problem}`, { kind: 'runtime' });
}
