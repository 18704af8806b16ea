import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/slow-server.mjs', import.meta.url));

interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  waitFor: (text: string) => Promise<void>;
  exited: Promise<number | null>;
}

function startServer(db: TestDatabase, env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, [FIXTURE], {
    env: {
      PATH: process.env.PATH,
      NO_COLOR: '1',
      LOG_FORMAT: 'json',
      DATA_DIR: db.dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      JWT_SECRET: 's'.repeat(32),
      ENCRYPTION_KEY: 'a'.repeat(64),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.filter((candidate) => output.includes(candidate.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(text)) return resolve();
      waiters.push({ text, resolve });
      void exited.then(() => reject(new Error(`The server exited before printing "${text}":\n${output}`)));
    });
  return waitFor('LISTENING ').then(() => ({ child, url: /LISTENING (\S+)/.exec(output)![1], output: () => output, waitFor, exited }));
}

describe('graceful shutdown on SIGTERM', () => {
  let db: TestDatabase;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterEach(() => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    server = undefined;
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  it('lets a request in flight finish, refuses new connections, then exits 0', async () => {
    server = await startServer(db, { SHUTDOWN_TIMEOUT_MS: '20000' });
    const slow = fetch(`${server.url}/slow?ms=1500`);
    await server.waitFor('SLOW REQUEST STARTED');

    server.child.kill('SIGTERM');
    await server.waitFor('Received SIGTERM');
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();

    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, data: { sleptMs: 1500 } });
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"Stopped."');
  });

  it('cuts requests still running after SHUTDOWN_TIMEOUT_MS and still exits', async () => {
    server = await startServer(db, { SHUTDOWN_TIMEOUT_MS: '300' });
    const slow = fetch(`${server.url}/slow?ms=60000`);
    await server.waitFor('SLOW REQUEST STARTED');

    server.child.kill('SIGTERM');
    await expect(slow).rejects.toThrow();
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('1 connection(s) still had a request running after SHUTDOWN_TIMEOUT_MS=300 and were cut.');
  });
});
