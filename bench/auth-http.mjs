// Issue 4: what authentication costs a plugin request, and whether login's password hashing
// holds up other requests.
//
// Part 1, requests per second of an authenticated plugin endpoint (bench-secure: bearer
// token, permission bench.read, rate limit, metrics) on the real host, against the same
// handler in a bare Nest + Fastify controller without auth, and behind the guard people
// usually write with @nestjs/jwt and a string secret. Same method as bench/kernel-http.mjs
// (bench/lib/http-contest.mjs), each contender with its own token (bench/auth-http-contest.mjs).
// Part 2, login on the host with the users plugin: latency of logins one at a time, then the
// latency of GET /health and the host's event-loop delay, idle and while logins run in a
// loop (bench/auth-login-client.mjs, pinned to the load core).
//
// Needs the build (npm run build). Run: node bench/auth-http.mjs [--write] [--rounds N]
// [--duration S] [--warmup S] [--connections C] [--logins N] [--login-seconds S] [--login-concurrency N]
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PASSWORD_HASH } from '@tessera/auth';
import { AuthHttpContest } from './auth-http-contest.mjs';
import { contestFlags, startContest } from './lib/contest-options.mjs';
import { describeMachine, runDate } from './lib/machine.mjs';
import { saveRawResults, writeGeneratedBlock } from './lib/results.mjs';
import { formatCount, formatRatio } from './lib/stats.mjs';
import { LOOP_DELAY_LINE, SECURE_PATH, SECURE_PERMISSION } from './servers/auth-bench.constants.mjs';
import { ECHO_BODY } from './servers/serve-until-stopped.mjs';

// 9 rounds, as kernel-http: a median of 5 moved by more than the margin the target is about.
const flags = contestFlags({ rounds: 9, duration: 5 }, {
  logins: { type: 'string', default: '30' },
  'login-seconds': { type: 'string', default: '5' },
  'login-concurrency': { type: 'string', default: '4' },
});

const CONTENDERS = [
  { id: 'tessera', label: 'Tessera plugin endpoint (JWT + permission + rate limit + metrics)', script: 'auth-tessera.server.mjs' },
  { id: 'nest', label: 'bare Nest + Fastify controller, no auth', script: 'auth-bare-nest.server.mjs' },
  { id: 'naive', label: 'bare Nest + Fastify, naive @nestjs/jwt guard (string secret)', script: 'auth-bare-nest.server.mjs', env: { BENCH_GUARD: 'naive-jwt' } },
];
const TARGET_VS_NEST = 0.75;
const TARGET_VS_NAIVE = 2;
const LOGIN = {
  logins: Number(flags.logins),
  seconds: Number(flags['login-seconds']),
  concurrency: Number(flags['login-concurrency']),
  probeIntervalMs: 5,
};
// 1 ms: the resolution the server samples its event loop at (auth-tessera.server.mjs).
const LOOP_DELAY_RESOLUTION_MS = 1;

const contest = startContest(flags, AuthHttpContest);

const machine = describeMachine();
const date = runDate();
const services = `${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}, ${process.env.REDIS_URL ? 'Redis (REDIS_URL)' : 'memory cache'}`;

console.log(`auth-http: ${CONTENDERS.length} contenders × ${contest.rounds} rounds of ${contest.warmup} + ${contest.duration} s, then the login part`);
const { runs, rows } = await contest.run(CONTENDERS, SECURE_PATH, ECHO_BODY, (run) =>
  console.log(`  round ${run.round + 1}/${contest.rounds}  ${run.id.padEnd(8)} ${formatCount(run.requestsPerSecond).padStart(7)} req/s`),
);
const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
const vsNest = byId.tessera.median / byId.nest.median;
const vsNaive = byId.tessera.median / byId.naive.median;
const cpuRatio = (baseline, contender) => (contender.cpuMicrosPerRequest === undefined ? undefined : baseline.cpuMicrosPerRequest / contender.cpuMicrosPerRequest);
const cpuVsNest = cpuRatio(byId.nest, byId.tessera);
const cpuVsNaive = cpuRatio(byId.naive, byId.tessera);
const failedRequests = rows.reduce((sum, row) => sum + row.non2xx + row.errors, 0);

console.log('  login part');
const login = await measureLogin();

