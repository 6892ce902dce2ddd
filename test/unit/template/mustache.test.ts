import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TsplayError } from '../../../src/errors.js';
import { renderTemplate } from '../../../src/template/index.js';

const scope = {
  vip: '10.250.0.100',
  port: 6443,
  enabled: true,
  nothing: null,
  url: 'https://a/b?x=1&y=2',
  masters: [{ name: 'm1', ip: '10.0.0.1' }, { name: 'm2', ip: '10.0.0.2' }],
  nested: { a: { b: { c: 'deep' } } },
  list: [1, 2],
  dict: { k: 'v' },
};

test('renders names, dotted names and numbers/booleans as text', () => {
  assert.equal(renderTemplate('{{vip}}:{{port}} {{enabled}} {{nested.a.b.c}}', scope, 't'), '10.250.0.100:6443 true deep');
});

test('no HTML escaping with {{x}} or {{{x}}} or {{&x}}', () => {
  assert.equal(renderTemplate('{{url}}|{{{url}}}|{{&url}}', scope, 't'), `${scope.url}|${scope.url}|${scope.url}`);
  assert.equal(renderTemplate('<{{vip}}>/"\'', scope, 't'), '<10.250.0.100>/"\'');
});

test('null renders as the empty string; lists and dicts as JSON', () => {
  assert.equal(renderTemplate('[{{nothing}}] {{list}} {{dict}}', scope, 't'), '[] [1,2] {"k":"v"}');
});

test('a missing name throws with the template name, line:col and the variable', () => {
  const text = 'global\n  defaults\n    bind {{ vip }}:{{ missing_port }}\n';
  assert.throws(() => renderTemplate(text, scope, 'roles/lb/templates/haproxy.cfg.mustache'), (error: unknown) => {
    assert.ok(error instanceof TsplayError);
    assert.equal(error.message, "roles/lb/templates/haproxy.cfg.mustache:3:20: 'missing_port' is undefined");
    return true;
  });
});

test('a missing dotted part is an error too (not an empty string)', () => {
  assert.throws(() => renderTemplate('{{nested.a.x}}', scope, 'f'), /f:1:1: 'nested\.a\.x' is undefined/);
});

test('sections iterate lists with {{.}} and item fields, and see outer names', () => {
  const text = '{{#masters}}server {{name}} {{ip}}:{{port}}\n{{/masters}}';
  assert.equal(renderTemplate(text, scope, 't'), 'server m1 10.0.0.1:6443\nserver m2 10.0.0.2:6443\n');
  assert.equal(renderTemplate('{{#list}}<{{.}}>{{/list}}', scope, 't'), '<1><2>');
});

test('sections are lenient: a missing name is false, inverted sections render', () => {
  assert.equal(renderTemplate('a{{#optional}}X{{missing}}{{/optional}}b{{^optional}}none{{/optional}}', scope, 't'), 'abnone');
  assert.equal(renderTemplate('{{#nothing}}X{{/nothing}}{{^nothing}}empty{{/nothing}}', scope, 't'), 'empty');
});

test('prototype members are not reachable from templates', () => {
  assert.throws(() => renderTemplate('{{constructor}}', scope, 't'), /'constructor' is undefined/);
  assert.throws(() => renderTemplate('{{dict.toString}}', scope, 't'), /'dict.toString' is undefined/);
  assert.throws(() => renderTemplate('{{dict.__proto__}}', scope, 't'), /is undefined/);
  assert.equal(renderTemplate('{{#hasOwnProperty}}X{{/hasOwnProperty}}', scope, 't'), '');
});

test('functions in the scope are never called', () => {
  let called = false;
  const withFunction = { f: () => { called = true; return 'x'; } };
  assert.throws(() => renderTemplate('{{f}}', withFunction, 't'), /'f' is undefined/);
  assert.equal(renderTemplate('{{#f}}X{{/f}}', withFunction, 't'), '');
  assert.equal(called, false);
});

test('getters and proxies work as scopes (own-property reads)', () => {
  const lazy = Object.defineProperty({}, 'computed', { get: () => 'lazy', enumerable: true });
  assert.equal(renderTemplate('{{computed}}', lazy, 't'), 'lazy');
  const proxy = new Proxy({ a: 1 }, { get: (target, key) => (key === 'a' ? 42 : Reflect.get(target, key)) });
  assert.equal(renderTemplate('{{a}}', proxy, 't'), '42');
});

test('syntax errors are TsplayErrors with a position', () => {
  assert.throws(() => renderTemplate('x\n{{#open}}never closed', scope, 'bad.mustache'), (error: unknown) => {
    assert.ok(error instanceof TsplayError);
    assert.match(error.message, /^bad\.mustache:2:\d+: template syntax error: Unclosed section "open"/);
    return true;
  });
  assert.throws(() => renderTemplate('{{> partial}}', scope, 'p'), /partials .* are not supported/);
});

test('the same template text renders against different scopes (cache does not leak values)', () => {
  assert.equal(renderTemplate('{{vip}}', { vip: 'a' }, 't'), 'a');
  assert.equal(renderTemplate('{{vip}}', { vip: 'b' }, 't'), 'b');
});

test('numeric parts of dotted names index lists', () => {
  assert.equal(renderTemplate('{{masters.1.name}} {{list.0}}', scope, 't'), 'm2 1');
});
