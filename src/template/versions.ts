// Version comparison for the `version` test, as Ansible 2.14's version_compare does it, so a role's
// conditions pick the same branch under tsplay and Ansible:
// - loose (default): distutils' LooseVersion. The text splits into numbers, lowercase words and
//   other characters ('1.29.3-rc.1' → 1 29 3 '-' 'rc' 1), compared as Python lists: '1.29' is older
//   than '1.29.0', '1.29.3-rc.1' is NEWER than '1.29.3', and a number meeting a word ('v1.2' against
//   '1.2') is an error, as Python refuses to order str and int.
// - strict (or strict=true): StrictVersion, N.N[.N] with an optional a1/b1 pre-release.
// - semver/semantic: Semantic Versioning 2.0 (the semver package), no leading 'v'.
import semver from 'semver';
import { ExpressionFailure } from './python-values.js';

export const VERSION_TYPES = ['loose', 'strict', 'semver', 'semantic', 'pep440'] as const;
export type VersionType = typeof VERSION_TYPES[number];

type LoosePart = number | string;

function looseParts(version: string): LoosePart[] {
  return version.split(/(\d+|[a-z]+|\.)/).filter((part) => part !== '' && part !== '.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function compareLoose(a: string, b: string): number {
  const left = looseParts(a);
  const right = looseParts(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!;
    const y = right[i]!;
    if (x === y) continue;
    if (typeof x !== typeof y) {
      const pyType = (part: LoosePart) => (typeof part === 'number' ? 'int' : 'str');
      throw new ExpressionFailure(`Version comparison failed: '<' not supported between instances of '${pyType(x)}' and '${pyType(y)}'`);
    }
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

const STRICT = /^(\d+)\.(\d+)(?:\.(\d+))?(?:([ab])(\d+))?$/;

/** StrictVersion: (major, minor, patch) then pre-release, where no pre-release is newer than any. */
function compareStrict(a: string, b: string): number {
  const parse = (text: string): readonly [number[], [string, number] | undefined] => {
    const match = STRICT.exec(text);
    if (!match) throw new ExpressionFailure(`Version comparison failed: invalid version number '${text}'`);
    const numbers = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
    return [numbers, match[4] ? [match[4], Number(match[5])] : undefined];
  };
  const [leftNumbers, leftPre] = parse(a);
  const [rightNumbers, rightPre] = parse(b);
  for (let i = 0; i < 3; i++) if (leftNumbers[i] !== rightNumbers[i]) return leftNumbers[i]! - rightNumbers[i]!;
  if (!leftPre || !rightPre) return leftPre ? -1 : rightPre ? 1 : 0;
  if (leftPre[0] !== rightPre[0]) return leftPre[0] < rightPre[0] ? -1 : 1;
  return leftPre[1] - rightPre[1];
}

function compareSemantic(a: string, b: string): number {
  // semver.valid accepts a leading 'v' or '='; Ansible's SemanticVersion does not.
  for (const text of [a, b]) {
    if (!/^\d/.test(text) || semver.valid(text) === null) throw new ExpressionFailure(`Version comparison failed: invalid semantic version '${text}'`);
  }
  return semver.compare(a, b);
}

/** <0, 0 or >0 as `a` is older than, equal to or newer than `b`. */
export function compareVersions(a: string, b: string, type: VersionType = 'loose'): number {
  switch (type) {
    case 'loose': return compareLoose(a, b);
    case 'strict': return compareStrict(a, b);
    case 'semver':
    case 'semantic': return compareSemantic(a, b);
    case 'pep440': throw new ExpressionFailure("the 'version' test: version_type='pep440' is not supported by tsplay");
  }
}
