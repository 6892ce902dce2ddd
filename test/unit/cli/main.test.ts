import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main.js';
import { INTERRUPT_MESSAGE, NO_HOSTS_MESSAGE } from '../../../src/cli/run-command.js';
import { LoadError } from '../../../src/errors.js';
import type { ConnectionSpec } from '../../../src/connection/types.js';
import { fakeDeps, fakeIO, FakeTtyInput, okOutcome } from './fakes.js';

const here = dirname(fileURLToPath(import.meta.url));
const site = join(here, 'fixtures', 'site');
const root = join(here, '..', '..', '..');

test('--version prints the package.json version; --help and run --help print help', async () => {
  const io = fakeIO(site);
  assert.equal(await main(['--version'], io), 0);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  assert.equal(io.out.text, `tsplay ${version}\n`);
  const help = fakeIO(site);
  assert.equal(await main(['run', '--help'], help), 0);
  for (const flag of ['--inventory', '--limit', '--tags', '--skip-tags', '--extra-vars', '--forks', '--user', '--become', '--become-user', '--ask-become-pass', '--private-key', '--known-hosts', '--host-key-checking', '--timeout', '--check', '--diff', '--verbose', '--list-hosts', '--list-tasks', '--list-tags', '--syntax-check', '--start-at-task', '--force-handlers', '--json', '--plain', '--detailed-exitcode', '--roles-path']) {
    assert.ok(help.out.text.includes(flag), `help mentions ${flag}`);
  }
});

test('a bad flag is a usage error: exit 2, usage line and one message on stderr, nothing on stdout', async () => {
  const io = fakeIO(site);
  assert.equal(await main(['run', 'site.yml', '--nope'], io), 2);
  assert.equal(io.err.text, 'usage: tsplay run PLAYBOOK [options]  (see tsplay run --help)\ntsplay: error: unrecognized arguments: --nope\n');
  assert.equal(io.out.text, '');
});

test('a missing playbook is exit 1 with Ansible\'s message', async () => {
  const io = fakeIO(site);
  assert.equal(await main(['run', 'nope.yml'], io, fakeDeps(site, () => okOutcome)), 1);
  assert.equal(io.err.text, 'ERROR! the playbook: nope.yml could not be found\n');
});

test('a parse error is exit 4 with file:line:col and hint, and a stack only at -vvv', async () => {
  const failing = { ...fakeDeps(site, () => okOutcome), loadPlaybook: async () => Promise.reject(new LoadError("unknown task keyword 'whn'", { file: 'site.yml', line: 12, col: 5 }, "did you mean 'when'?", 'parse')) };
  const io = fakeIO(site);
  assert.equal(await main(['run', 'site.yml'], io, failing), 4);
  assert.equal(io.err.text, "ERROR! site.yml:12:5: unknown task keyword 'whn'\n  hint: did you mean 'when'?\n");
  const verbose = fakeIO(site);
  assert.equal(await main(['run', 'site.yml', '-vvv'], verbose, failing), 4);
  assert.match(verbose.err.text, /\n {4}at /);
});

test('a --limit that leaves no hosts is exit 1 with Ansible\'s exact message', async () => {
  const io = fakeIO(site);
  assert.equal(await main(['run', 'site.yml', '-l', 'nothing'], io, fakeDeps(site, () => okOutcome)), 1);
  assert.equal(io.err.text, `ERROR! ${NO_HOSTS_MESSAGE}\n`);
});

test('without -i the default inventory/hosts.yml is used, and its absence is an error', async () => {
  let seen: readonly string[] = [];
  const deps = { ...fakeDeps(site, () => okOutcome), loadInventory: async (sources: readonly string[]) => ((seen = sources), (await fakeDeps(site, () => okOutcome).loadInventory!([], {}))) };
  assert.equal(await main(['run', 'site.yml'], fakeIO(site), deps), 0);
  assert.deepEqual(seen, [join(site, 'inventory', 'hosts.yml')]);
  const elsewhere = fakeIO(join(site, 'roles'));
  assert.equal(await main(['run', '../site.yml'], elsewhere, fakeDeps(site, () => okOutcome)), 1);
  assert.match(elsewhere.err.text, /no inventory given \(-i\) and inventory\/hosts.yml does not exist\n {2}hint: /);
});

