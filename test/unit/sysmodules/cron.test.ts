// cron: the same task sequence ansible-playbook 2.14 ran on a cron_file gives byte for byte the file
// it wrote (recorded below), for real on this machine through the local connection; user crontabs go
// through `crontab -l` / `crontab -` with the text on stdin (a fake crontab stands in for it).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cronModule } from '../../../src/modules/cron.js';
import { crontabLines } from '../../../src/modules/lib/sys/crontab.js';
import { FakeConnection, fakeContext } from './fake-connection.js';
import { RecordingConnection } from './recording-connection.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-cron-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const ctxOn = (conn: RecordingConnection, options: { check?: boolean; diff?: boolean } = {}) => ({ ...fakeContext(new FakeConnection(), options), conn });

describe('cron on a cron_file, against what ansible-playbook 2.14 wrote', () => {
  it('adds, marks a legacy line, disables a special-time job, inserts env after X, updates and removes', async () => {
    const file = join(dir, 'cronf');
    writeFileSync(file, 'X=1\n5 * * * * root legacyjob\n');
    const run = (args: Record<string, unknown>, options = {}) => cronModule.run(ctxOn(new RecordingConnection(), options), { cron_file: file, user: 'root', ...args });
    const first = await run({ name: 'backup', minute: '0', hour: 2, job: '/usr/local/bin/backup > /dev/null' }, { diff: true });
    assert.equal(first.changed, true);
    assert.deepEqual(first.diff, [{ path: file, before: 'X=1\n5 * * * * root legacyjob\n', after: 'X=1\n5 * * * * root legacyjob\n#Ansible: backup\n0 2 * * * root /usr/local/bin/backup > /dev/null\n' }]);
    assert.deepEqual({ jobs: first['jobs'], envs: first['envs'], cron_file: first['cron_file'] }, { jobs: ['backup'], envs: ['X'], cron_file: file });
    assert.equal((await run({ name: 'backup', minute: '0', hour: 2, job: '/usr/local/bin/backup > /dev/null' })).changed, false, 'idempotent');
    await run({ name: 'legacy', minute: '5', job: 'legacyjob' });
    await run({ name: 'reboot', special_time: 'reboot', job: 'echo hi', disabled: true });
    await run({ name: 'PATH', env: true, job: '/usr/bin:/bin', insertafter: 'X' });
    await run({ name: 'backup', minute: '0', hour: '3', job: '/usr/local/bin/backup > /dev/null' });
    const last = await run({ name: 'reboot', state: 'absent' });
    assert.deepEqual(last['jobs'], ['legacy', 'backup']);
    assert.deepEqual(last['envs'], ['X', 'PATH']);
    assert.equal(readFileSync(file, 'utf8'), 'X=1\nPATH="/usr/bin:/bin"\n#Ansible: legacy\n5 * * * * root legacyjob\n#Ansible: backup\n0 3 * * * root /usr/local/bin/backup > /dev/null\n');
  });

  it('check mode predicts and writes nothing; a relative cron_file is under /etc/cron.d', async () => {
    const file = join(dir, 'checked');
    const r = await cronModule.run(ctxOn(new RecordingConnection(), { check: true }), { name: 'x', job: 'true', cron_file: file });
    assert.equal(r.changed, true);
    assert.equal(existsSync(file), false);
    const conn = new FakeConnection();
    const rel = await cronModule.run(fakeContext(conn, { check: true }), { name: 'x', job: 'true', cron_file: 'kube' });
    assert.equal(rel['cron_file'], '/etc/cron.d/kube');
  });

  it('refuses line breaks in a job (they would add lines) and a missing job', async () => {
    const r = await cronModule.run(fakeContext(new FakeConnection()), { name: 'x', job: 'true\n* * * * * evil' });
    assert.equal(r.msg, 'job must not contain a line break');
    assert.equal((await cronModule.run(fakeContext(new FakeConnection()), { name: 'x' })).msg, '"job" is required with state=present');
  });
});

describe('cron on a user crontab', () => {
  it('reads crontab -u USER -l, drops its header, installs with crontab -u USER - (text on stdin), backs up', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const store = join(dir, 'usercron');
    writeFileSync(join(bin, 'crontab'), `#!/bin/sh\n[ "$1" = -u ] && shift 2\ncase "$1" in -l) [ -f ${store} ] && cat ${store} || { echo "no crontab for nobody" >&2; exit 1; } ;; -) cat > ${store} ;; esac\n`);
    chmodSync(join(bin, 'crontab'), 0o755);
    const conn = () => new RecordingConnection({ PATH: `${bin}:/usr/bin:/bin` });
    const c1 = conn();
    const added = await cronModule.run(ctxOn(c1, { diff: true }), { name: 'a', job: 'true', user: 'nobody' });
    assert.equal(added.changed, true);
    assert.equal(added.diff![0]!.path, 'crontab for user "nobody"');
    assert.equal(readFileSync(store, 'utf8'), '#Ansible: a\n* * * * * true\n');
    assert.ok(c1.commands.includes("crontab -u nobody -"));
    writeFileSync(store, '# DO NOT EDIT THIS FILE - edit the master and reinstall.\n# (/tmp/crontab.x installed on Mon)\n# (Cron version -- $Id$)\n#Ansible: a\n* * * * * true\n');
    assert.equal((await cronModule.run(ctxOn(conn()), { name: 'a', job: 'true', user: 'nobody' })).changed, false);
    const removed = await cronModule.run(ctxOn(conn()), { name: 'a', state: 'absent', user: 'nobody', backup: true });
    assert.equal(removed.changed, true);
    assert.equal(readFileSync(store, 'utf8'), '');
    assert.match(readFileSync(String(removed['backup_file']), 'utf8'), /#Ansible: a\n/);
    rmSync(String(removed['backup_file']));
  });

  it('crontabLines drops at most three header-like lines, wherever they are (as Ansible)', () => {
    assert.deepEqual(crontabLines('a=1\n# (v1 version)\n# (v2 version)\n# (v3 version)\n# (v4 version)\n'), ['a=1', '# (v4 version)']);
  });
});
