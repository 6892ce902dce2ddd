import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatUnifiedDiff } from '../../../src/diff/unified.js';

const numberedLines = (count: number, label: string): string[] => Array.from({ length: count }, (_, i) => `${label} ${i + 1}`);

test('formatUnifiedDiff: new file, separate hunks, no trailing newline', () => {
  assert.equal(formatUnifiedDiff({ path: 'p', before: '', after: 'a\n' }), '--- before: p\n+++ after: p\n@@ -0,0 +1 @@\n+a\n');
  const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') + '\n';
  const after = before.replace('l1\n', 'L1\n').replace('l18\n', 'L18\n');
  const text = formatUnifiedDiff({ path: 'p', before, after });
  assert.equal(text.match(/^@@/gm)?.length, 2);
  assert.match(text, /@@ -1,5 \+1,5 @@\n l0\n-l1\n\+L1\n/);
  assert.match(formatUnifiedDiff({ path: 'p', before: 'a', after: 'a\n' }), /\\ No newline at end of file/);
  assert.equal(formatUnifiedDiff({ path: 'p', before: 'same', after: 'same' }), '');
});

test('formatUnifiedDiff: 2 changed lines of a 3,000-line file give two small hunks, like diff -u', () => {
  const lines = numberedLines(3000, 'line');
  const before = lines.join('\n') + '\n';
  // Far apart, so everything between them differs in position: the old LCS table gave up on this.
  const after = before.replace('line 20\n', 'changed 20\n').replace('line 2980\n', 'changed 2980\n');
  assert.equal(
    formatUnifiedDiff({ path: '/etc/big.conf', before, after }),
    [
      '--- before: /etc/big.conf',
      '+++ after: /etc/big.conf',
      '@@ -17,7 +17,7 @@',
      ' line 17', ' line 18', ' line 19', '-line 20', '+changed 20', ' line 21', ' line 22', ' line 23',
      '@@ -2977,7 +2977,7 @@',
      ' line 2977', ' line 2978', ' line 2979', '-line 2980', '+changed 2980', ' line 2981', ' line 2982', ' line 2983',
      '',
    ].join('\n'),
  );
});

test('formatUnifiedDiff: changes 6 lines apart share a hunk, 7 apart do not (3 lines of context)', () => {
  const before = numberedLines(30, 'l').join('\n') + '\n';
  const sixApart = before.replace('l 5\n', 'x 5\n').replace('l 12\n', 'x 12\n');
  assert.equal(formatUnifiedDiff({ path: 'p', before, after: sixApart }).match(/^@@/gm)?.length, 1);
  const sevenApart = before.replace('l 5\n', 'x 5\n').replace('l 13\n', 'x 13\n');
  assert.equal(formatUnifiedDiff({ path: 'p', before, after: sevenApart }).match(/^@@/gm)?.length, 2);
});

test('formatUnifiedDiff: a deleted file and a whole rewrite too large to diff line by line', () => {
  assert.equal(formatUnifiedDiff({ path: 'p', before: 'a\nb', after: '' }), '--- before: p\n+++ after: p\n@@ -1,2 +0,0 @@\n-a\n-b\n\\ No newline at end of file\n');
  const before = numberedLines(3000, 'old').join('\n') + '\n';
  const after = numberedLines(3000, 'new').join('\n') + '\n';
  const lines = formatUnifiedDiff({ path: 'p', before, after }).split('\n');
  assert.deepEqual(lines.slice(0, 4), ['--- before: p', '+++ after: p', '@@ -1,3000 +1,3000 @@', '-old 1']);
  assert.equal(lines[3 + 3000], '+new 1');
  assert.equal(lines.length, 3 + 6000 + 1);
});

test('a diff without a path (settings, not a file) gets bare before/after headers, as Ansible prints a dict diff', () => {
  const text = formatUnifiedDiff({ path: '', before: '{\n    "name": "Etc/UTC"\n}\n', after: '{\n    "name": "Europe/Paris"\n}\n' });
  assert.equal(text, '--- before\n+++ after\n@@ -1,3 +1,3 @@\n {\n-    "name": "Etc/UTC"\n+    "name": "Europe/Paris"\n }\n');
});
