// set_fact: define host variables for the rest of the play. Runs on the controller; the engine
// merges `ansible_facts` into the host's variables. Never changed.
import { parseKv } from '../util/parse-kv.js';
import { defineModule } from './lib/define-module.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BOOLEAN_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'yes', 'no']);

/**
 * `a=1 b='two words' c={{ x[0] }}` → {a: '1', b: 'two words', c: '{{ x[0] }}'} (Ansible's parse_kv);
 * yes/no/true/false become booleans, as Ansible's k=v form does.
 */
export function parseKeyValues(text: string): Record<string, unknown> {
  const { options, rawParams } = parseKv(text);
  if (rawParams.length > 0) throw new Error(`set_fact takes key=value words; got '${rawParams[0]}'`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    out[key] = /^(true|yes)$/i.test(value) ? true : /^(false|no)$/i.test(value) ? false : value;
  }
  return out;
}

export const setFactModule = defineModule({
  name: 'set_fact',
  schema: {
    type: 'object',
    description: 'Each key becomes a host variable with its (templated) value; a key may itself be a template (`"{{ name }}": value`).',
    properties: {
      cacheable: { type: 'boolean', description: 'Accepted for compatibility; tsplay has no fact cache, so it has no effect.' },
    },
    // A key may be a template (`"{{ name_var }}": value`), as Ansible's set_fact templates its keys.
    propertyNames: { pattern: '^([A-Za-z_][A-Za-z0-9_]*|.*\\{\\{.*\\}\\}.*)$' },
    additionalProperties: true,
    minProperties: 1,
  },
  freeForm: parseKeyValues,
  runsInCheckMode: true,
  controllerOnly: true,
  async run(ctx, args) {
    const facts: Record<string, unknown> = {};
    for (const [written, value] of Object.entries(args)) {
      if (written === 'cacheable') continue;
      // The playbook's own key text (never target data): each {{ expression }} in it is evaluated.
      const key = written.replace(/\{\{(.*?)\}\}/g, (_tag, expression: string) => String(ctx.evaluate(expression.trim())));
      if (!IDENTIFIER.test(key)) return { changed: false, failed: true, msg: `'${key}' is not a valid variable name` };
      // Ansible's set_fact (without jinja2_native) turns these strings into booleans: `x: "yes"` is true.
      facts[key] = typeof value === 'string' && BOOLEAN_WORDS.has(value.toLowerCase()) ? ['true', 'yes'].includes(value.toLowerCase()) : value;
    }
    return { changed: false, ansible_facts: facts };
  },
});
