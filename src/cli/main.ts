// The CLI entry: parse, dispatch, and turn every outcome into an exit code (see exit-code.ts).
import { parseArgs } from './args.js';
import { reportError } from './error-output.js';
import { EXIT } from './exit-code.js';
import { MAIN_HELP, RUN_HELP } from './help.js';
import { processIO, type CliIO } from './io.js';
import { runCommand } from './run-command.js';
import { vaultCommand } from './vault-command.js';
import { readPackageVersion } from './version.js';
import { defaultDependencies, type CliDependencies } from './wiring.js';

export async function main(argv: readonly string[], io: Partial<CliIO> = {}, deps: Partial<CliDependencies> = {}): Promise<number> {
  const fullIO: CliIO = { ...processIO(), ...io };
  const fullDeps: CliDependencies = { ...defaultDependencies, ...deps };
  let verbosity = 0;
  const secrets: string[] = [];
  try {
    if (argv[0] === 'vault') return await vaultCommand(argv.slice(1), fullIO);
    const parsed = parseArgs(argv);
    switch (parsed.command) {
      case 'help':
        fullIO.stdout.write(parsed.topic === 'run' ? RUN_HELP : MAIN_HELP);
        return EXIT.OK;
      case 'version':
        fullIO.stdout.write(`tsplay ${readPackageVersion()}\n`);
        return EXIT.OK;
      case 'run':
        verbosity = parsed.args.verbosity;
        return await runCommand(parsed.args, fullIO, fullDeps, secrets);
    }
  } catch (error) {
    return reportError(error, fullIO, { verbosity, secrets });
  }
}
