import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IncludeRole, Role, RoleUse, Vars } from '../../../src/model.js';
import { handler, inventory, play, playbook, results, role, runTest, task } from './helpers.js';

const loc = { file: '/pb/site.yml', line: 1, col: 1 };
const inv = inventory({ h1: {}, h2: {} });

function includeRole(r: Role, extra: Partial<IncludeRole> = {}): IncludeRole {
  return { kind: 'include_role', roleName: r.ref.name, loaded: r, loc, when: [], tags: [], vars: {}, ...extra };
}
function use(r: Role, params: Vars = {}): RoleUse {
  return { role: r, params, when: [], tags: [], loc };
}
const msgs = (events: Parameters<typeof results>[0], title: string) => results(events, title).map((e) => e.result['msg']);

test('import_role: defaults (lowest), vars (over play vars) and params reach its tasks, and stay play-wide', async () => {
  const r = role('web', {
    defaults: { port: 80, fromDefault: 'd', shadowed: 'default' },
    vars: { fromVars: 'v', shadowed: 'rolevars' },
    tasks: [task('debug', { msg: '{{ port }} {{ fromDefault }} {{ fromVars }} {{ shadowed }} {{ role_name }}' }, { name: 'inside', role: { name: 'web', dir: '/roles/web' } })],
  });
  const pb = playbook(play({
    hosts: 'h1',
    vars: { shadowed: 'play' },
    tasks: [includeRole(r, { imported: true, vars: { port: 8080 } }), task('debug', { msg: '{{ fromDefault }}' }, { name: 'after' })],
  }));
  const { events } = await runTest(pb, inv);
  assert.deepEqual(msgs(events, 'web : inside'), ['8080 d v rolevars web']);
  // import_role is public: its defaults are visible to the play's later tasks.
  assert.deepEqual(msgs(events, 'after'), ['d']);
  // Imported: no include line.
  assert.equal(events.some((e) => e.type === 'included'), false);
});

test('include_role: its defaults and vars apply inside the role but are private to it', async () => {
  const r = role('db', { defaults: { engine: 'pg' }, vars: { size: 'big' }, tasks: [task('debug', { msg: '{{ engine }}-{{ size }}-{{ p }}' }, { name: 'in' })] });
  const pb = playbook(play({
    hosts: 'h1',
    tasks: [includeRole(r, { vars: { p: 1 } }), task('debug', { msg: "{{ engine | default('unset') }}" }, { name: 'after' })],
  }));
  const { events } = await runTest(pb, inv);
  assert.deepEqual(msgs(events, 'db : in'), ['pg-big-1']);
  assert.deepEqual(msgs(events, 'after'), ['unset']);
  // ansible-playbook 2.14 prints no `included:` line for include_role (only for include_tasks).
  assert.ok(!events.some((e) => e.type === 'included'));
});

test("import_role's when applies to every task; include_role's once, to the include", async () => {
  const flip = [task('set_fact', { go: false }, { name: 'flip' }), task('debug', { msg: 'second' }, { name: 'second' })];
  const imported = role('imp', { tasks: flip });
  const included = role('inc', { tasks: flip });
  const pb = playbook(play({
    hosts: 'h1',
    vars: { go: true },
    tasks: [includeRole(imported, { imported: true, when: ['go'] }), task('set_fact', { go: true }), includeRole(included, { when: ['go'] })],
  }));
  const { events } = await runTest(pb, inv);
  assert.deepEqual(results(events, 'imp : second').map((e) => e.status), ['skipped']);
  assert.deepEqual(results(events, 'inc : second').map((e) => e.status), ['ok']);
});

test('handlers of an included role are found by notify and see the role defaults', async () => {
  const ref = { name: 'svc', dir: '/roles/svc' };
  const restart = handler('restart svc', 'debug', { msg: 'restart {{ unit }}' }, { role: ref });
  const r: Role = { ...role('svc', { defaults: { unit: 'svc.service' }, handlers: [restart] }), tasks: [task('record', { changed: true }, { name: 'conf', notify: ['restart svc'], role: ref })] };
  const pb = playbook(play({ hosts: 'h1', tasks: [includeRole(r)], handlers: [restart] }));
  const { events } = await runTest(pb, inv);
  assert.deepEqual(msgs(events, 'svc : restart svc'), ['restart svc.service']);
});

test('role dependencies run once per play unless their parameters differ', async () => {
  const common = role('common', { tasks: [task('debug', { msg: 'common {{ flavour | default("plain") }}' }, { name: 'c' })] });
  const a = role('a', { dependencies: [use(common)], tasks: [task('debug', {}, { name: 'a' })] });
  const b = role('b', { dependencies: [use(common)], tasks: [task('debug', {}, { name: 'b' })] });
  const c = role('c', { dependencies: [use(common, { flavour: 'spicy' })], tasks: [task('debug', {}, { name: 'c' })] });
  const { events } = await runTest(playbook(play({ hosts: 'h1', roles: [use(a), use(b), use(c), use(a)] })), inv);
  assert.deepEqual(msgs(events, 'common : c'), ['common plain', 'common spicy']);
  assert.equal(results(events, 'a : a').length, 1, 'the same role with the same params runs once');
});

test('allow_duplicates runs a dependency again; include_role dedupes dependencies against roles:', async () => {
  const dup = role('dup', { allowDuplicates: true, tasks: [task('debug', {}, { name: 'd' })] });
  const once = role('once', { tasks: [task('debug', {}, { name: 'o' })] });
  const x = role('x', { dependencies: [use(dup), use(once)] });
  const y = role('y', { dependencies: [use(dup), use(once)], tasks: [task('debug', {}, { name: 'y' })] });
  const pb = playbook(play({ hosts: 'h1', roles: [use(x)], tasks: [includeRole(y), includeRole(y)] }));
  const { events } = await runTest(pb, inv);
  assert.equal(results(events, 'dup : d').length, 3);
  assert.equal(results(events, 'once : o').length, 1);
  // include_role itself always runs the role (its allow_duplicates defaults to true).
  assert.equal(results(events, 'y : y').length, 2);
});
