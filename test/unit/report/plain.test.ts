import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPlainReporter } from '../../../src/report/plain.js';
import { stripAnsi } from '../../../src/report/color.js';
import type { RunEvent } from '../../../src/engine/events.js';
import { FakeStream } from './fake-stream.js';
import { CENSORED, scriptedEvents, tasks } from './events-fixture.js';

function render(events: RunEvent[], options: { verbosity?: number; diff?: boolean; color?: boolean } = {}) {
  const stdout = new FakeStream();
  const stderr = new FakeStream();
  const reporter = createPlainReporter({ stdout, stderr, verbosity: options.verbosity ?? 0, diff: options.diff ?? false, color: options.color ?? false });
  for (const event of events) reporter.onEvent(event);
  return { stdout: stdout.text, stderr: stderr.text };
}

const star = (text: string) => `${text} ${'*'.repeat(79 - text.length)}`;

test('a scripted run prints exactly Ansible default-callback lines', () => {
  const { stdout, stderr } = render(scriptedEvents, { diff: true });
  const expected = [
    '',
    star('PLAY [k8s]'),
    '',
    star('TASK [lb : write haproxy.cfg]'),
    '--- before: /etc/haproxy/haproxy.cfg',
    '+++ after: /etc/haproxy/haproxy.cfg',
    '@@ -1,2 +1,2 @@',
    ' a',
    '-b',
    '+c',
    '',
    'changed: [cp1]',
    'ok: [node02 -> cp1]',
    '',
    star('TASK [install packages]'),
    'changed: [cp1] => (item=curl)',
    'ok: [cp1] => (item=jq)',
    'failed: [node02] (item=curl) => {"changed": false, "failed": true, "msg": "no such package"}',
    '...ignoring',
    '',
    star('TASK [set token]'),
    `fatal: [cp1]: FAILED! => {"censored": "${CENSORED}", "changed": false}`,
    '',
    star('TASK [wait for api]'),
    'FAILED - RETRYING: [node02]: wait for api (2 retries left).',
    'fatal: [node02]: UNREACHABLE! => {"changed": false, "msg": "ssh: connect to host 10.250.0.12 port 22: Connection refused", "unreachable": true}',
    'included: /work/tasks/extra.yml for cp1, node02',
    '',
    star('TASK [show]'),
    'ok: [cp1] => {',
    '    "msg": "hello"',
    '}',
    '',
    star('RUNNING HANDLER [restart haproxy]'),
    'skipping: [cp1]',
    '',
    star('NO MORE HOSTS LEFT'),
    '',
    star('PLAY RECAP'),
    'a-very-long-host-name-over-26-chars.example.com : ok=0    changed=0    unreachable=1    failed=0    skipped=0    rescued=0    ignored=0   ',
    'cp1                        : ok=7    changed=2    unreachable=0    failed=0    skipped=1    rescued=0    ignored=0   ',
    'node02                     : ok=3    changed=0    unreachable=0    failed=1    skipped=0    rescued=0    ignored=0   ',
    '',
    '',
  ];
  const actual = stdout.split('\n');
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) assert.equal(actual[i], expected[i], `line ${i + 1}`);
  assert.equal(stderr, '[WARNING]: something odd\n');
});

test('banners are 80 columns wide with at least three stars', () => {
  const { stdout } = render([{ type: 'play_start', name: 'x'.repeat(100), hosts: [] }, { type: 'play_start', name: 'k8s', hosts: [] }]);
  const lines = stdout.split('\n').filter((l) => l.startsWith('PLAY'));
  assert.equal(lines[0], `PLAY [${'x'.repeat(100)}] ***`);
  assert.equal(lines[1]!.length, 80);
});

