// tsplay's Jinja output compared byte for byte with ansible-playbook 2.14's, case by case.
// The expected files are written by Ansible itself: test/fixtures/jinja-ansible/regenerate.py
// (templates/*.j2 through the template module, inline.yml strings through copy's content).
// Known differences are listed with their reason, and asserted to still differ, so fixing one
// means moving it out of the list.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { renderTemplate, templateValue } from '../../../src/template/index.js';
import { markAuthorLayers } from '../../../src/template/lazy-vars.js';

const fixtures = join(import.meta.dirname, '../../fixtures/jinja-ansible');
const authorVars = parse(readFileSync(join(fixtures, 'vars.yml'), 'utf8'), { version: '1.1' }) as Record<string, unknown>;
const inline = parse(readFileSync(join(fixtures, 'inline.yml'), 'utf8')) as Record<string, string>;
/** What the fixture playbook's first task registers: a target's output, data that is never templated again. */
const hostile = { stdout: readFileSync(join(fixtures, 'hostile.txt'), 'utf8'), rc: 0, changed: false };
const scope = markAuthorLayers({ ...authorVars, hostile }, [authorVars]);

// minijinja-js 2.11 is built without preserve_order, so dicts iterate and print in key order; it has
// no tuples; its Python-compat `.get()` takes no default.
const KEY_ORDER = 'dicts iterate and print sorted by key, Python keeps insertion order';
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  dict2items: KEY_ORDER,
  dict_text: KEY_ORDER,
  for_items: KEY_ORDER,
  get_default: "dict.get(key, default) is an 'unknown method' (write d[key] | default(x))",
  tuples: "pairs print as lists: [['a', 1]] where Python prints [('a', 1)]",
};

function expected(name: string): string {
  return readFileSync(join(fixtures, 'expected', `${name}.out`), 'utf8');
}

function actual(render: () => unknown): string {
  try {
    return String(render());
  } catch (error) {
    return `ERROR ${(error as Error).message}`;
  }
}

function compare(name: string, output: string): void {
  const reason = KNOWN_DIFFERENCES[name];
  if (reason === undefined) assert.equal(output, expected(name), name);
  else assert.notEqual(output, expected(name), `${name} now matches Ansible: remove it from KNOWN_DIFFERENCES (${reason})`);
}

const templates = readdirSync(join(fixtures, 'templates')).filter((name) => name.endsWith('.j2')).sort();

test('the fixtures cover a few dozen cases', () => {
  assert.ok(templates.length + Object.keys(inline).length >= 40);
});

for (const file of templates) {
  const name = file.slice(0, -'.j2'.length);
  test(`template ${file} renders as ansible-playbook 2.14 renders it`, () => {
    const text = readFileSync(join(fixtures, 'templates', file), 'utf8');
    compare(name, actual(() => renderTemplate(text, scope, `templates/${file}`)));
  });
}

for (const [key, text] of Object.entries(inline)) {
  test(`playbook string '${key}' renders as ansible-playbook 2.14 renders it`, () => {
    compare(`inline-${key}`, actual(() => templateValue(text, scope, `inline.yml: ${key}`)));
  });
}
