// Every bad input is a LoadError with the exact file:line:col and a message that says what to fix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import { assertLoadError, fixture, registry } from './helpers.js';

const load = (name: string) => () => loadPlaybook(fixture('errors', name), { registry });
const at = (name: string) => fixture('errors', name);

test('malformed YAML is a parse error at the bad spot', async () => {
  const error = await assertLoadError(load('malformed.yml'), at('malformed.yml'), 5, 1, /Flow sequence/);
  assert.equal(error.kind, 'parse');
});

test('a duplicate key is a parse error naming the key', async () => {
  const error = await assertLoadError(load('duplicate.yml'), at('duplicate.yml'), 6, 7, "duplicate key 'name'");
  assert.equal(error.kind, 'parse');
});

test('a misspelt task keyword gets a did-you-mean hint', async () => {
  const error = await assertLoadError(load('task-keyword.yml'), at('task-keyword.yml'), 4, 7, "unknown task keyword 'whn' (did you mean 'when'?)");
  assert.equal(error.describe(), `${at('task-keyword.yml')}:4:7: unknown task keyword 'whn' (did you mean 'when'?)`);
});

test('a misspelt play keyword is a validation error with a hint', async () => {
  const error = await assertLoadError(load('play-keyword.yml'), at('play-keyword.yml'), 2, 3, "unknown play keyword 'becom' (did you mean 'become'?)");
  assert.equal(error.kind, 'validation');
});

test('a keyword of the wrong type', async () => {
  await assertLoadError(load('wrong-type.yml'), at('wrong-type.yml'), 2, 17, "'gather_facts' must be a boolean, got a string ('maybe')");
});

test('module arguments are checked with that module schema', async () => {
  await assertLoadError(load('wrong-arg-type.yml'), at('wrong-arg-type.yml'), 7, 15, "'mode' must be an integer or a string, got a list");
  await assertLoadError(load('wrong-arg-name.yml'), at('wrong-arg-name.yml'), 6, 9, "unknown copy argument 'dst' (did you mean 'dest'?)");
});

test('an unknown module gets a hint from the registry', async () => {
  await assertLoadError(load('unknown-module.yml'), at('unknown-module.yml'), 4, 7, "unknown module 'cpy' (did you mean 'copy'?)");
});

test('two modules in one task', async () => {
  await assertLoadError(load('two-modules.yml'), at('two-modules.yml'), 6, 7, /only one module, found 'debug' and 'command'/);
});

test('a missing role is reported at the role reference', async () => {
  await assertLoadError(load('missing-role.yml'), at('missing-role.yml'), 4, 13, /^role 'nosuchrole' not found \(searched: /);
});

test('a missing vars file', async () => {
  await assertLoadError(load('missing-vars.yml'), at('missing-vars.yml'), 3, 7, `vars file '${at('vars/nope.yml')}' not found`);
});

test('a missing include file', async () => {
  await assertLoadError(load('missing-include.yml'), at('missing-include.yml'), 3, 22, /^task file 'nothere.yml' not found \(looked in: /);
});

test('an include loop names the cycle', async () => {
  await assertLoadError(load('include-loop.yml'), at('loop-b.yml'), 2, 18, 'import/include cycle: loop-a.yml -> loop-b.yml -> loop-a.yml');
});

test('circular role dependencies name the cycle', async () => {
  await assertLoadError(load('role-cycle.yml'), fixture('errors', 'roles', 'b', 'meta', 'main.yml'), 2, 11, 'circular role dependency: a -> b -> a');
});

test('a play without hosts', async () => {
  await assertLoadError(load('no-hosts.yml'), at('no-hosts.yml'), 1, 3, "missing required play keyword 'hosts'");
});

test('a missing playbook', async () => {
  await assertLoadError(load('nope.yml'), at('nope.yml'), 1, 1, `playbook '${at('nope.yml')}' not found`);
});

test('block keywords are checked too', async () => {
  await assertLoadError(load('block-keyword.yml'), at('block-keyword.yml'), 5, 7, "unknown block keyword 'whem' (did you mean 'when'?)");
});

test('a loop on import_role is refused (ansible-playbook: use include_role instead)', async () => {
  await assertLoadError(load('role-loop.yml'), at('role-loop.yml'), 5, 7, /import_role cannot loop; use include_role with 'loop'/);
});
