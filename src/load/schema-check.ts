// Validates a value with a draft-07 JSON Schema (ajv) and turns the most useful error into a
// LoadError pointing at the offending YAML key or value.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { LoadError } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { precompiledValidator } from './precompiled.js';
import { SCHEMA_CHECK_OPTIONS } from './schema-options.js';
import type { YamlPath, YamlSource } from './yaml-source.js';
import { isTemplateText } from '../template/template-syntax.js';

// Built-in schemas come precompiled (precompiled.ts); others (and all, when running from source)
// are compiled on first use. Each validator runs a handful of times per run, so compiling fast
// beats optimising the generated code: without ajv's optimiser compiles take ~20% less CPU.
let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function compile(schema: Readonly<Record<string, unknown>>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = precompiledValidator(schema);
    if (!validate) {
      ajv ??= new Ajv({ ...SCHEMA_CHECK_OPTIONS, code: { optimize: false } });
      validate = ajv.compile(schema as Record<string, unknown>);
    }
    compiled.set(schema, validate);
  }
  return validate;
}

/** True for a value that is (or contains) a `{{ }}` or `{% %}` template: its type is only known at run time. */
export function isTemplated(value: unknown): boolean {
  return typeof value === 'string' && isTemplateText(value);
}

function pointerSteps(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(root: unknown, steps: readonly (string | number)[]): unknown {
  let value = root;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

const PRIORITY: Record<string, number> = { additionalProperties: 0, required: 1, type: 2, enum: 3 };

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `a string ('${value.length > 40 ? value.slice(0, 37) + '...' : value}')`;
  return `${typeof value} ${String(value)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', boolean: 'a boolean', integer: 'an integer', number: 'a number',
  array: 'a list', object: 'a mapping', null: 'null',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

export interface SchemaCheck {
  readonly src: YamlSource;
  /** Path of `value` inside the YAML document. */
  readonly path: YamlPath;
  /** What is being validated, for messages: "task keyword", "play key", "argument of 'copy'". */
  readonly what: string;
}

/**
 * Validate `value`; throws a LoadError for the first (most useful) error. Strings holding `{{ }}`
 * pass where another type is expected: they are templated at run time.
 */
export function checkSchema(value: unknown, schema: Readonly<Record<string, unknown>>, check: SchemaCheck): void {
  const validate = compile(schema);
  if (validate(value)) return;
  const errors = (validate.errors ?? []).filter((e) => !isTemplated(valueAt(value, pointerSteps(e.instancePath))));
  if (errors.length === 0) return;
  errors.sort((a, b) => (PRIORITY[a.keyword] ?? 9) - (PRIORITY[b.keyword] ?? 9));
  throw toLoadError(errors[0]!, value, check);
}

function toLoadError(error: ErrorObject, root: unknown, check: SchemaCheck): LoadError {
  const steps = pointerSteps(error.instancePath);
  const path = [...check.path, ...steps];
  const field = steps.length ? `'${steps.join('.')}'` : 'value';
  const data = valueAt(root, steps);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const where = steps.length ? ` in ${field}` : '';
      return new LoadError(`unknown ${check.what} '${key}'${where}${didYouMean(key, known)}`, check.src.keyLoc([...path, key]));
    }
    case 'required': {
      const key = String((error.params as { missingProperty: string }).missingProperty);
      return new LoadError(`missing required ${check.what} '${key}'`, check.src.loc(path));
    }
    case 'type':
      return new LoadError(`${field} must be ${typeWords(error.params.type)}, got ${describeType(data)}`, check.src.loc(path));
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => String(v)).join(', ');
      return new LoadError(`${field} must be one of: ${allowed}; got ${describeType(data)}`, check.src.loc(path));
    }
    default:
      return new LoadError(`${field} ${error.message ?? 'is invalid'}`, check.src.loc(path));
  }
}