const formatMs = (ms) => (ms === undefined ? 'n/a' : ms.toFixed(1));
const formatMicros = (micros) => (micros === undefined ? 'n/a' : micros.toFixed(1));
const formatOptionalRatio = (ratio) => (ratio === undefined ? 'n/a' : formatRatio(ratio));
const verdict = (met) => (met ? 'met' : 'missed');
const metVsNest = vsNest >= TARGET_VS_NEST;
const metVsNaive = vsNaive >= TARGET_VS_NAIVE;
// Hashing is off the event loop when the loop's own CPU time per login is less than one
// hash; and a hash on the loop would hold every request arriving during it for up to the
// whole hash, so /health's p99 during the login loops is held against one hash too.
const hashOffLoop = login.client.sequentialLogins.cpu === undefined ? undefined : login.client.sequentialLogins.cpu.mainThread < login.client.argon2VerifyMs;
const healthBelowHash = login.client.healthUnderLogins.p99 < login.client.argon2VerifyMs;
const loginFailures = login.client.sequentialLogins.failed.length + login.client.loginsUnderLoad.failed.length + login.client.healthIdle.failed + login.client.healthUnderLogins.failed;

const loginCpu = (cpu) => (cpu === undefined ? 'n/a' : `${formatMs(cpu.mainThread)} / ${formatMs(cpu.otherThreads)}`);
const latencyRow = (label, sample, extra = '') =>
  `| ${label} | ${sample.count} | ${formatMs(sample.p50)} | ${formatMs(sample.p95)} | ${formatMs(sample.p99)} | ${formatMs(sample.max)} | ${extra} |`;
const table = [
  `Run ${date} on ${machine}.`,
  `${contest.rounds} rounds × ${CONTENDERS.length} contenders, rotated; each measurement: autocannon -c ${contest.connections}, ${contest.warmup} s warm-up then ${contest.duration} s measured; ${contest.placement}. GET ${SECURE_PATH} with \`Authorization: Bearer <token>\` (permission ${SECURE_PERMISSION}), 42-byte JSON answer; host on ${services}.`,
  '',
  '| contender | req/s (median) | req/s (min – max) | server CPU µs / request | latency p50 / p99 (ms) | non-2xx | errors |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (row) =>
      `| ${row.label} | ${formatCount(row.median)} | ${formatCount(row.min)} – ${formatCount(row.max)} | ${formatMicros(row.cpuMicrosPerRequest)} | ${row.latencyP50} / ${row.latencyP99} | ${row.non2xx} | ${row.errors} |`,
  ),
  '',
  `- Tessera / bare Nest without auth: **${formatRatio(vsNest)}** of the requests per second (target ≥ ${formatRatio(TARGET_VS_NEST)}: ${verdict(metVsNest)}); by CPU time per request ${formatOptionalRatio(cpuVsNest)}`,
  `- Tessera / naive @nestjs/jwt guard: **${vsNaive.toFixed(2)}×** the requests per second (target ≥ ${TARGET_VS_NAIVE}×: ${verdict(metVsNaive)}); by CPU time per request ${cpuVsNaive === undefined ? 'n/a' : `${cpuVsNaive.toFixed(2)}×`}`,
  '',
  `Login: POST /plugins/users/users/login on the host with the users plugin (argon2id ${login.argon2}, on ${services}), pinned to core 0; the client pinned to core 1. GET /health probed every ${LOGIN.probeIntervalMs} ms for ${LOGIN.seconds} s idle, then for ${LOGIN.seconds} s while ${LOGIN.concurrency} login loops run without pause.`,
  '',
  '| measurement | count | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | server CPU ms per login: event loop / other threads |',
  '|---|---:|---:|---:|---:|---:|---|',
  latencyRow('login, one at a time', login.client.sequentialLogins, loginCpu(login.client.sequentialLogins.cpu)),
  latencyRow(
    `login, ${LOGIN.concurrency} at a time (${login.client.loginsUnderLoad.perSecond.toFixed(1)} logins/s)`,
    login.client.loginsUnderLoad,
    loginCpu(login.client.loginsUnderLoad.cpu),
  ),
  latencyRow('GET /health, idle', login.client.healthIdle),
  latencyRow(`GET /health, during ${LOGIN.concurrency} login loops`, login.client.healthUnderLogins),
  '',
  `| host event loop (monitorEventLoopDelay, ms late on a ${LOOP_DELAY_RESOLUTION_MS} ms timer) | p50 | p99 | max |`,
  '|---|---:|---:|---:|',
  `| idle, while /health is probed | ${formatMs(login.loopDelay.idle.p50)} | ${formatMs(login.loopDelay.idle.p99)} | ${formatMs(login.loopDelay.idle.max)} |`,
  `| during ${LOGIN.concurrency} login loops | ${formatMs(login.loopDelay.load.p50)} | ${formatMs(login.loopDelay.load.p99)} | ${formatMs(login.loopDelay.load.max)} |`,
  '',
  `- one argon2id verification with these parameters, run synchronously on an idle core: **${formatMs(login.client.argon2VerifyMs)} ms** of CPU (what each login would stall the event loop for if it hashed on the main thread)`,
  `- hashing off the event loop (the loop's CPU time per login below one verification): **${hashOffLoop === undefined ? 'n/a' : verdict(hashOffLoop)}**`,
  `- GET /health p99 during the login loops below one verification's time: **${verdict(healthBelowHash)}** (${formatMs(login.client.healthUnderLogins.p99)} ms; idle ${formatMs(login.client.healthIdle.p99)} ms)`,
  `- failed logins or health probes: ${loginFailures}`,
].join('\n');