test('without --diff no diff is printed; -v adds the result JSON to ok/changed lines', () => {
  const events: RunEvent[] = [
    { type: 'task_start', task: tasks.copy, hosts: ['cp1'] },
    { type: 'host_result', task: tasks.copy, host: 'cp1', status: 'changed', result: { changed: true, dest: '/etc/x', _ansible_secret: 1, invocation: { module_args: {} } }, diff: [{ path: '/etc/x', before: '', after: 'y\n' }] },
    { type: 'host_result', task: tasks.copy, host: 'cp2', status: 'skipped', result: { changed: false, skipped: true } },
  ];
  assert.doesNotMatch(render(events).stdout, /before:/);
  assert.match(render(events).stdout, /^changed: \[cp1\]$/m);
  const verbose = render(events, { verbosity: 1 }).stdout;
  assert.match(verbose, /^changed: \[cp1\] => \{"changed": true, "dest": "\/etc\/x"\}$/m, 'no _ansible keys, no invocation below -vvv');
  assert.match(verbose, /^skipping: \[cp2\] => \{"changed": false, "skipped": true\}$/m);
  const vvv = render(events, { verbosity: 3 }).stdout;
  assert.match(vvv, /^changed: \[cp1\] => \{\n {4}"changed": true,/m, '-vvv indents by 4');
  assert.match(vvv, /"invocation"/);
  assert.match(render(events, { verbosity: 2 }).stdout, /^task path: roles\/lb\/tasks\/main.yml:3:3$/m);
});

test('results of another task (free strategy) reprint that task banner', () => {
  const events: RunEvent[] = [
    { type: 'task_start', task: tasks.copy, hosts: ['a'] },
    { type: 'task_start', task: tasks.loop, hosts: ['b'] },
    { type: 'host_result', task: tasks.copy, host: 'a', status: 'ok', result: { changed: false } },
  ];
  const lines = render(events).stdout.split('\n').filter((l) => l !== '');
  assert.deepEqual(lines.map((l) => l.replace(/ \*+$/, '')), ['TASK [lb : write haproxy.cfg]', 'TASK [install packages]', 'TASK [lb : write haproxy.cfg]', 'ok: [a]']);
});

test('a loop with no items prints its single result line', () => {
  const events: RunEvent[] = [
    { type: 'task_start', task: tasks.loop, hosts: ['a'] },
    { type: 'host_result', task: tasks.loop, host: 'a', status: 'skipped', result: { changed: false, skipped: true, results: [], msg: 'No items in the list' } },
  ];
  assert.match(render(events).stdout, /^skipping: \[a\]$/m);
});

test('colour: status lines and recap are coloured only when enabled, and the text is unchanged', () => {
  const coloured = render(scriptedEvents, { color: true, diff: true }).stdout;
  const plain = render(scriptedEvents, { color: false, diff: true }).stdout;
  assert.match(coloured, /\u001b\[0;33mchanged: \[cp1\]\u001b\[0m/);
  assert.match(coloured, /\u001b\[0;31mfatal: \[cp1\]: FAILED!/);
  assert.doesNotMatch(plain, /\u001b\[/);
  // Ansible pads the coloured host name to 37 (26 + escape bytes), so the columns still line up.
  const recapLine = (text: string) => stripAnsi(text.split('\n').find((l) => stripAnsi(l).startsWith('cp1 '))!);
  assert.equal(recapLine(coloured), recapLine(plain));
});

test('a no_log-censored result never shows the secret: not in the result, the item label or the diff, at any verbosity', () => {
  const secretDiff = [{ path: '/etc/kubernetes/token', before: '', after: 's3cr3t-token\n' }];
  const events: RunEvent[] = [
    { type: 'task_start', task: tasks.secret, hosts: ['cp1', 'cp2'] },
    { type: 'host_result', task: tasks.secret, host: 'cp1', status: 'changed', item: 's3cr3t-item', result: { censored: CENSORED, changed: true }, diff: secretDiff },
    { type: 'host_result', task: tasks.secret, host: 'cp1', status: 'changed', result: { censored: CENSORED, changed: true, results: [] }, diff: secretDiff },
    { type: 'host_result', task: tasks.secret, host: 'cp2', status: 'changed', result: { censored: CENSORED, changed: true }, diff: secretDiff },
    { type: 'host_result', task: tasks.secret, host: 'cp3', status: 'failed', result: { censored: CENSORED, changed: false } },
  ];
  for (const verbosity of [0, 1, 4]) {
    const { stdout } = render(events, { verbosity, diff: true });
    assert.doesNotMatch(stdout, /s3cr3t/, `verbosity ${verbosity}`);
    assert.match(stdout, /changed: \[cp1\] => \(item=None\)/);
    assert.match(stdout, /fatal: \[cp3\]: FAILED! => \{\s*"censored": "the output has been hidden/);
  }
  // The same diff on a result that is not censored is shown: the check above is not vacuous.
  const open = render([{ ...events[3]!, result: { changed: true } } as RunEvent], { diff: true }).stdout;
  assert.match(open, /\+s3cr3t-token/);
});

test('--timing (or -v) prints the slowest tasks after the recap, as profile_tasks does', async () => {
  const { TaskTimes } = await import('../../../src/report/timing-summary.js');
  let now = 0;
  const times = new TaskTimes(() => now);
  const task = (title: string) => ({ title, where: `site.yml:${title.length}:1`, isHandler: false });
  for (const [title, ms] of [['quick', 100], ['slow one', 2500], ['middle', 900]] as const) {
    times.onEvent({ type: 'task_start', task: task(title), hosts: ['a'] });
    now += ms;
    times.onEvent({ type: 'host_result', task: task(title), host: 'a', status: 'ok', result: {} });
  }
  const lines = times.format().split('\n');
  assert.match(lines[1]!, /^TASKS RECAP \(slowest first\) \*+$/);
  assert.deepEqual(lines.slice(2, 5), [
    `slow one ${'-'.repeat(80 - 9 - 6)} 2.50s`,
    `middle ${'-'.repeat(80 - 7 - 6)} 0.90s`,
    `quick ${'-'.repeat(80 - 6 - 6)} 0.10s`,
  ]);
  const stdout = new FakeStream();
  const reporter = createPlainReporter({ stdout, stderr: new FakeStream(), verbosity: 0, diff: false, color: false, timing: true });
  for (const event of scriptedEvents) reporter.onEvent(event);
  await reporter.finish();
  assert.match(stdout.text, /PLAY RECAP[\s\S]*TASKS RECAP \(slowest first\)[\s\S]*lb : write haproxy\.cfg -+ \d+\.\d\ds/);
  const quiet = new FakeStream();
  const plain = createPlainReporter({ stdout: quiet, stderr: new FakeStream(), verbosity: 0, diff: false, color: false });
  for (const event of scriptedEvents) plain.onEvent(event);
  await plain.finish();
  assert.doesNotMatch(quiet.text, /TASKS RECAP/);
});
