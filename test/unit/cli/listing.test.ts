// Listing and syntax check through main() with the real loader on a small fixture tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main.js';
import { fakeIO } from './fakes.js';
import { promptHidden, PromptCancelled } from '../../../src/cli/prompt.js';
import { FakeTtyInput } from './fakes.js';
import { FakeStream } from '../report/fake-stream.js';
import { runPlaybook } from '../../../src/engine/index.js';
import type { RunEvent } from '../../../src/engine/events.js';
import { writeTree } from '../support/file-tree.js';

const site = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'site');

test('--syntax-check prints "playbook: FILE" and exits 0', async () => {
  const io = fakeIO(site);
  assert.equal(await main(['run', 'site.yml', '--syntax-check'], io), 0);
  assert.equal(io.out.text, '\nplaybook: site.yml\n');
});

test('--list-hosts --list-tasks --list-tags in ansible-playbook format', async () => {
  const io = fakeIO(site);
  assert.equal(await main(['playbook', 'site.yml', '--list-hosts', '--list-tasks', '--list-tags'], io), 0);
  assert.equal(
    io.out.text,
    [
      '',
      'playbook: site.yml',
      '',
      '  play #1 (k8s): base setup\tTAGS: [play]',
      "    pattern: ['k8s']",
      '    hosts (3):',
      '      cp1',
      '      cp2',
      '      node1',
      '    tasks:',
      '      base : base task\tTAGS: [base, play, prep]',
      '      say hello\tTAGS: [hello, play]',
      '      command\tTAGS: [play]',
      '      inside block\tTAGS: [inner, play]',
      '      TASK TAGS: [base, hello, inner, play, prep]',
      '',
      '  play #2 (lb): lb\tTAGS: []',
      "    pattern: ['lb']",
      '    hosts (1):',
      '      lb1',
      '    tasks:',
      '      lb task\tTAGS: []',
      '      TASK TAGS: []',
      '',
    ].join('\n'),
  );
});

