// The fidelity corpus end to end: generate the playbook, run both tools, compare, and hold the result
// against known-differences.yml. `node --import tsx test/fidelity/run.ts` prints every difference;
// test/unit/fidelity/fidelity.test.ts asserts the figure and the list.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateCorpus } from './corpus.js';
import { compareCorpus, type CaseComparison } from './compare.js';
import { runAnsible, runTsplay } from './tools.js';

export const KNOWN_DIFFERENCES = new URL('./known-differences.yml', import.meta.url).pathname;

/** Case name → why tsplay differs from ansible-playbook there. */
export function loadKnownDifferences(file = KNOWN_DIFFERENCES): Record<string, string> {
  const known = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  for (const [name, reason] of Object.entries(known)) {
    if (typeof reason !== 'string' || reason.trim() === '') throw new Error(`known-differences.yml: '${name}' needs a reason`);
  }
  return known as Record<string, string>;
}

/** Reasons starting so mark cases that differ only by tsplay's documented native-type rule (checked). */
export const NATIVE_TYPE_REASON = 'native-type rule';

export interface FidelityReport {
  readonly comparisons: readonly CaseComparison[];
  readonly identical: number;
  /** Cases that differ only by the native-type rule (a number where Ansible 2.14 shows its text). */
  readonly nativeTypeOnly: number;
  readonly total: number;
  readonly ansibleSeconds: number;
  readonly tsplaySeconds: number;
  /** Differing cases that known-differences.yml does not list. */
  readonly unlisted: readonly CaseComparison[];
  /** Listed cases that are identical now (the list must be trimmed). */
  readonly nowIdentical: readonly string[];
  /** Listed names that are no case at all. */
  readonly unknownListed: readonly string[];
  /** Listed with the native-type reason but differing otherwise, or the other way round. */
  readonly wrongReason: readonly string[];
}

export async function runFidelity(ansibleVersion: string, options: { useCache?: boolean } = {}): Promise<FidelityReport> {
  const corpus = generateCorpus(mkdtempSync(join(tmpdir(), 'tsplay-fidelity-')));
  const [ansible, tsplay] = await Promise.all([runAnsible(corpus, ansibleVersion, options.useCache ?? true), runTsplay(corpus)])
    .finally(() => rmSync(corpus.dir, { recursive: true, force: true }));
  const comparisons = compareCorpus(corpus, ansible, tsplay);
  const known = loadKnownDifferences();
  const names = new Set(comparisons.map((c) => c.name));
  return {
    comparisons,
    identical: comparisons.filter((c) => c.identical).length,
    nativeTypeOnly: comparisons.filter((c) => c.nativeTypeOnly).length,
    total: comparisons.length,
    ansibleSeconds: ansible.seconds,
    tsplaySeconds: tsplay.seconds,
    unlisted: comparisons.filter((c) => !c.identical && !(c.name in known)),
    nowIdentical: comparisons.filter((c) => c.identical && c.name in known).map((c) => c.name),
    unknownListed: Object.keys(known).filter((name) => !names.has(name)),
    wrongReason: comparisons
      .filter((c) => !c.identical && c.name in known && known[c.name]!.startsWith(NATIVE_TYPE_REASON) !== (c.nativeTypeOnly === true))
      .map((c) => c.name),
  };
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

export function summary(report: FidelityReport): string {
  const upToRule = report.identical + report.nativeTypeOnly;
  const identical = `fidelity: ${report.identical} of ${report.total} cases identical (${percent(report.identical, report.total)})`;
  if (report.nativeTypeOnly === 0) return identical;
  return `${identical}; ${upToRule} (${percent(upToRule, report.total)}) counting the ${report.nativeTypeOnly} that differ only by a number shown as text`;
}

export function describeDifference(c: CaseComparison): string {
  const d = c.difference;
  if (!d) return `${c.name}: identical`;
  return `${d.task} (${c.topic}${c.nativeTypeOnly ? ', native-type rule only' : ''})\n    ansible: ${JSON.stringify(d.ansible)}\n    tsplay:  ${JSON.stringify(d.tsplay)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ansibleVersion } = await import('./tools.js');
  const version = ansibleVersion();
  if (!version) {
    console.error('fidelity: ansible-playbook is not installed (apt-get install ansible-core)');
    process.exit(2);
  }
  const report = await runFidelity(version, { useCache: !process.argv.includes('--no-cache') });
  const showAll = process.argv.includes('--all');
  // By default only what needs attention: differences known-differences.yml does not list.
  const shown = showAll ? report.comparisons.filter((c) => !c.identical) : report.unlisted;
  for (const c of shown) console.log(describeDifference(c));
  for (const name of report.nowIdentical) console.log(`listed in known-differences.yml but identical now: ${name}`);
  for (const name of report.unknownListed) console.log(`listed in known-differences.yml but no such case: ${name}`);
  for (const name of report.wrongReason) console.log(`listed with the wrong kind of reason (native-type rule or not): ${name}`);
  console.log(summary(report));
  console.log(`ansible-playbook ${report.ansibleSeconds.toFixed(1)} s, tsplay ${report.tsplaySeconds.toFixed(1)} s; ${report.unlisted.length} unlisted differences`);
}
