// The ajv options of the loader's schema checks, shared by the run-time compiler (schema-check.ts)
// and the build step that precompiles the same schemas (src/build/precompile-schemas.ts): a
// precompiled validator must report exactly the errors the run-time one would.
export const SCHEMA_CHECK_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true, verbose: true } as const;
