// `npm run docs:modules`: rewrites docs/MODULES.md's module reference from the module schemas.
import { readFileSync, writeFileSync } from 'node:fs';
import { allModules } from '../modules/all.js';
import { moduleReference, REFERENCE_BEGIN, REFERENCE_END } from './module-reference.js';

// npm runs scripts from the package root.
const readmePath = process.argv[2] ?? 'docs/MODULES.md';
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(REFERENCE_BEGIN);
const end = readme.indexOf(REFERENCE_END);
if (start < 0 || end < start) throw new Error(`${readmePath} has no module reference markers (${REFERENCE_BEGIN})`);
writeFileSync(readmePath, readme.slice(0, start) + moduleReference(allModules) + readme.slice(end + REFERENCE_END.length));
console.log(`module reference updated: ${allModules.length} modules`);
