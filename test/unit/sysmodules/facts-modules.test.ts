// package_facts and service_facts: the listings of dpkg-query, rpm, systemctl and `service
// --status-all` shaped as Ansible 2.14 shapes them (compared with ansible-playbook's output on a
// Debian 12 host), plus package_facts for real on this machine.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { packageFactsModule, parsePackages } from '../../../src/modules/package_facts.js';
import { parseSystemdServices, parseSysvServices, serviceFactsModule } from '../../../src/modules/service_facts.js';
import { FakeConnection, fakeContext } from './fake-connection.js';
import { RecordingConnection } from './recording-connection.js';

describe('package_facts', () => {
  it('parses dpkg-query lines into lists per name, leaving out packages not installed', () => {
    const out = 'installed\tbash\t5.2.15-2+b8\tamd64\tshells\t\nconfig-files\told\t1.0\tamd64\tmisc\t\ninstalled\tlibc6\t2.36-9\tamd64\tlibs\t\ninstalled\tlibc6\t2.36-9\ti386\tlibs\tDebian\n';
    const packages = parsePackages('apt', out);
    assert.deepEqual(Object.keys(packages), ['bash', 'libc6']);
    assert.deepEqual(packages['bash'], [{ name: 'bash', version: '5.2.15-2+b8', arch: 'amd64', category: 'shells', origin: '', source: 'apt' }]);
    assert.equal(packages['libc6']!.length, 2);
    assert.equal(packages['libc6']![1]!['origin'], 'Debian');
  });

  it('parses rpm lines, epoch a number or null', () => {
    const packages = parsePackages('rpm', 'bash\t5.1.8\t9.el9\t(none)\tx86_64\nkubelet\t1.31.2\t150500.1.1\t1\tx86_64\n');
    assert.deepEqual(packages['bash'], [{ name: 'bash', version: '5.1.8', release: '9.el9', epoch: null, arch: 'x86_64', source: 'rpm' }]);
    assert.equal(packages['kubelet']![0]!['epoch'], 1);
  });

  it('reads this machine with dpkg-query (manager auto), and fails naming the managers when none exists', async () => {
    const r = await packageFactsModule.run({ ...fakeContext(new FakeConnection()), conn: new RecordingConnection() }, {});
    const packages = (r.ansible_facts as { packages: Record<string, { version: string }[]> }).packages;
    const bash = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'bash'], { encoding: 'utf8' });
    assert.equal(packages['bash']![0]!.version, bash);
    const none = await packageFactsModule.run(fakeContext(new FakeConnection([{ match: /command -v/, reply: { rc: 127 } }])), { manager: ['rpm', 'apt'] });
    assert.equal(none.msg, "Could not detect a supported package manager from the following list: ['rpm', 'apt']");
  });
});

const LIST_UNITS = `  UNIT                         LOAD      ACTIVE   SUB     DESCRIPTION
  cron.service                 loaded    active   running Regular background program processing daemon
● haproxy.service              loaded    failed   failed  HAProxy Load Balancer
● nosuch.service               not-found inactive dead    nosuch.service
  systemd-fsck-root.service    loaded    inactive dead    File System Check on Root Device
  ssh.service                  loaded    active   running OpenBSD Secure Shell server

LOAD   = Reflects whether the unit definition was properly loaded.
5 loaded units listed.
`;
const LIST_UNIT_FILES = `UNIT FILE                    STATE           VENDOR PRESET
cron.service                 enabled         enabled
getty@.service               enabled         enabled
haproxy.service              enabled         enabled
rsync.service                disabled        enabled
ssh.service                  enabled         enabled
sshd.service                 alias           -
systemd-fsck-root.service    static          -

7 unit files listed.
`;

describe('service_facts', () => {
  it('shapes systemd units as Ansible: running/stopped, bad states kept, unit-file states, ActiveState for the rest', () => {
    const out = `--tsplay-units\n${LIST_UNITS}--tsplay-unit-files\n${LIST_UNIT_FILES}--tsplay-show\nId=getty@.service\nId=rsync.service\nActiveState=inactive\nId=sshd.service\nActiveState=active\n`;
    const services = parseSystemdServices(out);
    assert.deepEqual(services['cron.service'], { name: 'cron.service', state: 'running', status: 'enabled', source: 'systemd' });
    assert.deepEqual(services['haproxy.service'], { name: 'haproxy.service', state: 'stopped', status: 'failed', source: 'systemd' });
    assert.deepEqual(services['nosuch.service'], { name: 'nosuch.service', state: 'stopped', status: 'not-found', source: 'systemd' });
    assert.deepEqual(services['systemd-fsck-root.service'], { name: 'systemd-fsck-root.service', state: 'stopped', status: 'static', source: 'systemd' });
    assert.deepEqual(services['rsync.service'], { name: 'rsync.service', state: 'inactive', status: 'disabled', source: 'systemd' });
    assert.deepEqual(services['sshd.service'], { name: 'sshd.service', state: 'active', status: 'alias', source: 'systemd' });
    assert.deepEqual(services['getty@.service'], { name: 'getty@.service', state: 'unknown', status: 'enabled', source: 'systemd' });
  });

  it('shapes `service --status-all` as sysv services', () => {
    assert.deepEqual(parseSysvServices(' [ - ]  dbus\n [ ? ]  hwclock.sh\n [ + ]  ssh\n'), {
      dbus: { name: 'dbus', state: 'stopped', source: 'sysv' },
      'hwclock.sh': { name: 'hwclock.sh', state: 'unknown', source: 'sysv' },
      ssh: { name: 'ssh', state: 'running', source: 'sysv' },
    });
  });

  it('runs one script (valid sh) and returns ansible_facts.services', async () => {
    const conn = new FakeConnection([{ match: /list-units/, reply: { stdout: `--tsplay-units\n${LIST_UNITS}--tsplay-unit-files\n${LIST_UNIT_FILES}--tsplay-show\n` } }]);
    const r = await serviceFactsModule.run(fakeContext(conn), {});
    assert.equal(conn.commands.length, 1);
    assert.equal((r.ansible_facts as { services: Record<string, unknown> }).services['ssh.service'] !== undefined, true);
  });
});
