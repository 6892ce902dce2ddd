// The stat-like dictionary Ansible returns for a path: find's `files` entries (find.py statinfo) and
// the core of stat's `stat` result. Built from what a target's `stat -c` or `find -printf` prints.
import { formatMode } from './mode.js';

export interface RawStat {
  /** The whole st_mode: file type bits and permission bits. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** User and group names; a number when the id has no name (then Ansible leaves them out or empty). */
  readonly owner: string;
  readonly group: string;
  readonly size: number;
  readonly inode: number;
  readonly dev: number;
  readonly nlink: number;
  /** Seconds since the epoch, with their fraction, as Python's st_atime/st_mtime/st_ctime. */
  readonly atime: number;
  readonly mtime: number;
  readonly ctime: number;
}

const S_IFMT = 0o170000;
const TYPE_BITS: Readonly<Record<string, number>> = { d: 0o040000, f: 0o100000, l: 0o120000, c: 0o020000, b: 0o060000, p: 0o010000, s: 0o140000 };

/** st_mode from find's %y type letter and %m octal permission bits. */
export function modeFromFind(typeLetter: string, octalPerms: string): number {
  return (TYPE_BITS[typeLetter] ?? 0) | (parseInt(octalPerms, 8) & 0o7777);
}

export const isDirMode = (mode: number) => (mode & S_IFMT) === TYPE_BITS.d;
export const isRegMode = (mode: number) => (mode & S_IFMT) === TYPE_BITS.f;
export const isLinkMode = (mode: number) => (mode & S_IFMT) === TYPE_BITS.l;

/** A name GNU tools print for an id without one is the id itself: Ansible has no name then. */
function nameOr(name: string, id: number, missing: string | undefined): string | undefined {
  return name === String(id) || name === 'UNKNOWN' ? missing : name;
}

/** Ansible's statinfo keys, in its order; pw_name/gr_name are '' for an id without a name (find.py). */
export function statInfo(s: RawStat, missingName: string | undefined = ''): Record<string, unknown> {
  const type = s.mode & S_IFMT;
  const bit = (b: number) => (s.mode & b) !== 0;
  const out: Record<string, unknown> = {
    mode: formatMode(s.mode & 0o7777),
    isdir: type === TYPE_BITS.d,
    ischr: type === TYPE_BITS.c,
    isblk: type === TYPE_BITS.b,
    isreg: type === TYPE_BITS.f,
    isfifo: type === TYPE_BITS.p,
    islnk: type === TYPE_BITS.l,
    issock: type === TYPE_BITS.s,
    uid: s.uid,
    gid: s.gid,
    size: s.size,
    inode: s.inode,
    dev: s.dev,
    nlink: s.nlink,
    atime: s.atime,
    mtime: s.mtime,
    ctime: s.ctime,
    gr_name: nameOr(s.group, s.gid, missingName),
    pw_name: nameOr(s.owner, s.uid, missingName),
    wusr: bit(0o200), rusr: bit(0o400), xusr: bit(0o100),
    wgrp: bit(0o020), rgrp: bit(0o040), xgrp: bit(0o010),
    woth: bit(0o002), roth: bit(0o004), xoth: bit(0o001),
    isuid: bit(0o4000), isgid: bit(0o2000),
  };
  for (const key of ['gr_name', 'pw_name']) if (out[key] === undefined) delete out[key];
  return out;
}
