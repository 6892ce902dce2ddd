// script over the local connection: the controller's script runs with its arguments and stdin,
// leaves no temporary file, honours creates and check mode, and a missing script fails.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { scriptModule } from '../../../src/modules/script.js';
import { makeContext, runModule, withTempDir } from './support.js';

test('script runs the playbook files/ script with its arguments, exit code and output; no temp file left', async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, 'files'));
    await writeFile(join(dir, 'files', 'probe.sh'), '#!/bin/sh\necho "args: $*"\necho "self: $0" >&2\nread line; echo "stdin: $line"\nexit 3\n');
    const r = await runModule(scriptModule, makeContext({ playbookDir: dir }), { cmd: "probe.sh one 'two words'", stdin: 'hello' });
    assert.equal(r.rc, 3);
    assert.equal(r.changed, true);
    assert.equal(r.stdout, 'args: one two words\nstdin: hello');
    const self = /^self: (.*)$/.exec(String(r.stderr))![1]!;
    assert.equal(existsSync(self), false, 'the temporary copy is removed');
    // Far beyond the 128 KiB a command-line argument may hold: the script is uploaded, not inlined.
    await writeFile(join(dir, 'files', 'big.sh'), `#!/bin/sh\n# ${'x'.repeat(512 * 1024)}\necho "big ran: $0"\n`);
    const big = await runModule(scriptModule, makeContext({ playbookDir: dir }), { cmd: 'big.sh' });
    assert.equal(big.rc, 0);
    const bigSelf = /^big ran: (.*)$/.exec(String(big.stdout))![1]!;
    assert.equal(existsSync(bigSelf), false, 'the big script is removed too');
  });
});

test('script: creates skips it, check mode skips it, executable overrides the #! line, a missing script fails', async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, 'files'));
    await writeFile(join(dir, 'files', 'mark.sh'), 'touch "$1"\necho ran\n');
    const marker = join(dir, 'marker');
    const ctx = makeContext({ playbookDir: dir });
    const first = await runModule(scriptModule, ctx, { cmd: `mark.sh ${marker}`, creates: marker, executable: '/bin/sh' });
    assert.equal(first.stdout, 'ran');
    const second = await runModule(scriptModule, ctx, { cmd: `mark.sh ${marker}`, creates: marker, executable: '/bin/sh' });
    assert.equal(second.changed, false);
    assert.match(String(second.msg), /Did not run command since/);
    const check = await runModule(scriptModule, makeContext({ playbookDir: dir, check: true }), { cmd: 'mark.sh /nonexistent/x', executable: '/bin/sh' });
    assert.equal(check.skipped, true);
    const missing = await runModule(scriptModule, ctx, { cmd: 'nope.sh' });
    assert.match(String(missing.msg), /could not find the script 'nope.sh'/);
  });
});
