import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FORKS, OptionsError, parseArgs, UsageError, type RunArgs } from '../../../src/cli/args.js';

function run(...argv: string[]): RunArgs {
  const parsed = parseArgs(['run', ...argv]);
  assert.equal(parsed.command, 'run');
  return (parsed as { args: RunArgs }).args;
}

test('top-level commands: help, version, run and its playbook alias', () => {
  assert.deepEqual(parseArgs(['--help']), { command: 'help' });
  assert.deepEqual(parseArgs(['-h']), { command: 'help' });
  assert.deepEqual(parseArgs(['help', 'run']), { command: 'help', topic: 'run' });
  assert.deepEqual(parseArgs(['--version']), { command: 'version' });
  assert.deepEqual(parseArgs(['run', '--help']), { command: 'help', topic: 'run' });
  assert.deepEqual(parseArgs(['run', 'site.yml', '-h']), { command: 'help', topic: 'run' });
  const viaAlias = parseArgs(['playbook', 'site.yml']);
  assert.equal(viaAlias.command, 'run');
  assert.equal((viaAlias as { args: RunArgs }).args.playbook, 'site.yml');
});

test('defaults when only a playbook is given', () => {
  const args = run('site.yml');
  assert.equal(args.playbook, 'site.yml');
  assert.equal(args.forks, DEFAULT_FORKS);
  assert.deepEqual(args.inventories, []);
  assert.deepEqual(args.tags, []);
  assert.deepEqual(args.extraVars, []);
  assert.equal(args.verbosity, 0);
  for (const flag of ['become', 'askBecomePass', 'check', 'diff', 'listHosts', 'listTasks', 'listTags', 'syntaxCheck', 'forceHandlers', 'json', 'plain', 'detailedExitcode'] as const) {
    assert.equal(args[flag], false, flag);
  }
  assert.equal(args.limit, undefined);
  assert.equal(args.timeout, undefined);
});

test('every value flag in its short, long and --flag=value forms', () => {
  const args = run(
    'site.yml',
    '-i', 'inv1.yml', '--inventory', 'inv2', '--inventory=h1,h2,',
    '-l', 'cp*', '-t', 'a,b', '--tags=c', '--skip-tags', 'x, y',
    '-e', 'a=1', '-e', '@vars.yml', '--extra-vars={"k": 2}',
    '-f', '7', '-u', 'admin', '--become-user', 'postgres', '--private-key', '/k/id',
    '--known-hosts', '/kh1', '--known-hosts=/kh2', '--host-key-checking', 'accept-new',
    '-T', '30', '--start-at-task', 'install kubelet', '--roles-path', '/r1:/r2', '--roles-path=/r3',
  );
  assert.deepEqual(args.inventories, ['inv1.yml', 'inv2', 'h1,h2,']);
  assert.equal(args.limit, 'cp*');
  assert.deepEqual(args.tags, ['a', 'b', 'c']);
  assert.deepEqual(args.skipTags, ['x', 'y']);
  assert.deepEqual(args.extraVars, ['a=1', '@vars.yml', '{"k": 2}']);
  assert.equal(args.forks, 7);
  assert.equal(args.user, 'admin');
  assert.equal(args.becomeUser, 'postgres');
  assert.equal(args.privateKey, '/k/id');
  assert.deepEqual(args.knownHosts, ['/kh1', '/kh2']);
  assert.equal(args.hostKeyChecking, 'accept-new');
  assert.equal(args.timeout, 30);
  assert.equal(args.startAtTask, 'install kubelet');
  assert.deepEqual(args.rolesPath, ['/r1', '/r2', '/r3']);
});

test('every boolean flag', () => {
  const args = run('site.yml', '-b', '-K', '-C', '-D', '--list-hosts', '--list-tasks', '--list-tags', '--syntax-check', '--force-handlers', '--json', '--detailed-exitcode');
  for (const flag of ['become', 'askBecomePass', 'check', 'diff', 'listHosts', 'listTasks', 'listTags', 'syntaxCheck', 'forceHandlers', 'json', 'detailedExitcode'] as const) {
    assert.equal(args[flag], true, flag);
  }
  assert.equal(run('site.yml', '--plain').plain, true);
  const long = run('site.yml', '--become', '--ask-become-pass', '--check', '--diff', '--verbose');
  assert.equal(long.become && long.askBecomePass && long.check && long.diff, true);
  assert.equal(long.verbosity, 1);
});

