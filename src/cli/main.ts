// The CLI entry: parse, dispatch, and turn every outcome into an exit code (see exit-code.ts).
import { parseArgs } from './args.js';
import { reportError } from './error-output.js';
import { EXIT } from './exit-code.js';
import { MAIN_HELP, RUN_HELP } from './help.js';
import { processIO, type CliIO } from './io.js';
import { readPackageVersion } from './version.js';
import type { CliDependencies } from './wiring.js';

// The run and vault commands (and through them yaml, ajv, the engine and ssh2) are imported only
// when used: `--version` and `--help` then start in a fraction of the time.

export async function main(argv: readonly string[], io: Partial<CliIO> = {}, deps: Partial<CliDependencies> = {}): Promise<number> {
  const fullIO: CliIO = { ...processIO(), ...io };
  let verbosity = 0;
  const secrets: string[] = [];
  try {
    if (argv[0] === 'vault') {
      const { vaultCommand } = await import('./vault-command.js');
      return await vaultCommand(argv.slice(1), fullIO);
    }
    if (argv[0] === 'role') {
      const { roleCommand } = await import('./role-command.js');
      return await roleCommand(argv.slice(1), fullIO);
    }
    if (argv[0] === 'report') {
      const { reportCommand } = await import('./report-command.js');
      return await reportCommand(argv.slice(1), fullIO);
    }
    if (argv[0] === 'runs') {
      const { runsCommand } = await import('./runs-command.js');
      return await runsCommand(argv.slice(1), fullIO);
    }
    const parsed = parseArgs(argv);
    switch (parsed.command) {
      case 'help':
        fullIO.stdout.write(parsed.topic === 'run' ? RUN_HELP : MAIN_HELP);
        return EXIT.OK;
      case 'version':
        fullIO.stdout.write(`tsplay ${readPackageVersion()}\n`);
        return EXIT.OK;
      case 'run': {
        verbosity = parsed.args.verbosity;
        const [{ runCommand }, { defaultDependencies }] = await Promise.all([import('./run-command.js'), import('./wiring.js')]);
        return await runCommand(parsed.args, fullIO, { ...defaultDependencies, ...deps }, secrets);
      }
    }
  } catch (error) {
    return reportError(error, fullIO, { verbosity, secrets });
  }
}
