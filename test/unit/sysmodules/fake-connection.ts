// A scripted Connection for module unit tests: responses are chosen by the first regex that matches
// a command, and every exec/put is recorded so tests can assert the exact commands a module built.
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import type { Connection, ExecOptions, ExecResult, PutOptions, TransferSource, UploadOptions } from '../../../src/connection/types.js';
import { downloadThroughGet, uploadThroughPut } from '../support/in-memory-transfers.js';
import { createSources } from '../../../src/load/index.js';
import { createRegistry } from '../../../src/modules/registry.js';
import type { ModuleContext } from '../../../src/modules/types.js';

export interface Scripted {
  readonly match: RegExp;
  /** A fixed response, or one computed from the command (and stdin). */
  readonly reply: Partial<ExecResult> | ((command: string, stdin?: string) => Partial<ExecResult>);
}

export interface PutRecord {
  readonly path: string;
  readonly content: string;
  readonly options?: PutOptions;
}

export class FakeConnection implements Connection {
  readonly commands: string[] = [];
  readonly stdins: (string | undefined)[] = [];
  readonly puts: PutRecord[] = [];
  /** Files served by readTextFile's base64 command and updated by put (a tiny virtual filesystem). */
  readonly files = new Map<string, string>();

  constructor(private readonly script: Scripted[] = [], readonly host = 'fake') {}

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.commands.push(command);
    // Every command a module builds must at least parse as POSIX sh (sh -n runs nothing).
    const syntax = spawnSync('/bin/sh', ['-n', '-c', command], { encoding: 'utf8' });
    if (syntax.status !== 0) throw new Error(`module built a command sh cannot parse: ${syntax.stderr}\n${command}`);
    const stdin = options.stdin === undefined ? undefined : String(options.stdin);
    this.stdins.push(stdin);
    for (const s of this.script) {
      if (!s.match.test(command)) continue;
      const r = typeof s.reply === 'function' ? s.reply(command, stdin) : s.reply;
      return { rc: r.rc ?? 0, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    }
    const read = /^if \[ -e (\S+) \]; then base64 </.exec(command);
    if (read) {
      const path = unquote(read[1]!);
      const text = this.files.get(path);
      return text === undefined ? { rc: 3, stdout: '', stderr: '' } : { rc: 0, stdout: Buffer.from(text).toString('base64'), stderr: '' };
    }
    return { rc: 0, stdout: '', stderr: '' };
  }

  async put(path: string, content: string | Buffer, options?: PutOptions): Promise<void> {
    this.puts.push({ path, content: String(content), options });
    this.files.set(path, String(content));
  }

  upload(path: string, source: TransferSource, options?: UploadOptions) { return uploadThroughPut(this, path, source, options); }
  download(path: string, localPath: string) { return downloadThroughGet(this, path, localPath); }

  async get(path: string): Promise<Buffer> {
    const text = this.files.get(path);
    if (text === undefined) throw new Error(`no such file ${path}`);
    return Buffer.from(text);
  }

  async close(): Promise<void> {}

  /** Commands matching a pattern (for concise assertions). */
  matching(pattern: RegExp): string[] {
    return this.commands.filter((c) => pattern.test(c));
  }
}

function unquote(word: string): string {
  return word.startsWith("'") ? word.slice(1, -1).replace(/'\\''/g, "'") : word;
}

export function fakeContext(conn: FakeConnection, options: { check?: boolean; diff?: boolean; facts?: Record<string, unknown> } = {}): ModuleContext {
  return {
    conn,
    host: conn.host,
    check: options.check ?? false,
    diff: options.diff ?? false,
    vars: { ansible_facts: options.facts ?? { pkg_mgr: 'apt', service_mgr: 'systemd', os_family: 'Debian' } },
    playbookDir: '/nonexistent',
    sources: createSources({ registry: createRegistry([]), playbookDir: '/nonexistent' }),
    evaluate: () => {
      throw new Error('evaluate is not used by system modules');
    },
    renderTemplate: (text) => text,
  };
}

export const debianFacts = { pkg_mgr: 'apt', service_mgr: 'systemd', os_family: 'Debian' };
export const rhelFacts = { pkg_mgr: 'dnf', service_mgr: 'systemd', os_family: 'RedHat' };

/** Commands that only read state; a check-mode run must issue nothing else and put no file. */
const READ_ONLY_PREFIXES = [
  'if [ -e ', // readTextFile
  'if [ -d ', // get_url probe
  'q() {', // dpkg-query state
  'r() {', // rpm state
  'now=$(date', // apt cache age
  'u=', // kernel module state
  'a=$(systemctl is-active', // systemd state
  'st=$(', // init script state
  'sw=$(', // swap probe
  'test ',
  'for f in /etc/apt/sources.list ',
  'tmp=$(mktemp -d)', // apt_keyring fetch+compare (installs only when the script has the mv step)
  'dpkg --get-selections',
  'sysctl -n ',
  'stat ',
  'if command -v getenforce',
  'tar -d ',
  'unzip -Z1 ',
  'getent group ', // group state
  'if e=$(getent passwd ', // user state
  'sd=no; ', // hostname probe
];

const MUTATING = /\bmv -f -- "\$t"|apt-get (install|remove|purge|update)|systemctl (start|stop|restart|reload|enable|disable|mask|unmask|daemon-reload)|\b(user|group)(add|mod|del)\b|hostnamectl set-hostname|^hostname /m;

export function isReadOnly(command: string): boolean {
  return READ_ONLY_PREFIXES.some((p) => command.startsWith(p)) && !MUTATING.test(command);
}

/** Fails the test naming the first command that is not a pure read. */
export function assertReadOnly(commands: readonly string[]): void {
  for (const c of commands) assert.ok(isReadOnly(c), `check mode issued a mutating command: ${c}`);
}
