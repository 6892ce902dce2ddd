// The Jinja dialect's guarantees beyond Ansible's output (jinja-ansible.test.ts covers that):
// data from targets is never templated again, errors are located, nothing reaches JS internals,
// runaway templates stop, and a crashed engine is replaced.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TsplayError } from '../../../src/errors.js';
import { renderTemplate, templateValue } from '../../../src/template/index.js';
import { jinjaEngine } from '../../../src/template/jinja/engine.js';
import { markAuthorLayers } from '../../../src/template/lazy-vars.js';

const HOSTILE = "{{ lookup('env', 'HOME') }} {% for x in range(99999999) %}{{ x }}{% endfor %} {{ undefined_name }}";
const author = { ver: '1.31', image: 'kube:v{{ ver }}', broken: '{{ nowhere }}', settings: { image: 'stable-{{ ver }}' } };

function scopeWithTargetData(): Record<string, unknown> {
  const registered = { stdout: HOSTILE, stdout_lines: [HOSTILE], changed: true };
  const facts = { motd: HOSTILE };
  const otherHost = markAuthorLayers({ printed: HOSTILE, ansible_host: '10.0.0.2' }, [{ ansible_host: '10.0.0.2' }]);
  return markAuthorLayers({ ...author, r: registered, ansible_facts: facts, printed: HOSTILE, hostvars: { h2: otherHost } }, [author]);
}