console.log(`\n${table}\n`);
const summary = [
  `Tessera / bare Nest ${formatRatio(vsNest)} of req/s (target ≥ ${formatRatio(TARGET_VS_NEST)}: ${verdict(metVsNest)}); Tessera / naive guard ${vsNaive.toFixed(2)}× (target ≥ ${TARGET_VS_NAIVE}×: ${verdict(metVsNaive)}); ${rows.map((row) => `${row.id} ${formatCount(row.median)}`).join(', ')} req/s; ${failedRequests} failed requests`,
  `login p50 ${formatMs(login.client.sequentialLogins.p50)} ms / p95 ${formatMs(login.client.sequentialLogins.p95)} ms; /health p99 ${formatMs(login.client.healthIdle.p99)} ms idle, ${formatMs(login.client.healthUnderLogins.p99)} ms during logins; one hash ${formatMs(login.client.argon2VerifyMs)} ms; event loop ${loginCpu(login.client.sequentialLogins.cpu)} ms CPU per login on the loop / other threads: hashing off the loop ${hashOffLoop === undefined ? 'n/a' : verdict(hashOffLoop)}, health p99 below one hash ${verdict(healthBelowHash)}`,
];
saveRawResults('auth-http', { date, machine, services, pinned: contest.pinned, flags, runs, rows, vsNest, vsNaive, cpuVsNest, cpuVsNaive, login, summary });
if (flags.write) writeGeneratedBlock('auth-http', table);
if (failedRequests > 0 || loginFailures > 0) {
  console.error('Some requests failed (non-2xx or errors): the numbers above do not compare like with like.');
  process.exitCode = 1;
}

/**
 * The login part: the host with the users plugin, the client in its own process on the
 * load core, and the host's event-loop delay lines (setup, idle, under load) read from its stdout.
 */
async function measureLogin() {
  const server = await contest.start({ id: 'login', label: 'host with the users plugin', script: 'auth-tessera.server.mjs', env: { BENCH_PLUGINS: 'users', BENCH_LOOP_DELAY: '1' } });
  contest.servers.push(server);
  try {
    const client = contest.node('1', [fileURLToPath(new URL('./auth-login-client.mjs', import.meta.url)), server.base, String(server.child.pid), JSON.stringify(LOGIN)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let json = '';
    client.stdout.on('data', (chunk) => (json += chunk));
    const [code] = await once(client, 'exit');
    if (code !== 0) throw new Error(`The login client exited with code ${code}.`);
    const delays = await loopDelayLines(server, 3);
    const late = (sample) => ({
      p50: Math.max(0, sample.p50 - LOOP_DELAY_RESOLUTION_MS),
      p99: Math.max(0, sample.p99 - LOOP_DELAY_RESOLUTION_MS),
      max: Math.max(0, sample.max - LOOP_DELAY_RESOLUTION_MS),
      samples: sample.samples,
    });
    const { memoryCost, timeCost, parallelism } = DEFAULT_PASSWORD_HASH;
    return {
      client: JSON.parse(json),
      loopDelay: { idle: late(delays[1]), load: late(delays[2]) },
      argon2: `m=${memoryCost} KiB, t=${timeCost}, p=${parallelism}`,
    };
  } finally {
    await contest.stopAll();
  }
}

/** Waits (a little) for the server to have printed `count` event-loop delay lines, and parses them. */
async function loopDelayLines(server, count) {
  for (let tries = 0; tries < 50; tries++) {
    const lines = server.lines.filter((line) => line.startsWith(LOOP_DELAY_LINE));
    if (lines.length >= count) return lines.slice(0, count).map((line) => JSON.parse(line.slice(LOOP_DELAY_LINE.length)));
    await sleep(20);
  }
  throw new Error(`The host printed fewer than ${count} "${LOOP_DELAY_LINE.trim()}" lines.`);
}
