import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Play, Vars } from '../../../src/model.js';
import { block, inventory, play, playbook, role, runTest, task } from './helpers.js';

// One variable `v` set at every level; each step removes the highest level and checks who wins next.
const levels = ['extra', 'set_fact', 'task', 'block', 'role_vars', 'vars_files', 'play', 'facts', 'host', 'child', 'parent', 'all', 'role_defaults'] as const;

function build(present: Set<string>): { pb: ReturnType<typeof playbook>; inv: ReturnType<typeof inventory>; extra: Vars } {
  const v = (level: string): Vars => (present.has(level) ? { v: level } : {});
  const inv = inventory(
    { h1: { groups: ['child'], vars: v('host') } },
    { all: { vars: v('all') }, parent: { vars: v('parent'), children: ['child'] }, child: { vars: v('child') } },
  );
  const probe = task('debug', { msg: '{{ v }}' }, { name: 'probe', vars: v('task'), register: 'out' });
  const tasks = [];
  if (present.has('set_fact')) tasks.push(task('set_fact', { v: 'set_fact' }));
  if (present.has('facts')) tasks.push(task('record', { result: { ansible_facts: { v: 'facts' } } }));
  tasks.push(block([probe], [], [], { vars: v('block') }));
  const r = role('r', { defaults: v('role_defaults'), vars: v('role_vars'), tasks });
  const p: Play = play({ vars: v('play'), varsFiles: [v('vars_files')], roles: [{ role: r, params: {}, when: [], tags: [], loc: { file: 'x', line: 1, col: 1 } }] });
  return { pb: playbook(p), inv, extra: v('extra') };
}

test('each precedence level wins over every level below it', async () => {
  for (let i = 0; i < levels.length; i++) {
    const present = new Set<string>(levels.slice(i));
    const { pb, inv, extra } = build(present);
    const { events } = await runTest(pb, inv, { extraVars: extra });
    const probe = events.find((e) => e.type === 'host_result' && e.task.title === 'r : probe');
    assert.ok(probe && probe.type === 'host_result', `probe ran at level ${levels[i]}`);
    // facts are stored as ansible_facts.v and injected as ansible_v, not as v
    const expected = levels[i] === 'facts' ? 'host' : levels[i];
    assert.equal(probe.result['msg'], expected, `with levels ${[...present].join(',')}`);
  }
});

test('facts are reachable as ansible_facts.x and ansible_x, and hostvars reaches other hosts', async () => {
  const inv = inventory({ a: { vars: { ip: '10.0.0.1' } }, b: {} });
  const pb = playbook(play({
    gatherFacts: true,
    tasks: [
      task('set_fact', { token: '{{ inventory_hostname }}-tok' }),
      task('debug', { msg: "{{ ansible_facts.hostname }} {{ ansible_os_family }} {{ hostvars['a'].token }} {{ hostvars['a'].ip }} {{ hostvars['a'].ansible_hostname }}" }, { name: 'show' }),
    ],
  }));
  const { events } = await runTest(pb, inv);
  const shown = events.filter((e) => e.type === 'host_result' && e.task.title === 'show').map((e) => (e as { result: Vars }).result['msg']);
  assert.deepEqual(shown.sort(), ['a Debian a-tok 10.0.0.1 a', 'b Debian a-tok 10.0.0.1 a']);
});

test('magic variables: groups, group_names, play hosts and the group_hosts view for mustache', async () => {
  const inv = inventory({ m1: { groups: ['masters'], vars: { ansible_host: '10.0.0.11' } }, m2: { groups: ['masters'], vars: { ansible_host: '10.0.0.12' } }, w1: { groups: ['workers'] } });
  const pb = playbook(play({
    hosts: 'masters',
    tasks: [task('debug', { msg: '{{#group_hosts.masters}}server {{inventory_hostname}} {{ansible_host}}:6443;{{/group_hosts.masters}}' }, { name: 'hap', runOnce: true }),
      task('debug', { msg: "{{ groups['all'] | length }} {{ group_names }} {{ ansible_play_hosts }}" }, { name: 'magic' })],
  }));
  const { events } = await runTest(pb, inv);
  const hap = events.find((e) => e.type === 'host_result' && e.task.title === 'hap') as { result: Vars };
  assert.equal(hap.result['msg'], 'server m1 10.0.0.11:6443;server m2 10.0.0.12:6443;');
  const magic = events.find((e) => e.type === 'host_result' && e.task.title === 'magic' && e.host === 'm1') as { result: Vars };
  assert.match(String(magic.result['msg']), /^3 .*masters.* .*m1.*m2/);
});

test('sibling groups merge by ansible_group_priority, then name; dicts replace', async () => {
  const inv = inventory({ h: { groups: ['a', 'b'] } }, { a: { vars: { v: 'a', d: { x: 1 } }, priority: 5 }, b: { vars: { v: 'b', d: { y: 2 } } } });
  const { events } = await runTest(playbook(play({ tasks: [task('debug', { msg: '{{ v }}' }, { name: 'p', register: 'r' }), task('debug', { var: 'd' }, { name: 'd' })] })), inv);
  const [p] = events.filter((e) => e.type === 'host_result' && e.task.title === 'p') as { result: Vars }[];
  assert.equal(p!.result['msg'], 'a');
  const [d] = events.filter((e) => e.type === 'host_result' && e.task.title === 'd') as { result: Vars }[];
  assert.deepEqual(d!.result['d'], { x: 1 });
});

test('set_fact in a loop sees the facts of earlier items (ansible-playbook 2.14 gives [a, b, c])', async () => {
  const pb = playbook(play({
    tasks: [
      task('set_fact', { acc: '{{ acc | default([]) + [item] }}' }, { loop: ['a', 'b', 'c'] }),
      task('debug', { var: 'acc' }, { name: 'show' }),
    ],
  }));
  const { events } = await runTest(pb, inventory({ h1: {} }));
  const shown = events.filter((e) => e.type === 'host_result' && e.task.title === 'show').map((e) => (e as { result: Vars }).result['acc']);
  assert.deepEqual(shown, [['a', 'b', 'c']]);
});
