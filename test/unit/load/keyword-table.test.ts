// The keyword table (src/keywords.ts) is what the loader enforces: every keyword loads where the
// table allows it and is refused elsewhere with an error at its own line and column; role entries
// keep the keywords they allow and pass every other key on as a role parameter. The published
// schema files (src/schemas/playbook.schema.json, tasks.schema.json) are the table's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LoadError } from '../../../src/errors.js';
import { KEYWORDS, type Place } from '../../../src/keywords.js';
import { PLAYBOOK_SCHEMA_FILE, playbookSchemaDocument, schemaFileText, TASKS_SCHEMA_FILE, tasksSchemaDocument } from '../../../src/load/keyword-schemas.js';
import { loadPlaybook } from '../../../src/load/index.js';
import { writeTree } from '../support/file-tree.js';
import { registry } from './helpers.js';

/** A valid value for every keyword: a keyword added to the table without one fails the test below. */
const SAMPLE: Record<string, unknown> = {
  name: 'n', hosts: 'all', import_playbook: 'other.yml', role: 'r', when: 'true', tags: ['t'], become: true,
  become_user: 'u', become_method: 'sudo', remote_user: 'u', port: 2222, connection: 'local', gather_facts: false,
  vars: { a: 1 }, vars_files: [], roles: [], pre_tasks: [], tasks: [], post_tasks: [], handlers: [],
  serial: 1, strategy: 'linear', order: 'sorted', max_fail_percentage: 10, force_handlers: true, environment: { A: '1' },
  no_log: true, check_mode: true, ignore_errors: true, delegate_to: 'h', delegate_facts: true, run_once: true,
  any_errors_fatal: true, throttle: 1, ignore_unreachable: true, loop: [1], with_items: [1],
  with_list: [1], with_dict: { a: 1 }, with_subelements: [[{ a: [1] }], 'a'], with_nested: [[1], [2]], with_cartesian: [[1], [2]],
  with_together: [[1], [2]], with_sequence: 'count=1', with_indexed_items: [1], with_random_choice: [1], with_fileglob: ['*.yml'],
  with_first_found: ['t.yml'], loop_control: { loop_var: 'x', pause: 0, extended: true, extended_allitems: false },
  register: 'r', notify: [], changed_when: 'false', failed_when: 'false', until: 'true', retries: 1, delay: 1, timeout: 5, async: 0, poll: 1, module_defaults: { debug: { msg: 'm' } },
  args: {}, listen: 'l', block: [], rescue: [], always: [], import_tasks: 't.yml', include_tasks: 't.yml',
  import_role: { name: 'r' }, include_role: { name: 'r' },
};

/** Keys that make an entry a block, an include or an import_playbook: written on another entry, they change what it is. */
const ENTRY_KINDS = new Set(['import_playbook', 'block', 'import_tasks', 'include_tasks', 'import_role', 'include_role']);

const TESTED_PLACES: Place[] = ['play', 'import_playbook', 'block', 'task', 'handler', 'include'];

/** A playbook whose last line writes `key` at `place`; the entry's own key comes first unless it is `key`. */
function playbookWith(place: Place, key: string): string {
  const line = `${key}: ${JSON.stringify(SAMPLE[key])}`;
  switch (place) {
    case 'play':
      return key === 'hosts' ? `- ${line}\n` : `- hosts: all\n  ${line}\n`;
    case 'import_playbook':
      return key === 'import_playbook' ? `- ${line}\n` : `- import_playbook: other.yml\n  ${line}\n`;
    case 'block':
      return key === 'block' ? `- hosts: all\n  tasks:\n    - ${line}\n` : `- hosts: all\n  tasks:\n    - block: []\n      ${line}\n`;
    case 'task':
      return `- hosts: all\n  tasks:\n    - debug: msg=x\n      ${line}\n`;
    case 'handler':
      return `- hosts: all\n  handlers:\n    - debug: msg=x\n      ${line}\n`;
    default: {
      const own = ENTRY_KINDS.has(key) && key !== 'block' && key !== 'import_playbook';
      return own ? `- hosts: all\n  tasks:\n    - ${line}\n` : `- hosts: all\n  tasks:\n    - include_tasks: t.yml\n      ${line}\n`;
    }
  }
}

