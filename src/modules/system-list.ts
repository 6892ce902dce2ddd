import type { ModuleDefinition } from './types.js';

// System modules for Kubernetes hosts (packages, repositories, services, kernel), one import each, sorted by name.
export const systemModules: readonly ModuleDefinition<any>[] = [];
