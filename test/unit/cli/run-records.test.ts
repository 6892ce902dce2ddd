// Run records: every run leaves one JSON document (.tsplay/runs next to the playbook by default) with
// argv masked, version, paths, times, exit code, results and per-host timings; `tsplay runs` lists them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { RunRecord } from '../../../src/report/run-record.js';
import { fakeIO } from './fakes.js';
import { writeTree } from '../support/file-tree.js';

const project = () => writeTree({
  'inventory.ini': 'localhost ansible_connection=local\n',
  'play/site.yml': [
    '- hosts: localhost',
    '  gather_facts: false',
    '  tasks:',
    '    - name: show the password',
    '      debug: msg="pw={{ ansible_become_password | default(\'none\') }}"',
    '    - name: change',
    '      command: "true"',
    '    - name: maybe fail',
    '      command: "false"',
    '      when: fail | default(false) | bool',
    '',
  ].join('\n'),
}, 'tsplay-records-');

const records = (dir: string) => readdirSync(dir).sort().map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as RunRecord);

test('each run writes one record next to the playbook: masked argv, times, exit code, results, timings', async () => {
  const dir = project();
  const io = fakeIO(dir);
  const argv = ['run', 'play/site.yml', '-i', 'inventory.ini', '-e', 'ansible_become_password=s3cr3tvalue'];
  assert.equal(await main(argv, io), 0);
  assert.equal(await main([...argv, '-e', 'fail=true'], fakeIO(dir)), 2);
  const runsDir = join(dir, 'play', '.tsplay', 'runs');
  assert.equal(statSync(runsDir).mode & 0o777, 0o700);
  const [first, second] = records(runsDir);
  assert.ok(first && second);
  assert.ok(first.id < second.id, 'ids sort by time');
  assert.match(first.id, /^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{6}$/);
  assert.equal(statSync(join(runsDir, `${first.id}.json`)).mode & 0o777, 0o600);
  const whole = JSON.stringify(first);
  assert.doesNotMatch(whole, /s3cr3tvalue/, 'the password is masked in argv and in results');
  assert.deepEqual(first.argv.slice(0, 5), argv.slice(0, 5));
  assert.match(first.argv[5]!, /^ansible_become_password=\*+$/);
  assert.equal(first.playbook, join(dir, 'play', 'site.yml'));
  assert.deepEqual(first.inventories, [join(dir, 'inventory.ini')]);
  assert.equal(first.exit_code, 0);
  assert.equal(second.exit_code, 2);
  assert.ok(Date.parse(first.end) - Date.parse(first.start) === first.duration_ms);
  assert.deepEqual(first.plays[0]!.tasks.map((t) => t.task.name), ['show the password', 'change', 'maybe fail']);
  assert.equal(first.plays[0]!.tasks[1]!.hosts.localhost!.status, 'changed');
  assert.equal(second.plays[0]!.tasks[2]!.hosts.localhost!.status, 'failed');
  assert.equal(first.stats.localhost!.changed, 1);
  assert.deepEqual(first.drift.map((d) => d.task), ['change']);
  const timing = first.timings[0]![1]!.localhost!;
  assert.ok(timing.duration_ms >= 0 && timing.duration_ms < 60_000);

  const listing = fakeIO(dir);
  assert.equal(await main(['runs', 'play/site.yml'], listing), 0);
  const lines = listing.out.text.trimEnd().split('\n');
  assert.match(lines[0]!, /^ID +START +DURATION +EXIT +MODE +OK +CHANGED +FAILED +UNREACHABLE +PLAYBOOK$/);
  assert.match(lines[1]!, new RegExp(`^${first.id} .* 0 +run +2 +1 +0 +0 +play/site\\.yml$`));
  assert.match(lines[2]!, new RegExp(`^${second.id} .* 2 +run +2 +1 +1 +0 +play/site\\.yml$`));
});

test('--runs-dir and TSPLAY_RUNS_DIR choose the directory; off writes nothing', async () => {
  const dir = project();
  assert.equal(await main(['run', 'play/site.yml', '-i', 'inventory.ini', '--runs-dir', 'records'], fakeIO(dir)), 0);
  assert.equal(readdirSync(join(dir, 'records')).length, 1);
  const io = fakeIO(dir);
  Object.assign(io.env, { TSPLAY_RUNS_DIR: 'off' });
  assert.equal(await main(['run', 'play/site.yml', '-i', 'inventory.ini'], io), 0);
  assert.equal(await main(['run', 'play/site.yml', '-i', 'inventory.ini', '--runs-dir', 'off'], fakeIO(dir)), 0);
  assert.ok(!existsSync(join(dir, 'play', '.tsplay')));
});

test('a records directory that cannot be written is a warning; the run keeps its result', async () => {
  const dir = project();
  const io = fakeIO(dir);
  // A file where the directory should be: fails for root too.
  assert.equal(await main(['run', 'play/site.yml', '-i', 'inventory.ini', '--runs-dir', 'inventory.ini/runs'], io), 0);
  assert.match(io.err.text, /\[WARNING\]: the run record .*inventory\.ini\/runs\/.*\.json could not be written/);
  assert.match(io.out.text, /PLAY RECAP/);
});
