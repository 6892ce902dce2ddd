// ipaddr / ipv4 / ipv6 / ipwrap / ipmath compared with ansible.utils under ansible-playbook 2.14.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate, renderTemplate } from '../../../src/template/index.js';
import { compareWithAnsible } from './ansible-cases.js';
import { IPADDR_CASES } from './ipaddr-cases.js';

const TOO_LARGE = 'an IPv6 size or integer beyond 2**53: tsplay refuses it rather than round it';
const LARGE = new Set(IPADDR_CASES.filter(([, expression, printed]) => /^\d{17,}/.test(printed) && !printed.includes('/')).map(([name]) => name));

compareWithAnsible(IPADDR_CASES.filter(([name]) => !LARGE.has(name)), {});

test(`numbers past 2**53 are an error, not a rounded number (${TOO_LARGE})`, () => {
  assert.ok(LARGE.size >= 2);
  for (const [name, expression] of IPADDR_CASES.filter(([n]) => LARGE.has(n))) {
    assert.throws(() => evaluate(expression, {}, `${name}:1:1`), /too large for tsplay/);
  }
});

test("Ansible's errors: a usable-range query on an address, an unknown query, a bad ipmath", () => {
  // Ansible: "Not a network address" for first_usable/last_usable/next_usable/previous_usable/range_usable of an address.
  for (const query of ['first_usable', 'last_usable', 'next_usable', 'previous_usable', 'range_usable']) {
    for (const value of ["'192.168.1.10'", "'2001:db8::1'", '3232235777']) {
      assert.throws(() => evaluate(`${value} | ansible.utils.ipaddr('${query}')`, {}, 'ip:1:1'), /Not a network address/);
    }
  }
  assert.throws(() => evaluate("'192.168.1.10/24' | ipaddr('foo')", {}, 'ip:1:1'), /ipaddr: unknown filter type: foo/);
  assert.throws(() => renderTemplate("{{ 'nope' | ansible.utils.ipmath(1) }}", {}, 'ip.j2'), /ip\.j2:1:\d+: You must pass a valid IP address; nope is invalid/);
  assert.throws(() => evaluate("'192.168.1.10' | ipmath('x')", {}, 'ip:1:1'), /argument 'amount'/);
  assert.throws(() => evaluate("{'a': 1} | ipaddr", {}, 'ip:1:1'), /Unrecognized type <class 'dict'> for ipaddr filter/);
});

test('a role-style template: the API address and the node CIDR from one variable', () => {
  const scope = { node_cidr: '10.244.3.17/24', service_cidr: '10.96.0.0/12', vip: 'fd00::10' };
  const text = renderTemplate(
    "api={{ vip | ipwrap }}:6443 dns={{ service_cidr | ipaddr(10) | ipaddr('address') }} gw={{ node_cidr | ipaddr('network') | ipmath(1) }} pod={{ node_cidr | ipaddr('subnet') }}\n",
    scope, 'kubelet.j2');
  // ansible-playbook 2.14 wrote: api=[fd00::10]:6443 dns=10.96.0.10 gw=10.244.3.1 pod=10.244.3.0/24
  assert.equal(text, 'api=[fd00::10]:6443 dns=10.96.0.10 gw=10.244.3.1 pod=10.244.3.0/24\n');
});
