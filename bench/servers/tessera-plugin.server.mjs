// Contender A: the real Tessera host serving the bench-echo plugin through the whole
// guard chain (rate limit, request id, logs, metrics, endpoint guard, handler timeout,
// exception filter, validation pipe), on the embedded defaults in a throw-away data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTesseraApp } from '@tessera/core';
import { serveUntilStopped } from './serve-until-stopped.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const tessera = await createTesseraApp(
  {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    pluginDirs: [fileURLToPath(new URL('../fixtures/plugins', import.meta.url))],
    logLevel: 'warn',
    // PostgreSQL only for bench/kernel-http.mjs's PostgreSQL contender; otherwise the embedded
    // PGlite and memory cache, whatever DATABASE_URL / REDIS_URL the shell has.
    databaseUrl: process.env.BENCH_DATABASE_URL,
    redisUrl: undefined,
    jwtSecret: 's'.repeat(32),
    encryptionKey: 'a'.repeat(64),
  },
  { plugins: ['bench-echo'] },
);
const url = await tessera.listen();
serveUntilStopped(url, async () => {
  await tessera.close();
  rmSync(dataDir, { recursive: true, force: true });
});
