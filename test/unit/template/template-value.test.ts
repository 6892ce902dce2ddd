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

// Ansible 2.14 (jinja2_native off) is the reference: template results are text, read back as a
// Python literal when they look like a list, a dict or a boolean; `{{ name }}` keeps a variable's
// number, boolean or none (Templar's SINGLE_VAR). Each figure here is ansible-playbook -c local's.
test('a single tag: lists, dicts and booleans keep their type, other results are text', () => {
  assert.deepEqual(tv('{{ groups.masters }}'), ['m1', 'm2']);
  assert.equal(tv('{{ port }}'), 6443, 'a variable holding a number keeps it (SINGLE_VAR)');
  assert.equal(tv('{{port}}'), 6443);
  assert.equal(tv('{{ enabled }}'), false);
  assert.equal(tv('{{ nothing }}'), null, 'a variable holding none gives none');
  assert.deepEqual(tv('{{ conf }}'), { a: 1 });
  assert.equal(tv('{{ hostvars[groups.masters[0]].join_command }}'), 'kubeadm join 10.0.0.1:6443 --token x');
  assert.equal(tv('{{ port + 1 }}'), '6444', 'an expression giving a number gives its text');
  assert.equal(tv('{{ conf.a }}'), '1', 'an attribute is no variable name: text');
  assert.equal(tv('{{ nothing | default(none) }}'), '', 'an expression giving none gives the empty string');
  assert.equal(tv('{{ 7 / 2 }}'), '3.5');
  assert.deepEqual(tv("{{ {'a': {'b': port}} }}"), { a: { b: 6443 } }, "a dict literal's }} does not end the tag early");
  assert.equal(tv("{{ groups.masters | length > 1 }}"), true);
});

test('a text result that spells a list, a dict or a boolean becomes one (literal_eval)', () => {
  assert.deepEqual(tv("{{ '[1, 2]' }}"), [1, 2]);
  assert.deepEqual(tv('[{{ port }}, "{{ vip }}"]'), [6443, '10.250.0.100'], 'mixed text too');
  assert.deepEqual(tv('{"a": {{ enabled | lower }}, "b": null}'), { a: false, b: null }, "JSON's true/false/null are read");
  assert.equal(tv("{{ 'True' }}"), true);
  assert.equal(tv("{{ 'true' }}"), 'true', "only Python's spelling of a boolean");
  assert.equal(tv("{{ '[not, a literal' }}"), '[not, a literal');
  assert.equal(tv("{{ '[x]' }}"), '[x]', 'a name is no literal');
  assert.equal(tv('{{ conf | to_json }}'), '{"a": 1}', 'to_json, to_yaml, string... keep their text');
  assert.equal(tv('{{ groups.masters | string }}'), "['m1', 'm2']");
  assert.deepEqual(tv('{{ conf | to_json | trim }}'), { a: 1 }, 'only when that filter comes last');
});

test('mixed strings are text; each tag is written as Python writes it', () => {
  assert.equal(tv('http://{{ vip }}:{{ port }}/x'), 'http://10.250.0.100:6443/x');
  assert.equal(tv("{{ vip }}-{{ missing | default('d') }}"), '10.250.0.100-d');
  assert.equal(tv('list={{ groups.masters }} none=[{{ nothing }}] {{ enabled }} {{ conf }}'), "list=['m1', 'm2'] none=[] False {'a': 1}");
  assert.equal(tv(' {{ port }}'), ' 6443', 'anything around the tag makes it text');
  assert.equal(tv("{{ none ~ 'x' }} {{ [true] | join(',') }}"), 'Nonex True', '~ and join write str(): None, True');
});

test('a Jinja statement string is read back the same way', () => {
  assert.deepEqual(tv('{% if enabled %}[1]{% else %}[2]{% endif %}'), [2]);
  assert.equal(tv('{% if port %}{{ port }}{% endif %}'), '6443');
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
  assert.deepEqual(tv(['{{ port * 2 }}']), ['12886']);
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

test("backslashes in a tag's string literals reach the filter as written (Ansible's _escape_backslashes)", () => {
  // YAML "{{ x | regex_replace('^(.*)$', '\\\\1') }}" is the text below; ansible-playbook 2.14 writes a literal \1.
  assert.equal(tv(String.raw`{{ vip | regex_replace('^(.*)$', 'h-\\1') }}`), String.raw`h-\1`);
  assert.equal(tv(String.raw`{{ vip | regex_replace('^(.*)$', 'h-\1') }}`), 'h-10.250.0.100');
  assert.equal(tv(String.raw`x {{ 'a\\b' }} {{ 'a\nb' }}`), String.raw`x a\\b a\nb`);
});

test("a whole-number float is written as Python writes it (3.0) when the tag's expression makes a float", () => {
  // Each figure is ansible-playbook 2.14's.
  assert.equal(tv("{{ 3 | round }}|{{ 3.0 | round }}|{{ 7 / 7 }}|{{ 2 * 1.5 }}|{{ (7 / 7) | int }}|{{ -2.0 }}|{{ 3 | round(method='ceil') }}|{{ -4.0 | abs }}|{{ 1e16 / 1 }}|{{ 4 // 2.0 }}"),
    '3|3.0|1.0|3.0|1|-2.0|3.0|4.0|1e+16|2.0');
  assert.equal(tv('{{ 4 / 2 }}'), '2.0');
  assert.equal(tv('{{ 2 | pow(2) }}'), '4.0');
  assert.equal(tv('{{ port / 1 }}'), '6443.0');
  assert.equal(tv('{{ 1 / 4 }}'), '0.25');
});
