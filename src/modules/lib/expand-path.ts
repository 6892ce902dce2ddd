// Python's os.path.expanduser(os.path.expandvars(path)) as a module on the target sees it (find's
// `paths`): `$NAME` / `${NAME}` from the target's environment (unset ones stay as written) and a
// leading `~` as $HOME. Only the values travel back; nothing of the path is evaluated by the shell.
import type { ModuleContext } from '../types.js';
import { execChecked } from './target.js';

const VARIABLE = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})/g;

/** The paths with variables and a leading ~ expanded; one round trip, none when nothing needs it. */
export async function expandPaths(ctx: ModuleContext, paths: readonly string[]): Promise<string[]> {
  const names = [...new Set(paths.flatMap((p) => [...p.matchAll(VARIABLE)].map((m) => m[1] ?? m[2]!)))];
  const needsHome = paths.some((p) => p === '~' || p.startsWith('~/'));
  if (names.length === 0 && !needsHome) return [...paths];
  // Names are checked against VARIABLE above, so they are safe as shell words.
  const script = ['HOME', ...names].map((n) => `if [ -n "\${${n}+x}" ]; then printf 'S%s\\0' "$${n}"; else printf 'U\\0'; fi`).join('\n');
  const values = (await execChecked(ctx, script, 'cannot read the environment')).stdout.split('\0');
  const valueOf = (i: number): string | undefined => (values[i]?.startsWith('S') ? values[i]!.slice(1) : undefined);
  const env = new Map(names.map((n, i) => [n, valueOf(i + 1)]));
  const home = valueOf(0);
  return paths.map((p) => {
    const expanded = p.replace(VARIABLE, (all, a: string | undefined, b: string | undefined) => env.get((a ?? b)!) ?? all);
    return home !== undefined && (expanded === '~' || expanded.startsWith('~/')) ? home + expanded.slice(1) : expanded;
  });
}
