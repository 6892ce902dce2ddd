import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TsplayError } from '../../../src/errors.js';
import { templateValue } from '../../../src/template/index.js';

const scope = {
  groups: { masters: ['m1', 'm2'] },
  hostvars: { m1: { join_command: 'kubeadm join 10.0.0.1:6443 --token x' } },
  port: 6443, vip: '10.250.0.100', enabled: false, nothing: null, conf: { a: 1 },
  masters: [{ name: 'm1' }, { name: 'm2' }],
};
const tv = (value: unknown) => templateValue(value, scope, 'site.yml:12:5');

test('a single tag keeps the native type of its expression', () => {
  assert.deepEqual(tv('{{ groups.masters }}'), ['m1', 'm2']);
  assert.equal(tv('{{ port }}'), 6443);
  assert.equal(tv('{{port}}'), 6443);
  assert.equal(tv('{{ enabled }}'), false);
  assert.equal(tv('{{ nothing }}'), null);
  assert.deepEqual(tv('{{ conf }}'), { a: 1 });
  assert.equal(tv('{{ hostvars[groups.masters[0]].join_command }}'), 'kubeadm join 10.0.0.1:6443 --token x');
  assert.equal(tv('{{ port + 1 }}'), 6444);
  assert.deepEqual(tv("{{ {'a': {'b': port}} }}"), { a: { b: 6443 } }, "a dict literal's }} does not end the tag early");
  assert.equal(tv("{{ groups.masters | length > 1 }}"), true);
});

test('mixed strings are text; each tag may be an expression', () => {
  assert.equal(tv('http://{{ vip }}:{{ port }}/x'), 'http://10.250.0.100:6443/x');
  assert.equal(tv("{{ vip }}-{{ missing | default('d') }}"), '10.250.0.100-d');
  assert.equal(tv('list={{ groups.masters }} none=[{{ nothing }}] {{ enabled }}'), 'list=["m1","m2"] none=[] false');
  assert.equal(tv(' {{ port }}'), ' 6443', 'anything around the tag makes it text');
});

test('strings with mustache sections go through mustache', () => {
  assert.equal(tv('{{#masters}}{{name}},{{/masters}}'), 'm1,m2,');
  assert.equal(tv('x{{^missing}}none{{/missing}}'), 'xnone');
});

test('strings without {{ are returned untouched (same value)', () => {
  const text = 'plain {not a tag} }}';
  assert.equal(tv(text), text);
  assert.equal(tv(42), 42);
  assert.equal(tv(null), null);
  assert.equal(tv(true), true);
});

test('lists and dicts are templated deeply; keys are not templated', () => {
  const input = { name: 'port {{ port }}', '{{ key }}': 1, list: ['{{ port }}', ['{{ vip }}'], { deep: '{{ groups.masters | first }}' }] };
  assert.deepEqual(tv(input), { name: 'port 6443', '{{ key }}': 1, list: [6443, ['10.250.0.100'], { deep: 'm1' }] });
  assert.deepEqual(input.list[0], '{{ port }}', 'the input is not modified');
});

test('errors name the where and the expression', () => {
  assert.throws(() => tv({ a: ['ok', 'x {{ nope }}'] }), (error: unknown) => {
    assert.ok(error instanceof TsplayError);
    assert.equal(error.message, "site.yml:12:5: 'nope': 'nope' is undefined");
    return true;
  });
  assert.throws(() => tv('{{#masters}}{{nope}}{{/masters}}'), /site\.yml:12:5: template 1:13: 'nope' is undefined$/);
});
