// Version comparison for the `version` test: dotted versions compared part by part, numbers
// numerically ("1.31.10" > "1.31.2"), a leading "v" ignored, missing parts count as 0
// ("1.31" == "1.31.0"), and a word part (rc, beta) sorts before a number, so
// "1.31.0-rc.1" < "1.31.0". This is not semver (distro versions such as 1.31.2-1.1 also work).

type Part = number | string;

const parsed = new Map<string, readonly Part[]>();

function parts(version: string): readonly Part[] {
  const cached = parsed.get(version);
  if (cached) return cached;
  const text = version.trim().replace(/^v/i, '');
  const result = (text.match(/\d+|[a-z]+/gi) ?? []).map((part) => (/^\d+$/.test(part) ? Number(part) : part.toLowerCase()));
  if (parsed.size > 5000) parsed.clear();
  parsed.set(version, result);
  return result;
}

/** <0, 0 or >0 as `a` is older than, equal to or newer than `b`. */
export function compareVersions(a: string, b: string): number {
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? 0;
    const y = right[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : 1;
    return typeof x === 'string' ? -1 : 1;
  }
  return 0;
}
