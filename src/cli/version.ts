// `tsplay --version` reads the installed package's package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';

export function readPackageVersion(startDir?: string): string {
  const root = packageRoot(startDir);
  if (root === undefined) return 'unknown';
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
