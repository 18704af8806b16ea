import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from '../cli.exception.js';
import { EXIT_INTERRUPTED } from '../exit-codes.constants.js';

/**
 * Asks a question on the terminal and reads the answer without showing it. The question goes to
 * stderr, so stdout keeps only results. Readline puts the terminal in raw mode and echoes what
 * is typed to its output; giving it an output that discards everything is what hides the answer.
 * Ctrl-C rejects with a CliError (exit 130); Ctrl-D on an empty line rejects too.
 */
export function promptHidden(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WritableStream = process.stderr): Promise<string> {
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input, output: silent, terminal: true });
  output.write(question);
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    reader.on('SIGINT', () => reader.close());
    reader.on('close', () => {
      output.write('\n');
      if (!answered) reject(new CliError('Cancelled; nothing was changed.', EXIT_INTERRUPTED));
    });
    reader.question('', (answer) => {
      answered = true;
      resolve(answer);
      reader.close();
    });
  });
}
