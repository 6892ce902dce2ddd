// The layering check of `npm test` (test/run.sh): dependency-cruiser applies the forbidden imports of
// .dependency-cruiser.cjs, and this file adds what it has no rule for, import cycles between top-level
// folders of src/ (a cycle needs no cycle between files: load/a → modules/b and modules/c → load/d is
// one). Run directly it checks this repository and exits 1 on any violation; tests call checkLayering
// on fixture trees to prove it catches them.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface LayeringReport {
  /** One line per forbidden import or folder cycle: any entry fails the check. */
  readonly errors: readonly string[];
  /** Known violations allowed by name in the config, being removed. */
  readonly known: readonly string[];
}

/** Check the src/ tree under `root` (this repository by default) against the repository's rules. */
export async function checkLayering(root: string = repoRoot): Promise<LayeringReport> {
  const options = await extractDepcruiseOptions(join(repoRoot, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(join(repoRoot, 'tsconfig.json'));
  const { output } = await cruise(['src'], { ...options, baseDir: root }, {}, { tsConfig });
  const result = output as ICruiseResult;
  const errors: string[] = [];
  const known: string[] = [];
  for (const v of result.summary.violations) {
    const line = `${v.rule.name}: ${v.from} → ${v.to}`;
    if (v.rule.severity === 'info') known.push(line);
    else errors.push(line);
  }
  errors.push(...folderCycles(result));
  return { errors, known };
}

/** src/engine/play.ts → "engine"; a file directly in src/ is its own node ("model.ts"). */
function topLevel(path: string): string | undefined {
  return /^src\/([^/]+)/.exec(path)?.[1];
}

/** Each cycle between top-level folders, with the imports that make it; known violations do not count. */
function folderCycles(result: ICruiseResult): string[] {
  const edges = new Map<string, Map<string, string[]>>();
  for (const module of result.modules) {
    const from = topLevel(module.source);
    if (from === undefined) continue;
    for (const dep of module.dependencies) {
      const to = topLevel(dep.resolved);
      if (to === undefined || to === from || dep.rules?.some((r) => r.severity === 'info')) continue;
      const targets = edges.get(from) ?? edges.set(from, new Map()).get(from)!;
      const imports = targets.get(to) ?? targets.set(to, []).get(to)!;
      imports.push(`${module.source} → ${dep.resolved}`);
    }
  }
  return stronglyConnected(edges).map((folders) => {
    const inside = new Set(folders);
    const imports = folders.flatMap((f) => [...(edges.get(f) ?? [])].filter(([to]) => inside.has(to)).flatMap(([, list]) => list));
    return `folder cycle between ${folders.join(', ')}: ${imports.join('; ')}`;
  });
}

/** Tarjan's algorithm: the groups of two or more folders that reach each other, sorted. */
function stronglyConnected(edges: ReadonlyMap<string, ReadonlyMap<string, unknown>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { errors, known } = await checkLayering();
  for (const line of known) console.log(`layering: known, being removed: ${line}`);
  for (const line of errors) console.error(`layering: ${line}`);
  if (errors.length > 0) {
    console.error(`layering: ${errors.length} violation(s); the rules are in .dependency-cruiser.cjs and docs/ARCHITECTURE.md`);
    process.exit(1);
  }
  console.log('layering: ok');
}
