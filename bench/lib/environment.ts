// Machine and tool versions for the results header, read when the report is written.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

function firstLine(command: string): string {
  try {
    return execSync(`${command} 2>&1`).toString().trim().split('\n')[0] ?? '?';
  } catch {
    return 'not found';
  }
}

export function describeEnvironment(repo: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
  return {
    'CPU cores': `${cpus().length} (${cpus()[0]?.model ?? '?'})`,
    Memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    Kernel: firstLine('uname -r'),
    Node: process.version,
    tsplay: `${pkg.version} (package.json), git ${firstLine(`git -C ${repo} rev-parse --short HEAD`)}${firstLine(`git -C ${repo} status --porcelain src | head -1`) ? ' + uncommitted src changes' : ''}`,
    'ansible-core': firstLine('ansible-playbook --version').replace(/^ansible-playbook \[core (.*)\]$/, '$1'),
    'Python (ansible controller)': firstLine('/usr/bin/python3 --version'),
    OpenSSH: firstLine('ssh -V'),
    hyperfine: firstLine('hyperfine --version'),
  };
}
