// One precedence rule for the keywords that have a connection variable (become/ansible_become,
// become_user/ansible_become_user, remote_user/ansible_user, port/ansible_port): the variable wins over
// the keyword written on a task, block, role entry or play, and the keyword wins over the command line
// (-b, --become-user, -u). Found with ansible-playbook 2.14.18, local connection, `command: whoami`
// under sudo and `debug` of ansible_user/ansible_port (inventory host vars vs play/task keywords):
//   ansible_become_user=nobody, play become: true + become_user: daemon      -> nobody
//     ... and the task's become_user: bin                                   -> nobody
//   ansible_become=true, play become_user: daemon, task become: false       -> daemon (still becomes)
//   ansible_become=false, play become: true, task become: true              -> root (no become)
//   no variables, -b --become-user bin: task -> bin; task become_user: daemon -> daemon; become: false -> root
//   ansible_user=varuser ansible_port=2200, remote_user: kwuser, port: 2222 (play or task) -> varuser, 2200
//   no variables, -u cliuser, play remote_user: kwuser                       -> kwuser
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectionSpec } from '../../../src/connection/types.js';
import { block, inventory, play, playbook, recordingResolver, results, runTest, task } from './helpers.js';

const probes = [
  task('record', {}, { name: 'play keywords' }),
  task('record', {}, { name: 'task become_user', becomeUser: 'bin' }),
  task('record', {}, { name: 'task become false', become: false }),
  block([task('record', {}, { name: 'in a block' })], [], [], { becomeUser: 'adm' }),
];

/** Who each probe ran as on each host ('-' = no become), by task name. */
async function becomeUsers(hosts: Record<string, Record<string, unknown>>, playKeywords: Parameters<typeof play>[0], options = {}) {
  const inv = inventory(Object.fromEntries(Object.entries(hosts).map(([name, vars]) => [name, { vars }])));
  const { calls, events } = await runTest(playbook(play({ ...playKeywords, tasks: probes })), inv, options);
  const names = results(events).map((e) => `${e.host} ${e.task.title}`);
  return Object.fromEntries(calls.map((call, i) => [names[i]!, call.become ?? '-']));
}

test('ansible_become_user beats become_user written on the play, a block or a task', async () => {
  assert.deepEqual(await becomeUsers({ hu: { ansible_become_user: 'nobody' } }, { become: true, becomeUser: 'daemon' }), {
    'hu play keywords': 'nobody',
    'hu task become_user': 'nobody',
    'hu task become false': '-',
    'hu in a block': 'nobody',
  });
});

test('ansible_become beats become written on the play or a task, either way', async () => {
  assert.deepEqual(await becomeUsers({ hb: { ansible_become: true } }, { becomeUser: 'daemon' }), {
    'hb play keywords': 'daemon',
    'hb task become_user': 'bin',
    'hb task become false': 'daemon',
    'hb in a block': 'adm',
  });
  assert.deepEqual(await becomeUsers({ hn: { ansible_become: 'false' } }, { become: true, becomeUser: 'daemon' }), {
    'hn play keywords': '-',
    'hn task become_user': '-',
    'hn task become false': '-',
    'hn in a block': '-',
  });
});

test('the keywords beat -b and --become-user', async () => {
  assert.deepEqual(await becomeUsers({ hp: {} }, {}, { become: true, becomeUser: 'cli' }), {
    'hp play keywords': 'cli',
    'hp task become_user': 'bin',
    'hp task become false': '-',
    'hp in a block': 'adm',
  });
});

test('remote_user and port follow the same rule: ansible_user/ansible_port beat the keywords, the keywords beat -u', async () => {
  const specs: ConnectionSpec[] = [];
  const inv = inventory({ hv: { vars: { ansible_user: 'varuser', ansible_port: 2200 } }, hp: {} });
  const pb = playbook(play({
    connectionDefaults: { ansible_user: 'kwuser', ansible_port: 2222 },
    tasks: [
      task('record', {}, { name: 'play keywords' }),
      task('record', {}, { name: 'task keywords', connectionDefaults: { ansible_user: 'taskuser', ansible_port: 3333 } }),
    ],
  }));
  await runTest(pb, inv, { remoteUser: 'cliuser' }, { resolveSpec: recordingResolver(specs) });
  const seen = specs.map((s) => (s.kind === 'ssh' ? `${s.host} ${s.user}:${s.port}` : s.kind)).sort();
  assert.deepEqual(seen, ['hp kwuser:2222', 'hp taskuser:3333', 'hv varuser:2200', 'hv varuser:2200']);
});
