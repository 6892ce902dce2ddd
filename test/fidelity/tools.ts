// Runs the generated corpus playbook through ansible-playbook and through tsplay, each writing its
// files into its own out_dir, and returns what each printed (the json callback / --json document)
// plus the files written. Ansible's observations are cached by content so a local re-run of an
// unchanged corpus does not pay ansible-playbook's ~0.2 s per task again.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARDS, shardTag, type GeneratedCorpus } from './corpus.js';

/** One task's per-host result, as the tool printed it. */
export type ToolResult = Record<string, unknown>;

export interface ToolRun {
  /** Task title → localhost's result. */
  readonly results: Record<string, ToolResult>;
  /** File name under out_dir → its bytes, base64. */
  readonly files: Record<string, string>;
  readonly seconds: number;
}

const REPO = new URL('../../', import.meta.url).pathname;

/** The `ansible-playbook --version` first line, or undefined when it is not installed. */
export function ansibleVersion(): string | undefined {
  try {
    return execFileSync('ansible-playbook', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]?.trim();
  } catch {
    return undefined;
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, cwd, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      // Both tools exit non-zero when a task failed (even ignored ones may); the document on stdout is what counts.
      if (stdout.trim().startsWith('{')) resolve(stdout);
      else reject(new Error(`${command} gave no JSON document (${error?.message ?? 'no error'}):\n${stderr.slice(-4000)}\n${stdout.slice(-4000)}`));
    });
  });
}

interface JsonDocument {
  plays: Array<{ tasks: Array<{ task: { name: string }; hosts: Record<string, ToolResult> }> }>;
}

function resultsOf(text: string): Record<string, ToolResult> {
  const document = JSON.parse(text) as JsonDocument;
  const results: Record<string, ToolResult> = {};
  for (const play of document.plays) {
    for (const task of play.tasks) {
      const result = task.hosts['localhost'];
      if (result) results[task.task.name] = result;
    }
  }
  return results;
}

function filesIn(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).sort()) files[name] = readFileSync(join(dir, name)).toString('base64');
  return files;
}

/** A hash of everything the run depends on: the playbook, the templates and the Ansible version. */
export function corpusHash(corpus: GeneratedCorpus, version: string): string {
  // The playbook names its own temporary directory (template sources): that part is not content.
  const hash = createHash('sha256').update(version).update(readFileSync(corpus.playbook, 'utf8').split(corpus.dir).join('<corpus>'));
  const templates = join(corpus.dir, 'templates');
  for (const name of readdirSync(templates).sort()) hash.update(name).update(readFileSync(join(templates, name)));
  return hash.digest('hex').slice(0, 32);
}

export const CACHE_DIR = join(tmpdir(), 'tsplay-fidelity-cache');

export async function runAnsible(corpus: GeneratedCorpus, version: string, useCache = true): Promise<ToolRun> {
  const cacheFile = join(CACHE_DIR, `${corpusHash(corpus, version)}.json`);
  if (useCache && existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as ToolRun;
  const outDir = join(corpus.dir, 'out-ansible');
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const env = {
    ...process.env,
    ANSIBLE_STDOUT_CALLBACK: 'json',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_RETRY_FILES_ENABLED: '0',
    ANSIBLE_LOCALHOST_WARNING: '0',
    ANSIBLE_DEPRECATION_WARNINGS: '0',
    ANSIBLE_HOST_KEY_CHECKING: '0',
    // A neutral configuration: no ansible.cfg from the working directory or the user's home.
    ANSIBLE_CONFIG: join(corpus.dir, 'ansible.cfg'),
  };
  writeFileSync(env.ANSIBLE_CONFIG, '[defaults]\n');
  const shards = Array.from({ length: SHARDS }, (_, shard) =>
    run('ansible-playbook', ['-i', corpus.inventory, '-e', `out_dir=${outDir}`, '--tags', shardTag(shard), corpus.playbook], env, corpus.dir));
  const results = Object.assign({}, ...(await Promise.all(shards)).map(resultsOf)) as Record<string, ToolResult>;
  const observed: ToolRun = { results, files: filesIn(outDir), seconds: (performance.now() - started) / 1000 };
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(observed));
  return observed;
}

export async function runTsplay(corpus: GeneratedCorpus): Promise<ToolRun> {
  const outDir = join(corpus.dir, 'out-tsplay');
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const args = ['--import', 'tsx', join(REPO, 'src/cli.ts'), 'run', corpus.playbook, '-i', corpus.inventory, '-e', `out_dir=${outDir}`, '--json'];
  const text = await run(process.execPath, args, { ...process.env, NO_COLOR: '1' }, REPO);
  return { results: resultsOf(text), files: filesIn(outDir), seconds: (performance.now() - started) / 1000 };
}
