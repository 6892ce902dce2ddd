// The installed tsplay package's own folder (where package.json says name "tsplay"), found by walking
// up from this file: the path differs between the source (src/util/) and the build (dist/src/...).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(startDir: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'tsplay') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The roles shipped with tsplay (prereqs, lb, vip, ...): the last place roles are looked for. */
export function bundledRolesDir(): string | undefined {
  const root = packageRoot();
  return root === undefined ? undefined : join(root, 'roles');
}
