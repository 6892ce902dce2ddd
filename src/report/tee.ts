// One event stream, several reporters (the terminal view and the --log-file lines).
import type { FinishSummary, Reporter } from './reporter.js';

export function teeReporters(...reporters: readonly Reporter[]): Reporter {
  return {
    onEvent: (event) => {
      for (const reporter of reporters) reporter.onEvent(event);
    },
    finish: async (summary?: FinishSummary) => {
      for (const reporter of reporters) await reporter.finish(summary);
    },
  };
}
