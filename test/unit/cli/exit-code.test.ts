import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT, exitCodeForError, exitCodeForOutcome } from '../../../src/cli/exit-code.js';
import { OptionsError, UsageError } from '../../../src/cli/args.js';
import { LoadError, TsplayError } from '../../../src/errors.js';

test('outcome table: every combination of failed/unreachable/changed/interrupted, with and without --detailed-exitcode', () => {
  for (const interrupted of [false, true]) {
    for (const anyUnreachable of [false, true]) {
      for (const anyFailed of [false, true]) {
        for (const anyChanged of [false, true]) {
          for (const [check, detailedExitcode] of [[false, false], [true, false], [true, true]] as const) {
            const expected = interrupted ? 99 : anyUnreachable ? 4 : anyFailed ? 2 : check && detailedExitcode && anyChanged ? 3 : 0;
            const code = exitCodeForOutcome({ interrupted, anyUnreachable, anyFailed, anyChanged }, { check, detailedExitcode });
            assert.equal(code, expected, JSON.stringify({ interrupted, anyUnreachable, anyFailed, anyChanged, check, detailedExitcode }));
          }
        }
      }
    }
  }
});

test('spot checks of the exit-code contract', () => {
  const none = { interrupted: false, anyUnreachable: false, anyFailed: false, anyChanged: false };
  assert.equal(exitCodeForOutcome({ ...none, anyChanged: true }, { check: false, detailedExitcode: false }), 0, 'changes alone are ok');
  assert.equal(exitCodeForOutcome({ ...none, anyChanged: true }, { check: true, detailedExitcode: false }), 0, 'drift keeps 0 without --detailed-exitcode, like Ansible');
  assert.equal(exitCodeForOutcome({ ...none, anyChanged: true }, { check: true, detailedExitcode: true }), 3);
  assert.equal(exitCodeForOutcome({ ...none, anyChanged: true, anyFailed: true }, { check: true, detailedExitcode: true }), 2, 'failure wins over would-change');
  assert.equal(exitCodeForOutcome({ ...none, anyFailed: true, anyUnreachable: true }, { check: false, detailedExitcode: false }), 4, 'unreachable wins over failed');
});

test('errors map to Ansible codes: parse/validation 4, other TsplayError 1, usage 2, options 5, unexpected 250', () => {
  assert.equal(exitCodeForError(new LoadError('bad yaml', { file: 'a.yml', line: 1, col: 1 }, undefined, 'parse')), 4);
  assert.equal(exitCodeForError(new LoadError('unknown play key')), 4);
  assert.equal(exitCodeForError(new TsplayError('no hosts', { kind: 'usage' })), 1);
  assert.equal(exitCodeForError(new TsplayError('missing file', { kind: 'runtime' })), 1);
  assert.equal(exitCodeForError(new TsplayError('conn', { kind: 'connection' })), 1);
  assert.equal(exitCodeForError(new UsageError('bad flag')), 2);
  assert.equal(exitCodeForError(new OptionsError('forks')), 5);
  assert.equal(exitCodeForError(new TypeError('x is undefined')), 250);
  assert.equal(exitCodeForError('a string'), EXIT.UNEXPECTED);
});
