// Unit tests of lab instances (lib/common.sh, lib/subnet.sh, test/lab/info, instance.ts): the
// default lab keeps its historic names, a named one gets its own of every resource, subnets give
// the layout. No root needed; nothing here starts or stops a lab.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { labInstance, parseLabInfo } from './instance.js';

const labDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(labDir, '../..');

/** Run bash with the lab libraries loaded for instance NAME / SUBNET; stdout, stderr and status. */
function inLab(script: string, name = '', subnet = '') {
  const result = spawnSync('bash', ['-c', `set -euo pipefail; source "${labDir}/load.sh"; ${script}`],
    { encoding: 'utf8', env: { ...process.env, TSPLAY_LAB: name, TSPLAY_LAB_SUBNET: subnet } });
  return { out: result.stdout.trim(), err: result.stderr.trim(), status: result.status };
}

describe('lab instances', () => {
  it('the default lab keeps the names, paths and addresses it always had', () => {
    const lab = labInstance('');
    assert.deepEqual({ ...lab, inventory: undefined }, {
      name: '', subnet: '10.250.0.0/24', bridge: 'tsplay0', bridgeAddress: '10.250.0.1', vipAddress: '10.250.0.100',
      netnsPrefix: 'tsplay-', vethPrefix: 'veth-', stateDir: '/var/lib/tsplay-lab', envFile: '/var/lib/tsplay-lab/lab.env',
      lockFile: '/run/tsplay-lab.lock', cacheDir: '/var/cache/tsplay-lab', cgroup: 'tsplay-lab',
      key: join(repoRoot, '.lab/id_ed25519'), knownHosts: join(repoRoot, '.lab/known_hosts'), inventory: undefined,
    });
    assert.equal(inLab('echo "$LAB_MAX_HOSTS $(host_addr 1) $(host_addr 89)"').out, '89 10.250.0.11 10.250.0.99');
  });

  it('a named lab has its own bridge, netns, links, state, cache, cgroup, lock, key and inventory', () => {
    const lab = labInstance('utestnm');
    assert.equal(lab.bridge, 'tsl-utestnm');
    assert.equal(lab.netnsPrefix, 'tslab-utestnm-');
    assert.equal(lab.vethPrefix, 'tlutestnm-');
    assert.equal(lab.stateDir, '/var/lib/tsplay-lab-utestnm');
    assert.equal(lab.lockFile, '/run/tsplay-lab-utestnm.lock');
    assert.equal(lab.cacheDir, '/var/cache/tsplay-lab/lab-utestnm');
    assert.equal(lab.cgroup, 'tsplay-lab-utestnm');
    assert.equal(lab.key, join(repoRoot, '.lab/utestnm/id_ed25519'));
    assert.equal(lab.knownHosts, join(repoRoot, '.lab/utestnm/known_hosts'));
    // A name no lab uses (tests run while other labs are up): not up and no subnet given: no addresses rather than the default lab's.
    assert.equal(lab.subnet, '');
    assert.equal(lab.bridgeAddress, '');
  });

  it('no name\'s resources fall under another instance\'s prefixes (teardown finds hosts by prefix)', () => {
    const names = ['', 'a', 'ab', 'eth', 'lab', 'scale', 'e2ea', 'abcdefgh'];
    const labs = names.map((n) => labInstance(n));
    for (const lab of labs) {
      // Link names hold 15 characters: the longest name with the highest host index still fits.
      assert.ok(`${lab.vethPrefix}h499`.length <= 15, `${lab.vethPrefix}h499 is too long`);
      assert.ok(lab.bridge.length <= 15);
      for (const other of labs) {
        if (other === lab) continue;
        assert.ok(!`${other.netnsPrefix}h1`.startsWith(lab.netnsPrefix), `${lab.netnsPrefix} claims ${other.netnsPrefix}h1`);
        assert.ok(!`${other.vethPrefix}h1`.startsWith(lab.vethPrefix), `${lab.vethPrefix} claims ${other.vethPrefix}h1`);
        assert.ok(!`${other.stateDir}/hosts/`.startsWith(`${lab.stateDir}/hosts/`));
        assert.notEqual(other.bridge, lab.bridge);
        assert.notEqual(other.lockFile, lab.lockFile);
        assert.notEqual(other.cgroup, lab.cgroup);
      }
    }
  });

  it('a /23 holds 499 hosts from .11, with the bridge first and the VIP last, outside the host range', () => {
    const r = inLab('echo "$BRIDGE_ADDR $VIP_ADDR $LAB_MAX_HOSTS $(host_addr 1) $(host_addr 250) $(host_addr 499)"', 'scale', '10.77.0.0/23');
    assert.equal(r.out, '10.77.0.1 10.77.1.254 499 10.77.0.11 10.77.1.4 10.77.1.253');
    // A named /24 has the default's layout.
    assert.equal(inLab('echo "$VIP_ADDR $LAB_MAX_HOSTS"', 'x', '10.77.5.0/24').out, '10.77.5.100 89');
  });

  it('refuses bad names and subnets with a message that says what is wrong', () => {
    assert.match(inLab('true', 'Scale').err, /lab name 'Scale' must be 1-8 lower-case/);
    assert.match(inLab('true', 'a-b').err, /lab name 'a-b'/);
    assert.match(inLab('true', 'toolongname').err, /lab name 'toolongname'/);
    assert.match(inLab('true', 'x', '10.77.0.1/23').err, /host bits set: its network address is 10\.77\.0\.0\/23/);
    assert.match(inLab('true', 'x', '10.77.0.0/25').err, /from \/16 to \/24/);
    assert.match(inLab('true', 'x', '10.300.0.0/24').err, /must be an IPv4 CIDR/);
    assert.equal(inLab('true', 'x', '10.77.0.0/23').status, 0);
  });

  it('up refuses more hosts than the subnet holds, and a named lab without a subnet, before touching anything', () => {
    const up = (args: string[]) => spawnSync('bash', [join(labDir, 'up'), ...args], { encoding: 'utf8', env: { ...process.env, TSPLAY_LAB: '', TSPLAY_LAB_SUBNET: '' } });
    assert.match(up(['500', '--name', 'utestcap', '--subnet', '10.77.0.0/23']).stderr, /N must be 1\.\.499 in 10\.77\.0\.0\/23, not '500'/);
    assert.match(up(['2', '--name', 'utestnos']).stderr, /lab 'utestnos' is not up: give it a subnet/);
  });

  it('finds overlapping subnets (another lab, the machine\'s own network)', () => {
    const overlap = (a: string, b: string) => inLab(`subnets_overlap ${a} ${b} && echo yes || echo no`).out;
    assert.equal(overlap('10.77.0.0/23', '10.77.1.0/24'), 'yes');
    assert.equal(overlap('10.77.0.0/23', '10.77.2.0/24'), 'no');
    assert.equal(overlap('10.250.0.0/24', '10.250.0.7/32'), 'yes');
    assert.equal(overlap('10.77.0.0/16', '10.250.0.0/24'), 'no');
  });

  it('parseLabInfo insists on every field', () => {
    assert.throws(() => parseLabInfo('LAB_NAME=x\n'), /printed no LAB_SUBNET/);
  });
});
