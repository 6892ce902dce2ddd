// tsplay role list / doc: the shipped roles are found from any directory; a role's arguments are
// shown with the type and description of its argument specs and the default its defaults file holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main.js';
import { fakeIO } from './fakes.js';
import { writeTree } from '../support/file-tree.js';

test('role list shows the playbook-side roles first, then the shipped ones', async () => {
  const dir = writeTree({ 'roles/mine/tasks/main.yml': '- debug: msg=hi\n', 'roles/lb/tasks/main.yml': '- debug: msg=shadow\n' }, 'tsplay-role-list-');
  const io = fakeIO(dir);
  assert.equal(await main(['role', 'list'], io), 0);
  const rows = io.out.text.trim().split('\n').map((line) => line.split(/\s+/));
  assert.deepEqual(rows.find((r) => r[0] === 'mine'), ['mine', `${dir}/roles/mine`]);
  assert.deepEqual(rows.find((r) => r[0] === 'lb'), ['lb', `${dir}/roles/lb`], 'a role next to the playbook wins over the shipped one');
  assert.match(rows.find((r) => r[0] === 'vip')![1]!, /\/roles\/vip$/);
  assert.ok(['prereqs', 'container-runtime', 'kube-packages', 'control-plane', 'workers'].every((r) => rows.some((row) => row[0] === r)));
});

test('role doc prints each argument with type, required/default and description', async () => {
  const dir = writeTree({
    'roles/web/tasks/main.yml': '- debug: msg=hi\n',
    'roles/web/defaults/main.yml': 'web_port: 8080\nweb_secret: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n',
    'roles/web/meta/argument_specs.yml': [
      'argument_specs:',
      '  main:',
      '    short_description: A web server',
      '    options:',
      '      web_port: { type: int, description: Port to listen on. }',
      '      web_name: { type: str, required: true, description: [Server name, "(FQDN)."] }',
      '      web_mode: { type: str, choices: [a, b], default: a }',
      '      web_secret: { type: str }',
      '',
    ].join('\n'),
  }, 'tsplay-role-doc-');
  const io = fakeIO(dir);
  assert.equal(await main(['role', 'doc', 'web'], io), 0);
  const out = io.out.text;
  assert.match(out, /^ROLE web  \(.*\/roles\/web\)\n\nENTRY POINT main: A web server\n/);
  assert.match(out, /\n  web_port \(int; default 8080\)\n      Port to listen on\.\n/);
  assert.match(out, /\n  web_name \(str; required\)\n      Server name \(FQDN\)\.\n/);
  assert.match(out, /\n  web_mode \(str; default "a"; one of "a", "b"\)\n/);
  assert.match(out, /\n  web_secret \(str; default "\(vault-encrypted\)"\)\n/);

  const shipped = fakeIO(dir);
  assert.equal(await main(['role', 'doc', 'vip'], shipped), 0);
  assert.match(shipped.out.text, /\n  vip_address \(str; required\)\n/);
  assert.match(shipped.out.text, /\n  vip_auth_pass \(str; default "k8s-vip1"\)\n/);

  const missing = fakeIO(dir);
  assert.equal(await main(['role', 'doc', 'nosuch'], missing), 2);
  assert.match(missing.err.text, /role 'nosuch' not found on the roles path/);
});
