// The framing of commands sent to the persistent remote shell (the real shell is exercised in
// ssh-real.test.ts): end markers are found only whole, and output before them is returned untouched.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { findStderrEnd, findStdoutEnd, shellFrame } from '../../../src/connection/persistent-shell.js';

const marker = Buffer.from('TSPLAY-END-0123456789abcdef');

describe('persistent shell framing', () => {
  it('finds the stdout end only once the status line is complete', () => {
    assert.equal(findStdoutEnd(Buffer.from('out\nTSPLAY-END-0123456789abcdef 1'), marker), undefined);
    const done = findStdoutEnd(Buffer.from('out\nTSPLAY-END-0123456789abcdef 17\nnext'), marker);
    assert.deepEqual(done, { end: 3, rc: 17, next: 35 });
  });

  it('does not take a marker without the leading newline we print (output cannot end with it by accident)', () => {
    assert.equal(findStdoutEnd(Buffer.from('TSPLAY-END-0123456789abcdef 0\n'), marker), undefined);
    assert.equal(findStderrEnd(Buffer.from('xTSPLAY-END-0123456789abcdef\n'), marker), undefined);
    assert.deepEqual(findStderrEnd(Buffer.from('err\n\nTSPLAY-END-0123456789abcdef\n'), marker), { end: 4, next: 33 });
  });

  it('frames a command so that sh, reading it on stdin, runs it in a subshell and reports its status', () => {
    const line = "printf 'a b'; echo \"it's\" >&2; cd /; exit 3";
    const input = shellFrame(line, marker.toString()) + shellFrame('pwd', marker.toString());
    const run = spawnSync('/bin/sh', [], { input, encoding: 'utf8', cwd: '/tmp' });
    assert.equal(run.stdout, `a b\n${marker} 3\n/tmp\n\n${marker} 0\n`);
    assert.equal(run.stderr, `it's\n\n${marker}\n\n${marker}\n`);
  });
});
