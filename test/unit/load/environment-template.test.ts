// environment written as a template string loads (templated per host at run time); plain text that
// is no mapping, and a template that import_tasks would have to layer at load time, are located errors.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeTree } from '../support/file-tree.js';
import { loadPlaybook } from '../../../src/load/index.js';
import { assertLoadError, registry } from './helpers.js';

const tree = (files: Record<string, string>): string => writeTree(files, 'tsplay-env-');

test('environment: "{{ proxy_env }}" loads on a play and a task, and an import without its own passes it on', async () => {
  const root = tree({
    'site.yml': '- hosts: all\n  environment: "{{ proxy_env }}"\n  tasks:\n    - debug: msg=x\n      environment: "{{ task_env }}"\n    - import_tasks: t.yml\n      environment: "{{ import_env }}"\n',
    't.yml': '- debug: msg=y\n',
  });
  const play = (await loadPlaybook(join(root, 'site.yml'), { registry })).plays[0]!;
  assert.equal(play.environment, '{{ proxy_env }}');
  assert.equal(play.tasks[0]!.environment, '{{ task_env }}');
  assert.equal(play.tasks[1]!.environment, '{{ import_env }}');
});

test('environment that is plain text, or a template to layer with an imported task\'s own, is a located error', async () => {
  const root = tree({
    'plain.yml': '- hosts: all\n  tasks:\n    - debug: msg=x\n      environment: HTTP_PROXY=x\n',
    'layer.yml': '- hosts: all\n  tasks:\n    - import_tasks: t.yml\n      environment: "{{ import_env }}"\n',
    't.yml': '- debug: msg=y\n  environment: { A: "1" }\n',
  });
  await assertLoadError(() => loadPlaybook(join(root, 'plain.yml'), { registry }), join(root, 'plain.yml'), 4, 20, 'environment must be a mapping or a {{ }} template that gives one');
  await assertLoadError(() => loadPlaybook(join(root, 'layer.yml'), { registry }), join(root, 't.yml'), 1, 3, /environment as a \{\{ \}\} template on an import/);
});
