// The load stage's public API: everything is read and validated before any host is contacted.
export { loadPlaybook, type LoadPlaybookOptions } from './playbook.js';
export { loadInventory, type LoadInventoryOptions } from './inventory/index.js';
export { parseExtraVars } from './extra-vars.js';
export { loadVarsFile } from './vars-file.js';
export { parseYaml, readYamlFile, YamlSource } from './yaml-source.js';
export { argumentSpecToSchema } from './argument-specs.js';
export { createSources, LoaderSources, type SourcesOptions } from './sources.js';
