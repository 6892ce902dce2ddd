// Role argument specs (meta/argument_specs.yml, converted to JSON Schema by the loader): each host's
// variables are checked before the play contacts any host, so a wrong or missing variable fails
// early with the role and the variable named.
import { Ajv, type ValidateFunction } from 'ajv';
import type { Role, Vars } from '../model.js';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
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
  if (validate(scope)) return undefined;
  const problems = (validate.errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required') return `'${String(params['missingProperty'])}' is required`;
    const name = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'enum') return `'${name}' must be one of ${JSON.stringify(params['allowedValues'])}`;
    return `'${name}' ${e.message ?? 'is invalid'}`;
  });
  return `role '${role.ref.name}': argument spec '${spec.entryPoint}' failed: ${problems.join('; ')}`;
}
