// -K: read the become password from the terminal without echo. Without a terminal there is no safe
// way to ask, so it is an error naming the alternatives.
import { OptionsError } from './args.js';

export interface PromptInput extends NodeJS.EventEmitter {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  resume(): unknown;
  pause(): unknown;
  setEncoding?(encoding: BufferEncoding): unknown;
}

export interface PromptOutput {
  write(chunk: string): unknown;
}

/** Thrown when the user pressed Ctrl-C or Ctrl-D at the prompt. */
export class PromptCancelled extends Error {
  constructor() {
    super('password prompt cancelled');
    this.name = 'PromptCancelled';
  }
}

export async function promptHidden(question: string, input: PromptInput, output: PromptOutput): Promise<string> {
  if (input.isTTY !== true || typeof input.setRawMode !== 'function') {
    throw new OptionsError('-K/--ask-become-pass needs a terminal to ask on; run from a terminal, or set ansible_become_password in the inventory');
  }
  output.write(question);
  input.setRawMode(true);
  input.setEncoding?.('utf8');
  input.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let answer = '';
      const onData = (chunk: string | Buffer) => {
        for (const ch of String(chunk)) {
          if (ch === '\r' || ch === '\n') {
            input.off('data', onData);
            resolve(answer);
            return;
          }
          if (ch === '\u0003' || ch === '\u0004') {
            input.off('data', onData);
            reject(new PromptCancelled());
            return;
          }
          if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
          else answer += ch;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
    output.write('\n');
  }
}
