import { CliError } from '../cli.exception.js';
import { EXIT_FAILURE, EXIT_USAGE } from '../exit-codes.constants.js';
import { promptHidden } from './hidden-prompt.js';
import { readStdin } from './read-stdin.js';

/** Where `admin create` takes the password from; at most one of the two is set. */
export interface PasswordSource {
  password?: string;
  passwordStdin?: boolean;
}

/**
 * The password from `--password`, from standard input with `--password-stdin` (one trailing
 * line break removed, so `echo "$PW" |` works), or typed twice at a hidden prompt when the
 * command runs in a terminal. Without a terminal and without either option there is no safe way
 * to ask, so it fails with a usage error naming the two ways that work.
 */
export async function readPassword(source: PasswordSource): Promise<string> {
  if (source.password !== undefined) return source.password;
  if (source.passwordStdin) return (await readStdin()).replace(/\r?\n$/, '');
  if (!process.stdin.isTTY) {
    throw new CliError(
      'No password given. Pipe it in with --password-stdin (printf %s "$PASSWORD" | tessera admin create --email ... --password-stdin), or run the command in a terminal to type it.',
      EXIT_USAGE,
    );
  }
  const password = await promptHidden('Password: ');
  if ((await promptHidden('Password (again): ')) !== password) {
    throw new CliError('The two passwords differ; nothing was created. Run the command again.', EXIT_FAILURE);
  }
  return password;
}
