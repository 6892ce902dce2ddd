// Jinja/Ansible tests, used after `is`: `x is defined`, `v is version('1.31', '>=')`.
// A test receives its input even when it is undefined (that is what `is defined` is for).
import { arg, type CallArgs, type TestFunction } from './call-args.js';
import { compileRegex } from './regex.js';
import { compareVersions, VERSION_TYPES, type VersionType } from './versions.js';
import { ExpressionFailure, iterate, expectMapping, expectNumber, expectString, isMapping, isTruthy, pyCompare, pyContains, pyEquals, toText, typeName } from './python-values.js';

function iterateAll(value: unknown, testName: string): unknown[] {
  return iterate(value, `the '${testName}' test`);
}

/** Ansible's tests on registered results read the result's flags. */
function resultFlag(flag: 'failed' | 'changed' | 'skipped', testName: string): TestFunction {
  return (value) => isTruthy(expectMapping(value, `the '${testName}' test`)[flag]);
}

function regexTest(anchored: boolean, testName: string): TestFunction {
  return (value, args) => {
    const pattern = expectString(arg(args, 0, 'pattern', undefined), `the '${testName}' test pattern`);
    const regex = compileRegex(pattern, { ignorecase: isTruthy(arg(args, 1, 'ignorecase', false)), multiline: isTruthy(arg(args, 2, 'multiline', false)) });
    return regex.first(expectString(value, `the '${testName}' test`), anchored) !== undefined;
  };
}

/** In Ansible's order (its error message lists them so). */
const VERSION_OPERATORS: Readonly<Record<string, (c: number) => boolean>> = {
  '==': (c) => c === 0, '=': (c) => c === 0, eq: (c) => c === 0,
  '<': (c) => c < 0, lt: (c) => c < 0,
  '<=': (c) => c <= 0, le: (c) => c <= 0,
  '>': (c) => c > 0, gt: (c) => c > 0,
  '>=': (c) => c >= 0, ge: (c) => c >= 0,
  '!=': (c) => c !== 0, '<>': (c) => c !== 0, ne: (c) => c !== 0,
};

/** Ansible's version test: value and version as text, `strict` or `version_type` choose the scheme. */
const versionTest: TestFunction = (value, args) => {
  const other = arg(args, 0, 'version', undefined);
  const op = String(arg(args, 1, 'operator', 'eq'));
  const strict = arg(args, 2, 'strict', undefined);
  const versionType = arg(args, 3, 'version_type', undefined);
  if (strict !== undefined && strict !== null && versionType !== undefined && versionType !== null) throw new ExpressionFailure("Cannot specify both 'strict' and 'version_type'");
  if (!isTruthy(value)) throw new ExpressionFailure('Input version value cannot be empty');
  if (!isTruthy(other)) throw new ExpressionFailure('Version parameter to compare against cannot be empty');
  const type = isTruthy(strict) ? 'strict' : versionType === undefined || versionType === null ? 'loose' : String(versionType);
  if (!VERSION_TYPES.includes(type as VersionType)) {
    throw new ExpressionFailure(`Invalid version type (${type}). Must be one of ${VERSION_TYPES.map((t) => `'${t}'`).join(', ')}`);
  }
  const check = Object.hasOwn(VERSION_OPERATORS, op) ? VERSION_OPERATORS[op] : undefined;
  if (!check) throw new ExpressionFailure(`Invalid operator type (${op}). Must be one of ${Object.keys(VERSION_OPERATORS).map((o) => `'${o}'`).join(', ')}`);
  return check(compareVersions(toText(value), toText(other), type as VersionType));
};

const compareWith = (check: (c: number) => boolean, op: string): TestFunction => (value, args) => check(pyCompare(value, arg(args, 0, 'other', undefined), op));

export const TESTS: Readonly<Record<string, TestFunction>> = {
  defined: (value) => value !== undefined,
  undefined: (value) => value === undefined,
  none: (value) => value === null,
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number',
  integer: (value) => typeof value === 'number' && Number.isInteger(value),
  float: (value) => typeof value === 'number' && !Number.isInteger(value),
  boolean: (value) => typeof value === 'boolean',
  mapping: (value) => isMapping(value),
  sequence: (value) => Array.isArray(value) || typeof value === 'string',
  iterable: (value) => Array.isArray(value) || typeof value === 'string' || isMapping(value),
  true: (value) => value === true,
  false: (value) => value === false,
  truthy: (value) => isTruthy(value),
  falsy: (value) => !isTruthy(value),
  equalto: (value, args) => pyEquals(value, arg(args, 0, 'other', undefined)),
  eq: (value, args) => pyEquals(value, arg(args, 0, 'other', undefined)),
  ne: (value, args) => !pyEquals(value, arg(args, 0, 'other', undefined)),
  lt: compareWith((c) => c < 0, '<'),
  le: compareWith((c) => c <= 0, '<='),
  gt: compareWith((c) => c > 0, '>'),
  ge: compareWith((c) => c >= 0, '>='),
  in: (value, args) => pyContains(arg(args, 0, 'seq', undefined), value),
  contains: (value, args) => pyContains(value, arg(args, 0, 'item', undefined)),
  odd: (value) => Math.abs(expectNumber(value, "the 'odd' test") % 2) === 1,
  even: (value) => expectNumber(value, "the 'even' test") % 2 === 0,
  divisibleby: (value, args) => expectNumber(value, "the 'divisibleby' test") % expectNumber(arg(args, 0, 'num', undefined), "'divisibleby'") === 0,
  match: regexTest(true, 'match'),
  search: regexTest(false, 'search'),
  regex: regexTest(false, 'regex'),
  version: versionTest,
  version_compare: versionTest,
  lower: (value) => typeof value === 'string' && value === value.toLowerCase(),
  upper: (value) => typeof value === 'string' && value === value.toUpperCase(),
  sameas: (value, args) => value === arg(args, 0, 'other', undefined),
  callable: () => false, // no value an expression can reach is callable
  any: (value) => iterateAll(value, 'any').some(isTruthy),
  all: (value) => iterateAll(value, 'all').every(isTruthy),
  subset: (value, args) => iterateAll(value, 'subset').every((item) => pyContains(arg(args, 0, 'b', undefined), item)),
  superset: (value, args) => iterateAll(arg(args, 0, 'b', undefined), 'superset').every((item) => pyContains(value, item)),
  abs: (value) => expectString(value, "the 'abs' test").startsWith('/'),
  succeeded: (value) => !resultFlag('failed', 'succeeded')(value, { positional: [], keywords: {} }),
  success: (value) => !resultFlag('failed', 'success')(value, { positional: [], keywords: {} }),
  failed: resultFlag('failed', 'failed'),
  failure: resultFlag('failed', 'failure'),
  changed: resultFlag('changed', 'changed'),
  change: resultFlag('changed', 'change'),
  skipped: resultFlag('skipped', 'skipped'),
  skip: resultFlag('skipped', 'skip'),
};

export function runTest(name: string, value: unknown, args: CallArgs): boolean {
  const test = Object.hasOwn(TESTS, name) ? TESTS[name] : undefined;
  if (!test) throw new ExpressionFailure(`unknown test '${name}'`);
  return test(value, args);
}
