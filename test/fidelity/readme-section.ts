// README's list of the corpus cases where tsplay differs from ansible-playbook, made from
// known-differences.yml so the two never disagree (a unit test checks README holds this text).
// `node --import tsx test/fidelity/readme-section.ts --write` rewrites it in README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadCases } from './corpus.js';
import { loadKnownDifferences } from './run.js';

const START = '<!-- fidelity-differences: generated from test/fidelity/known-differences.yml -->';
const END = '<!-- /fidelity-differences -->';
const README = new URL('../../README.md', import.meta.url).pathname;

export function readmeDifferences(): string {
  const known = loadKnownDifferences();
  const total = loadCases().length;
  const names = Object.keys(known);
  const lines = names.length === 0
    ? ['No case differs.']
    : [`${names.length} of the ${total} cases differ:`, '', ...names.map((name) => `- *${name}*: ${known[name]!.trim().replace(/\s+/g, ' ')}`)];
  return [START, ...lines, END].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--write')) {
  const readme = readFileSync(README, 'utf8');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} block`);
  writeFileSync(README, readme.slice(0, from) + readmeDifferences() + readme.slice(to + END.length));
}
