// The fidelity corpus: small cases (test/fidelity/cases/*.yml) turned into ONE playbook that both
// ansible-playbook and tsplay run on localhost. Each case becomes one or a few tasks named
// "[id] case name", all with ignore_errors so one failing case never stops the others.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { pyyamlTags } from '../../src/util/pyyaml-tags.js';

/** How a generated task's result is read when comparing the two tools. */
export type TaskKind = 'msg' | 'var' | 'assert' | 'fail' | 'set_fact' | 'template' | 'raw';

export interface CorpusCase {
  readonly name: string;
  /** The case file it comes from, without .yml (its topic). */
  readonly topic: string;
  readonly vars?: Record<string, unknown>;
  /** debug: msg */
  readonly msg?: unknown;
  /** debug: var */
  readonly var?: string;
  /** assert: that (with optional fail_msg) */
  readonly that?: unknown;
  readonly fail_msg?: unknown;
  /** fail: msg */
  readonly fail?: unknown;
  /** set_fact with these facts, then one debug var per fact. */
  readonly set_fact?: Record<string, unknown>;
  /** Inline Jinja2 source, written as a .j2 file and rendered by the template module into out_dir. */
  readonly template?: string;
  /** Extra task keywords for the generated task (when, loop, loop_control, ...). */
  readonly with?: Record<string, unknown>;
  /** Raw tasks (names are given by the corpus), compared as debug/set_fact/assert results. */
  readonly tasks?: ReadonlyArray<Record<string, unknown>>;
}

export interface GeneratedTask {
  /** The task's name in both tools' output: "[id] case name" (plus " #n" for a case's later tasks). */
  readonly title: string;
  readonly caseName: string;
  readonly kind: TaskKind;
  /** For kind var: the variable printed; for template: the file written under out_dir. */
  readonly key?: string;
}

export interface GeneratedCorpus {
  readonly dir: string;
  readonly playbook: string;
  readonly inventory: string;
  readonly tasks: readonly GeneratedTask[];
  readonly cases: readonly CorpusCase[];
}

export const CASES_DIR = new URL('./cases/', import.meta.url).pathname;

const CASE_KEYS = new Set(['name', 'vars', 'msg', 'var', 'that', 'fail_msg', 'fail', 'set_fact', 'template', 'with', 'tasks']);
const BODY_KEYS = ['msg', 'var', 'that', 'fail', 'set_fact', 'template', 'tasks'] as const;

/** Every case of every topic file, checked for the shape mistakes that would make a comparison meaningless. */
export function loadCases(dir = CASES_DIR): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const names = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml')).sort()) {
    const topic = file.replace(/\.yml$/, '');
    // Read as PyYAML reads playbooks (YAML 1.1 without y/n booleans), so the playbook written holds what Ansible would read.
    const list = parse(readFileSync(join(dir, file), 'utf8'), { version: '1.1', customTags: pyyamlTags }) as unknown;
    if (!Array.isArray(list)) throw new Error(`${file}: a list of cases expected`);
    for (const raw of list as Array<Record<string, unknown>>) {
      const name = raw['name'];
      if (typeof name !== 'string' || name === '') throw new Error(`${file}: a case without a name`);
      // Task names are templated by Ansible: braces would make the two tools print different titles.
      if (/[{}%#\[\]]/.test(name)) throw new Error(`${file}: case name '${name}' must not contain braces, brackets, % or #`);
      if (names.has(name)) throw new Error(`${file}: duplicate case name '${name}'`);
      names.add(name);
      const unknown = Object.keys(raw).filter((k) => !CASE_KEYS.has(k));
      if (unknown.length > 0) throw new Error(`${file}: case '${name}' has unknown keys ${unknown.join(', ')}`);
      const bodies = BODY_KEYS.filter((k) => k in raw);
      if (bodies.length !== 1) throw new Error(`${file}: case '${name}' needs exactly one of ${BODY_KEYS.join(', ')}`);
      cases.push({ ...(raw as unknown as CorpusCase), topic });
    }
  }
  return cases;
}

function slug(id: number): string {
  return `c${String(id).padStart(3, '0')}`;
}

