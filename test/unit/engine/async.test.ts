// async/poll and async_status on a real shell (the local connection), with the results
// ansible-playbook 2.14 gave for the same tasks (-c local): fields, failures and timeout message.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runLocal } from './local-run.js';
import { loadRefusal } from './yaml-run.js';

// Jobs live under $HOME/.tsplay_async: keep them out of the real home.
process.env['HOME'] = mkdtempSync(join(tmpdir(), 'tsplay-async-home-'));

const play = (tasks: string) => `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks}`;

test('async with poll waits for the job and returns its command result; poll 0 plus async_status until finished', async () => {
  const run = await runLocal({ 'site.yml': play(`    - name: polled
      command: sh -c "echo out; echo err >&2; exit 0"
      async: 10
      poll: 1
    - name: fire
      shell: sleep 1; echo done
      async: 20
      poll: 0
      register: f
    - name: wait
      async_status: jid={{ f.ansible_job_id }}
      register: job
      until: job.finished
      retries: 10
      delay: 1
    - name: failing
      command: sh -c "exit 3"
      async: 5
      poll: 1
      ignore_errors: true
`) });
  assert.equal(run.code, 0, run.stderr);
  const polled = run.results.get('polled')!['localhost']!;
  // ansible-playbook: changed, rc 0, stdout "out", stderr "err", finished 1, started 1, ansible_job_id, results_file.
  assert.deepEqual([polled['changed'], polled['rc'], polled['stdout'], polled['stderr'], polled['finished'], polled['started']], [true, 0, 'out', 'err', 1, 1]);
  assert.match(String(polled['ansible_job_id']), /^j\d+\.\d+$/);
  assert.equal(polled['results_file'], join(process.env['HOME']!, '.tsplay_async', String(polled['ansible_job_id'])));
  const fire = run.results.get('fire')!['localhost']!;
  assert.deepEqual([fire['changed'], fire['started'], fire['finished']], [true, 1, 0]);
  const wait = run.results.get('wait')!['localhost']!;
  // ansible-playbook: the finished job's result has the shell task's own cmd (a string), rc, stdout.
  assert.deepEqual([wait['ansible_job_id'], wait['finished'], wait['rc'], wait['stdout'], wait['changed'], wait['cmd']], [fire['ansible_job_id'], 1, 0, 'done', true, 'sleep 1; echo done']);
  assert.ok(Number(wait['attempts']) >= 2, 'the job was still running at the first check');
  const failing = run.results.get('failing')!['localhost']!;
  assert.deepEqual([failing['failed'], failing['rc'], failing['msg'], failing['finished']], [true, 3, 'non-zero return code', 1]);
});

test('an async job that outlives its time fails with Ansible\'s message', async () => {
  const run = await runLocal({ 'site.yml': play(`    - name: timeout
      command: sleep 5
      async: 2
      poll: 1
      ignore_errors: true
`) });
  const result = run.results.get('timeout')!['localhost']!;
  assert.deepEqual([result['failed'], result['changed'], result['msg']], [true, false, 'async task did not complete within the requested time - 2s']);
  assert.equal((result['async_result'] as Record<string, unknown>)['finished'], 0);
});

test('async on a module tsplay cannot run as a job is a located load error', async () => {
  const refusal = await loadRefusal({ 'site.yml': play('    - copy: {content: x, dest: /tmp/x}\n      async: 5\n') });
  assert.match(refusal, /^site\.yml:5:7: async is not supported for module 'copy'/);
});