function throwsLocated(render: () => unknown, message: string | RegExp): void {
  assert.throws(render, (error: unknown) => {
    assert.ok(error instanceof TsplayError, String(error));
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

test('a value a target printed is written as text by a .j2 template and by a {% %} string, never templated', () => {
  const scope = scopeWithTargetData();
  const started = process.hrtime.bigint();
  const file = renderTemplate('{{ r.stdout }}\n{% for l in r.stdout_lines %}{{ l }}\n{% endfor %}{{ ansible_facts.motd }}\n{{ printed }}\n{{ hostvars.h2.printed }}\n', scope, 'out.conf.j2');
  assert.equal(file, `${HOSTILE}\n${HOSTILE}\n${HOSTILE}\n${HOSTILE}\n${HOSTILE}\n`);
  const inline = templateValue('{% if true %}{{ r.stdout }}|{{ hostvars["h2"].printed }}{% endif %}', scope, 'play.yml:3:5');
  assert.equal(inline, `${HOSTILE}|${HOSTILE}`);
  assert.ok(!file.includes(process.env.HOME!) && !String(inline).includes(process.env.HOME!));
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 2000, 'no loop ran');
});

test('variables the author wrote are templates, resolved when the template reads them (dicts too)', () => {
  const scope = scopeWithTargetData();
  assert.equal(renderTemplate('{{ image }} {{ settings.image }} {{ hostvars.h2.ansible_host }}\n', scope, 'a.j2'), 'kube:v1.31 stable-1.31 10.0.0.2\n');
  assert.equal(templateValue('{% if ver %}{{ settings | to_nice_yaml }}{% endif %}', scope, 'play.yml:1:1'), 'image: stable-1.31\n');
});

test('an undefined name is an error at file:line:col naming it; an author value that cannot resolve says why', () => {
  const scope = scopeWithTargetData();
  throwsLocated(() => renderTemplate('a\nb {{ missing }}\n', scope, 'roles/x/templates/a.conf.j2'), "roles/x/templates/a.conf.j2:2:6: 'missing' is undefined");
  throwsLocated(() => renderTemplate('a\n  {{- r.nothing_here }}\n', scope, 'a.j2'), "a.j2:2:7: 'r.nothing_here' is undefined");
  throwsLocated(() => renderTemplate('{{ broken }}', scope, 'a.j2'), /^a\.j2:1:4: 'broken' is undefined \(its value could not be resolved: .*'nowhere' is undefined\)$/);
  throwsLocated(() => renderTemplate('{% for x in missing %}{% endfor %}', scope, 'a.j2'), /^a\.j2:1:13: 'missing' is undefined$/);
});

test('a statement that cannot be parsed is a located error, never output', () => {
  const scope = scopeWithTargetData();
  throwsLocated(() => renderTemplate('line 1\n{% if %}\n', scope, 'a.j2'), /^a\.j2:2:7: syntax error: /);
  throwsLocated(() => renderTemplate('{% for x in [1] %}\n{% endif %}\n', scope, 'a.j2'), /^a\.j2:2:4: syntax error: /);
  throwsLocated(() => templateValue('x {% iff y %}', scope, 'play.yml:4:9'), /^play\.yml:4:9: template 1:6: syntax error: /);
  throwsLocated(() => renderTemplate('{{ [1] | nosuchfilter }}', scope, 'a.j2'), /^a\.j2:1:10: unknown filter/);
});

test("a failing tsplay filter stops the render at its place with the filter's message", () => {
  const scope = scopeWithTargetData();
  throwsLocated(() => renderTemplate('ok\n  {{ "x" | regex_replace("(", "") }}\n', scope, 'a.j2'), /^a\.j2:2:12: invalid regular expression: Unterminated group/);
  throwsLocated(() => renderTemplate("{{ lookup('pipe', 'id') }}", scope, 'a.j2'), /lookup plugin 'pipe' is not supported/);
  // The engine is still usable afterwards.
  assert.equal(renderTemplate('{{ ver }}', scope, 'a.j2'), '1.31');
});

test('nothing reaches JS internals: attributes, methods and context values stay data', () => {
  const scope = { ...scopeWithTargetData(), fn: () => 'called', obj: new (class Secret { key = 'k'; })() };
  for (const expression of ['"".__class__', 'ver.constructor', 'settings.constructor', 'settings.__proto__', 'ver.length', 'fn', 'obj.key']) {
    throwsLocated(() => renderTemplate(`{{ ${expression} }}`, scope, 'a.j2'), /is undefined|unknown method|not allowed/);
  }
  throwsLocated(() => renderTemplate('{{ ver.toString() }}', scope, 'a.j2'), /unknown method/);
  throwsLocated(() => renderTemplate('{{ fn() }}', scope, 'a.j2'), /undefined|cannot call|unknown function/);
});

test('a runaway template is stopped by its step budget', () => {
  const started = process.hrtime.bigint();
  throwsLocated(() => renderTemplate('{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}', {}, 'a.j2'), /^a\.j2:1:1: the template takes too many steps/);
  throwsLocated(() => renderTemplate('{% for x in range(99999999) %}{% endfor %}', {}, 'a.j2'), /range has too many elements/);
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 5000);
});

test('after the engine crashes (a Rust panic) the error is located and the next render works', () => {
  // Our own functions never throw into the engine; a filter registered here does, which panics.
  jinjaEngine().addFilter('explode', () => {
    throw new Error('boom');
  });
  throwsLocated(() => renderTemplate('{{ 1 | explode }}', {}, 'crash.j2'), /^crash\.j2:1:1: the Jinja engine failed on this template \(internal error: .*\); it was restarted$/);
  assert.equal(renderTemplate('{% for x in [1, 2] %}{{ x }}{% endfor %}', {}, 'after.j2'), '12');
  throwsLocated(() => renderTemplate('{{ 1 | explode }}', {}, 'crash.j2'), /unknown filter/);
});

test('.mustache files stay mustache; other names are mustache unless they hold a Jinja statement', () => {
  const scope = { name: 'x', flag: true };
  assert.equal(renderTemplate('{{#flag}}{{name}}{{/flag}}', scope, 'a.conf.mustache'), 'x');
  assert.equal(renderTemplate('{{name}}', scope, 'a.conf'), 'x');
  assert.equal(renderTemplate('{% if flag %}{{ name }}{% endif %}', scope, 'a.conf'), 'x');
  assert.equal(renderTemplate('{% if flag %}{{ flag }}{% endif %}', scope, 'a.conf.j2'), 'True');
});
