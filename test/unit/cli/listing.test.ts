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
      '      TASK: command\tTAGS: [play]',
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

test('the hidden prompt handles backspace and Ctrl-C', async () => {
  const out = new FakeStream();
  assert.equal(await promptHidden('pw: ', new FakeTtyInput('abx\u007fc\r'), out), 'abc');
  assert.equal(out.text, 'pw: \n', 'nothing typed is echoed');
  await assert.rejects(promptHidden('pw: ', new FakeTtyInput('ab\u0003'), new FakeStream()), PromptCancelled);
});
