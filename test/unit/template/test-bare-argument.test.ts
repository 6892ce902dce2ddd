// Jinja's test with one bare argument (`x is divisibleby 3`, `x is in [..]`): the argument is a
// primary with its subscripts, as Jinja's parse_test reads it. Expected texts are what
// ansible-playbook 2.14.18 printed (`debug: msg="{{ (EXPR) | string }}"`).
import { compareWithAnsible, type AnsibleCase } from './ansible-cases.js';

const CASES: readonly AnsibleCase[] = [
  ['divisibleby', '9 is divisibleby 3', 'True'],
  ['in a list', '2 is in [1, 2]', 'True'],
  ['not in a list', '2 is not in [1, 2]', 'False'],
  ['sameas none', 'none is sameas none', 'True'],
  ['contains', '[1, 2] is contains 2', 'True'],
  ['two tests joined by and', '3 is gt 2 and 1 is lt 2', 'True'],
  ['an argument with subscripts', '3 is divisibleby d.a[1]', 'True'],
  ['a string argument', "'abc' is match 'ab'", 'True'],
  ['a test without argument before else', "'y' if 2 is number else 'n'", 'y'],
  ['is inside a string is text', "'a is b c' == 'a is b c'", 'True'],
];

compareWithAnsible(CASES, { d: { a: [1, 3] } });
