// The one way to declare a module. Its arguments are written once, as a JSON Schema literal: the
// loader validates with it, the README documents it, and json-schema-to-ts's FromSchema turns it into
// the argument type of `run` (types only, nothing at run time). `run` reports a refused state or
// argument by throwing ModuleFailure, which becomes a `failed: true` result (lib/target.ts).
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { ModuleContext, ModuleDefinition, ModuleResult } from '../types.js';
import { moduleRunner } from './target.js';

/** Every module schema is draft-07; the declaration leaves `$schema` out and defineModule adds it. */
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/**
 * The arguments a schema accepts, as a TypeScript type. Arguments with a `default` stay optional:
 * the defaults document Ansible's behaviour, ajv does not fill them in, so `run` applies them itself.
 */
export type ArgsOf<S extends JSONSchema> = FromSchema<S, { keepDefaultedPropertiesOptional: true }>;

/** The argument type of a group of schema properties shared by several modules (all optional). */
export type PropertiesArgs<P extends Readonly<Record<string, JSONSchema>>> = ArgsOf<{ type: 'object'; additionalProperties: false; properties: P }>;

/** A module's schema: an object of named arguments (all but set_fact refuse unknown ones: additionalProperties: false). */
export type ModuleSchema = Exclude<JSONSchema, boolean> & { readonly type: 'object' };

/** What a module file declares: a ModuleDefinition whose `schema` is the literal and `args` derive from it. */
export interface ModuleDeclaration<S extends ModuleSchema> extends Omit<ModuleDefinition, 'schema' | 'run'> {
  readonly schema: S;
  /** NoInfer: the schema alone decides the argument type (inferring it back from `run` is slow and circular). */
  run(ctx: ModuleContext, args: NoInfer<ArgsOf<S>>): Promise<ModuleResult>;
}

/** The module as the registry holds it: `$schema` added, and ModuleFailure turned into a failed result. */
export function defineModule<const S extends ModuleSchema>(declaration: ModuleDeclaration<S>): ModuleDefinition<ArgsOf<S>>;
// The implementation sees the arguments untyped: checking it against FromSchema of a generic schema is too deep for tsc.
export function defineModule(declaration: ModuleDefinition<any>): ModuleDefinition<any> {
  return { ...declaration, schema: { $schema: DRAFT_07, ...declaration.schema }, run: moduleRunner(declaration.run) };
}
