import type { ModuleDefinition } from './types.js';
import { coreModules } from './core-list.js';
import { systemModules } from './system-list.js';

export const allModules: readonly ModuleDefinition<any>[] = [...coreModules, ...systemModules];
