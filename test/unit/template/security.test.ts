import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TsplayError } from '../../../src/errors.js';
import { evaluate, templateValue } from '../../../src/template/index.js';

const scope = { x: 'text', n: 1, d: { a: 1 }, list: [1, 2], json: JSON.parse('{"__proto__": {"polluted": true}}') as object };
const ev = (expression: string) => evaluate(expression, scope, 'evil.yml:1:1');

test('prototype names are rejected, whatever the syntax', () => {
  for (const expression of [
    'x.constructor', 'd.constructor', "d['constructor']", 'd.__proto__', "d['__proto__']", 'constructor', '__proto__',
    'd.prototype', 'x.__class__', '__globals__', "{'__proto__': 1}", 'd.__defineGetter__',
  ]) {
    assert.throws(() => ev(expression), (error: unknown) => {
      assert.ok(error instanceof TsplayError, expression);
      assert.match(error.message, /access to '(constructor|__proto__|prototype|__\w+__)' is not allowed/, expression);
      return true;
    });
  }
});

test('rejects forbidden names even under `is defined` and `default`', () => {
  assert.throws(() => ev('d.constructor is defined'), /access to 'constructor' is not allowed/);
  assert.throws(() => ev("d.__proto__ | default('x')"), /access to '__proto__' is not allowed/);
});

test('nothing on Object.prototype or String.prototype is reachable', () => {
  for (const name of ['hasOwnProperty', 'valueOf', 'toString', 'isPrototypeOf', 'toLocaleString']) {
    assert.throws(() => ev(`d.${name}`), new RegExp(`'d\\.${name}' is undefined`), name);
    assert.throws(() => ev(`x.${name}`), new RegExp(`'x\\.${name}' is undefined`), name);
    assert.equal(ev(`d.${name} is defined`), false, name);
    assert.equal(ev(`{}.${name} is defined`), false, name);
    assert.equal(ev(`'${name}' in d`), false, name);
  }
  assert.equal(ev('x.length is defined'), false, 'string properties are not attributes');
  assert.equal(ev('list.length is defined'), false, 'array properties are not attributes');
  assert.equal(ev('list.map is defined'), false);
});

test('calls other than filters, tests and whitelisted methods are refused', () => {
  assert.throws(() => ev('x.toString()'), /calling 'toString' on str is not allowed/);
  assert.throws(() => ev('d.valueOf()'), /calling 'valueOf' on dict is not allowed/);
  assert.throws(() => ev('list.map(n)'), /calling 'map' on list is not allowed/);
  assert.throws(() => ev("x.constructor.constructor('return process')()"), /calling .* is not allowed|access to 'constructor' is not allowed/);
  assert.throws(() => ev("d.constructor('x')"), /access to 'constructor' is not allowed/);
  assert.throws(() => ev('eval("1")'), /calling 'eval' is not allowed \(functions: range, dict, lookup, query, q\)/);
  assert.throws(() => ev('require("fs")'), /calling 'require' is not allowed/);
  assert.throws(() => ev("lookup('pipe', 'id')"), /lookup plugin 'pipe' is not supported \(supported: env, file, /);
  assert.throws(() => ev("lookup('file', '../../etc/passwd')"), /points outside/);
  assert.throws(() => ev("x['upper']()"), /is not allowed/);
});

test('functions in the scope are treated as undefined and never called', () => {
  let called = false;
  const withFunction = { f: () => { called = true; return 1; }, o: { g: () => { called = true; return 2; } } };
  assert.throws(() => evaluate('f', withFunction, 'w'), /'f' is undefined/);
  assert.throws(() => evaluate('o.g', withFunction, 'w'), /'o.g' is undefined/);
  assert.throws(() => evaluate('o.g()', withFunction, 'w'), /not allowed/);
  assert.equal(called, false);
});

test('templating cannot pollute prototypes', () => {
  const input = JSON.parse('{"__proto__": {"evil": "{{ x }}"}, "plain": "{{ n }}"}') as unknown;
  const out = templateValue(input, scope, 'w') as Record<string, unknown>;
  assert.equal(({} as Record<string, unknown>)['evil'], undefined);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.ok(Object.hasOwn(out, '__proto__'), 'kept as an own key');
  assert.deepEqual(Object.getOwnPropertyDescriptor(out, '__proto__')?.value, { evil: 'text' });
  assert.equal(out['plain'], 1);
  assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);
});

test('errors carry the expression text but not scope values', () => {
  const secretScope = { db_password: 'hunter2-very-secret', other: 1 };
  assert.throws(() => evaluate('db_password + 1', secretScope, 'w'), (error: unknown) => {
    assert.ok(error instanceof TsplayError);
    assert.ok(!error.message.includes('hunter2'), error.message);
    assert.match(error.message, /'db_password \+ 1'/);
    return true;
  });
});
