// Module arguments converted to their declared type after templating, as Ansible's argument_spec
// does. Templating gives text for numbers (`port: "{{ base_port + 1 }}"` is '6444', Ansible 2.14's
// rule: template/template-value.ts), so a module declaring an integer must accept '6444', and a
// boolean 'yes'. The load step converts text written as such (load/module-task.ts), with the same rules.
import { asDeclaredType, type PropertySchema } from '../util/declared-type.js';

/** The templated arguments with text converted where the module's schema declares a number or a boolean. */
export function convertArgTypes(schema: Readonly<Record<string, unknown>>, args: Record<string, unknown>): Record<string, unknown> {
  const properties = schema['properties'] as Readonly<Record<string, PropertySchema>> | undefined;
  if (!properties) return args;
  let out: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(args)) {
    const next = asDeclaredType(Object.hasOwn(properties, name) ? properties[name] : undefined, value);
    if (next !== value) (out ??= { ...args })[name] = next;
  }
  return out ?? args;
}
