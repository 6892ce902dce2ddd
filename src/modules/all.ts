import type { ModuleDefinition } from './types.js';

// Modules register here, one import each, sorted by name.
export const allModules: readonly ModuleDefinition<any>[] = [];