function withKeywords(c: CorpusCase, task: Record<string, unknown>): Record<string, unknown> {
  return { ...task, ...(c.vars ? { vars: c.vars } : {}), ...(c.with ?? {}), ignore_errors: true };
}

interface Built {
  readonly tasks: Record<string, unknown>[];
  readonly generated: GeneratedTask[];
}

function buildCase(c: CorpusCase, id: number, templatesDir: string): Built {
  const base = `[${slug(id)}] ${c.name}`;
  const tasks: Record<string, unknown>[] = [];
  const generated: GeneratedTask[] = [];
  const add = (kind: TaskKind, task: Record<string, unknown>, key?: string) => {
    const title = tasks.length === 0 ? base : `${base} #${tasks.length + 1}`;
    tasks.push({ name: title, ...task });
    generated.push({ title, caseName: c.name, kind, ...(key !== undefined ? { key } : {}) });
  };
  if ('msg' in c) add('msg', withKeywords(c, { debug: { msg: c.msg } }));
  else if (c.var !== undefined) add('var', withKeywords(c, { debug: { var: c.var } }), c.var);
  else if ('that' in c) add('assert', withKeywords(c, { assert: { that: c.that, ...(c.fail_msg !== undefined ? { fail_msg: c.fail_msg } : {}) } }));
  else if ('fail' in c) add('fail', withKeywords(c, { fail: { msg: c.fail } }));
  else if (c.set_fact) {
    add('set_fact', withKeywords(c, { set_fact: c.set_fact }));
    for (const key of Object.keys(c.set_fact)) add('var', { debug: { var: key }, ignore_errors: true }, key);
  } else if (c.template !== undefined) {
    const src = join(templatesDir, `${slug(id)}.j2`);
    writeFileSync(src, c.template);
    add('template', withKeywords(c, { template: { src, dest: `{{ out_dir }}/${slug(id)}.txt` } }), `${slug(id)}.txt`);
  } else if (c.tasks) {
    for (const task of c.tasks) add(kindOfRaw(task), { ...task, ignore_errors: true }, varKey(task));
  }
  return { tasks, generated };
}

function kindOfRaw(task: Record<string, unknown>): TaskKind {
  const debug = task['debug'] as Record<string, unknown> | undefined;
  if (debug && 'var' in debug) return 'var';
  if (debug) return 'msg';
  if ('set_fact' in task) return 'set_fact';
  if ('assert' in task) return 'assert';
  if ('fail' in task) return 'fail';
  return 'raw';
}

function varKey(task: Record<string, unknown>): string | undefined {
  const debug = task['debug'] as Record<string, unknown> | undefined;
  return debug && typeof debug['var'] === 'string' ? debug['var'] : undefined;
}

export const SHARDS = 2;

export function shardTag(caseIndex: number): string {
  return `shard${caseIndex % SHARDS}`;
}

/** Writes site.yml, the inventory and the templates into `dir`. */
export function generateCorpus(dir: string, cases = loadCases()): GeneratedCorpus {
  const templatesDir = join(dir, 'templates');
  mkdirSync(templatesDir, { recursive: true });
  const tasks: Record<string, unknown>[] = [];
  const generated: GeneratedTask[] = [];
  cases.forEach((c, index) => {
    const built = buildCase(c, index + 1, templatesDir);
    // ansible-playbook spends ~0.3 s of CPU per task (a worker process each): the runner starts one
    // ansible-playbook per shard, in parallel, each with --tags of its shard.
    tasks.push(...built.tasks.map((task) => ({ ...task, tags: [shardTag(index)] })));
    generated.push(...built.generated);
  });
  const play = [{ name: 'fidelity corpus', hosts: 'localhost', gather_facts: false, tasks }];
  const playbook = join(dir, 'site.yml');
  writeFileSync(playbook, stringify(play, { version: '1.1', customTags: pyyamlTags, lineWidth: 0 }));
  const inventory = join(dir, 'inventory.ini');
  // The interpreter is named so Ansible prints no discovery warning and adds no discovered facts.
  writeFileSync(inventory, 'localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
  return { dir, playbook, inventory, tasks: generated, cases };
}
