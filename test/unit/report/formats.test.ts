import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonJson } from '../../../src/report/python-json.js';
import { formatDiffs } from '../../../src/report/diff-format.js';
import { createPalette, shouldUseColor } from '../../../src/report/color.js';
import { formatRecap, recapLine } from '../../../src/report/recap.js';
import { banner } from '../../../src/report/banner.js';

test("pythonJson matches Python's json.dumps(sort_keys=True)", () => {
  assert.equal(pythonJson({ b: 1, a: [1, 'x', null, true], c: {} , d: []}), '{"a": [1, "x", null, true], "b": 1, "c": {}, "d": []}');
  assert.equal(pythonJson({ msg: 'line\n"q"' }), '{"msg": "line\\n\\"q\\""}');
  assert.equal(pythonJson({ b: { y: 1, x: 2 } }, 4), '{\n    "b": {\n        "x": 2,\n        "y": 1\n    }\n}');
  assert.equal(pythonJson({ skip: undefined, keep: 1 }), '{"keep": 1}');
});

test('banner pads with stars to 80 columns', () => {
  assert.equal(banner('PLAY RECAP'), `\nPLAY RECAP ${'*'.repeat(69)}`);
  assert.equal(banner('TASK [x]').length, 81);
});

test('recap line spacing is exactly Ansible\'s %-26s / %-4s format', () => {
  const stats = { ok: 12345, changed: 2, unreachable: 0, failed: 0, skipped: 1, rescued: 0, ignored: 0 };
  assert.equal(recapLine('cp1', stats, createPalette(false)), 'cp1                        : ok=12345 changed=2    unreachable=0    failed=0    skipped=1    rescued=0    ignored=0   ');
  const recap = formatRecap({ b: stats, a: stats }, createPalette(false));
  assert.deepEqual(recap.split('\n').map((l) => l.slice(0, 3)), ['', 'PLA', 'a  ', 'b  ', '', '']);
});

test('diffs: Ansible headers, hunks, a blank line after each file, nothing for equal content', () => {
  const text = formatDiffs([{ path: '/f', before: 'a\nb\nc\n', after: 'a\nB\nc\nd' }, { path: '/same', before: 'x', after: 'x' }], createPalette(false));
  assert.equal(text, '--- before: /f\n+++ after: /f\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n\\ No newline at end of file\n\n');
  const coloured = formatDiffs([{ path: '/f', before: 'a\n', after: 'b\n' }], createPalette(true));
  assert.match(coloured, /\u001b\[0;31m-a\u001b\[0m\n\u001b\[0;32m\+b\u001b\[0m\n/);
});

test('colour only on a TTY and never with NO_COLOR', () => {
  assert.equal(shouldUseColor({ isTTY: true }, {}), true);
  assert.equal(shouldUseColor({ isTTY: false }, {}), false);
  assert.equal(shouldUseColor({}, {}), false);
  assert.equal(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(shouldUseColor({ isTTY: true }, { NO_COLOR: '' }), true);
});
