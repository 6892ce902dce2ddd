// What a target says is data: a host that prints template syntax gets that text back, never the
// controller's files, environment or secrets, and never makes the controller evaluate anything
// (issue #15, item 1). Each path by which target output reaches a later template is tried:
// registered results, set_fact of them, loop items, facts, hostvars, task vars that refer to
// them, mustache templates, include_vars of a fetched file. Author-written values stay lazy.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ModuleDefinition } from '../../../src/modules/types.js';
import { inventory, play, playbook, results, role, runTest, task } from './helpers.js';

const PROBE = 'TSPLAY_TARGET_DATA_PROBE';
process.env[PROBE] = 'controller-environment-value';
/** What a hostile host prints: were it evaluated, the controller's environment would come back. */
const PAYLOAD = `{{ lookup('env', '${PROBE}') }}`;
/** A payload that would hang the controller if it were evaluated. */
const BOMB = '{{ [0] * 100000000 | length }}';

/** A module standing for any module whose output comes from the host (command, slurp, setup...). */
const hostSays: ModuleDefinition = {
  name: 'host_says',
  schema: {},
  async run() {
    return {
      changed: false,
      stdout: PAYLOAD,
      stdout_lines: [PAYLOAD, BOMB],
      nested: { deep: [PAYLOAD] },
      ansible_facts: { motd: PAYLOAD, custom: { banner: PAYLOAD } },
    };
  },
};

const one = inventory({ h1: {}, h2: {} });

function messages(events: Parameters<typeof results>[0], title: string): unknown[] {
  return results(events, title).map((r) => r.result['msg']);
}

test('registered output, set_fact of it, loop items and facts are never templated again', async () => {
  const pb = playbook(play({ hosts: 'all', vars: { out: '{{ r.stdout }}', wrapped: 'say {{ r.stdout }}' }, tasks: [
    task('host_says', {}, { name: 'probe', register: 'r' }),
    task('debug', { msg: '{{ r.stdout }}' }, { name: 'registered' }),
    task('debug', { msg: '{{ r.nested.deep[0] }}' }, { name: 'nested' }),
    task('debug', { msg: '{{ out }}' }, { name: 'through an author var' }),
    task('debug', { msg: '{{ wrapped }}' }, { name: 'through a mixed author var' }),
    task('set_fact', { copied: '{{ r.stdout }}', as_list: '{{ r.stdout_lines }}' }, { name: 'copy' }),
    task('debug', { msg: '{{ copied }}' }, { name: 'set_fact' }),
    task('debug', { msg: '{{ item }}' }, { name: 'loop', loop: '{{ r.stdout_lines }}' }),
    task('debug', { msg: '{{ as_list[1] }}' }, { name: 'bomb' }),
    task('debug', { msg: '{{ ansible_motd }} / {{ ansible_facts.custom.banner }}' }, { name: 'facts' }),
    task('debug', { msg: "{{ hostvars['h2'].r.stdout }} {{ hostvars['h2'].ansible_motd }} {{ hostvars['h2'].copied }}" }, { name: 'hostvars' }),
  ] }));
  const started = Date.now();
  const { events, outcome } = await runTest(pb, one, {}, { modules: [hostSays] });
  assert.equal(outcome.anyFailed, false, JSON.stringify(results(events).filter((r) => r.status === "failed").map((r) => r.result)));
  for (const title of ['registered', 'nested', 'through an author var', 'set_fact']) {
    assert.deepEqual(messages(events, title), [PAYLOAD, PAYLOAD], title);
  }
  assert.deepEqual(messages(events, 'through a mixed author var'), [`say ${PAYLOAD}`, `say ${PAYLOAD}`]);
  const items = results(events, 'loop').flatMap((r) => (r.result['results'] as { msg: unknown }[] | undefined)?.map((i) => i.msg) ?? []);
  assert.deepEqual(items, [PAYLOAD, BOMB, PAYLOAD, BOMB]);
  assert.deepEqual(messages(events, 'bomb'), [BOMB, BOMB]);
  assert.deepEqual(messages(events, 'facts'), [`${PAYLOAD} / ${PAYLOAD}`, `${PAYLOAD} / ${PAYLOAD}`]);
  assert.deepEqual(messages(events, 'hostvars'), [`${PAYLOAD} ${PAYLOAD} ${PAYLOAD}`, `${PAYLOAD} ${PAYLOAD} ${PAYLOAD}`]);
  const printed = JSON.stringify(events);
  assert.ok(!printed.includes('controller-environment-value'), 'the controller environment reached the output');
  assert.ok(Date.now() - started < 5000, 'the bomb was evaluated');
});

