// For issue #13's decision (do `{{ }}` in YAML values and `when:` move onto minijinja, or stay on
// the jsep evaluator?): the corpus's one-task `debug: msg` cases evaluated in-process by both
// engines, held against what ansible-playbook printed (from the cached run of test/fidelity/run.ts),
// with the time per evaluation. A measurement script, not a test:
//   node --import tsx test/fidelity/engines.ts
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { templateValue } from '../../src/template/index.js';
import { renderJinja } from '../../src/template/jinja/render.js';
import { pythonText } from '../../src/template/jinja/python-text.js';
import { authorScope } from '../../src/template/lazy-vars.js';
import { generateCorpus } from './corpus.js';
import { observe } from './compare.js';
import { ansibleVersion, runAnsible } from './tools.js';

const MAGIC = { inventory_hostname: 'localhost', inventory_hostname_short: 'localhost', group_names: [], groups: { all: ['localhost'], ungrouped: ['localhost'] }, play_hosts: ['localhost'], ansible_play_hosts: ['localhost'] };

/** Ansible's native rule on minijinja's text: a lone `{{ }}` gives the value whose text it printed. */
function minijinjaMatches(text: string, expected: unknown): boolean {
  if (typeof expected === 'string') return text === expected;
  return text === pythonText(expected);
}

function time(run: () => unknown): { value?: unknown; failed: boolean; ms: number } {
  const started = performance.now();
  try {
    const value = run();
    return { value, failed: false, ms: performance.now() - started };
  } catch {
    return { failed: true, ms: performance.now() - started };
  }
}

const version = ansibleVersion();
if (!version) throw new Error('ansible-playbook is not installed');
const corpus = generateCorpus(mkdtempSync(join(tmpdir(), 'tsplay-engines-')));
const ansible = await runAnsible(corpus, version);
let total = 0;
let jsepSame = 0;
let jsepUpToRule = 0;
let jinjaSame = 0;
let jsepMs = 0;
let jinjaMs = 0;
const REPEAT = 20;
for (const c of corpus.cases) {
  if (typeof c.msg !== 'string' || c.with) continue;
  const task = corpus.tasks.find((t) => t.caseName === c.name)!;
  const expected = observe(task, ansible);
  total++;
  const scope = () => authorScope(MAGIC, c.vars ?? {});
  const msg = c.msg;
  const jsep = time(() => templateValue(msg, scope(), 'engines'));
  const jinja = time(() => renderJinja({ text: msg, name: 'engines', inline: true }, scope()));
  for (let i = 0; i < REPEAT; i++) {
    jsepMs += time(() => templateValue(msg, scope(), 'engines')).ms;
    jinjaMs += time(() => renderJinja({ text: msg, name: 'engines', inline: true }, scope())).ms;
  }
  if (expected.status === 'failed' ? jsep.failed : !jsep.failed && isDeepStrictEqual(jsep.value, expected.value)) jsepSame++;
  const asText = typeof jsep.value === 'number' || jsep.value === null ? pythonText(jsep.value) : jsep.value;
  if (expected.status === 'failed' ? jsep.failed : !jsep.failed && isDeepStrictEqual(asText, expected.value)) jsepUpToRule++;
  if (expected.status === 'failed' ? jinja.failed : !jinja.failed && minijinjaMatches(String(jinja.value), expected.value)) jinjaSame++;
}
const per = (ms: number) => ((1000 * ms) / (total * REPEAT)).toFixed(1);
console.log(`expression cases: ${total}`);
console.log(`jsep evaluator: ${jsepSame} identical (${jsepUpToRule} counting the native-type rule), ${per(jsepMs)} µs per evaluation`);
console.log(`minijinja (text, then Ansible's native rule): ${jinjaSame} identical, ${per(jinjaMs)} µs per evaluation`);
