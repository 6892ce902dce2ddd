// pause: wait a number of seconds or minutes (between the batches of a rolling upgrade, for a
// service to settle). Like Ansible's it runs once per batch, not once per host: every host gets the
// same result. Waiting for a keypress needs a terminal, which tsplay does not read from yet, so a
// pause without a duration is refused.
import type { ModuleResult } from './types.js';
import { defineModule } from './lib/define-module.js';

function duration(value: number | string | undefined, what: string): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : `${what} must be a non-negative number, not '${String(value)}'`;
}

export const pauseModule = defineModule({
  name: 'pause',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      seconds: { type: ['number', 'string'], description: 'Seconds to wait (a number, or a template giving one).' },
      minutes: { type: ['number', 'string'], description: 'Minutes to wait (added to seconds when both are given).' },
      prompt: { type: 'string', description: 'Text shown while waiting.' },
    },
  },
  runsInCheckMode: true,
  controllerOnly: true,
  runsOncePerBatch: true,
  async run(_ctx, args): Promise<ModuleResult> {
    const seconds = duration(args.seconds, 'seconds');
    const minutes = duration(args.minutes, 'minutes');
    for (const value of [seconds, minutes]) if (typeof value === 'string') return { changed: false, failed: true, msg: value };
    if (seconds === undefined && minutes === undefined) {
      return { changed: false, failed: true, msg: 'pause without seconds or minutes waits for a key press, and tsplay reads no terminal input: give seconds or minutes' };
    }
    const totalMs = ((seconds as number | undefined) ?? 0) * 1000 + ((minutes as number | undefined) ?? 0) * 60_000;
    const start = new Date();
    await new Promise((resolve) => setTimeout(resolve, totalMs));
    const stop = new Date();
    const delta = (stop.getTime() - start.getTime()) / 1000;
    return {
      changed: false,
      start: start.toISOString(),
      stop: stop.toISOString(),
      delta: Math.round(delta),
      user_input: '',
      stdout: `Paused for ${delta.toFixed(2)} seconds`,
      ...(args.prompt !== undefined ? { msg: args.prompt } : {}),
    };
  },
});