test('run: flags become RunOptions, the outcome becomes the exit code', async () => {
  const deps = fakeDeps(site, () => ({ ...okOutcome, anyChanged: true }));
  const io = fakeIO(site);
  const code = await main(['run', 'site.yml', '-i', 'x', '-C', '--detailed-exitcode', '-f', '3', '-t', 'a,b', '--skip-tags', 'c', '-e', 'k=v', '-u', 'admin', '--private-key', 'id', '--known-hosts', 'kh', '--host-key-checking', 'off', '-T', '5', '--start-at-task', 'x', '--force-handlers', '-vv'], io, deps);
  assert.equal(code, 3);
  const options = deps.calls[0]!.options;
  assert.equal(options.check, true);
  assert.equal(options.forks, 3);
  assert.deepEqual(options.tags, ['a', 'b']);
  assert.deepEqual(options.skipTags, ['c']);
  assert.deepEqual(options.extraVars, { k: 'v' });
  assert.equal(options.become, undefined, 'without -b plays decide');
  assert.equal(options.remoteUser, 'admin');
  assert.equal(options.privateKeyFile, 'id');
  assert.deepEqual(options.knownHostsFiles, ['kh']);
  assert.equal(options.hostKeyChecking, 'off');
  assert.equal(options.connectTimeoutSeconds, 5);
  assert.equal(options.startAtTask, 'x');
  assert.equal(options.forceHandlers, true);
  assert.equal(options.verbosity, 2);
  assert.equal(await main(['run', 'site.yml', '-b'], fakeIO(site), fakeDeps(site, (c) => ((assert.equal(c.options.become, true), { ...okOutcome, anyFailed: true, anyUnreachable: true })))), 4);
  assert.equal(await main(['run', 'site.yml'], fakeIO(site), fakeDeps(site, () => ({ ...okOutcome, anyFailed: true }))), 2);
});

test('run prints through the plain reporter off a TTY, and --json prints only one JSON document', async () => {
  const emit = (call: { deps: { onEvent: (e: never) => void } }) => {
    call.deps.onEvent({ type: 'play_start', name: 'p', hosts: ['cp1'] } as never);
    call.deps.onEvent({ type: 'recap', stats: { cp1: { ok: 1, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 } } } as never);
    return okOutcome;
  };
  const plain = fakeIO(site);
  assert.equal(await main(['run', 'site.yml'], plain, fakeDeps(site, emit)), 0);
  assert.match(plain.out.text, /^\nPLAY \[p\] \*+\n\nPLAY RECAP \*+\ncp1 +: ok=1 /);
  const json = fakeIO(site, { stdoutTty: true });
  assert.equal(await main(['run', 'site.yml', '--json'], json, fakeDeps(site, emit)), 0);
  const doc = JSON.parse(json.out.text) as { stats: Record<string, { ok: number }> };
  assert.equal(doc.stats.cp1!.ok, 1);
});

test('Ctrl-C: the first aborts gracefully (exit 99), the second exits at once', async () => {
  const io = fakeIO(site);
  let aborted = false;
  const deps = fakeDeps(site, async (call) => {
    io.interrupt();
    aborted = call.deps.signal?.aborted === true;
    io.interrupt();
    return okOutcome;
  });
  assert.equal(await main(['run', 'site.yml'], io, deps), 99);
  assert.equal(aborted, true);
  assert.ok(io.err.text.includes(INTERRUPT_MESSAGE));
  assert.deepEqual(io.exits, [99]);
});

test('-K without a terminal is a clear options error (exit 5)', async () => {
  const io = fakeIO(site);
  assert.equal(await main(['run', 'site.yml', '-K'], io, fakeDeps(site, () => okOutcome)), 5);
  assert.match(io.err.text, /^ERROR! -K\/--ask-become-pass needs a terminal/);
});

test('-K reads the password without echo, hands it to connect, and never prints it', async () => {
  const stdin = new FakeTtyInput('hunter2\r');
  const io = fakeIO(site, { stdin });
  const deps = fakeDeps(site, async (call) => {
    assert.equal(call.options.becomePassword, 'hunter2');
    await call.deps.connect({ host: 'cp1' } as ConnectionSpec); // the fake connect throws its arguments
    return okOutcome;
  });
  assert.equal(await main(['run', 'site.yml', '-K', '-vvv'], io, deps), 250);
  assert.deepEqual(stdin.rawModes, [true, false]);
  assert.match(io.err.text, /^BECOME password: \nERROR! Unexpected Exception, this is probably a bug: connect cp1 \*{8}\n/);
  assert.doesNotMatch(io.err.text + io.out.text, /hunter2/);
});

test('an unexpected engine exception is exit 250 with a hint to use -vvv', async () => {
  const io = fakeIO(site);
  assert.equal(await main(['run', 'site.yml'], io, fakeDeps(site, () => Promise.reject(new TypeError('boom')))), 250);
  assert.equal(io.err.text, 'ERROR! Unexpected Exception, this is probably a bug: boom\nto see the full traceback, use -vvv\n');
});
