import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import type { Block, IncludeRole, IncludeTasks, ModuleTask } from '../../../src/model.js';
import { fixture, registry } from './helpers.js';
import { roleSearchPath } from '../../../src/load/roles.js';
import { resolve } from 'node:path';
import { defaultRegistry } from '../../../src/modules/registry.js';

/** The parts of a draft-07 schema these tests read (RoleArgumentSpec.schema is an open record). */
interface SchemaShape {
  type?: string;
  required?: string[];
  enum?: unknown[];
  properties?: Record<string, SchemaShape>;
  items?: SchemaShape;
}

test('a full playbook loads into the model', async () => {
  const book = await loadPlaybook(fixture('good', 'site.yml'), { registry });
  assert.equal(book.dir, fixture('good'));
  assert.equal(book.plays.length, 2);
  const play = book.plays[0]!;
  assert.equal(play.name, 'Web servers');
  assert.equal(play.hosts, 'web:&prod');
  assert.equal(play.become, true, 'become: yes is YAML 1.1 true');
  assert.equal(play.gatherFacts, false);
  assert.deepEqual(play.serial, [1, '50%']);
  assert.equal(play.vars.mode_octal, 420, '0644 is octal');
  assert.equal(play.vars.flag, true);
  assert.equal(play.vars.answer, 'y', 'y stays a string as in PyYAML');
  assert.deepEqual(play.varsFiles, [{ common_var: 42 }]);
  assert.deepEqual(play.loc, { file: fixture('good', 'site.yml'), line: 1, col: 3 });
  assert.ok(Object.isFrozen(play));

  const debug = play.preTasks[0] as ModuleTask;
  assert.equal(debug.module, 'debug', 'ansible.builtin. prefix is dropped');
  assert.deepEqual(debug.args, { msg: 'hi' });
  assert.deepEqual(debug.loc, { file: fixture('good', 'site.yml'), line: 13, col: 7 });
});

test('roles: params, keywords, dependencies, handlers and argument specs', async () => {
  const play = (await loadPlaybook(fixture('good', 'site.yml'), { registry })).plays[0]!;
  assert.deepEqual(play.roles.map((r) => r.role.ref.name), ['base', 'web']);
  const web = play.roles[1]!;
  assert.deepEqual(web.params, { web_port: 8080 });
  assert.deepEqual(web.when, ['install_web']);
  assert.deepEqual(web.tags, ['web']);
  assert.deepEqual(web.role.defaults, { web_port: 80 });
  assert.deepEqual(web.role.vars, { web_user: 'www' });
  assert.equal(web.role.dependencies[0]!.role, play.roles[0]!.role, 'a role is loaded once and shared');
  assert.deepEqual(web.role.dependencies[0]!.params, { base_param: 1 });
  const first = web.role.tasks[0] as ModuleTask;
  assert.equal(first.role?.name, 'web');
  assert.equal(first.role?.dir, fixture('good', 'roles', 'web'));
  const include = web.role.tasks[1] as IncludeRole;
  assert.equal(include.kind, 'include_role');
  assert.equal(include.tasksFrom, 'alt');
  assert.equal((include.loaded!.tasks[0] as ModuleTask).name, 'alt task');
  assert.deepEqual(play.handlers.map((h) => h.name), ['restart web', 'reload all']);
  assert.deepEqual(play.handlers[1]!.listen, ['reload']);
  const schema = web.role.argumentSpecs!.schema as SchemaShape;
  assert.equal(schema.properties!.web_port.type, 'integer');
  assert.deepEqual(schema.required, ['web_port']);
  assert.deepEqual(schema.properties!.web_mode.enum, ['a', 'b']);
  assert.equal(schema.properties!.web_users.items!.properties!.name.type, 'string');
});

