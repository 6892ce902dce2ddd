// Writing literal braces: `{{ '{{' }}`, `{{ '{{ x }}' }}` and `{% raw %}`, in playbook values (the
// expression language, or Jinja when the string holds `{%`) and in template files, as
// ansible-playbook 2.14.18 wrote them (values from debug msg, the file from the template module).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTemplate, templateValue } from '../../../src/template/index.js';
import { markAuthorLayers } from '../../../src/template/lazy-vars.js';

const vars = { x: 1 };
const scope = markAuthorLayers({ ...vars }, [vars]);

// [playbook value, what Ansible's debug printed]
const VALUES: ReadonlyArray<readonly [string, string]> = [
  ["{{ '{{' }} x {{ '}}' }}", '{{ x }}'],
  ['{% raw %}{{ x }}{% endraw %}', '{{ x }}'],
  ["{{ '{{ x }}' }}", '{{ x }}'],
  ['pre {% raw %}{{ x }} {% if %}{% endraw %} {{ x }}', 'pre {{ x }} {% if %} 1'],
  ["{{ x }} and {{ 'a}}b' }}", '1 and a}}b'],
];

for (const [value, printed] of VALUES) {
  test(`playbook value ${value} gives ${printed}`, () => {
    assert.equal(templateValue(value, scope, 'site.yml:1:1'), printed);
  });
}

test('a template file with {{ "{{" }} and {% raw %}', () => {
  const source = "a {{ '{{' }} b {{ '}}' }}\n{% raw %}{{ not_rendered }} {% if %}{% endraw %}\nc {{ '{{ x }}' }}\n";
  // ansible-playbook wrote (trim_blocks eats the newline after endraw):
  assert.equal(renderTemplate(source, scope, 'esc.j2'), 'a {{ b }}\n{{ not_rendered }} {% if %}c {{ x }}\n');
});
