// The `version` test compared with ansible-playbook 2.14 (ansible-core 2.14.18, `-c local`), in the
// expression language and in Jinja templates. Each expected value is what
// `debug: msg="{{ EXPRESSION }}"` printed: true/false, or 'ERROR ' and Ansible's message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate, renderTemplate } from '../../../src/template/index.js';

const ANSIBLE_CASES: ReadonlyArray<readonly [string, string, boolean | string]> = [
  ["loose_short_eq", "'1.29' is version('1.29.0', '==')", false],
  ["loose_short_lt", "'1.29' is version('1.29.0', '<')", true],
  ["loose_rc_newer", "'1.29.3' is version('1.29.3-rc.1', '<')", true],
  ["loose_rc_older", "'1.29.3-rc.1' is version('1.29.3', '<')", false],
  ["loose_numeric", "'1.10' is version('1.9', '>')", true],
  ["loose_longer", "'1.2.3' is version('1.2', 'gt')", true],
  ["loose_distro", "'1.31.2-1.1' is version('1.31.2', '>')", true],
  ["loose_v_both", "'v1.29.3' is version('v1.29.2', '>')", true],
  ["loose_v_one", "'v1.29.3' is version('1.29.2', '>')", "ERROR Version comparison failed: '<' not supported between instances of 'str' and 'int'"],
  ["loose_words", "'1.0a' is version('1.0b', '<')", true],
  ["loose_ne", "'1.0' is version('1.0', '!=')", false],
  ["loose_default_op", "'1.0' is version('1.0')", true],
  ["loose_le", "'1.0' is version('1.1', 'le')", true],
  ["loose_ltgt", "'1.0' is version('1.1', '<>')", true],
  ["strict_short_eq", "'1.29' is version('1.29.0', '==', strict=true)", true],
  ["strict_pre", "'1.29.3a1' is version('1.29.3', '<', version_type='strict')", true],
  ["strict_bad", "'1.29.3-rc.1' is version('1.29.3', '<', version_type='strict')", "ERROR Version comparison failed: invalid version number '1.29.3-rc.1'"],
  ["semver_pre", "'1.29.3-rc.1' is version('1.29.3', '<', version_type='semver')", true],
  ["semver_pre_order", "'2.0.0-rc.1' is version('2.0.0-rc.2', '<', version_type='semantic')", true],
  ["semver_pre_num", "'2.0.0-rc.2' is version('2.0.0-rc.10', '<', version_type='semver')", true],
  ["semver_build", "'2.0.0+abc' is version('2.0.0', '==', version_type='semver')", true],
  ["semver_v", "'v1.29.3' is version('1.29.2', '>', version_type='semver')", "ERROR Version comparison failed: invalid semantic version 'v1.29.3'"],
  ["semver_short", "'1.29' is version('1.29.0', '==', version_type='semver')", "ERROR Version comparison failed: invalid semantic version '1.29'"],
  ["bad_op", "'1.0' is version('1.0', 'approx')", "ERROR Invalid operator type (approx). Must be one of '==', '=', 'eq', '<', 'lt', '<=', 'le', '>', 'gt', '>=', 'ge', '!=', '<>', 'ne'"],
  ["bad_type", "'1.0' is version('1.0', '==', version_type='foo')", "ERROR Invalid version type (foo). Must be one of 'loose', 'strict', 'semver', 'semantic', 'pep440'"],
  ["empty", "'' is version('1.0', '==')", "ERROR Input version value cannot be empty"],
  ["number_input", "1.5 is version('1.4', '>')", true],
];

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error as Error;
  }
}

function check(got: unknown, expected: boolean | string, asText: boolean): void {
  if (typeof expected === 'boolean') {
    assert.equal(got, asText ? (expected ? 'True' : 'False') : expected);
    return;
  }
  assert.ok(got instanceof Error, `expected an error, got ${String(got)}`);
  assert.ok(got.message.includes(expected.slice('ERROR '.length)), got.message);
}

for (const [name, expression, expected] of ANSIBLE_CASES) {
  test(`version test ${name}: the expression language gives Ansible's answer`, () => {
    check(outcome(() => evaluate(expression, {}, `${name}:1:1`)), expected, false);
  });
  test(`version test ${name}: a Jinja template gives Ansible's answer`, () => {
    check(outcome(() => renderTemplate(`{{ ${expression} }}`, {}, `${name}.j2`)), expected, true);
  });
}
