// gatherFacts: run the one fact script on the host (one round-trip) and parse its output.
import { TsplayError } from '../errors.js';
import type { Connection } from '../connection/types.js';
import { parseFacts } from './parse.js';
import { FACTS_SCRIPT } from './script.js';

export { parseFacts } from './parse.js';
export { FACTS_SCRIPT } from './script.js';

/** The facts dict WITHOUT `ansible_` prefixes; the engine exposes both `ansible_facts.X` and `ansible_X`. */
export async function gatherFacts(conn: Connection, options: { timeoutMs?: number } = {}): Promise<Record<string, unknown>> {
  const result = await conn.exec(FACTS_SCRIPT, { timeoutMs: options.timeoutMs ?? 60_000 });
  // The script ends with `end=ok`: without it the output was cut short and facts would be wrong.
  if (result.rc !== 0 || !result.stdout.includes('\nend=ok')) {
    throw new TsplayError(`${conn.host}: gathering facts failed (rc ${result.rc}): ${result.stderr.trim().split('\n')[0] ?? ''}`, { kind: 'runtime' });
  }
  return parseFacts(result.stdout);
}
