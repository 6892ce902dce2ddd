// Turn inventory variables, CLI flags and ~/.ssh/config into one ConnectionSpec per host.
// Precedence follows Ansible's ssh plugin: host vars (ansible_user, ansible_port, ...) win over
// -u/--private-key; both are passed to ssh as `-o` options before ansible_ssh_common_args, which
// come before ~/.ssh/config, where the first obtained value wins; then OpenSSH's defaults.
import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { TsplayError } from '../errors.js';
import { defaultKnownHostsFile, type HostKeyChecking } from './known-hosts.js';
import { expandPath, parseConfigLine, parseSshConfig, resolveSshHostConfig, splitWords, type SshConfigLine } from './ssh-config.js';
import type { ConnectionSpec } from './types.js';

export interface ConnectionCliOptions {
  readonly remoteUser?: string;
  readonly privateKeyFile?: string;
  readonly knownHostsFiles?: readonly string[];
  readonly hostKeyChecking?: HostKeyChecking;
  readonly connectTimeoutSeconds?: number;
}

const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

/** Read ~/.ssh/config, or '' when there is none. */
export function readUserSshConfig(): string {
  try {
    return readFileSync(join(homedir(), '.ssh', 'config'), 'utf8');
  } catch {
    return '';
  }
}

function stringVar(vars: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = vars[name];
    if (value !== undefined && value !== null && value !== '') return String(value);
  }
  return undefined;
}

function fail(host: string, message: string): never {
  throw new TsplayError(`${host}: ${message}`, { kind: 'usage' });
}

/** ssh command-line arguments as ssh_config lines (-o K=V, -oK=V, -J, -p, -i, -l). */
export function sshArgsToConfigLines(host: string, args: string): SshConfigLine[] {
  const words = splitWords(args);
  const lines: SshConfigLine[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const flag = /^-([oJpil])(.*)$/.exec(word);
    if (!flag) continue; // other flags (-C, -q, -v ...) change nothing we implement
    const value = flag[2] !== '' ? flag[2]! : words[++i];
    if (value === undefined) fail(host, `ssh argument ${word} has no value`);
    const line = flag[1] === 'o'
      ? parseConfigLine(value)
      : { keyword: { J: 'proxyjump', p: 'port', i: 'identityfile', l: 'user' }[flag[1] as 'J' | 'p' | 'i' | 'l'], args: [value] };
    if (line) lines.push(line);
  }
  return lines;
}

function hostKeyCheckingFrom(host: string, value: string): HostKeyChecking {
  switch (value.toLowerCase()) {
    case 'yes': case 'ask': case 'true': return 'strict';
    case 'accept-new': return 'accept-new';
    case 'no': case 'off': case 'false': return 'off';
    default: return fail(host, `unknown StrictHostKeyChecking value '${value}' (use yes, accept-new or no)`);
  }
}

function parsePort(host: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(host, `invalid port '${value}'`);
  return port;
}

/** `[user@]host[:port]`, the ProxyJump syntax (one hop). */
function parseJump(host: string, jump: string): { user?: string; address: string; port?: number } {
  if (jump.includes(',')) fail(host, `ProxyJump with several hops (${jump}) is not supported yet; use one jump host`);
  const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(jump.replace(/^ssh:\/\//, ''));
  if (!match) fail(host, `cannot read ProxyJump '${jump}' (expected [user@]host[:port])`);
  return { user: match[1], address: match[2]!.replace(/^\[|\]$/g, ''), port: parsePort(host, match[3]) };
}

function defaultKeyFiles(): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => join(homedir(), '.ssh', name)).filter((file) => existsSync(file));
}

