// A parser's error message quotes the input it choked on; when that input is a vault value, or a
// slice or concatenation of one (which masking of whole secrets cannot recognise), no part of the
// secret may reach the output. Each host below fails one such filter. (Issue #15, item 6.)
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import { main } from '../../../src/cli/main.js';
import { encryptVault } from '../../../src/vault/format.js';
import { writeTree } from '../support/file-tree.js';

const SECRET = 'Zq9XvW3kPj7Rt2Lm';
const CASES: Record<string, { expr: string; message: RegExp }> = {
  json: { expr: 'api_token | from_json', message: /from_json: the string \(16 characters\) is not valid JSON/ },
  json_slice: { expr: 'api_token[3:] | from_json', message: /from_json: the string \(13 characters\) is not valid JSON/ },
  json_late: { expr: "('[1, ' ~ api_token[2:] ~ ']') | from_json", message: /from_json: the string \(19 characters\) is not valid JSON at character 6/ },
  yaml: { expr: "(api_token[1:] ~ ': [') | from_yaml", message: /from_yaml: the string is not valid YAML \(.+ at line 1, column \d+\)/ },
  yaml_alias: { expr: "('a: *' ~ api_token[1:]) | from_yaml", message: /from_yaml: the string is not valid YAML \(an alias to no anchor\)/ },
  regex: { expr: "'x' | regex_search(api_token[1:] ~ '(')", message: /invalid regular expression: Unterminated group/ },
  extract: { expr: "api_token[2:] | extract({'a': 1})", message: /extract: the str key is not in the container/ },
};
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('filters failing on a vault value or a part of it never quote it, in plain and --json output', async () => {
  const vaulted = encryptVault(SECRET, 'pw').trimEnd().split('\n').map((line) => `  ${line}`).join('\n');
  const tasks = Object.entries(CASES).map(([host, { expr }]) => `    - name: ${host}\n      debug: { msg: "{{ ${expr} }}" }\n      when: inventory_hostname == '${host}'\n`).join('');
  const dir = writeTree({
    'site.yml': `- hosts: all\n  gather_facts: false\n  vars_files: [secret.yml]\n  tasks:\n${tasks}`,
    'secret.yml': `api_token: !vault |\n${vaulted}\n`,
    'inventory.yml': `all:\n  vars: { ansible_connection: local }\n  hosts:\n${Object.keys(CASES).map((h) => `    ${h}:\n`).join('')}`,
    'pw': 'pw\n',
  }, 'tsplay-secret-errors-');
  dirs.push(dir);
  for (const format of ['--plain', '--json']) {
    let out = '';
    const rc = await main(['run', 'site.yml', '-i', 'inventory.yml', '--vault-password-file', 'pw', format], {
      cwd: dir, env: { NO_COLOR: '1' }, stdout: { write: (c: string) => (out += c) }, stderr: { write: (c: string) => (out += c) },
    });
    assert.equal(rc, 2, out);
    for (const [host, { message }] of Object.entries(CASES)) {
      const line = out.split('\n').find((l) => l.includes(`(${host}): `));
      assert.ok(line, `${host} failed with a located message:\n${out}`);
      assert.match(line, message, host);
    }
    for (let i = 0; i + 3 <= SECRET.length; i++) assert.ok(!out.includes(SECRET.slice(i, i + 3)), `'${SECRET.slice(i, i + 3)}' of the secret leaked:\n${out}`);
  }
});
