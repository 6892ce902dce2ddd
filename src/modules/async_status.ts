// async_status: the state of a job an `async:` task with `poll: 0` started (register it, then loop
// `until: job.finished`). A finished job gives the command's own result (rc, stdout, stderr...);
// mode=cleanup removes the job's directory on the target.
import { shellQuote } from '../util/shell-quote.js';
import { checkJobId, jobResult, readJob } from './lib/async-job.js';
import { defineModule } from './lib/define-module.js';
import { execOnTarget, ModuleFailure } from './lib/target.js';

export const asyncStatusModule = defineModule({
  name: 'async_status',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['jid'],
    properties: {
      jid: { type: 'string', description: 'The ansible_job_id an async task with poll: 0 returned.' },
      mode: { enum: ['status', 'cleanup'], default: 'status', description: 'status: report the job; cleanup: remove its directory on the target.' },
    },
  },
  runsInCheckMode: true,
  async run(ctx, args) {
    const jid = checkJobId(args.jid);
    if (args.mode === 'cleanup') {
      const result = await execOnTarget(ctx, `j="$HOME/.tsplay_async"/${shellQuote(jid)}; rm -rf "$j" && printf %s "$j"`);
      if (result.rc !== 0) throw new ModuleFailure(`could not remove async job ${jid}: ${result.stderr.trim()}`);
      return { changed: false, ansible_job_id: jid, erased: result.stdout };
    }
    const status = await readJob(ctx, jid);
    if (!status) return { changed: false, failed: true, ansible_job_id: jid, started: 1, finished: 1, msg: `could not find job ${jid}` };
    return jobResult(status);
  },
});