export function resolveConnectionSpec(
  host: string,
  hostVars: Record<string, unknown>,
  cli: ConnectionCliOptions = {},
  sshConfigText: string = readUserSshConfig(),
): ConnectionSpec {
  const connection = stringVar(hostVars, 'ansible_connection') ?? 'ssh';
  const kind = connection === 'local' ? 'local' : ['ssh', 'paramiko', 'smart'].includes(connection) ? 'ssh' : undefined;
  if (kind === undefined) fail(host, `ansible_connection '${connection}' is not supported (use ssh or local)`);

  const target = stringVar(hostVars, 'ansible_host', 'ansible_ssh_host') ?? host;
  const sshArgs = [stringVar(hostVars, 'ansible_ssh_common_args'), stringVar(hostVars, 'ansible_ssh_extra_args')].filter((a) => a !== undefined).join(' ');
  const argLines = sshArgsToConfigLines(host, sshArgs);
  const blocks = parseSshConfig(sshConfigText);
  const config = resolveSshHostConfig(blocks, target, argLines);
  if (config.proxyCommand !== undefined && config.proxyCommand.toLowerCase() !== 'none') {
    fail(host, `ProxyCommand is not supported; use ProxyJump (one hop) instead`);
  }

  const explicitKey = stringVar(hostVars, 'ansible_ssh_private_key_file', 'ansible_private_key_file') ?? cli.privateKeyFile;
  const configKeys = config.identityFiles.filter((file) => existsSync(file));
  const privateKeyFiles = [
    ...(explicitKey !== undefined ? [expandPath(explicitKey)] : []),
    ...configKeys,
    ...(explicitKey === undefined && config.identityFiles.length === 0 ? defaultKeyFiles() : []),
  ];

  const varChecking = hostVars['ansible_host_key_checking'];
  const hostKeyChecking: HostKeyChecking =
    varChecking === false || varChecking === 'false' || varChecking === 'False' ? 'off'
      : config.strictHostKeyChecking !== undefined && argLines.some((l) => l.keyword === 'stricthostkeychecking')
        ? hostKeyCheckingFrom(host, config.strictHostKeyChecking)
        : cli.hostKeyChecking ?? (config.strictHostKeyChecking !== undefined ? hostKeyCheckingFrom(host, config.strictHostKeyChecking) : 'strict');

  const argKnownHosts = argLines.some((l) => l.keyword === 'userknownhostsfile') ? config.userKnownHostsFiles : undefined;
  const knownHostsFiles = argKnownHosts ?? (cli.knownHostsFiles?.length ? cli.knownHostsFiles.map((f) => expandPath(f)) : undefined)
    ?? config.userKnownHostsFiles ?? [defaultKnownHostsFile()];

  const timeoutVar = stringVar(hostVars, 'ansible_ssh_timeout', 'ansible_timeout');
  const timeoutSeconds = (timeoutVar !== undefined ? Number(timeoutVar) : undefined) ?? cli.connectTimeoutSeconds
    ?? config.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS;
  if (!(timeoutSeconds > 0)) fail(host, `invalid connect timeout '${timeoutVar}'`);

  const user = stringVar(hostVars, 'ansible_user', 'ansible_ssh_user') ?? cli.remoteUser ?? config.user ?? userInfo().username;
  const password = stringVar(hostVars, 'ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password');
  const port = parsePort(host, stringVar(hostVars, 'ansible_port', 'ansible_ssh_port')) ?? config.port ?? 22;

  let proxyJump: ConnectionSpec | undefined;
  if (kind === 'ssh' && config.proxyJump !== undefined && config.proxyJump.toLowerCase() !== 'none') {
    const jump = parseJump(host, config.proxyJump);
    // The jump host is resolved from ssh config on its own (as `ssh -J` does), sharing our key and
    // known_hosts settings; it must not itself need a jump.
    const jumpConfig = resolveSshHostConfig(blocks, jump.address);
    if (jumpConfig.proxyJump !== undefined && jumpConfig.proxyJump.toLowerCase() !== 'none') {
      fail(host, `jump host ${jump.address} needs its own ProxyJump: several hops are not supported yet`);
    }
    proxyJump = {
      host: jump.address,
      kind: 'ssh',
      address: jumpConfig.hostName ?? jump.address,
      port: jump.port ?? jumpConfig.port ?? 22,
      user: jump.user ?? jumpConfig.user ?? userInfo().username,
      privateKeyFiles: [...new Set([...privateKeyFiles, ...jumpConfig.identityFiles.filter((f) => existsSync(f))])],
      useAgent: Boolean(process.env['SSH_AUTH_SOCK']),
      knownHostsFiles,
      hostKeyChecking,
      connectTimeoutMs: timeoutSeconds * 1000,
    };
  }

  return {
    host,
    kind,
    // ssh is asked for ansible_host (or the inventory name); ssh config HostName may redirect it, as with OpenSSH.
    address: config.hostName ?? target,
    port,
    user,
    ...(password !== undefined ? { password } : {}),
    privateKeyFiles,
    useAgent: Boolean(process.env['SSH_AUTH_SOCK']),
    knownHostsFiles,
    hostKeyChecking,
    connectTimeoutMs: timeoutSeconds * 1000,
    ...(proxyJump ? { proxyJump } : {}),
  };
}