test('--list-tasks honours --tags (never runs only when asked) and --limit narrows --list-hosts', async () => {
  const io = fakeIO(site);
  assert.equal(await main(['run', 'site.yml', '--list-tasks', '--list-hosts', '-t', 'special', '-l', 'cp*'], io), 0);
  assert.match(io.out.text, /hosts \(2\):\n {6}cp1\n {6}cp2\n {4}tasks:\n {6}never task\tTAGS: \[never, play, special\]\n\n/);
  assert.match(io.out.text, /play #2 \(lb\): lb\tTAGS: \[\]\n {4}pattern: \['lb'\]\n {4}hosts \(0\):\n {4}tasks:\n$/);
  const skip = fakeIO(site);
  assert.equal(await main(['run', 'site.yml', '--list-tasks', '--skip-tags', 'hello,base'], skip), 0);
  assert.doesNotMatch(skip.out.text, /say hello|base task/);
  assert.match(skip.out.text, /inside block/);
});

// Plays whose `hosts` is a template, fed from each source Ansible allows (extra vars, play vars,
// vars_files, role defaults, the `groups` magic variable), a pattern that matches nothing, and
// `order`/templated `serial`. Every task is `debug`, so running needs no connection.
const templated = () => writeTree({
  'inventory.yml': 'all:\n  vars: {ansible_connection: local}\n  children:\n    web: {hosts: {h1: {}, h2: {}, h3: {}}}\n    db: {hosts: {d1: {}}}\n',
  'vf.yml': 'vf_target: db\n',
  'roles/r/defaults/main.yml': 'rd_target: d1\n',
  'roles/r/tasks/main.yml': '- debug: {msg: r}\n',
  'site.yml': [
    '- hosts: "{{ target }}"',
    '  gather_facts: false',
    '  order: reverse_sorted',
    '  serial: "{{ batch }}"',
    '  vars: {batch: 2}',
    '  tasks: [{debug: {msg: x}}]',
    '- name: from play vars',
    '  hosts: "{{ pv }}"',
    '  vars: {pv: "web:!h2"}',
    '  gather_facts: false',
    '  tasks: [{debug: {msg: x}}]',
    '- hosts: "{{ vf_target }}"',
    '  vars_files: [vf.yml]',
    '  gather_facts: false',
    '  tasks: [{debug: {msg: x}}]',
    '- hosts: "{{ rd_target }}"',
    '  gather_facts: false',
    '  roles: [r]',
    '- hosts: nosuch',
    '  gather_facts: false',
    '  tasks: [{debug: {msg: x}}]',
    "- hosts: \"{{ groups['web'][1] }}\"",
    '  gather_facts: false',
    '  tasks: [{debug: {msg: x}}]',
    '',
  ].join('\n'),
});

test('--list-hosts templates a play\'s hosts pattern as the run does (extra vars, play vars, vars_files, role defaults, groups)', async () => {
  const io = fakeIO(templated());
  assert.equal(await main(['run', 'site.yml', '-i', 'inventory.yml', '-e', 'target=web', '--list-hosts'], io), 0, io.err.text);
  assert.equal(
    io.out.text,
    [
      '',
      'playbook: site.yml',
      '',
      '  play #1 (web): web\tTAGS: []',
      "    pattern: ['web']",
      '    hosts (3):',
      '      h3',
      '      h2',
      '      h1',
      '',
      '  play #2 (web:!h2): from play vars\tTAGS: []',
      "    pattern: ['web:!h2']",
      '    hosts (2):',
      '      h1',
      '      h3',
      '',
      '  play #3 (db): db\tTAGS: []',
      "    pattern: ['db']",
      '    hosts (1):',
      '      d1',
      '',
      '  play #4 (d1): d1\tTAGS: []',
      "    pattern: ['d1']",
      '    hosts (1):',
      '      d1',
      '',
      '  play #5 (nosuch): nosuch\tTAGS: []',
      "    pattern: ['nosuch']",
      '    hosts (0):',
      '',
      '  play #6 (h2): h2\tTAGS: []',
      "    pattern: ['h2']",
      '    hosts (1):',
      '      h2',
      '',
    ].join('\n'),
  );
});

test('--list-hosts and the run agree on every play\'s hosts, order and batches, --limit included', async () => {
  const dir = templated();
  const args = ['run', 'site.yml', '-i', 'inventory.yml', '-e', 'target=web', '-l', 'h1,h3,d1'];
  const listing = fakeIO(dir);
  assert.equal(await main([...args, '--list-hosts'], listing), 0, listing.err.text);
  const listed = [...listing.out.text.matchAll(/hosts \(\d+\):((?:\n {6}\S+)*)/g)].map((m) => m[1]!.split('\n').map((h) => h.trim()).filter(Boolean));
  const starts: { name: string; hosts: readonly string[] }[] = [];
  const io = fakeIO(dir);
  const code = await main(args, io, {
    runPlaybook: (playbook, inventory, options, deps) => runPlaybook(playbook, inventory, options, {
      ...deps,
      onEvent: (event: RunEvent) => {
        if (event.type === 'play_start') starts.push({ name: event.name, hosts: event.hosts });
        deps.onEvent(event);
      },
    }),
  });
  assert.equal(code, 0, io.err.text);
  // A play runs one play_start per serial batch; joined, the batches are the listed hosts.
  const ran = new Map<string, string[]>();
  for (const start of starts) ran.set(start.name, [...(ran.get(start.name) ?? []), ...start.hosts]);
  assert.deepEqual([...ran.values()], listed);
  assert.deepEqual(listed, [['h3', 'h1'], ['h1', 'h3'], ['d1'], ['d1'], [], []]);
  assert.deepEqual(starts.slice(0, 2), [{ name: 'web', hosts: ['h3', 'h1'] }, { name: 'from play vars', hosts: ['h1', 'h3'] }], 'serial 2 from a templated play var: one batch');
  assert.match(io.err.text, /skipping, no hosts matched 'nosuch'/);
});

test('a hosts template naming a variable the play cannot see (inventory vars) fails the listing as it fails the run', async () => {
  const dir = writeTree({
    'inventory.yml': 'all:\n  vars: {target: all}\n  hosts: {h1: {ansible_connection: local}}\n',
    'site.yml': '- hosts: "{{ target }}"\n  gather_facts: false\n  tasks: [{debug: {msg: x}}]\n',
  });
  const listing = fakeIO(dir);
  assert.notEqual(await main(['run', 'site.yml', '-i', 'inventory.yml', '--list-hosts'], listing), 0);
  assert.match(listing.err.text, /target/);
  const run = fakeIO(dir);
  assert.notEqual(await main(['run', 'site.yml', '-i', 'inventory.yml'], run), 0);
  assert.match(run.err.text + run.out.text, /target/);
});

test('the hidden prompt handles backspace and Ctrl-C', async () => {
  const out = new FakeStream();
  assert.equal(await promptHidden('pw: ', new FakeTtyInput('abx\u007fc\r'), out), 'abc');
  assert.equal(out.text, 'pw: \n', 'nothing typed is echoed');
  await assert.rejects(promptHidden('pw: ', new FakeTtyInput('ab\u0003'), new FakeStream()), PromptCancelled);
});
