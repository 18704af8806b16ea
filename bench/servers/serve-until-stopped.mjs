// The contract between bench/kernel-http.mjs and its server processes: a server prints one
// line `READY <url>` on stdout once it accepts connections, and closes cleanly on SIGTERM
// or when its parent goes away (so a crashed bench leaves no server pinned to a core).

/**
 * Announces `url` and waits for the end of the process.
 *
 * @example
 * await serveUntilStopped('http://127.0.0.1:4000', () => app.close());
 */
export function serveUntilStopped(url, close) {
  let closing;
  const stop = () => {
    closing ??= Promise.resolve(close()).finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.on('end', stop).resume();
  process.stdout.write(`READY ${url}\n`);
}

/** The route every contender serves, and the body it answers. */
export const ECHO_PATH = '/plugins/bench-echo/echo';
export const ECHO_BODY = { success: true, data: { message: 'echo' } };
