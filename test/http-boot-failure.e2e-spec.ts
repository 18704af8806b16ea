import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../apps/server/dist/main.js', import.meta.url));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Runs the real server entry point from an empty folder (so no developer .env is read).
function runServer(cwd: string, env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], { cwd, env: { PATH: process.env.PATH, NO_COLOR: '1', LOG_FORMAT: 'json', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function listeningServer(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

function expectOneClearLine(outcome: Outcome, pattern: RegExp): void {
  expect(outcome.code).toBe(1);
  const lines = outcome.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(outcome.stderr + outcome.stdout).not.toMatch(/^\s+at /m);
}

describe('a failed boot prints one clear line and exits 1', () => {
  let cwd: string;
  let db: TestDatabase;

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'tessera-boot-'));
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.cleanup();
    await rm(cwd, { recursive: true, force: true });
  });

  it('names every malformed variable with the form it expects', async () => {
    const outcome = await runServer(cwd, { PORT: 'eighty', LOG_FORMAT: 'xml', DATA_DIR: cwd });
    expectOneClearLine(outcome, /^Tessera could not start: Invalid configuration: PORT must be an integer from 0 to 65535 \(got "eighty"\); LOG_FORMAT must be one of auto, pretty, json/);
  });

  it('says when the database cannot be reached', async () => {
    const { server, port } = await listeningServer();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const outcome = await runServer(cwd, { DATA_DIR: cwd, DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/tessera` });
    expectOneClearLine(outcome, /^Tessera could not start: .*PostgreSQL.*127\.0\.0\.1/);
  });

  it('says when the port is taken', async () => {
    const { server, port } = await listeningServer();
    try {
      const outcome = await runServer(cwd, {
        DATA_DIR: db.dataDir,
        ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
        JWT_SECRET: 's'.repeat(32),
        ENCRYPTION_KEY: 'a'.repeat(64),
        HOST: '127.0.0.1',
        PORT: String(port),
      });
      expectOneClearLine(outcome, new RegExp(`^Tessera could not start: port ${port} is already in use on 127\\.0\\.0\\.1`));
    } finally {
      server.close();
    }
  });
});