test('target text read back as a list or dict (Ansible 2.14\'s literal step) holds data, never templates', async () => {
  const saysLiteral: ModuleDefinition = {
    name: 'host_says_literal',
    schema: {},
    async run() {
      return { changed: false, stdout: `["${PAYLOAD}", {'k': '${BOMB}'}]` };
    },
  };
  const pb = playbook(play({ hosts: 'h1', vars: { parsed: '{{ r.stdout }}' }, tasks: [
    task('host_says_literal', {}, { name: 'probe', register: 'r' }),
    task('set_fact', { as_fact: '{{ r.stdout }}' }, { name: 'copy' }),
    task('debug', { msg: '{{ parsed[0] }} {{ as_fact[1].k }}' }, { name: 'items' }),
    task('debug', { msg: '{{ as_fact }}' }, { name: 'whole' }),
  ] }));
  const started = Date.now();
  const { events } = await runTest(pb, inventory({ h1: {} }), {}, { modules: [saysLiteral] });
  assert.deepEqual(messages(events, 'items'), [`${PAYLOAD} ${BOMB}`]);
  assert.deepEqual(messages(events, 'whole'), [[PAYLOAD, { k: BOMB }]]);
  assert.ok(!JSON.stringify(events).includes('controller-environment-value'), 'the controller environment reached the output');
  assert.ok(Date.now() - started < 5000, 'the bomb was evaluated');
});

test('mustache templates print target data as text', async () => {
  const pb = playbook(play({ hosts: 'h1', vars: { out: '{{ r.stdout }}' }, tasks: [
    task('host_says', {}, { name: 'probe', register: 'r' }),
    task('set_fact', { line: '{{ r.stdout }}' }, { name: 'copy' }),
    task('debug', { msg: '{{#r}}{{stdout}}{{/r}} {{line}} {{out}} {{ansible_motd}}' }, { name: 'mustache' }),
  ] }));
  const { events } = await runTest(pb, inventory({ h1: {} }), {}, { modules: [hostSays] });
  assert.deepEqual(messages(events, 'mustache'), [`${PAYLOAD} ${PAYLOAD} ${PAYLOAD} ${PAYLOAD}`]);
});

test('author-written values stay lazy: role defaults, play vars, inventory, extra vars, dicts of templates', async () => {
  const base = role('base', { defaults: { endpoint: '{{ vip }}:{{ port }}', settings: { url: 'https://{{ endpoint }}' } } });
  const pb = playbook(play({
    hosts: 'h1',
    vars: { vip: '10.0.0.5', from_inventory: '{{ inv_value }}' },
    roles: [{ role: base, params: {}, when: [], tags: [], loc: { file: '/pb/site.yml', line: 1, col: 1 } }],
    tasks: [
      task('debug', { msg: '{{ settings.url }} {{ from_inventory }} {{ extra_ref }}' }, { name: 'lazy' }),
      task('debug', { msg: "{{ hostvars['h1'].inv_ref }}" }, { name: 'lazy through hostvars' }),
    ],
  }));
  const inv = inventory({ h1: { vars: { port: 6443, inv_value: 'from-inventory', inv_ref: '{{ port }}' } } });
  const { events } = await runTest(pb, inv, { extraVars: { extra_ref: '{{ vip }}' } });
  assert.deepEqual(messages(events, 'lazy'), ['https://10.0.0.5:6443 from-inventory 10.0.0.5']);
  assert.deepEqual(messages(events, 'lazy through hostvars'), ['6443'], "text, as ansible-playbook 2.14 shows it (only `{{ name }}` alone keeps a variable's number)");
});

const dir = mkdtempSync(join(tmpdir(), 'tsplay-target-data-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('include_vars of a file fetched from a host gives data; of the author\'s file, lazy values', async () => {
  const fetched = join(dir, 'fetched.yml');
  const authored = join(dir, 'authored.yml');
  writeFileSync(authored, "greeting: 'hello {{ who }}'\n");
  // Stands for fetch: writes what the host holds into dest and reports it, as the real module does.
  const fakeFetch: ModuleDefinition = {
    name: 'fetch',
    schema: {},
    async run(_ctx, args) {
      writeFileSync(String(args['dest']), `said: "${PAYLOAD}"\n`);
      return { changed: true, dest: args['dest'] };
    },
  };
  const pb = playbook(play({ hosts: 'h1', vars: { who: 'world' }, tasks: [
    task('fetch', { src: '/etc/said.yml', dest: fetched }, { name: 'fetch' }),
    task('include_vars', { file: fetched }, { name: 'include fetched' }),
    task('include_vars', { file: authored }, { name: 'include authored' }),
    task('debug', { msg: '{{ said }} / {{ greeting }}' }, { name: 'show' }),
  ] }));
  const { events, outcome } = await runTest(pb, inventory({ h1: {} }), {}, { modules: [fakeFetch] });
  assert.equal(outcome.anyFailed, false, JSON.stringify(results(events).filter((r) => r.status === "failed").map((r) => r.result)));
  assert.deepEqual(messages(events, 'show'), [`${PAYLOAD} / hello world`]);
});
