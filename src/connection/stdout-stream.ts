// A command's stdout streamed to a Writable (a file being downloaded) instead of collected. Under
// become the command's output is preceded by our success line (becomeCommand prints it once sudo let
// the shell run): it is cut off here, so the file receives exactly the command's bytes.
import { Transform, type TransformCallback } from 'node:stream';

/** Passes everything after `leadingLine` + '\n' (when given) through; nothing is held beyond that line. */
export function withoutLeadingLine(leadingLine: string | undefined): Transform {
  const expected = leadingLine === undefined ? undefined : Buffer.from(leadingLine + '\n');
  let pending: Buffer | undefined = expected ? Buffer.alloc(0) : undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (pending === undefined || expected === undefined) return done(null, chunk);
      pending = Buffer.concat([pending, chunk]);
      const at = pending.indexOf(expected);
      if (at < 0) {
        // Not seen yet: only the line's length can be waiting (sudo writes nothing else to stdout).
        if (pending.length > expected.length * 4) return done(new Error('unexpected output before the become line'));
        return done();
      }
      const rest = pending.subarray(at + expected.length);
      pending = undefined;
      done(null, rest);
    },
  });
}
