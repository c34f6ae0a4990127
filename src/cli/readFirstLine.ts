// Reads the first line of a stream, then lets go of it: a password piped to `user set-password`.
// On a terminal it shows the prompt and does not echo what is typed; Ctrl-C gives undefined.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export interface Prompt {
  readonly text: string;
  readonly to: NodeJS.WritableStream;
}

export function readFirstLine(input: NodeJS.ReadableStream, prompt?: Prompt): Promise<string | undefined> {
  return new Promise((resolve) => {
    // On a terminal readline echoes keystrokes to `output`; a sink hides them.
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const lines = createInterface({ input, output: sink, terminal: prompt !== undefined, crlfDelay: Infinity });
    let line: string | undefined;
    prompt?.to.write(prompt.text);
    lines.once('line', (text) => {
      line = text;
      lines.close();
    });
    lines.once('SIGINT', () => lines.close());
    lines.once('close', () => {
      prompt?.to.write('\n');
      resolve(line);
    });
  });
}
