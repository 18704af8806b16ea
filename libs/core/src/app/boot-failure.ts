/**
 * One line that tells an operator why the server did not start: the error's own message
 * (config and database errors already say how to fix them), never a stack trace.
 *
 * @example
 * createTesseraApp().catch((error) => { console.error(describeBootFailure(error)); process.exit(1); });
 */
export function describeBootFailure(error: unknown, listen?: { port: number; host: string }): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE' && listen) {
    return `Tessera could not start: port ${listen.port} is already in use on ${listen.host}. Stop the other process or set PORT to a free port.`;
  }
  if (code === 'EACCES' && listen) {
    return `Tessera could not start: not allowed to listen on ${listen.host}:${listen.port}. Use a port above 1023 or run with the needed privilege.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
  return `Tessera could not start: ${firstLine.trim()}`;
}
