// What stat reads from GNU `stat --printf` and `lsattr -vd`, as Ansible's stat module reports it.
import type { RawStat } from './stat-record.js';

/** Raw st_mode (hex), ids, size, inode, dev, nlink, a/m/ctime with ns, blocks, block size, rdev major/minor (hex), names. */
export const STAT_PRINTF = '%f %u %g %s %i %d %h %.9X %.9Y %.9Z %b %o %t %T %U %G';

/** Linux's st_rdev from major and minor (glibc's makedev). */
function makedev(major: number, minor: number): number {
  return (minor & 0xff) + (major & 0xfff) * 0x100 + Math.floor(minor / 0x100) * 0x100000 + Math.floor(major / 0x1000) * 0x100000000;
}

/** The stat line: the fields statInfo needs, and stat's own blocks, block_size and device_type. */
export function parseStatLine(line: string): { raw: RawStat; extra: Record<string, number> } {
  const [mode = '0', uid, gid, size, inode, dev, nlink, atime, mtime, ctime, blocks, blockSize, major = '0', minor = '0', owner = '', ...group] = line.split(' ');
  const raw: RawStat = {
    mode: parseInt(mode, 16), uid: Number(uid), gid: Number(gid), owner, group: group.join(' '),
    size: Number(size), inode: Number(inode), dev: Number(dev), nlink: Number(nlink),
    atime: Number(atime), mtime: Number(mtime), ctime: Number(ctime),
  };
  return { raw, extra: { blocks: Number(blocks), block_size: Number(blockSize), device_type: makedev(parseInt(major, 16), parseInt(minor, 16)) } };
}

/** lsattr's one-letter flags, named as Ansible names them (module_utils/common/file.py). */
const FILE_ATTRIBUTES: Readonly<Record<string, string>> = {
  A: 'noatime', a: 'append', c: 'compressed', C: 'nocow', d: 'nodump', D: 'dirsync', e: 'extents', E: 'encrypted',
  h: 'blocksize', i: 'immutable', I: 'indexed', j: 'journalled', N: 'inline', s: 'zero', S: 'synchronous',
  t: 'notail', T: 'blockroot', u: 'undelete', X: 'compressedraw', Z: 'compresseddirty',
};

/** `VERSION FLAGS PATH` from lsattr -vd; without it (no lsattr, a symlink, a filesystem without flags) Ansible's empty answer. */
export function fileAttributes(line: string | undefined): { version: string | null; attributes: string[]; attr_flags: string } {
  const [version, flags] = (line ?? '').trim().split(/\s+/);
  if (version === undefined || version === '' || flags === undefined) return { version: null, attributes: [], attr_flags: '' };
  const attrFlags = flags.replace(/-/g, '');
  return { version, attr_flags: attrFlags, attributes: [...attrFlags].flatMap((f) => FILE_ATTRIBUTES[f] ?? []) };
}
