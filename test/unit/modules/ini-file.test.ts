// ini_file: community.general's algorithm (expected texts are what ansible-playbook 2.14 with
// community.general 6.6 wrote for the same input), and the module on the local connection:
// check mode, diff, backup, create, idempotence, and the collection name at load.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import type { ModuleTask } from '../../../src/model.js';
import { iniFileModule } from '../../../src/modules/ini_file.js';
import { iniEdit, type IniOptions } from '../../../src/modules/lib/ini-edit.js';
import { defaultRegistry } from '../../../src/modules/registry.js';
import { writeTree } from '../support/file-tree.js';
import { makeContext, runModule, withTempDir } from './support.js';

const edit = (text: string, o: Partial<IniOptions>) => iniEdit(text, { values: [], state: 'present', exclusive: true, noExtraSpaces: false, allowNoValue: false, ...o });

test('ini edit: a new option goes after the last non-comment line of its section', () => {
  const r = edit('[main]\nb = 2\n\n# trailing comment\n\n[other]\nc = 3\n', { section: 'main', option: 'a', values: ['1'] });
  assert.deepEqual(r, { text: '[main]\nb = 2\na = 1\n\n# trailing comment\n\n[other]\nc = 3\n', changed: true, msg: 'option added' });
  assert.deepEqual(edit(r.text, { section: 'main', option: 'a', values: ['1'] }), { text: r.text, changed: false, msg: 'OK' });
});

test('ini edit: a commented-out option is replaced; a changed value is rewritten in place', () => {
  assert.equal(edit('[main]\n# a = old\nb = 2\n', { section: 'main', option: 'a', values: ['new'] }).text, '[main]\na = new\nb = 2\n');
  assert.deepEqual(edit('[main]\na=1\nb = 2\n', { section: 'main', option: 'a', values: ['2'], noExtraSpaces: true }), { text: '[main]\na=2\nb = 2\n', changed: true, msg: 'option changed' });
});

test('ini edit: values with and without exclusive, absent by option or by value', () => {
  const three = '[main]\na = 1\na = 2\na = 3\n';
  assert.equal(edit(three, { section: 'main', option: 'a', values: ['3', '4'] }).text, '[main]\na = 4\na = 3\n');
  assert.equal(edit(three, { section: 'main', option: 'a', values: ['3', '4'], exclusive: false }).text, '[main]\na = 1\na = 2\na = 3\na = 4\n');
  assert.equal(edit(three, { section: 'main', option: 'a', state: 'absent' }).text, '[main]\n');
  assert.equal(edit(three, { section: 'main', option: 'a', state: 'absent', exclusive: false, values: ['2'] }).text, '[main]\na = 1\na = 3\n');
  assert.deepEqual(edit('x = 0\n[main]\na = 1\n[other]\nb = 2\n', { section: 'main', state: 'absent' }), { text: 'x = 0\n[other]\nb = 2\n', changed: true, msg: 'section removed' });
});

test('ini edit: no section means above the first one; a new section goes at the end; allow_no_value', () => {
  assert.equal(edit('x = 0\n[main]\na = 1\n', { option: 'y', values: ['9'] }).text, 'x = 0\ny = 9\n[main]\na = 1\n');
  assert.deepEqual(edit('[main]\na = 1', { section: 'new', option: 'k', values: ['v'] }), { text: '[main]\na = 1\n[new]\nk = v\n', changed: true, msg: 'section and option added' });
  assert.equal(edit('[main]\na = 1\n', { section: 'main', option: 'flag', allowNoValue: true }).text, '[main]\na = 1\nflag\n');
  assert.equal(edit('[main]\nflag\n', { section: 'main', option: 'flag', allowNoValue: true }).changed, false);
  assert.equal(edit('', { section: 'main', option: 'a', values: ['1'] }).text, '\n[main]\na = 1\n', 'a new file starts with a blank line, as Ansible writes it');
});

test('ini_file module: check mode predicts with a diff and writes nothing; then writes once; backup', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'app.ini');
    writeFileSync(path, '[main]\na = 1\n');
    const check = await runModule(iniFileModule, makeContext({ check: true, diff: true }), { path, section: 'main', option: 'a', value: 2 });
    assert.deepEqual([check.changed, check.msg], [true, 'option changed']);
    assert.deepEqual(check.diff, [{ path, before: '[main]\na = 1\n', after: '[main]\na = 2\n' }]);
    assert.equal(readFileSync(path, 'utf8'), '[main]\na = 1\n');
    const write = await runModule(iniFileModule, makeContext(), { path, section: 'main', option: 'a', value: 2, backup: true });
    assert.equal(write.changed, true);
    assert.equal(readFileSync(path, 'utf8'), '[main]\na = 2\n');
    assert.equal(readFileSync(String(write.backup_file), 'utf8'), '[main]\na = 1\n');
    const again = await runModule(iniFileModule, makeContext(), { path, section: 'main', option: 'a', value: '2' });
    assert.deepEqual([again.changed, again.msg], [false, 'OK']);
    const flag = await runModule(iniFileModule, makeContext(), { path, section: 'main', option: 'enabled', value: true });
    assert.equal(flag.changed, true);
    assert.match(readFileSync(path, 'utf8'), /^enabled = True$/m);
  });
});

test('ini_file module: creates a missing file and its directory unless create: false; value(s) required', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'sub', 'new.ini');
    const refused = await runModule(iniFileModule, makeContext(), { path, section: 's', option: 'o', value: 'v', create: false });
    assert.equal(refused.failed, true);
    assert.equal(existsSync(path), false);
    assert.equal((await runModule(iniFileModule, makeContext({ check: true }), { path, section: 's', option: 'o', value: 'v' })).changed, true);
    assert.equal(existsSync(path), false);
    assert.equal((await runModule(iniFileModule, makeContext(), { path, section: 's', option: 'o', value: 'v', mode: '0600' })).changed, true);
    assert.equal(readFileSync(path, 'utf8'), '\n[s]\no = v\n');
    const missing = await runModule(iniFileModule, makeContext(), { path, section: 's', option: 'o' });
    assert.deepEqual([missing.failed, missing.msg], [true, "Parameter 'value(s)' must be defined if state=present and allow_no_value=False."]);
  });
});

test('community.general.ini_file loads under its collection name', async () => {
  const dir = writeTree({ 'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - community.general.ini_file:
        path: /etc/app.ini
        section: main
        option: a
        value: 1
    - ini_file: dest=/etc/app.ini section=main option=b value=2
` }, 'tsplay-ini-');
  const book = await loadPlaybook(join(dir, 'site.yml'), { registry: defaultRegistry });
  const [long, short] = book.plays[0]!.tasks as ModuleTask[];
  assert.deepEqual([long!.module, short!.module], ['ini_file', 'ini_file']);
});
