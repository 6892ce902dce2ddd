// The fidelity corpus (test/fidelity/): every case runs through ansible-playbook 2.14 and tsplay on
// localhost; at least 95% must be identical and every difference must be listed, with its reason,
// in test/fidelity/known-differences.yml (which README's "Fidelity with Ansible" section shows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCases } from '../../fidelity/corpus.js';
import { describeDifference, loadKnownDifferences, runFidelity, summary } from '../../fidelity/run.js';
import { ansibleVersion } from '../../fidelity/tools.js';
import { readmeDifferences } from '../../fidelity/readme-section.js';

const MINIMUM_CASES = 250;
/** Issue #13's target: 95% of the cases identical (reached: README shows the figure). */
const TARGET = 0.95;
/**
 * A ratchet above the target: the identical cases measured last (400 of 408, once templating
 * followed Ansible 2.14's text rule). Raise it as differences are fixed; never lower it.
 */
const MINIMUM_IDENTICAL_CASES = 400;

test('the corpus has at least 250 cases and every known difference names one of them', () => {
  const names = new Set(loadCases().map((c) => c.name));
  assert.ok(names.size >= MINIMUM_CASES, `${names.size} cases, ${MINIMUM_CASES} wanted`);
  assert.deepEqual(Object.keys(loadKnownDifferences()).filter((name) => !names.has(name)), []);
});

test("README's list of differences is known-differences.yml's", () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(readmeDifferences()), 'README.md is out of date: run node --import tsx test/fidelity/readme-section.ts --write');
});

const version = ansibleVersion();
const skip = version === undefined && process.env['CI'] !== 'true'
  ? 'ansible-playbook is not installed: the fidelity corpus needs it (apt-get install ansible-core)'
  : false;

test('tsplay prints, decides and writes what ansible-playbook 2.14 does on the fidelity corpus', { skip, timeout: 600_000 }, async () => {
  assert.ok(version, 'ansible-playbook is not installed, and CI must run the fidelity corpus: apt-get install ansible-core');
  const report = await runFidelity(version);
  console.log(`${summary(report)}; against ${version}`);
  assert.deepEqual(report.unlisted.map(describeDifference), [], 'differences not listed in test/fidelity/known-differences.yml');
  assert.deepEqual(report.nowIdentical, [], 'listed in known-differences.yml but identical now: remove them');
  assert.deepEqual(report.wrongReason, [], "a 'native-type rule' reason must name exactly the cases that differ only by it");
  assert.ok(report.identical / report.total >= TARGET, `${summary(report)}: issue #13's target is ${TARGET * 100}%`);
  assert.ok(report.identical >= MINIMUM_IDENTICAL_CASES, `${summary(report)}: at least ${MINIMUM_IDENTICAL_CASES} identical cases wanted (no regressions)`);
});
