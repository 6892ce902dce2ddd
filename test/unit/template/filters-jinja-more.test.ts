// slice, groupby, truncate, comment, human_readable, human_to_bytes and shuffle(seed) in both
// dialects; every expected text is what ansible-playbook 2.14.18 printed for the same expression
// (`debug: msg="{{ EXPR | string }}"`, -c local).
import { compareWithAnsible, type AnsibleCase } from './ansible-cases.js';

const scope = { hosts_: [{ n: 'a', z: 'x' }, { n: 'b', z: 'y' }, { n: 'c', z: 'x' }], words: 'a long sentence here' };

const CASES: readonly AnsibleCase[] = [
  ['slice even', '[1, 2, 3, 4] | slice(2) | list', '[[1, 2], [3, 4]]'],
  ['slice uneven', '[1, 2, 3, 4, 5] | slice(3) | list', '[[1, 2], [3, 4], [5]]'],
  ['slice filled', "[1, 2, 3, 4, 5] | slice(3, 'f') | list", "[[1, 2], [3, 4], [5, 'f']]"],
  ['groupby', "hosts_ | groupby('z')", "[['x', [{'n': 'a', 'z': 'x'}, {'n': 'c', 'z': 'x'}]], ['y', [{'n': 'b', 'z': 'y'}]]]"],
  ['truncate killwords', "words | truncate(9, true, '...', 0)", 'a long...'],
  ['truncate at a word', 'words | truncate(9)', 'a...'],
  ['truncate longer', "'a long sentence here and more words to cut' | truncate(12)", 'a long...'],
  ['truncate within leeway', 'words | truncate(16)', 'a long sentence here'],
  ['comment plain', "'managed' | comment", '#\n# managed\n#'],
  ['comment c, two lines', "'a\\nb' | comment('c')", '//\n// a\n// b\n//'],
  ['comment erlang', "'x' | comment('erlang')", '%\n% x\n%'],
  ['human_readable MB', '1048576 | human_readable', '1.00 MB'],
  ['human_readable KB', '1500 | human_readable', '1.46 KB'],
  ['human_readable bytes', '10 | human_readable', '10.00 Bytes'],
  ['human_readable bits', '1048576 | human_readable(isbits=True)', '1.00 Mb'],
  ['human_readable unit', "1048576 | human_readable(unit='K')", '1024.00 KB'],
  ['human_to_bytes K', "'1K' | human_to_bytes", '1024'],
  ['human_to_bytes 1.5 MB', "'1.5 MB' | human_to_bytes", '1572864'],
  ['human_to_bytes bits', "'10Mb' | human_to_bytes(isbits=True)", '10485760'],
  ['human_to_bytes G', "'2G' | human_to_bytes", '2147483648'],
  ['shuffle seeded', "[1, 2, 3, 4] | shuffle(seed='x')", '[1, 2, 4, 3]'],
  ['shuffle seeded letters', "['a','b','c','d','e'] | shuffle(seed='node1')", "['c', 'd', 'b', 'a', 'e']"],
];

compareWithAnsible(CASES, scope);
