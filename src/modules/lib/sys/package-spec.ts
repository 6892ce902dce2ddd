// Package names as users write them: `kubelet`, `kubelet=1.31.2-1.1`, `kubelet=1.31.*` (apt) or
// `kubelet-1.31.2` (dnf, passed to rpm/dnf as written).
import { ModuleFailure } from '../target.js';

export interface PackageSpec {
  readonly name: string;
  /** Exact version or a glob with `*`; undefined = any version. */
  readonly version?: string;
  /** The word handed to the package manager (`name=version` for apt). */
  readonly spec: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9+._:~-]*$/;
const VERSION = /^[A-Za-z0-9.+:~_*-]+$/;

export function parseAptSpec(text: string): PackageSpec {
  const at = text.indexOf('=');
  const name = at < 0 ? text : text.slice(0, at);
  const version = at < 0 ? undefined : text.slice(at + 1);
  if (!NAME.test(name)) throw new ModuleFailure(`invalid package name '${text}'`);
  if (version !== undefined && !VERSION.test(version)) throw new ModuleFailure(`invalid package version in '${text}'`);
  // apt-get itself resolves `pkg=1.31.*` (a prefix match, highest version first); it knows no other glob.
  if (version !== undefined && version.slice(0, -1).includes('*')) {
    throw new ModuleFailure(`'${text}': a version wildcard is only allowed at the end ('pkg=1.31.*')`);
  }
  return { name, version, spec: text };
}

export function parseRpmSpec(text: string): PackageSpec {
  if (!/^[A-Za-z0-9][A-Za-z0-9+._:~*-]*$/.test(text)) throw new ModuleFailure(`invalid package name '${text}'`);
  return { name: text, spec: text };
}

export function isWildcard(version: string | undefined): boolean {
  return version !== undefined && version.includes('*');
}

/** apt's `pkg=1.31.*`: the glob is matched against the installed version string. */
export function versionMatchesGlob(installed: string, glob: string): boolean {
  const source = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(installed);
}

/** Before/after package lists for --diff (the renderer turns them into a unified diff). */
export function packageListDiff(label: string, before: Map<string, string>, after: Map<string, string>) {
  const lines = (m: Map<string, string>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([n, v]) => `${n} ${v}\n`).join('');
  return { path: label, before: lines(before), after: lines(after) };
}
