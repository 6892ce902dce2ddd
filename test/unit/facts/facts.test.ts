import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LocalConnection } from '../../../src/connection/local.js';
import { gatherFacts } from '../../../src/facts/index.js';
import { parseFacts, prefixToNetmask } from '../../../src/facts/parse.js';

const common = [
  'kernel=6.1.0-18-amd64', 'kernel_version=#1 SMP Debian', 'machine=x86_64', 'nodename=cp1.lab.example', 'hostname_short=cp1',
  'fqdn=cp1.lab.example', 'route4=default via 10.250.0.1 dev eth0 proto static',
  'addr4=1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever',
  'addr4=2: eth0    inet 10.250.0.11/24 brd 10.250.0.255 scope global eth0\\       valid_lft forever',
  'addr4=2: eth0    inet 10.250.0.100/32 scope global eth0', 'iface=eth0 52:54:00:12:34:56 1500', 'iface=lo 00:00:00:00:00:00 65536',
  'mem.MemTotal=4039480', 'mem.MemFree=2019740', 'mem.SwapTotal=0', 'mem.SwapFree=0',
  'cpu.vcpus=4', 'cpu.sockets=1', 'cpu.cores=2', 'cpu.siblings=4', 'service_mgr=systemd',
  'product_uuid=', 'machine_id=abc', 'cgroup_fs=cgroup2fs', 'end=ok',
];

function osRelease(text: string): string[] {
  return text.trim().split('\n').map((line) => `osr.${line}`);
}

describe('parseFacts with canned outputs', () => {
  it('Debian 12 uses /etc/debian_version for the point release', () => {
    const facts = parseFacts([...osRelease(`PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian`),
      'debian_version=12.5', 'pkg_mgr=apt', ...common].join('\n'));
    assert.equal(facts['distribution'], 'Debian');
    assert.equal(facts['os_family'], 'Debian');
    assert.equal(facts['distribution_version'], '12.5');
    assert.equal(facts['distribution_major_version'], '12');
    assert.equal(facts['distribution_release'], 'bookworm');
    assert.equal(facts['pkg_mgr'], 'apt');
    assert.deepEqual(facts['default_ipv4'], { interface: 'eth0', alias: 'eth0', gateway: '10.250.0.1', address: '10.250.0.11', netmask: '255.255.255.0',
      prefix: '24', network: '10.250.0.0', broadcast: '10.250.0.255', macaddress: '52:54:00:12:34:56', mtu: 1500 });
    assert.deepEqual(facts['all_ipv4_addresses'], ['10.250.0.11', '10.250.0.100']);
    assert.equal(facts['memtotal_mb'], 3944);
    assert.equal(facts['processor_vcpus'], 4);
    assert.equal(facts['processor_count'], 1);
    assert.equal(facts['processor_threads_per_core'], 2);
    assert.deepEqual(facts['selinux'], { status: 'disabled' });
    assert.equal(facts['product_uuid'], 'NA');
    assert.equal(facts['hostname'], 'cp1');
    assert.equal(facts['domain'], 'lab.example');
    assert.equal(facts['cgroup_version'], 2);
    assert.equal((facts['eth0'] as { ipv4: { address: string } }).ipv4.address, '10.250.0.11');
  });

  it('Ubuntu 24.04 keeps VERSION_ID even with a debian_version file', () => {
    const facts = parseFacts([...osRelease(`PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nUBUNTU_CODENAME=noble`),
      'debian_version=trixie/sid', ...common].join('\n'));
    assert.deepEqual([facts['distribution'], facts['os_family'], facts['distribution_version'], facts['distribution_major_version'], facts['distribution_release']],
      ['Ubuntu', 'Debian', '24.04', '24', 'noble']);
  });

  it('Rocky 9 with SELinux enforcing, release from VERSION', () => {
    const facts = parseFacts([...osRelease(`NAME="Rocky Linux"\nVERSION="9.4 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="Rocky Linux 9.4 (Blue Onyx)"`),
      'pkg_mgr=dnf', 'selinux_mode=Enforcing', ...common].join('\n'));
    assert.deepEqual([facts['distribution'], facts['os_family'], facts['distribution_version'], facts['distribution_major_version'], facts['distribution_release']],
      ['Rocky', 'RedHat', '9.4', '9', 'Blue Onyx']);
    assert.deepEqual(facts['selinux'], { status: 'enabled', mode: 'enforcing' });
    assert.equal(facts['pkg_mgr'], 'dnf');
  });

  it('falls back to ID_LIKE and /proc/net/route', () => {
    const facts = parseFacts([...osRelease('ID=myrhel\nID_LIKE="rhel fedora"\nNAME="My RHEL"\nVERSION_ID=8'),
      'procroute=eth1\t00000000\t0102FA0A\t0003\t0\t0\t0\t00000000\t0\t0\t0', 'iface=eth1 aa:bb:cc:dd:ee:ff 9000'].join('\n'));
    assert.equal(facts['os_family'], 'RedHat');
    assert.equal(facts['distribution'], 'My RHEL');
    assert.deepEqual(facts['default_ipv4'], { interface: 'eth1', alias: 'eth1', gateway: '10.250.2.1', macaddress: 'aa:bb:cc:dd:ee:ff', mtu: 9000 });
  });

  it('converts prefixes to netmasks', () => {
    assert.equal(prefixToNetmask(0), '0.0.0.0');
    assert.equal(prefixToNetmask(20), '255.255.240.0');
    assert.equal(prefixToNetmask(32), '255.255.255.255');
  });
});

describe('gatherFacts on this machine (LocalConnection)', () => {
  it('matches /etc/os-release, ip, /proc/meminfo and nproc', async () => {
    const facts = await gatherFacts(new LocalConnection('localhost'));
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    const versionId = /^VERSION_ID="?([^"\n]*)"?/m.exec(osRelease)?.[1] ?? '';
    assert.equal(facts['distribution_major_version'], versionId.split('.')[0]);
    const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
    assert.equal(facts['memtotal_mb'], Math.floor(memKb / 1024));
    assert.equal(facts['processor_nproc'], Number(execFileSync('nproc', { encoding: 'utf8' }).trim()));
    assert.equal(facts['kernel'], execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    const route = execFileSync('ip', ['-4', 'route', 'show', 'default'], { encoding: 'utf8' });
    const device = /dev (\S+)/.exec(route)?.[1];
    const defaultIpv4 = facts['default_ipv4'] as Record<string, unknown>;
    assert.equal(defaultIpv4['interface'], device);
    assert.equal(defaultIpv4['gateway'], /via (\S+)/.exec(route)?.[1]);
    const addr = /inet ([\d.]+)\//.exec(execFileSync('ip', ['-o', '-4', 'addr', 'show', 'dev', device!], { encoding: 'utf8' }))?.[1];
    assert.equal(defaultIpv4['address'], addr);
    assert.ok((facts['all_ipv4_addresses'] as string[]).includes(addr!));
    assert.ok((facts['interfaces'] as string[]).includes('lo'));
  });
});
