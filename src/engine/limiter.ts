// Bounds how many hosts run a task at once (--forks) without ever serializing more than asked.
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next();
      else this.active--;
    }
  }
}

/** Run `job` for every item, at most `limiter`'s bound at once; resolves when all settled. */
export async function forEachLimited<T>(items: readonly T[], limiter: Limiter, job: (item: T) => Promise<void>): Promise<void> {
  await Promise.all(items.map((item) => limiter.run(() => job(item))));
}
