// Jinja/Ansible tests, used after `is`: `x is defined`, `v is version('1.31', '>=')`.
// A test receives its input even when it is undefined (that is what `is defined` is for).
import { arg, type CallArgs, type TestFunction } from './call-args.js';
import { compileRegex } from './regex.js';
import { compareVersions } from './versions.js';
import { ExpressionFailure, expectMapping, expectNumber, expectString, isMapping, isTruthy, pyCompare, pyContains, pyEquals, typeName } from './python-values.js';

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

const VERSION_OPERATORS: Readonly<Record<string, (c: number) => boolean>> = {
  '<': (c) => c < 0, lt: (c) => c < 0,
  '<=': (c) => c <= 0, le: (c) => c <= 0,
  '>': (c) => c > 0, gt: (c) => c > 0,
  '>=': (c) => c >= 0, ge: (c) => c >= 0,
  '==': (c) => c === 0, '=': (c) => c === 0, eq: (c) => c === 0,
  '!=': (c) => c !== 0, '<>': (c) => c !== 0, ne: (c) => c !== 0,
};

const versionTest: TestFunction = (value, args) => {
  const other = arg(args, 0, 'version', undefined);
  const op = String(arg(args, 1, 'operator', 'eq'));
  const check = VERSION_OPERATORS[op];
  if (!check) throw new ExpressionFailure(`the 'version' test has no operator '${op}' (use one of ${Object.keys(VERSION_OPERATORS).join(' ')})`);
  if ((typeof value !== 'string' && typeof value !== 'number') || (typeof other !== 'string' && typeof other !== 'number')) {
    throw new ExpressionFailure(`the 'version' test compares strings, got ${typeName(value)} and ${typeName(other)}`);
  }
  return check(compareVersions(String(value), String(other)));
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
