// Unit tests of the lab's mirror discovery (lib/mirror.sh): the lab must use
// the machine's own apt sources, in deb822 or one-line form, never a
// hard-coded mirror. No root needed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, it } from 'node:test';

const lib = join(dirname(fileURLToPath(import.meta.url)), 'lib');

function mirrorFor(aptEtc: string, suite: string): { rc: number; out: string } {
  try {
    const out = execFileSync('bash', ['-c', `set -euo pipefail; source "${lib}/common.sh"; source "${lib}/mirror.sh"; debian_mirror_for_suite "$1"`, 'test', suite], {
      env: { ...process.env, APT_ETC: aptEtc },
      encoding: 'utf8',
    });
    return { rc: 0, out: out.trim() };
  } catch (error) {
    return { rc: (error as { status?: number }).status ?? -1, out: '' };
  }
}

describe('debian_mirror_for_suite', () => {
  let etc = '';
  beforeEach(() => {
    etc = mkdtempSync(join(tmpdir(), 'lab-apt-'));
    mkdirSync(join(etc, 'sources.list.d'));
  });
  afterEach(() => rmSync(etc, { recursive: true, force: true }));

  it('reads the URI of the deb822 stanza that serves the suite', () => {
    writeFileSync(join(etc, 'sources.list.d', 'debian.sources'), [
      'Types: deb-src', 'URIs: http://src.example/debian', 'Suites: bookworm', 'Components: main', '',
      '# a comment', 'Types: deb', 'URIs: http://mirror.example/debian http://second.example/debian',
      'Suites: bookworm bookworm-updates', 'Components: main', '',
      'Types: deb', 'URIs: http://mirror.example/debian-security', 'Suites: bookworm-security', 'Components: main', '',
    ].join('\n'));
    assert.deepEqual(mirrorFor(etc, 'bookworm'), { rc: 0, out: 'http://mirror.example/debian' });
    assert.deepEqual(mirrorFor(etc, 'bookworm-security'), { rc: 0, out: 'http://mirror.example/debian-security' });
  });

  it('reads one-line sources.list entries, with or without [options]', () => {
    writeFileSync(join(etc, 'sources.list'), [
      '# deb http://commented.example/debian bookworm main',
      'deb-src http://src.example/debian bookworm main',
      'deb [arch=amd64 signed-by=/k.gpg] http://opts.example/debian bookworm main',
      'deb http://plain.example/debian trixie main',
    ].join('\n'));
    assert.deepEqual(mirrorFor(etc, 'bookworm'), { rc: 0, out: 'http://opts.example/debian' });
    assert.deepEqual(mirrorFor(etc, 'trixie'), { rc: 0, out: 'http://plain.example/debian' });
  });

  it('fails when no source serves the suite', () => {
    writeFileSync(join(etc, 'sources.list'), 'deb http://plain.example/debian trixie main\n');
    assert.notEqual(mirrorFor(etc, 'bookworm').rc, 0);
  });
});
