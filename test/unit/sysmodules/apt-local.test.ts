// The dpkg state query run for real through LocalConnection: dpkg-query and dpkg --compare-versions
// only read, so this is safe on the controller and proves the script and its parser agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { LocalConnection } from '../../../src/connection/local.js';
import { queryAptPackages } from '../../../src/modules/lib/sys/apt-state.js';
import { parseAptSpec } from '../../../src/modules/lib/sys/package-spec.js';
import { fakeContext, FakeConnection } from './fake-connection.js';

test('the dpkg query reads real package states on a Debian controller', { skip: !existsSync('/var/lib/dpkg/status') }, async () => {
  const ctx = { ...fakeContext(new FakeConnection()), conn: new LocalConnection() };
  const states = await queryAptPackages(ctx, ['bash', 'tsplay-no-such-package', 'dpkg=0:1.0'].map(parseAptSpec), false);
  const bash = states.get('bash');
  assert.ok(bash?.installed, 'bash is installed');
  assert.match(bash.version, /^\d/);
  assert.equal(states.get('tsplay-no-such-package')?.installed, false);
  assert.equal(states.get('dpkg')?.pinMatches, false);
  const exact = await queryAptPackages(ctx, [parseAptSpec(`bash=${bash.version}`)], false);
  assert.equal(exact.get('bash')?.pinMatches, true);
});
