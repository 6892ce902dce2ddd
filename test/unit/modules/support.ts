// Test helpers: a ModuleContext over a LocalConnection, and a fresh temp directory per test.
// evaluate/renderTemplate are the real template engine (src/template) over `vars`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../src/connection/local.js';
import type { RoleRef } from '../../../src/model.js';
import type { ModuleContext, ModuleDefinition, ModuleResult } from '../../../src/modules/types.js';
import { evaluate, renderTemplate } from '../../../src/template/index.js';
import { createSources } from '../../../src/load/index.js';
import { createRegistry } from '../../../src/modules/registry.js';

export interface ContextOptions {
  check?: boolean;
  diff?: boolean;
  vars?: Record<string, unknown>;
  role?: RoleRef;
  playbookDir?: string;
  evaluate?: (expression: string) => unknown;
}

export function makeContext(options: ContextOptions = {}): ModuleContext {
  const vars = options.vars ?? {};
  return {
    conn: new LocalConnection('testhost'),
    host: 'testhost',
    check: options.check ?? false,
    diff: options.diff ?? false,
    vars,
    role: options.role,
    playbookDir: options.playbookDir ?? tmpdir(),
    sources: createSources({ registry: createRegistry([]), playbookDir: options.playbookDir ?? tmpdir() }),
    evaluate: options.evaluate ?? ((expression) => evaluate(expression, vars, 'testhost/test')),
    renderTemplate: (text, name) => renderTemplate(text, vars, name),
  };
}

/** A temp directory removed after the test. */
export async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tsplay-mod-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Run a module with arguments (free-form strings converted like the loader does). */
export function runModule<A>(module: ModuleDefinition<A>, ctx: ModuleContext, args: A | string): Promise<ModuleResult> {
  const parsed = typeof args === 'string' ? (module.freeForm!(args) as A) : args;
  return module.run(ctx, parsed);
}
