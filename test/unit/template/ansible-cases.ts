// Runs [name, expression, what Ansible printed] cases through both dialects: the `{{ }}`
// expression language (evaluate) and a Jinja template (the minijinja bridge). The printed texts
// come from `debug: msg="{{ (EXPRESSION) | string }}"` under ansible-playbook 2.14.18 -c local
// (Python's str() of the value, which pythonText writes; None prints as '' in tsplay, so test
// `is none` for it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate, renderTemplate } from '../../../src/template/index.js';
import { pythonText } from '../../../src/template/jinja/python-text.js';

export type AnsibleCase = readonly [name: string, expression: string, printed: string];

/** Cases whose Jinja output is known to differ from Ansible's, with the reason. */
export type KnownDifferences = Readonly<Record<string, string>>;

export function compareWithAnsible(cases: readonly AnsibleCase[], scope: object, jinjaDiffers: KnownDifferences = {}): void {
  for (const [name, expression, expected] of cases) {
    test(`${name}: the expression language gives Ansible's text`, () => {
      assert.equal(pythonText(evaluate(expression, scope, `${name}:1:1`)), expected);
    });
    test(`${name}: a Jinja template gives Ansible's text`, () => {
      let output: string;
      try {
        output = renderTemplate(`{{ ${expression} }}`, scope, `${name}.j2`);
      } catch (error) {
        output = `ERROR ${(error as Error).message}`;
      }
      const reason = jinjaDiffers[name];
      if (reason === undefined) assert.equal(output, expected);
      else assert.notEqual(output, expected, `now matches Ansible: remove it from the known differences (${reason})`);
    });
  }
}
