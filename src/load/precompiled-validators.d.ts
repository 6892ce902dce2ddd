// Generated into dist/src/load/precompiled-validators.js by src/build/precompile-schemas.ts:
// one named export per built-in schema (see precompiled.ts). No source file exists.
export {};
