// mode/owner/group of an existing path: compare with `stat`, fix with chmod/chown only on a difference.
import { shellQuote } from '../../../util/shell-quote.js';
import type { ModuleContext } from '../../types.js';
import { hostRun } from './host.js';
import { parseMode } from './args.js';

export interface Attributes {
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
}

export const attributeSchemas = {
  mode: { description: "Mode, octal string like '0644' (quote it in YAML).", type: ['string', 'integer'] },
  owner: { description: 'Owner (name or uid).', type: 'string' },
  group: { description: 'Group (name or gid).', type: 'string' },
};

/** Returns whether something differed (and was fixed, unless in check mode). */
export async function ensureAttributes(ctx: ModuleContext, path: string, attrs: Attributes): Promise<boolean> {
  const mode = parseMode(attrs.mode);
  if (mode === undefined && attrs.owner === undefined && attrs.group === undefined) return false;
  const q = shellQuote(path);
  const [m = '', user = '', uid = '', grp = '', gid = ''] = (await hostRun(ctx, `stat -c '%a %U %u %G %g' ${q}`, `stat ${path}`)).stdout.trim().split(' ');
  const commands: string[] = [];
  if (mode !== undefined && parseInt(m, 8) !== (mode & 0o7777)) commands.push(`chmod ${(mode & 0o7777).toString(8).padStart(4, '0')} ${q}`);
  const ownerDiffers = attrs.owner !== undefined && attrs.owner !== user && attrs.owner !== uid;
  const groupDiffers = attrs.group !== undefined && attrs.group !== grp && attrs.group !== gid;
  if (ownerDiffers || groupDiffers) {
    commands.push(`chown ${shellQuote(`${ownerDiffers ? attrs.owner : ''}${groupDiffers ? `:${attrs.group}` : ''}`)} ${q}`);
  }
  if (!ctx.check) for (const c of commands) await hostRun(ctx, c, c);
  return commands.length > 0;
}
