// `recurse: true` of the file module: list the whole tree once (find -printf), decide in TypeScript
// which entries differ (so check mode predicts exactly), then apply chown -R / chmod -R once.
import { shellQuote } from '../../util/shell-quote.js';
import type { ModuleContext } from '../types.js';
import { applyMode, type ModeSpec } from './mode.js';
import { sameOwner } from './remote-file.js';
import { execChecked } from './target.js';

interface TreeEntry {
  mode: number;
  owner: string;
  group: string;
  uid: number;
  gid: number;
  type: string;
  path: string;
}

async function listTree(ctx: ModuleContext, root: string): Promise<TreeEntry[]> {
  const result = await execChecked(ctx, `find ${shellQuote(root)} -printf '%m/%u/%g/%U/%G/%y/%p\\0'`, `cannot list ${root}`);
  return result.stdout.split('\0').filter((r) => r !== '').map((record) => {
    const parts = record.split('/');
    const [mode = '0', owner = '', group = '', uid = '0', gid = '0', type = ''] = parts;
    return { mode: parseInt(mode, 8), owner, group, uid: Number(uid), gid: Number(gid), type, path: parts.slice(6).join('/') };
  });
}

/**
 * Make every entry under `root` have these attributes. Symlinks keep their (meaningless) mode, as
 * chmod -R leaves them alone; their ownership is changed on the link itself (chown -R default).
 * Returns whether anything differed (and was changed unless in check mode).
 */
export async function ensureTreeAttributes(ctx: ModuleContext, root: string, attrs: { mode?: ModeSpec; owner?: string; group?: string }): Promise<boolean> {
  const entries = await listTree(ctx, root);
  const differs = entries.some((e) =>
    !sameOwner(attrs.owner, e.owner, e.uid) ||
    !sameOwner(attrs.group, e.group, e.gid) ||
    (attrs.mode !== undefined && e.type !== 'l' && applyMode(attrs.mode, e.mode, e.type === 'd') !== (e.mode & 0o7777)));
  if (!differs || ctx.check) return differs;
  const q = shellQuote(root);
  const steps: string[] = [];
  if (attrs.owner !== undefined || attrs.group !== undefined) {
    steps.push(`chown -R -- ${shellQuote(`${attrs.owner ?? ''}${attrs.group !== undefined ? ':' + attrs.group : ''}`)} ${q}`);
  }
  if (attrs.mode !== undefined) {
    const text = attrs.mode.kind === 'absolute' ? attrs.mode.mode.toString(8).padStart(4, '0') : attrs.mode.text;
    steps.push(`chmod -R -- ${shellQuote(text)} ${q}`);
  }
  await execChecked(ctx, steps.join(' && '), `cannot set attributes under ${root}`);
  return true;
}
