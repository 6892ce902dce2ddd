#!/usr/bin/env node
// The `tsplay` binary: everything lives in cli/main.ts; this file only exits with its code.
import { main } from './cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    // Exit once stdout is flushed, even if a connection or timer would keep the process alive.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`ERROR! Unexpected Exception, this is probably a bug: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(250);
  },
);