function tree(siteText: string): string {
  return writeTree({
    'site.yml': siteText,
    'other.yml': '- hosts: all\n  tasks: []\n',
    't.yml': '- debug: msg=y\n',
    'roles/r/tasks/main.yml': '- debug: msg=z\n',
  }, 'tsplay-keyword-table-');
}

const allowedAt = (row: (typeof KEYWORDS)[number], place: Place): boolean => (row.places as readonly Place[]).includes(place)
  || (place === 'handler' && (row.places as readonly Place[]).includes('task'));

test('every keyword in the table has a sample value here', () => {
  assert.deepEqual(KEYWORDS.map((row) => row.key).filter((key) => !(key in SAMPLE)), []);
});

test('every keyword loads where the table allows it and is refused elsewhere, at its line and column', async () => {
  let accepted = 0;
  let refused = 0;
  for (const row of KEYWORDS) {
    for (const place of TESTED_PLACES) {
      const text = playbookWith(place, row.key);
      const dir = tree(text);
      const site = join(dir, 'site.yml');
      const what = `${row.key} on a ${place}:\n${text}`;
      if (allowedAt(row, place)) {
        await loadPlaybook(site, { registry }).catch((error: unknown) => assert.fail(`${what}\nrefused: ${(error as LoadError).describe?.() ?? String(error)}`));
        accepted++;
        continue;
      }
      const error = await loadPlaybook(site, { registry }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof LoadError, `${what}\nloaded, but the table does not allow it there`);
      const lines = text.trimEnd().split('\n');
      const keyLine = lines.length;
      const keyCol = lines.at(-1)!.indexOf(row.key) + 1;
      if (ENTRY_KINDS.has(row.key)) {
        // The key made the entry a block or an include, so the entry's other key is the stranger.
        assert.ok(error.location && error.location.file === site && error.location.line >= keyLine - 1, `${what}\n${error.describe()}`);
      } else {
        assert.deepEqual(error.location, { file: site, line: keyLine, col: keyCol }, `${what}\n${error.describe()}`);
        assert.match(error.message, new RegExp(`'${row.key}'`), what);
      }
      refused++;
    }
  }
  assert.ok(accepted > 100 && refused > 100, `${accepted} accepted, ${refused} refused`);
});

test('a role entry keeps the keywords the table allows there and passes every other key as a parameter', async () => {
  for (const row of KEYWORDS) {
    if (row.key === 'role') continue;
    const text = `- hosts: all\n  roles:\n    - role: r\n      ${row.key}: ${JSON.stringify(SAMPLE[row.key])}\n`;
    const pb = await loadPlaybook(join(tree(text), 'site.yml'), { registry });
    const params = pb.plays[0]!.roles[0]!.params;
    const expected = row.key === 'vars' ? SAMPLE.vars : (row.places as readonly Place[]).includes('role') ? undefined : SAMPLE[row.key];
    assert.deepEqual(row.key === 'vars' ? params : params[row.key], expected, `${row.key} on a role entry`);
  }
});

test('the published playbook and task-list schemas are generated from the table (npm run schemas:write)', () => {
  for (const [file, document] of [[PLAYBOOK_SCHEMA_FILE, playbookSchemaDocument()], [TASKS_SCHEMA_FILE, tasksSchemaDocument()]] as const) {
    const written = readFileSync(new URL(`../../../src/schemas/${file}`, import.meta.url), 'utf8');
    assert.equal(written, schemaFileText(document), `src/schemas/${file} is out of date: run npm run schemas:write`);
  }
});

test('import_tasks passes its keywords on as the table merges them: environment and vars layer, the task wins', async () => {
  const dir = writeTree({
    'site.yml': '- hosts: all\n  tasks:\n    - import_tasks: t.yml\n      environment: { A: outer, B: outer }\n      vars: { x: 1, y: 1 }\n      become: true\n      when: a\n',
    't.yml': '- debug: msg=y\n  environment: { B: inner }\n  vars: { y: 2 }\n  become: false\n  when: b\n',
  }, 'tsplay-keyword-table-');
  const [task] = (await loadPlaybook(join(dir, 'site.yml'), { registry })).plays[0]!.tasks;
  assert.deepEqual(task!.environment, { A: 'outer', B: 'inner' });
  assert.deepEqual(task!.vars, { x: 1, y: 2 });
  assert.equal(task!.become, false);
  assert.deepEqual(task!.when, ['a', 'b']);
});
