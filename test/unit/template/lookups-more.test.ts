// lookup('vars'), lookup('template'), query('inventory_hostnames'), lookup('first_found') and
// lookup('fileglob') compared with ansible-playbook 2.14.18: the expected values are what it printed
// for the same files and variables (playbook in the comment of each test), in both dialects.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import '../../../src/plan/patterns.js'; // registers the host-pattern grammar, as a run does
import { evaluate, renderTemplate } from '../../../src/template/index.js';
import { markAuthorLayers } from '../../../src/template/lazy-vars.js';

const dir = mkdtempSync(join(tmpdir(), 'tsplay-lookups-'));
after(() => rmSync(dir, { recursive: true, force: true }));
for (const sub of ['templates', 'files', 'roles/r1/templates', 'roles/r1/files']) mkdirSync(join(dir, sub), { recursive: true });
writeFileSync(join(dir, 'templates/greet.j2'), 'Hello {{ who }}{% if extra is defined %} {{ extra }}{% endif %}\nmanaged={{ ansible_managed }}\n');
writeFileSync(join(dir, 'templates/managed.j2'), '{{ ansible_managed }}|{{ template_path | basename }}\n');
writeFileSync(join(dir, 'templates/nested.j2'), "[{{ lookup('template', 'managed.j2') | trim }}]\n");
writeFileSync(join(dir, 'files/a.txt'), 'one\n');
writeFileSync(join(dir, 'files/b.txt'), 'two\n');
writeFileSync(join(dir, 'files/.h.txt'), 'hidden\n');
writeFileSync(join(dir, 'files/app.conf'), 'conf\n');
writeFileSync(join(dir, 'roles/r1/files/r.txt'), 'rolefile\n');
writeFileSync(join(dir, 'roles/r1/templates/rt.j2'), 'role {{ who }}\n');

const playVars = { who: 'world', greeting: 'hi {{ who }}', dyn: "{% if who == 'world' %}W{% else %}X{% endif %}" };
const groups = { all: ['w1', 'w2', 'd1'], ungrouped: [], web: ['w1', 'w2'], db: ['d1'] };

function scope(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const registered = { out: { stdout: "{{ lookup('env', 'HOME') }}" } }; // target data: never templated
  const all = { ...playVars, ...registered, groups, inventory_hostname: 'w1', playbook_dir: dir, ...extra };
  return markAuthorLayers(all, [playVars]);
}

/** The value in both dialects: the expression language, and a Jinja template (as text). */
function both(expression: string, extra: Record<string, unknown> = {}): { value: unknown; text: string } {
  return { value: evaluate(expression, scope(extra), 't.yml:1:1'), text: renderTemplate(`{{ ${expression} }}`, scope(extra), 't.j2') };
}

test("lookup('vars'): author templates resolved, default, several names, Ansible's error", () => {
  // ansible-playbook: "hi world", "W", "dflt", "world,hi world", ["world", "hi world"]
  assert.deepEqual(both("lookup('vars', 'greeting')"), { value: 'hi world', text: 'hi world' });
  assert.deepEqual(both("lookup('vars', 'dyn')"), { value: 'W', text: 'W' });
  assert.deepEqual(both("lookup('vars', 'nothere', default='dflt')"), { value: 'dflt', text: 'dflt' });
  assert.deepEqual(both("lookup('vars', 'who', 'greeting')"), { value: 'world,hi world', text: 'world,hi world' });
  assert.deepEqual(both("query('vars', 'who', 'greeting')").value, ['world', 'hi world']);
  assert.deepEqual(both("lookup('vars', 'gr' ~ 'eeting')").value, 'hi world');
  // Ansible: "No variable found with this name: nothere"
  assert.throws(() => evaluate("lookup('vars', 'nothere')", scope(), 't.yml:1:1'), /No variable found with this name: nothere/);
  assert.throws(() => renderTemplate("{{ lookup('vars', 'nothere') }}", scope(), 't.j2'), /t\.j2:1:\d+: No variable found with this name: nothere/);
});