test('import_tasks is inlined with its when/tags/vars; include_tasks is loaded now', async () => {
  const tasks = (await loadPlaybook(fixture('good', 'site.yml'), { registry })).plays[0]!.tasks;
  const [setup, withVars, include, dynamic, block, copy] = tasks as [ModuleTask, ModuleTask, IncludeTasks, IncludeTasks, Block, ModuleTask];
  assert.equal(setup.module, 'shell');
  assert.deepEqual(setup.args, { cmd: 'echo setup' });
  assert.deepEqual(setup.when, ['do_setup', 'inner_cond']);
  assert.deepEqual(setup.tags, ['setup']);
  assert.deepEqual(setup.vars, { from_import: 1 });
  assert.deepEqual(withVars.vars, { from_import: 2 }, "the task's own vars win");
  assert.equal(setup.loc.file, fixture('good', 'tasks', 'setup.yml'));

  assert.equal(include.kind, 'include_tasks');
  assert.equal(include.file, fixture('good', 'tasks', 'extra.yml'));
  assert.deepEqual(include.loop, ['a', 'b']);
  assert.equal((include.loaded![0] as ModuleTask).module, 'debug');
  assert.equal(dynamic.file, '{{ dynamic }}.yml');
  assert.equal(dynamic.loaded, undefined);

  assert.equal(block.kind, 'block');
  assert.equal(block.becomeUser, 'admin');
  const command = block.block[0] as ModuleTask;
  assert.deepEqual(command.args, { chdir: '/tmp', cmd: '/bin/true' }, 'args: is merged into free-form arguments');
  assert.equal(command.register, 'out');
  assert.deepEqual(command.changedWhen, ['false']);
  assert.equal(command.retries, '{{ n }}' as unknown, 'templated numbers pass validation');
  assert.deepEqual((block.rescue[0] as ModuleTask).args, { msg: 'failed' });
  assert.deepEqual((block.always[0] as ModuleTask).args, { free_form: 'flush_handlers' });

  assert.deepEqual(copy.notify, ['restart web']);
  assert.equal(copy.loopVar, 'thing');
  assert.equal(copy.indexVar, 'idx');
  assert.equal(copy.loopLabel, '{{ thing }}');
  assert.deepEqual(copy.loop, [1, 2]);

  const keyValue = tasks[6] as ModuleTask;
  assert.deepEqual(keyValue.args, { src: 'a', dest: '/tmp/b', mode: '0644', force: '{{ overwrite }}' }, 'key=value text for any module; a template passes a boolean argument');
  const imported = tasks[7] as IncludeRole;
  assert.equal(imported.kind, 'include_role');
  assert.equal(imported.imported, true);
  assert.deepEqual(imported.when, ['use_base']);
  assert.equal((imported.loaded!.tasks[0] as ModuleTask).name, 'base task');
});

test('the role search path: next to the playbook, env variables, then the option', async () => {
  assert.deepEqual(roleSearchPath('/pb', ['/opt/extra'], { TSPLAY_ROLES_PATH: '/t1:/t2', ANSIBLE_ROLES_PATH: '/a1' }, '/pkg/roles'), ['/pb/roles', '/t1', '/t2', '/a1', '/opt/extra', '/pkg/roles']);
  // A relative path in the environment is relative to the working directory, not the playbook.
  assert.deepEqual(roleSearchPath('/pb', [], { ANSIBLE_ROLES_PATH: 'vendor:../r' }, '/pkg/roles', '/work/dir'), ['/pb/roles', '/work/dir/vendor', '/work/r', '/pkg/roles']);
  // The shipped roles come last by default: the package's own roles/ folder.
  assert.equal(roleSearchPath('/pb', [], {}).at(-1), resolve(import.meta.dirname, '../../../roles'));
  const book = await loadPlaybook(fixture('rolespath', 'play.yml'), { registry, rolesPath: [fixture('good', 'roles')] });
  assert.equal(book.plays[0]!.roles[0]!.role.ref.dir, fixture('good', 'roles', 'web'));
});

test('the real module registry accepts the sample playbook', async () => {
  const book = await loadPlaybook(fixture('good', 'site.yml'), { registry: defaultRegistry });
  assert.equal(book.plays.length, 2);
});

test('import_playbook expands plays with the import vars; set_fact free form', async () => {
  const play = (await loadPlaybook(fixture('good', 'site.yml'), { registry })).plays[1]!;
  assert.equal(play.strategy, 'free');
  assert.equal(play.name, 'all');
  assert.deepEqual(play.vars, { imported: true });
  assert.equal(play.gatherFacts, true);
  assert.deepEqual((play.tasks[0] as ModuleTask).args, { a: '1', b: 'two words' });
});
