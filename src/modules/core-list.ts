import type { ModuleDefinition } from './types.js';

// Core modules (files, commands, facts, flow), one import each, sorted by name.
export const coreModules: readonly ModuleDefinition<any>[] = [];