test("lookup('vars') never templates target data", () => {
  assert.equal(evaluate("lookup('vars', 'out').stdout", scope(), 't.yml:1:1'), "{{ lookup('env', 'HOME') }}");
  assert.equal(renderTemplate("{{ lookup('vars', 'out').stdout }}", scope(), 't.j2'), "{{ lookup('env', 'HOME') }}");
});

test("lookup('template'): Jinja with the current variables, template_vars, ansible_managed", () => {
  // ansible-playbook: "Hello worldmanaged=Ansible managed\n", "Hello world Emanaged=Ansible managed\n", "Ansible managed|managed.j2\n"
  assert.deepEqual(both("lookup('template', 'greet.j2')"), { value: 'Hello worldmanaged=Ansible managed\n', text: 'Hello worldmanaged=Ansible managed\n' });
  assert.equal(both("lookup('template', 'greet.j2', template_vars={'extra': 'E'})").value, 'Hello world Emanaged=Ansible managed\n');
  assert.equal(both("lookup('template', 'managed.j2')").text, 'Ansible managed|managed.j2\n');
  // A template that looks up another renders in a nested engine (the binding refuses re-entry).
  assert.equal(renderTemplate("{{ lookup('template', 'nested.j2') }}", scope(), 't.j2'), '[Ansible managed|managed.j2]\n');
});

test("lookup('template') and first_found/fileglob look in the role first", () => {
  // ansible-playbook, task in role r1: "role world\n|r1|r.txt|r.txt"
  const role = { role_path: join(dir, 'roles/r1') };
  assert.equal(
    renderTemplate("{{ lookup('template', 'rt.j2') }}|{{ role_path | basename }}|{{ lookup('first_found', ['nope.txt', 'r.txt']) | basename }}|{{ lookup('fileglob', '*.txt') | basename }}", scope(role), 't.j2'),
    'role world\n|r1|r.txt|r.txt');
});

test("query('inventory_hostnames'): host patterns over groups", () => {
  // ansible-playbook: ["w1", "w2", "d1"], ["w2"], "w1,w2", [], ["w1", "w2"]
  assert.deepEqual(both("query('inventory_hostnames', 'all')").value, ['w1', 'w2', 'd1']);
  assert.deepEqual(both("query('inventory_hostnames', 'web:!w1')").value, ['w2']);
  assert.deepEqual(both("lookup('inventory_hostnames', 'web')"), { value: 'w1,w2', text: 'w1,w2' });
  assert.deepEqual(both("query('inventory_hostnames', 'nomatch')").value, []);
  assert.deepEqual(both("query('inventory_hostnames', 'w*')").value, ['w1', 'w2']);
  assert.deepEqual(both("query('inventory_hostnames', 'web:&w2')").value, ['w2']);
});

test("lookup('first_found') and lookup('fileglob') as Ansible's lookups", () => {
  // ansible-playbook: "files/b.txt" (relative to the playbook dir), "" with errors='ignore', [] with skip=True
  assert.equal(both("lookup('first_found', ['missing.txt', 'b.txt', 'a.txt'])").value, join(dir, 'files/b.txt'));
  assert.equal(both("lookup('first_found', 'missing.txt', errors='ignore')").text, '');
  assert.deepEqual(both("query('first_found', ['missing.txt'], skip=True)").value, []);
  // A lookup (not query) that found nothing is [] too: Ansible joins only a non-empty result.
  assert.deepEqual(both("lookup('first_found', ['missing.txt'], skip=True)").value, []);
  assert.deepEqual(both("lookup('fileglob', 'nothing-here-*.txt')").value, []);
  assert.throws(() => evaluate("lookup('first_found', 'missing.txt')", scope(), 't.yml:1:1'), /No file was found when using first_found/);
  // ansible-playbook: ["files/b.txt", "files/a.txt"] (directory order; tsplay sorts by name), "files/app.conf", []
  assert.deepEqual(both("query('fileglob', '*.txt')").value, [join(dir, 'files/a.txt'), join(dir, 'files/b.txt')]);
  assert.equal(both("lookup('fileglob', 'files/*.conf')").text, join(dir, 'files/app.conf'));
  assert.deepEqual(both("query('fileglob', '*.none')").value, []);
});
