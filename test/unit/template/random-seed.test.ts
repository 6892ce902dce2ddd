// The `random` filter with a seed gives Python's random.Random(seed) picks, as ansible-playbook does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate, renderTemplate } from '../../../src/template/index.js';
import { PythonRandom } from '../../../src/template/python-random.js';
import { compareWithAnsible, type AnsibleCase } from './ansible-cases.js';

// Python 3.11.2 (Debian's, which ansible-playbook runs on):
//   r = random.Random(seed); [r.getrandbits(32) for _ in range(3)]
//   random.Random(seed).getrandbits(70)
const PYTHON_BITS: ReadonlyArray<readonly [string | number, readonly number[], bigint]> = [
  ['host1', [2088216970, 1065768100, 3873963868], 1056041851338152716682n],
  ['localhost', [2878850316, 1992205190, 1743950577], 469725057983589106956n],
  ['', [4124137760, 1951988028, 2557274880], 709359999547530631456n],
  ['héllo', [56709863, 1136386555, 3590047986], 982558178996002050791n],
  [42, [2746317213, 478163327, 107420369], 20500439928067422621n],
  [0, [3626764237, 1654615998, 3255389356], 892550237140533643213n],
  [2 ** 40 + 3, [943978446, 261273136, 2359950418], 646758202155221645262n],
];

for (const [seed, words, wide] of PYTHON_BITS) {
  test(`Random(${JSON.stringify(seed)}): getrandbits as Python's`, () => {
    const generator = new PythonRandom(seed);
    assert.deepEqual([0, 1, 2].map(() => Number(generator.getrandbits(32))), words);
    assert.equal(new PythonRandom(seed).getrandbits(70), wide);
  });
}

test('randbelow is Python _randbelow: getrandbits(bit_length) until below n', () => {
  // Python: random.Random('node-7').randrange(0, 60) == 7; random.Random(-42).randrange(0, 60) == 40 (abs of the seed)
  assert.equal(new PythonRandom('node-7').randbelow(60), 7);
  assert.equal(new PythonRandom(-42).randbelow(60), 40);
  // Python: random.Random('big').randrange(0, 2**40) == 247717398425 (two 32-bit words)
  assert.equal(new PythonRandom('big').randbelow(2 ** 40), 247717398425);
});

const scope = { inventory_hostname: 'localhost' };

// Printed by ansible-playbook 2.14.18 -c local -i localhost, (debug: msg="{{ item | string }}").
const CASES: readonly AnsibleCase[] = [
  ['int_host1', "60 | random(seed='host1')", '31'],
  ['int_inventory_hostname', '60 | random(seed=inventory_hostname)', '42'],
  ['list_choice', "['a','b','c','d'] | random(seed='x')", 'c'],
  ['start_step', "100 | random(start=10, step=5, seed='abc')", '95'],
  ['int_seed', '24 | random(seed=42)', '20'],
  ['large_end', "1000000 | random(seed='node-7')", '122353'],
  ['positional_start', "5 | random(1, seed='s')", '4'],
  ['string_choice', "'abcdef' | random(seed='q')", 'd'],
  ['negative_step', "10 | random(20, -3, seed='n')", '14'],
  ['binds_tighter_than_power', "2**40 | random(seed='big')", '68719476736'],
  ['concatenated_seed', "59 | random(seed='kube-node-1' ~ 'x')", '21'],
];
compareWithAnsible(CASES, scope);

test('without a seed: a value in range, not always the same one', () => {
  const seen = new Set<unknown>();
  for (let i = 0; i < 200; i++) {
    const value = evaluate('10 | random(start=5, step=2)', {}, 'r:1:1') as number;
    assert.ok([5, 7, 9].includes(value), `${value} is in range(5, 10, 2)`);
    seen.add(value);
    assert.ok(['x', 'y'].includes(renderTemplate("{{ ['x', 'y'] | random }}", {}, 'r.j2')));
  }
  assert.equal(seen.size, 3);
});

test("Ansible's errors: empty range, empty list, start on a list", () => {
  assert.throws(() => evaluate("0 | random(seed='x')", {}, 'r:1:1'), /empty range for randrange\(\) \(0, 0, 0\)/);
  assert.throws(() => evaluate("[] | random(seed='x')", {}, 'r:1:1'), /Cannot choose from an empty sequence/);
  assert.throws(() => renderTemplate("{{ [1] | random(1, seed='x') }}", {}, 'r.j2'), /r\.j2:1:\d+: start and step can only be used with integer values/);
});
