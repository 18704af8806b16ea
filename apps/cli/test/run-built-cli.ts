import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI as `npm run build` leaves it; the end-to-end suites run exactly this file. */
export const CLI_ENTRY = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** The repository root, where the CLI runs unless told otherwise. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /**
   * The child's configuration variables. The child starts from an almost empty environment
   * (PATH, HOME, TMPDIR, NODE_ENV=test), so nothing of the developer's shell leaks in; give an
   * empty string to make a variable "unset" against a .env file in the working directory.
   */
  env?: Record<string, string | undefined>;
  /** Written to the child's stdin, which is then closed; without it stdin is empty and not a terminal. */
  input?: string;
  cwd?: string;
}

/**
 * Runs `node apps/cli/dist/main.js ...args` as a child process and collects its exit code and
 * output.
 *
 * @example
 * const { code, stdout } = await runBuiltCli(['migrate'], { env: { DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '' } });
 */
export function runBuiltCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, NODE_ENV: 'test' };
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
    cwd: options.cwd ?? REPOSITORY_ROOT,
    env: { ...base, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
