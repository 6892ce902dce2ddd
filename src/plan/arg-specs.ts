// Role argument specs (meta/argument_specs.yml, converted to JSON Schema by the loader): each host's
// variables are checked before the play contacts any host, so a wrong or missing variable fails
// early with the role and the variable named.
import { Ajv, type ValidateFunction } from 'ajv';
import type { Role, Vars } from '../model.js';
import { readVariable } from '../template/lazy-vars.js';

// Ansible converts argument values to the declared type ('6443' from -e is a valid int), so ajv
// coerces too, on a copy that holds only the declared variables, resolved like any variable read.
const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: true });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: Readonly<Record<string, unknown>>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema as Record<string, unknown>);
    compiled.set(schema, validate);
  }
  return validate;
}

/** undefined when the variables satisfy the role's spec, else a one-line message naming the variable. */
export function checkRoleArguments(role: Role, scope: Vars): string | undefined {
  const spec = role.argumentSpecs;
  if (!spec) return undefined;
  const validate = validatorFor(spec.schema);
  // Only the variables the spec declares matter: other scope entries (hostvars, groups...) are not arguments.
  const declared = Object.keys((spec.schema as { properties?: Record<string, unknown> }).properties ?? {});
  const args: Vars = {};
  for (const name of declared) {
    if (!Object.hasOwn(scope, name) || scope[name] === undefined) continue;
    try {
      args[name] = readVariable(scope, name, scope[name], scope);
    } catch {
      // A value built from facts (not gathered yet) cannot be checked before connecting: the
      // role's own tasks will meet it. Leaving it out is not a pass for a required variable
      // that is missing: that one has no value at all.
      args[name] = undefined;
      delete args[name];
      continue;
    }
  }
  if (validate(args)) return undefined;
  const problems = (validate.errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required') return `'${String(params['missingProperty'])}' is required`;
    const name = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'enum') return `'${name}' must be one of ${JSON.stringify(params['allowedValues'])}`;
    return `'${name}' ${e.message ?? 'is invalid'}`;
  });
  return `role '${role.ref.name}': argument spec '${spec.entryPoint}' failed: ${problems.join('; ')}`;
}