test('short flag clusters: -vvv, -vvvv, -bK, -f10, -bf10, -e@file, -Cv', () => {
  assert.equal(run('site.yml', '-vvv').verbosity, 3);
  assert.equal(run('site.yml', '-v', '-vv', '--verbose').verbosity, 4);
  const bk = run('site.yml', '-bK');
  assert.equal(bk.become, true);
  assert.equal(bk.askBecomePass, true);
  assert.equal(run('site.yml', '-f10').forks, 10);
  const bf = run('site.yml', '-bf10');
  assert.equal(bf.become, true);
  assert.equal(bf.forks, 10);
  assert.deepEqual(run('site.yml', '-e@vars.yml').extraVars, ['@vars.yml']);
  const cv = run('site.yml', '-Cv');
  assert.equal(cv.check, true);
  assert.equal(cv.verbosity, 1);
});

test('the playbook may come anywhere, and -- ends the options', () => {
  assert.equal(run('-C', 'site.yml', '-D').playbook, 'site.yml');
  assert.equal(run('--', '-odd-name.yml').playbook, '-odd-name.yml');
});

test('repeated single-value flags: the last one wins (as argparse does)', () => {
  const args = run('site.yml', '-l', 'a', '-l', 'b', '-f', '3', '-f', '4', '-u', 'x', '--user=y');
  assert.equal(args.limit, 'b');
  assert.equal(args.forks, 4);
  assert.equal(args.user, 'y');
});

test('a limit may start with ! or ~ and is not taken for a flag', () => {
  assert.equal(run('site.yml', '-l', '!cp1').limit, '!cp1');
  assert.equal(run('site.yml', '--limit', '~node0[12]').limit, '~node0[12]');
});

test('malformed command lines are UsageError (exit 2) with one clear message', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /a command is required/],
    [['deploy', 'x.yml'], /unknown command 'deploy'/],
    [['--bogus'], /unrecognized arguments: --bogus/],
    [['run'], /required: playbook/],
    [['run', 'a.yml', 'b.yml'], /unrecognized arguments: b.yml/],
    [['run', 'site.yml', '--bogus'], /unrecognized arguments: --bogus/],
    [['run', 'site.yml', '--chek'], /did you mean --check\?/],
    [['run', 'site.yml', '-x'], /unrecognized arguments: -x/],
    [['run', 'site.yml', '-bx'], /-x \(in -bx\)/],
    [['run', 'site.yml', '-i'], /argument -i\/--inventory: expected one argument/],
    [['run', 'site.yml', '-e', '-C'], /argument -e\/--extra-vars: expected one argument/],
    [['run', 'site.yml', '--limit'], /argument -l\/--limit: expected one argument/],
    [['run', 'site.yml', '-f', 'ten'], /argument -f\/--forks: invalid int value: 'ten'/],
    [['run', 'site.yml', '-T', '1.5'], /argument -T\/--timeout: invalid int value/],
    [['run', 'site.yml', '--host-key-checking', 'maybe'], /invalid choice: 'maybe'/],
    [['run', 'site.yml', '--check=yes'], /ignored explicit argument 'yes'/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseArgs(argv), (error: unknown) => error instanceof UsageError && message.test(error.message), argv.join(' '));
  }
});

test('values that parse but cannot be honoured are OptionsError (exit 5)', () => {
  const cases: Array<[string[], RegExp]> = [
    [['-f', '0'], /--forks\) must be >= 1/],
    [['-T', '0'], /timeout/],
    [['--detailed-exitcode'], /only valid with --check/],
    [['--json', '--plain'], /cannot be used together/],
    [['-e', ' '], /empty -e/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseArgs(['run', 'site.yml', ...argv]), (error: unknown) => error instanceof OptionsError && message.test(error.message), argv.join(' '));
  }
  assert.doesNotThrow(() => parseArgs(['run', 'site.yml', '-C', '--detailed-exitcode']));
});
