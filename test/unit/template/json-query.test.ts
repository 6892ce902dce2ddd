// json_query compared with ansible-playbook 2.14's community.general.json_query (Python jmespath 1.0.1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate, renderTemplate } from '../../../src/template/index.js';
import { compareWithAnsible, type AnsibleCase } from './ansible-cases.js';

const scope = {
  data: {
    users: [{ name: 'alice', age: 30, groups: ['a', 'b'] }, { name: 'bob', age: 25, groups: ['b'] }],
    cluster: { nodes: [{ ip: '10.0.0.1', role: 'master' }, { ip: '10.0.0.2', role: 'worker' }] },
  },
};

const CASES: readonly AnsibleCase[] = [
  ['projection', "data | json_query('users[*].name')", "['alice', 'bob']"],
  ['filter_first', "data | json_query('users[?age > `26`].name | [0]')", 'alice'],
  ['filter_string', "data | json_query(\"cluster.nodes[?role=='master'].ip\")", "['10.0.0.1']"],
  ['missing_is_none', "data | json_query('missing') is none", 'True'],
  ['one_dict', "data | json_query('users[0]')", "{'name': 'alice', 'age': 30, 'groups': ['a', 'b']}"],
  ['length', "data | json_query('length(users)')", '2'],
  ['multiselect_hash', "data | json_query('users[*].{n: name, a: age}')", "[{'n': 'alice', 'a': 30}, {'n': 'bob', 'a': 25}]"],
  ['flatten', "data | json_query('users[].groups[]')", "['a', 'b', 'b']"],
  ['sort_by', "data | json_query('sort_by(users, &age)[].name')", "['bob', 'alice']"],
  ['join', "data | json_query(\"join(',', users[*].name)\")", 'alice,bob'],
  ['contains', "data | json_query(\"users[?contains(groups, 'a')].name\")", "['alice']"],
  ['fqcn', "data | community.general.json_query('cluster.nodes[1].ip')", '10.0.0.2'],
];

const SORTED = 'Jinja dicts are sorted by key (minijinja without preserve_order)';
compareWithAnsible(CASES, scope, { one_dict: SORTED, multiselect_hash: SORTED });

test('a malformed query fails naming JMESPath, as Ansible does, in both dialects', () => {
  // Ansible: "JMESPathError in json_query filter plugin:\nInvalid jmespath expression: Incomplete expression: ..."
  assert.throws(() => evaluate("data | json_query('users[')", scope, 'q.yml:1:1'), /JMESPathError in json_query filter plugin/);
  assert.throws(() => renderTemplate("{{ data | json_query('users[') }}", scope, 'q.j2'), /q\.j2:1:\d+: JMESPathError in json_query filter plugin/);
});
