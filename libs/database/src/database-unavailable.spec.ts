import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from './data-source.factory.js';
import { DatabaseUnavailableError } from './database-unavailable.exception.js';

describe('a database that cannot be reached at boot', () => {
  let silentServer: Server;
  let silentPort: number;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts connections and never answers: a firewalled or hung server.
    silentServer = createServer((socket) => {
      sockets.add(socket);
      socket.resume(); // read (and ignore) the startup message, so the client's hang-up is seen
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
    silentPort = (silentServer.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silentServer.close(resolve));
  });

  async function bootError(url: string, connectTimeoutMs?: number): Promise<DatabaseUnavailableError> {
    const error = await createDataSource({ url, dataDir: '/nonexistent', connectTimeoutMs }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    return error as DatabaseUnavailableError;
  }

  it('refused connection: one line saying what, where (password masked) and how to fix it', async () => {
    const error = await bootError('postgres://postgres:s3cret@127.0.0.1:1/test');
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.status).toBe(503);
    expect(error.message).toContain('PostgreSQL at postgres://postgres:***@127.0.0.1:1/test');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('Fix: start PostgreSQL there or correct the host and port in DATABASE_URL');
    expect(error.message).not.toContain('s3cret');
    expect(error.message).not.toContain('\n');
  });

  it('a server that never answers fails after the connect timeout instead of hanging the boot', async () => {
    const error = await bootError(`postgres://postgres@127.0.0.1:${silentPort}/test`, 300);
    expect(error.message).toMatch(/timeout/i);
    expect(error.message).toContain(`127.0.0.1:${silentPort}`);
  });

  it('an unknown host says to correct the host name', async () => {
    const error = await bootError('postgres://postgres@no-such-host.invalid:5432/test');
    expect(error.message).toContain('correct the host name');
  });
});
