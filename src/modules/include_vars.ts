// include_vars: load variables from a YAML or JSON file on the controller for this host, for the
// rest of the run, at Ansible's include_vars precedence (above task vars, below set_fact and
// registered results). Runs on the controller; the engine stores the returned ansible_facts in the
// host's include_vars layer. Never changed. A relative file is looked up in the role's vars/, then
// the playbook's vars/, then the playbook directory. The file is read through the run's Sources, so a
// vault-encrypted file (or `!vault` values) decrypts with the run's passwords and its values are masked.
import { TsplayError } from '../errors.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule } from './lib/define-module.js';

async function findVarsFile(ctx: ModuleContext, file: string): Promise<string | { failure: string }> {
  const found = await ctx.sources.findFile(file, 'vars', ctx.role?.dir);
  if ('escapes' in found) return { failure: `'${file}' points outside ${found.escapes}; use a path inside vars/ or an absolute path` };
  if ('missing' in found) return { failure: `could not find or access '${file}' (looked in ${found.missing.join(', ')})` };
  return found.path;
}

export const includeVarsModule = defineModule({
  name: 'include_vars',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['file'],
    properties: {
      file: { type: 'string', minLength: 1, description: "YAML or JSON mapping on the controller; a vault-encrypted file or `!vault` values decrypt with the run's vault passwords. Free form: `include_vars: FILE`." },
      name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Store the whole mapping under this one variable instead of one variable per key.' },
    },
  },
  freeForm: (text) => ({ file: text.trim() }),
  runsInCheckMode: true,
  controllerOnly: true,
  async run(ctx, args): Promise<ModuleResult> {
    const path = await findVarsFile(ctx, args.file!);
    if (typeof path !== 'string') return { changed: false, failed: true, msg: path.failure };
    let vars: Record<string, unknown>;
    try {
      vars = await ctx.sources.readVarsFile(path);
    } catch (error) {
      return { changed: false, failed: true, msg: error instanceof TsplayError ? error.describe() : `cannot read ${path}: ${(error as Error).message}` };
    }
    return { changed: false, ansible_facts: args.name ? { [args.name]: vars } : vars, ansible_included_var_files: [path] };
  },
});
