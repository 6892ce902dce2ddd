import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, renderTemplate, templateValue } from '../../../src/template/index.js';
import { authorScope } from '../../../src/template/lazy-vars.js';

const written = {
  vip: '10.0.0.5',
  port: 8443,
  endpoint: '{{ vip }}:{{ port }}',
  url: 'https://{{ endpoint }}/readyz',
  port_copy: '{{ port }}',
  settings: { endpoint: '{{ endpoint }}', plain: 'x' },
  masters: ['{{ vip }}', 'b'],
  self_ref: '{{ self_ref }}',
  broken: '{{ nope }}',
};
/** The variables as the author wrote them (a task scope marks its author layers the same way). */
const scope = authorScope(written) as typeof written;

test('a variable whose value is a template resolves when read, recursively', () => {
  assert.equal(evaluate('url', scope, 't'), 'https://10.0.0.5:8443/readyz');
  assert.equal(templateValue('{{ endpoint }}', scope, 't'), '10.0.0.5:8443');
  assert.equal(templateValue('api={{ url }}', scope, 't'), 'api=https://10.0.0.5:8443/readyz');
});

test('a single-tag variable keeps its type through the indirection', () => {
  assert.equal(evaluate('port_copy', scope, 't'), 8443);
});

test('attributes and whole containers are resolved too', () => {
  assert.equal(evaluate('settings.endpoint', scope, 't'), '10.0.0.5:8443');
  assert.deepEqual(templateValue('{{ settings }}', scope, 't'), { endpoint: '10.0.0.5:8443', plain: 'x' });
  assert.deepEqual(templateValue('{{ masters }}', scope, 't'), ['10.0.0.5', 'b']);
  // The scope itself is not modified.
  assert.equal(scope.settings.endpoint, '{{ endpoint }}');
});

test('mustache lookups resolve nested templates against the whole scope', () => {
  assert.equal(renderTemplate('server {{endpoint}}\n{{#settings}}e={{endpoint}}{{/settings}}', scope, 'x.mustache'), 'server 10.0.0.5:8443\ne=10.0.0.5:8443');
});

test('a variable that refers to itself is an error, not a hang', () => {
  assert.throws(() => evaluate('self_ref', scope, 'site.yml:3:5'), /site\.yml:3:5.*recursive loop/);
});

test('an undefined name inside a variable value is reported with the outer location', () => {
  assert.throws(() => templateValue('{{ broken }}', scope, 'site.yml:9:7'), /site\.yml:9:7.*'nope' is undefined/);
  assert.throws(() => renderTemplate('a {{broken}}', scope, 'cfg.mustache'), /cfg\.mustache:1:3.*'nope' is undefined/);
});

test('a scope that does not say which layers the author wrote templates nothing again', () => {
  // Data by default: a forgotten mark can lose laziness, never turn data into code.
  assert.equal(evaluate('endpoint', written, 't'), '{{ vip }}:{{ port }}');
  assert.equal(renderTemplate('{{endpoint}}', written, 'x.mustache'), '{{ vip }}:{{ port }}');
});

test('a value that replaced an author value under the same name is data', () => {
  const replaced = { ...scope, endpoint: '{{ port }}' };
  assert.equal(evaluate('endpoint', replaced, 't'), '{{ port }}');
  assert.equal(evaluate('url', replaced, 't'), 'https://{{ port }}/readyz');
});
