// The programmatic API as a user imports it: `import { runPlaybook } from 'tsplay'` resolves through
// package.json `exports` to the build (run `npm run build` first; the test command does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeTree } from '../support/file-tree.js';

const project = () => writeTree({
  'hosts.ini': 'alpha ansible_connection=local ansible_become_password=api-s3cret\nbeta ansible_connection=local\n',
  'site.yml': [
    '- hosts: all',
    '  gather_facts: false',
    '  tasks:',
    '    - name: tell',
    '      debug: msg="{{ inventory_hostname }} {{ ansible_become_password | default(\'-\') }}"',
    '    - name: change on beta',
    '      command: "true"',
    '      when: inventory_hostname == "beta"',
    '    - name: fail on alpha',
    '      fail: msg=boom',
    '      when: inventory_hostname == "alpha" and (explode | default(false))',
    '',
  ].join('\n'),
}, 'tsplay-api-');

test("runPlaybook from 'tsplay': typed options, the masked event stream, stats and Ansible's exit code", async () => {
  const { runPlaybook } = await import('tsplay');
  const dir = project();
  const events: string[] = [];
  const messages: string[] = [];
  const ok = await runPlaybook({
    playbook: 'site.yml', inventory: 'hosts.ini', cwd: dir,
    onEvent: (event) => {
      events.push(event.type);
      if (event.type === 'host_result' && typeof event.result.msg === 'string') messages.push(event.result.msg);
    },
  });
  assert.equal(ok.exitCode, 0);
  assert.equal(ok.stats.beta!.changed, 1);
  assert.equal(ok.stats.alpha!.changed, 0);
  assert.deepEqual(events.filter((t) => t !== 'host_result'), ['playbook_start', 'play_start', 'task_start', 'task_start', 'task_start', 'recap']);
  assert.ok(messages.includes('beta -'));
  assert.ok(messages.some((m) => /^alpha \*+$/.test(m)), `the password is masked: ${messages.join(' | ')}`);

  const failed = await runPlaybook({ playbook: 'site.yml', inventory: ['hosts.ini'], cwd: dir, extraVars: { explode: true }, limit: 'alpha' });
  assert.equal(failed.exitCode, 2);
  assert.equal(failed.anyFailed, true);
  assert.deepEqual(Object.keys(failed.stats), ['alpha']);

  const check = await runPlaybook({ playbook: 'site.yml', inventory: 'hosts.ini', cwd: dir, check: true });
  assert.equal(check.exitCode, 0);

  await assert.rejects(runPlaybook({ playbook: 'nope.yml', inventory: 'hosts.ini', cwd: dir }), /nope\.yml/);
});
