// STAND-IN, not Kubernetes: helpers for tests that need the stand-in apt
// repository (build once per source change, serve on the lab bridge).
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STANDIN_DIR = dirname(fileURLToPath(import.meta.url));
export const STANDIN_REPO_URL = 'http://10.250.0.1:8080';

/** The apt source URL of one minor, as the roles write it (pkgs.k8s.io layout). */
export function standinRepoUrl(minor: string): string {
  return `${STANDIN_REPO_URL}/core:/stable:/v${minor}/deb/`;
}

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done, fail) => {
    execFile(resolve(STANDIN_DIR, script), args, { env: { ...process.env, ...env }, timeout: 300_000 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`${script} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else done(stdout);
    });
  });
}

/** Build the repository if its sources changed and serve it on 10.250.0.1:8080 (needs root and the lab bridge). */
export async function ensureStandinRepo(env: NodeJS.ProcessEnv = {}): Promise<void> {
  await runScript('build-repo.sh', [], env);
  await runScript('serve-repo.sh', ['start'], env);
}
