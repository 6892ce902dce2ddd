// set_fact: define host variables for the rest of the play. Runs on the controller; the engine
// merges `ansible_facts` into the host's variables. Never changed.
import { splitCommandLine } from './lib/command-line.js';
import { defineModule } from './lib/define-module.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `a=1 b='two words'` → {a: '1', b: 'two words'}; yes/no/true/false become booleans, as Ansible's k=v form does. */
export function parseKeyValues(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const word of splitCommandLine(text)) {
    const at = word.indexOf('=');
    if (at <= 0) throw new Error(`expected key=value, got '${word}'`);
    const value = word.slice(at + 1);
    out[word.slice(0, at)] = /^(true|yes)$/i.test(value) ? true : /^(false|no)$/i.test(value) ? false : value;
  }
  return out;
}

export const setFactModule = defineModule({
  name: 'set_fact',
  schema: {
    type: 'object',
    description: 'Each key becomes a host variable with its (templated) value.',
    properties: {
      cacheable: { type: 'boolean', description: 'Accepted for compatibility; tsplay has no fact cache, so it has no effect.' },
    },
    propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    additionalProperties: true,
    minProperties: 1,
  },
  freeForm: parseKeyValues,
  runsInCheckMode: true,
  controllerOnly: true,
  async run(_ctx, args) {
    const facts: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(args)) {
      if (key === 'cacheable') continue;
      if (!IDENTIFIER.test(key)) return { changed: false, failed: true, msg: `'${key}' is not a valid variable name` };
      facts[key] = value;
    }
    return { changed: false, ansible_facts: facts };
  },
});
