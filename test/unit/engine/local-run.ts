// Run a playbook through the real CLI on the local connection (`ansible_connection=local`) and read
// its --json document: for behaviour that needs a real target shell (async jobs).
import { main } from '../../../src/cli/main.js';
import { fakeIO } from '../cli/fakes.js';
import { writeTree } from '../support/file-tree.js';

export interface LocalRun {
  readonly code: number;
  /** Per task name: the result of each host, as --json prints it. */
  readonly results: Map<string, Record<string, Record<string, unknown>>>;
  readonly stderr: string;
  readonly dir: string;
}

interface JsonDocument {
  plays: { tasks: { task: { name: string }; hosts: Record<string, Record<string, unknown>> }[] }[];
}

/** `site.yml` of `files` run against `localhost ansible_connection=local` (plus `inventory.ini` if given). */
export async function runLocal(files: Record<string, string>): Promise<LocalRun> {
  const dir = writeTree({ 'inventory.ini': 'localhost ansible_connection=local\n', ...files }, 'tsplay-local-');
  const io = fakeIO(dir);
  const code = await main(['run', 'site.yml', '-i', 'inventory.ini', '--json'], io);
  const results = new Map<string, Record<string, Record<string, unknown>>>();
  if (io.out.text.trim() !== '') {
    const doc = JSON.parse(io.out.text) as JsonDocument;
    for (const play of doc.plays) for (const t of play.tasks) results.set(t.task.name, t.hosts);
  }
  return { code, results, stderr: io.err.text, dir };
}
