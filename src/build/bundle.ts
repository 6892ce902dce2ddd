// Build step after tsc: bundle the compiled CLI and its dependencies into a few files under
// dist/src/bundle/ (the `tsplay` bin). Loading ~180 of our files plus ajv's, yaml's, semver's and
// ssh2's hundreds of small CommonJS files cost ~0.2 s of every run's startup, more than the work
// of a small playbook; one bundle is read and compiled lazily by V8 in a fraction of that.
// Code splitting keeps the CLI's lazy imports lazy (`--version` loads no ssh, engine or reporter).
// Run as `node dist/src/build/bundle.js` (package.json's build script).
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const distSrc = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(distSrc, 'bundle');

/** ssh2's optional native crypto binding, required relative to the requiring file. */
const NATIVE_CRYPTO = './crypto/build/Release/sshcrypto.node';

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(distSrc, 'cli.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Optional native add-ons stay outside the bundle, loaded at run time like ssh2 does itself.
  // minijinja-js too: it reads its .wasm next to itself, and is reloaded after a panic
  // (src/template/jinja/engine.ts), which needs it to be a module of its own.
  external: ['cpu-features', NATIVE_CRYPTO, 'minijinja-js'],
  // Bundled CommonJS code calls require() for Node's built-ins and reads __dirname (ssh2's
  // emscripten poly1305 at load time): give every output file the CommonJS names.
  banner: {
    js: [
      'import { createRequire as __tsplayCreateRequire } from "node:module";',
      'import { fileURLToPath as __tsplayFileURLToPath } from "node:url";',
      'const require = __tsplayCreateRequire(import.meta.url);',
      'const __filename = __tsplayFileURLToPath(import.meta.url);',
      'const __dirname = __tsplayFileURLToPath(new URL(".", import.meta.url));',
    ].join(' '),
  },
  logLevel: 'warning',
});

// Next to the chunks, so ssh2's relative require finds it; without it ssh2 falls back to slower JS crypto.
const require = createRequire(import.meta.url);
try {
  const binding = join(dirname(require.resolve('ssh2/lib/protocol/crypto.js')), NATIVE_CRYPTO);
  if (existsSync(binding)) {
    const target = join(outdir, NATIVE_CRYPTO);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(binding, target);
  }
} catch {
  // ssh2 not resolvable from here: nothing to copy, ssh2 uses its JS crypto.
}
