// A writable that records what reporters print (a stand-in for process.stdout in tests).
export class FakeStream {
  readonly chunks: string[] = [];
  constructor(readonly isTTY = false, readonly columns = 100) {}
  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }
  on(): this {
    return this;
  }
  once(): this {
    return this;
  }
  get text(): string {
    return this.chunks.join('');
  }
}
