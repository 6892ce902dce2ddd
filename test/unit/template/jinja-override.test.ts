// A `#jinja2:` first line sets the template's whitespace options and is not written, as Ansible's
// Templar does (evrardjp.keepalived's keepalived.conf.j2 starts `#jinja2: lstrip_blocks: True`);
// an option tsplay cannot honour is an error, never written out or ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJinja, splitOverrides } from '../../../src/template/jinja/render.js';

const render = (text: string, scope: object = {}) => renderJinja({ text, name: 'x.j2' }, scope);

test('lstrip_blocks from the header strips block indentation but not expressions; the header line goes', () => {
  const text = '#jinja2: lstrip_blocks: True\nbegin\n  {% if on %}\n  {{ v }}\n  {% endif %}\nend\n';
  assert.equal(render(text, { on: true, v: 'x' }), 'begin\n  x\nend\n');
  // Without the header the block lines keep their indentation (Ansible's default lstrip_blocks off).
  assert.equal(render(text.slice(text.indexOf('\n') + 1), { on: true, v: 'x' }), 'begin\n    x\n  end\n');
  assert.equal(render('#jinja2:trim_blocks: False\n{% if true %}\na\n{% endif %}\n'), '\na\n', 'Jinja2 2.x, trim_blocks off');
});

test('unknown options and non-literal values fail with the template name', () => {
  assert.throws(() => splitOverrides('#jinja2: variable_start_string: "[["\n', 't.j2'), /t\.j2:1: the jinja2 override 'variable_start_string' is not supported/);
  assert.throws(() => splitOverrides('#jinja2: lstrip_blocks: yes\n', 't.j2'), /must be True or False, got 'yes'/);
  assert.throws(() => splitOverrides('#jinja2: lstrip_blocks=True\n', 't.j2'), /failed to parse jinja2 override/);
  assert.deepEqual(splitOverrides('#jinja2: keep_trailing_newline: True, newline_sequence: "\\n"\nbody', 't.j2'), { text: 'body', overrides: {} });
});
