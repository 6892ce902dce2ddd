// The Jinja engine: minijinja (Jinja2's semantics, by Jinja2's author, compiled to WASM) configured
// as Ansible configures Jinja2, with tsplay's filters, tests and lookups registered.
//
// Settings: trim_blocks on, lstrip_blocks off (Ansible's template defaults); the final newline is
// dropped and render.ts adds back what the source had, as Ansible's Templar does; undefined is
// strict (a missing name is an error, never empty text); a fuel budget stops runaway loops; Python
// methods (`.items()`, `.split()`) on; debug on, only so that errors carry a column.
//
// The binding is loaded on first use (it compiles 1 MB of WASM, ~40 ms) with require, so that after
// a Rust panic, which leaves the WASM instance unusable, a fresh copy of the module (and instance)
// can be loaded: discardEngine(). The bundle keeps minijinja-js external for that reason.
import { createRequire } from 'node:module';
import type { Environment } from 'minijinja-js';
import { FILTERS, runFilter } from '../filters.js';
import { TESTS, runTest } from '../tests.js';
import { engineFilter, engineGlobal, engineTest, engineText } from './bridge.js';
import { TEXT_FILTER } from './prepare-source.js';
import { pythonText } from './python-text.js';

/** Evaluation steps one render may take: a 200-line template uses a few thousand, a runaway loop is stopped in well under a second. */
export const FUEL = 5_000_000;

/** Engine built-ins kept over ours: Jinja2's own behaviour for undefined input and loop values. */
const ENGINE_FILTERS = new Set(['default', 'd', 'list', 'items', 'dictsort', 'safe', 'escape', 'e', 'string', 'groupby', 'batch', 'slice']);
const ENGINE_TESTS = new Set(['defined', 'undefined', 'none', 'sequence', 'mapping', 'iterable', 'string', 'number', 'boolean', 'true', 'false']);

const loadCommonJs = createRequire(import.meta.url);
const BINDING = 'minijinja-js';

/**
 * One environment per nesting level: a render that calls back into JS (lookup('template'), a
 * variable holding a `{% %}` template) and renders again must not re-enter the environment in use,
 * which the binding refuses ("recursive use of an object"). A separate environment works.
 */
const environments: (Environment | undefined)[] = [];

function createEnvironment(): Environment {
  const { Environment: EnvironmentClass } = loadCommonJs(BINDING) as typeof import('minijinja-js');
  const env = new EnvironmentClass();
  env.trimBlocks = true;
  env.lstripBlocks = false;
  env.keepTrailingNewline = false;
  env.undefinedBehavior = 'strict';
  env.fuel = FUEL;
  env.debug = true;
  env.enablePyCompat();
  for (const name of Object.keys(FILTERS)) {
    if (!ENGINE_FILTERS.has(name)) env.addFilter(name, engineFilter(name, (value, args) => runFilter(name, value, args)));
  }
  for (const name of Object.keys(TESTS)) {
    if (!ENGINE_TESTS.has(name)) env.addTest(name, engineTest(name, (value, args) => runTest(name, value, args)));
  }
  env.addFilter(TEXT_FILTER, engineText(pythonText));
  for (const name of ['lookup', 'query', 'q']) env.addGlobal(name, engineGlobal(name));
  return env;
}

/** The environment for renders nested `level` deep (0: the outermost). */
export function jinjaEngine(level = 0): Environment {
  return (environments[level] ??= createEnvironment());
}

/** Forget every compiled template (the caller's cache of them is being dropped). */
export function clearEngineTemplates(): void {
  for (const environment of environments) environment?.clearTemplates();
}

/** After a panic: the next render loads the binding (and its WASM instance) afresh. */
export function discardEngine(): void {
  environments.length = 0;
  delete loadCommonJs.cache[loadCommonJs.resolve(BINDING)];
}
