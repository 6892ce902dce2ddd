import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TsplayError } from '../../../src/errors.js';
import { parseSshConfig, resolveSshHostConfig } from '../../../src/connection/ssh-config.js';
import { resolveConnectionSpec, sshArgsToConfigLines } from '../../../src/connection/spec.js';

const dir = mkdtempSync(join(tmpdir(), 'tsplay-spec-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const keyFile = join(dir, 'config_key');
writeFileSync(keyFile, 'x');

const CONFIG = `
# global lines apply first
ConnectTimeout 7
Host bastion
  HostName 10.250.0.2
  User jump
  Port 2200
Host cp? !cp9
  HostName %h.lab.example
  Port 2222
  IdentityFile ${keyFile}
  IdentityFile ~/.ssh/missing_key
  UserKnownHostsFile ~/kh1 /etc/kh2
Host cp*
  Port 9999
  User ops
  ProxyJump bastion
  StrictHostKeyChecking accept-new
Match host cp1
  User never
Host *
  Port 22
  User fallback
  ConnectTimeout 99
`;

describe('ssh config', () => {
  it('applies matching Host blocks, first value wins, negation excludes', () => {
    const blocks = parseSshConfig(CONFIG);
    const cp1 = resolveSshHostConfig(blocks, 'cp1');
    assert.equal(cp1.hostName, 'cp1.lab.example');
    assert.equal(cp1.port, 2222);
    assert.equal(cp1.user, 'ops');
    assert.deepEqual(cp1.identityFiles, [keyFile, join(homedir(), '.ssh/missing_key')]);
    assert.deepEqual(cp1.userKnownHostsFiles, [join(homedir(), 'kh1'), '/etc/kh2']);
    assert.equal(cp1.proxyJump, 'bastion');
    assert.equal(cp1.connectTimeoutSeconds, 7); // lines before the first Host come first
    const cp9 = resolveSshHostConfig(blocks, 'cp9');
    assert.equal(cp9.hostName, undefined);
    assert.equal(cp9.port, 9999);
  });

  it('reads -o, -J and -p from ssh args, = and space forms', () => {
    assert.deepEqual(sshArgsToConfigLines('h', `-o StrictHostKeyChecking=no -oUserKnownHostsFile=/dev/null -o 'Port 2022' -J bastion -C`), [
      { keyword: 'stricthostkeychecking', args: ['no'] }, { keyword: 'userknownhostsfile', args: ['/dev/null'] },
      { keyword: 'port', args: ['2022'] }, { keyword: 'proxyjump', args: ['bastion'] },
    ]);
  });
});

describe('resolveConnectionSpec', () => {
  it('uses defaults with no config', () => {
    const spec = resolveConnectionSpec('web1', {}, {}, '');
    assert.equal(spec.kind, 'ssh');
    assert.equal(spec.address, 'web1');
    assert.equal(spec.port, 22);
    assert.equal(spec.user, userInfo().username);
    assert.equal(spec.hostKeyChecking, 'strict');
    assert.deepEqual(spec.knownHostsFiles, [join(homedir(), '.ssh/known_hosts')]);
    assert.equal(spec.connectTimeoutMs, 10_000);
    assert.equal(spec.useAgent, Boolean(process.env['SSH_AUTH_SOCK']));
  });

  it('host vars win over CLI flags, which win over ssh config', () => {
    const vars = { ansible_host: '10.250.0.11', ansible_port: 2201, ansible_user: 'admin', ansible_ssh_private_key_file: '~/k' };
    const spec = resolveConnectionSpec('cp1', vars, { remoteUser: 'cliuser', privateKeyFile: '/cli/key' }, CONFIG);
    assert.equal(spec.address, '10.250.0.11');
    assert.equal(spec.port, 2201);
    assert.equal(spec.user, 'admin');
    assert.equal(spec.privateKeyFiles[0], join(homedir(), 'k'));
    const fromCli = resolveConnectionSpec('cp1', {}, { remoteUser: 'cliuser', privateKeyFile: '/cli/key', hostKeyChecking: 'off', connectTimeoutSeconds: 3 }, CONFIG);
    assert.equal(fromCli.user, 'cliuser');
    assert.deepEqual(fromCli.privateKeyFiles, ['/cli/key', keyFile]);
    assert.equal(fromCli.hostKeyChecking, 'off');
    assert.equal(fromCli.connectTimeoutMs, 3000);
    const fromConfig = resolveConnectionSpec('cp1', {}, {}, CONFIG);
    assert.equal(fromConfig.address, 'cp1.lab.example');
    assert.equal(fromConfig.port, 2222);
    assert.equal(fromConfig.user, 'ops');
    assert.equal(fromConfig.hostKeyChecking, 'accept-new');
    assert.deepEqual(fromConfig.privateKeyFiles, [keyFile]);
  });

  it('ssh common args set known hosts and checking above the CLI', () => {
    const spec = resolveConnectionSpec('h', { ansible_ssh_common_args: '-o StrictHostKeyChecking=no -o UserKnownHostsFile=/tmp/kh' },
      { hostKeyChecking: 'strict', knownHostsFiles: ['/cli/kh'] }, '');
    assert.equal(spec.hostKeyChecking, 'off');
    assert.deepEqual(spec.knownHostsFiles, ['/tmp/kh']);
    assert.deepEqual(resolveConnectionSpec('h', {}, { knownHostsFiles: ['/cli/kh'] }, '').knownHostsFiles, ['/cli/kh']);
    assert.equal(resolveConnectionSpec('h', { ansible_host_key_checking: false }, {}, '').hostKeyChecking, 'off');
  });

  it('resolves a ProxyJump host through ssh config', () => {
    const spec = resolveConnectionSpec('cp1', {}, {}, CONFIG);
    assert.equal(spec.proxyJump?.address, '10.250.0.2');
    assert.equal(spec.proxyJump?.port, 2200);
    assert.equal(spec.proxyJump?.user, 'jump');
    assert.throws(() => resolveConnectionSpec('h', { ansible_ssh_common_args: '-J a,b' }, {}, ''), /several hops/);
  });

  it('maps ansible_connection and rejects unknown ones', () => {
    assert.equal(resolveConnectionSpec('localhost', { ansible_connection: 'local' }, {}, '').kind, 'local');
    assert.equal(resolveConnectionSpec('h', { ansible_connection: 'paramiko' }, {}, '').kind, 'ssh');
    assert.throws(() => resolveConnectionSpec('h', { ansible_connection: 'docker' }, {}, ''), (e: unknown) => e instanceof TsplayError && /docker/.test(e.message));
    assert.throws(() => resolveConnectionSpec('h', { ansible_port: 'abc' }, {}, ''), /invalid port/);
  });

  it('takes the login password from ansible_password, ansible_ssh_pass or ansible_ssh_password', () => {
    assert.equal(resolveConnectionSpec('h', {}, {}, '').password, undefined);
    assert.equal(resolveConnectionSpec('h', { ansible_password: 'pw-one' }, {}, '').password, 'pw-one');
    assert.equal(resolveConnectionSpec('h', { ansible_ssh_pass: 'pw-two' }, {}, '').password, 'pw-two');
    assert.equal(resolveConnectionSpec('h', { ansible_ssh_password: 'pw-3', ansible_ssh_pass: 'x' }, {}, '').password, 'x', 'ansible_ssh_pass before ansible_ssh_password');
  });
});
