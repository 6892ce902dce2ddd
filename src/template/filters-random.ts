// Ansible's `random` and `shuffle` filters: `end | random(start, step, seed)` is Python's randrange(start, end,
// step) for an integer, choice() for a list or string. With a seed the pick is Python's own
// (python-random.ts), so `60 | random(seed=inventory_hostname)` gives each host the minute
// ansible-playbook gives it; without one it is the system's randomness, not reproducible.
import { randomInt } from 'node:crypto';
import { arg, onlyKeywords, type FilterFunction } from './call-args.js';
import { PythonRandom } from './python-random.js';
import { ExpressionFailure, isTruthy, typeName } from './python-values.js';

type Pick = (n: number) => number;

function pickerFor(seed: unknown): Pick {
  if (seed === undefined || seed === null) return (n) => randomInt(n);
  if (typeof seed === 'boolean') seed = seed ? 1 : 0;
  if (typeof seed !== 'string' && !(typeof seed === 'number' && Number.isSafeInteger(seed))) {
    throw new ExpressionFailure(`random: a seed must be a string or an integer, not ${typeName(seed)}`);
  }
  const generator = new PythonRandom(seed as string | number);
  return (n) => generator.randbelow(n);
}

function integer(value: unknown, what: string): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw new ExpressionFailure(`random: ${what} must be an integer, not ${typeName(value)}`);
}

/** Python's randrange(start, stop, step), drawing with `pick`. */
function randrange(start: number, stop: number, step: number, pick: Pick): number {
  if (step === 0) throw new ExpressionFailure('zero step for randrange()');
  const width = stop - start;
  const count = step > 0 ? Math.floor((width + step - 1) / step) : Math.floor((width + step + 1) / step);
  if (count <= 0) throw new ExpressionFailure(`empty range for randrange() (${start}, ${stop}, ${width})`);
  return start + step * pick(count);
}

const randomFilter: FilterFunction = (value, args) => {
  onlyKeywords(args, ['start', 'step', 'seed'], "the 'random' filter");
  const start = arg(args, 0, 'start', null);
  const step = arg(args, 1, 'step', null);
  const pick = pickerFor(arg(args, 2, 'seed', null));
  if (typeof value === 'number' || typeof value === 'boolean') {
    // Python: `if not start: start = 0`, `if not step: step = 1`.
    const from = isTruthy(start) ? integer(start, 'start') : 0;
    const by = isTruthy(step) ? integer(step, 'step') : 1;
    return randrange(from, integer(value, 'the end'), by, pick);
  }
  if (Array.isArray(value) || typeof value === 'string') {
    if (isTruthy(start) || isTruthy(step)) throw new ExpressionFailure('start and step can only be used with integer values');
    const items = typeof value === 'string' ? [...value] : value;
    if (items.length === 0) throw new ExpressionFailure('Cannot choose from an empty sequence');
    return items[pick(items.length)];
  }
  throw new ExpressionFailure(`random can only be used on sequences and integers, not ${typeName(value)}`);
};

/** Ansible's shuffle: a new list in random order; with a (truthy) seed Python's Random(seed).shuffle. */
const shuffleFilter: FilterFunction = (value, args) => {
  onlyKeywords(args, ['seed'], "the 'shuffle' filter");
  const items = typeof value === 'string' ? [...value] : Array.isArray(value) ? [...value] : undefined;
  if (!items) throw new ExpressionFailure(`shuffle can only be used on sequences, not ${typeName(value)}`);
  const seed = arg(args, 0, 'seed', null);
  const pick = pickerFor(isTruthy(seed) ? seed : null);
  // random.shuffle: for i in reversed(range(1, len(x))): j = randbelow(i + 1); swap.
  for (let i = items.length - 1; i >= 1; i--) {
    const j = pick(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
};

export const RANDOM_FILTERS: Readonly<Record<string, FilterFunction>> = { random: randomFilter, shuffle: shuffleFilter };
