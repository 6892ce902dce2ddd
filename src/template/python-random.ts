// Python's random.Random(seed), bit for bit, for what Ansible's `random` filter calls: randrange()
// and choice(). kubespray writes `60 | random(seed=inventory_hostname)` for a host's cron minute:
// the number must be the one Ansible picks, or a run would move every host's schedule.
//
// Python's recipe (Lib/random.py and Modules/_randommodule.c, CPython 3.11):
// - seed(str): the UTF-8 bytes followed by their SHA-512 digest, read as one big-endian integer;
//   seed(int): its absolute value. The integer is cut into 32-bit words, least significant first,
//   and fed to MT19937's init_by_array;
// - getrandbits(k): 32-bit outputs, each shifted right to keep its top bits, least significant word first;
// - _randbelow(n): getrandbits(n.bit_length()) until the result is below n.
import { createHash } from 'node:crypto';

const N = 624;
const M = 397;

export class PythonRandom {
  private readonly state = new Uint32Array(N);
  private index = N + 1;

  constructor(seed: string | number | bigint) {
    this.initByArray(seedWords(seed));
  }

  private initGenrand(seed: number): void {
    const mt = this.state;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, previous) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: readonly number[]): void {
    const mt = this.state;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(previous, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(previous, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private twist(): void {
    const mt = this.state;
    for (let k = 0; k < N; k++) {
      const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % N]! & 0x7fffffff);
      mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }

  /** MT19937's next 32-bit output (genrand_uint32). */
  private next32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  getrandbits(bits: number): bigint {
    let result = 0n;
    for (let word = 0, left = bits; left > 0; word++, left -= 32) {
      let r = this.next32();
      if (left < 32) r >>>= 32 - left;
      result |= BigInt(r) << BigInt(32 * word);
    }
    return result;
  }

  /** A uniform integer in [0, n), n > 0 (Python's _randbelow_with_getrandbits). */
  randbelow(n: number): number {
    const limit = BigInt(n);
    const bits = limit.toString(2).length;
    let r = this.getrandbits(bits);
    while (r >= limit) r = this.getrandbits(bits);
    return Number(r);
  }
}

/** The 32-bit words (least significant first) Python hands init_by_array for this seed. */
function seedWords(seed: string | number | bigint): number[] {
  let value: bigint;
  if (typeof seed === 'string') {
    const bytes = Buffer.from(seed, 'utf8');
    const all = Buffer.concat([bytes, createHash('sha512').update(bytes).digest()]);
    value = BigInt(`0x${all.toString('hex')}`);
  } else {
    value = BigInt(seed);
    if (value < 0n) value = -value;
  }
  const words: number[] = [];
  while (value > 0n) {
    words.push(Number(value & 0xffffffffn));
    value >>= 32n;
  }
  return words.length > 0 ? words : [0];
}
