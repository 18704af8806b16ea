// Contender (1) of bench/auth-http.mjs, and the host of its login part: the real Tessera
// host on the embedded defaults (or DATABASE_URL / REDIS_URL when set) in a throw-away data
// folder, loading the plugins named in BENCH_PLUGINS (default: bench-secure).
//
// It prints `READY <url> <access token>`: a token for a user with the permission
// bench.read, signed by the host's own TokenService, so every request goes through the
// real JwtAuthenticator (signature, claims, revocation check). With BENCH_LOOP_DELAY=1 it
// also samples its event-loop delay (perf_hooks.monitorEventLoopDelay) and prints
// `EVENT-LOOP-DELAY {json}` on SIGUSR2 (then starts a new sample) and at exit.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { TokenService } from '@tessera/auth';
import { createTesseraApp } from '@tessera/core';
import { BENCH_JWT_SECRET, LOOP_DELAY_LINE, SECURE_PERMISSION } from './auth-bench.constants.mjs';
import { serveUntilStopped } from './serve-until-stopped.mjs';

const plugins = (process.env.BENCH_PLUGINS ?? 'bench-secure').split(',');
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const tessera = await createTesseraApp(
  {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    pluginDirs: [fileURLToPath(new URL('../fixtures/plugins', import.meta.url)), fileURLToPath(new URL('../../plugins', import.meta.url))],
    logLevel: 'warn',
    jwtSecret: BENCH_JWT_SECRET,
    encryptionKey: 'a'.repeat(64),
  },
  { plugins },
);
const principal = { id: randomUUID(), kind: 'user', roles: [], permissions: [SECURE_PERMISSION] };
const { token } = tessera.app.get(TokenService, { strict: false }).signAccessToken(principal, randomUUID());

if (process.env.BENCH_LOOP_DELAY === '1') reportLoopDelay();

const url = await tessera.listen();
serveUntilStopped(`${url} ${token}`, async () => {
  await tessera.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function reportLoopDelay() {
  // 1 ms resolution: a stall of a few milliseconds (a synchronous hash would be tens) shows.
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const print = () => {
    const ms = (ns) => Number((ns / 1e6).toFixed(2));
    const sample = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean), samples: histogram.count };
    process.stdout.write(`${LOOP_DELAY_LINE}${JSON.stringify(sample)}\n`);
    histogram.reset();
  };
  process.on('SIGUSR2', print);
  process.once('exit', print);
}
