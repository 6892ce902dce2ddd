// --log-file (and TSPLAY_LOG_FILE / ANSIBLE_LOG_PATH): the plain lines of the run appended to a file
// with Ansible's log_path prefix, masked like the screen, 0600; an unwritable path is a warning only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import { fakeIO } from './fakes.js';
import { writeTree } from '../support/file-tree.js';

const playbook = () => writeTree({
  'inventory.ini': 'localhost ansible_connection=local ansible_become_password=hunter2secret\n',
  'site.yml': [
    '- hosts: localhost',
    '  gather_facts: false',
    '  tasks:',
    '    - name: say hello',
    '      debug: msg="hello {{ ansible_become_password }}"',
    '    - name: change something',
    '      command: "true"',
    '',
  ].join('\n'),
}, 'tsplay-log-file-');

const PREFIX = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} p=\d+ u=\S+ n=tsplay \| /;

test('--log-file appends the plain lines, each prefixed as Ansible log_path lines are', async () => {
  const dir = playbook();
  for (let run = 0; run < 2; run++) {
    const io = fakeIO(dir);
    assert.equal(await main(['run', 'site.yml', '-i', 'inventory.ini', '--log-file', 'run.log'], io), 0);
  }
  const lines = readFileSync(join(dir, 'run.log'), 'utf8').split('\n').slice(0, -1);
  assert.ok(lines.every((line) => PREFIX.test(line)), lines.find((line) => !PREFIX.test(line)));
  const text = lines.map((line) => line.replace(PREFIX, '')).join('\n');
  assert.equal(text.match(/^TASK \[say hello\]/gm)?.length, 2, 'appended, not overwritten');
  assert.match(text, /^changed: \[localhost\]$/m);
  assert.match(text, /^localhost +: ok=2 +changed=1 /m);
  assert.match(text, /hello \*+/);
  assert.doesNotMatch(text, /hunter2secret/, 'masked as on the screen');
  assert.equal(statSync(join(dir, 'run.log')).mode & 0o777, 0o600);
});

test('TSPLAY_LOG_FILE and ANSIBLE_LOG_PATH choose the file when the flag is absent; the flag wins', async () => {
  const dir = playbook();
  const io = fakeIO(dir);
  Object.assign(io.env, { ANSIBLE_LOG_PATH: join(dir, 'ansible.log') });
  assert.equal(await main(['run', 'site.yml', '-i', 'inventory.ini'], io), 0);
  assert.match(readFileSync(join(dir, 'ansible.log'), 'utf8'), /TASK \[change something\]/);
  const io2 = fakeIO(dir);
  Object.assign(io2.env, { TSPLAY_LOG_FILE: 'tsplay.log', ANSIBLE_LOG_PATH: join(dir, 'ansible.log') });
  assert.equal(await main(['run', 'site.yml', '-i', 'inventory.ini', '--log-file', 'flag.log'], io2), 0);
  assert.match(readFileSync(join(dir, 'flag.log'), 'utf8'), /PLAY RECAP/);
  assert.throws(() => statSync(join(dir, 'tsplay.log')));
});

test('an unwritable log path warns and the run goes on', async () => {
  const dir = playbook();
  const io = fakeIO(dir);
  assert.equal(await main(['run', 'site.yml', '-i', 'inventory.ini', '--log-file', 'no/such/dir/run.log'], io), 0);
  assert.match(io.err.text, /\[WARNING\]: log file .*no\/such\/dir\/run\.log cannot be written, continuing without it/);
  assert.match(io.out.text, /PLAY RECAP/);
});
