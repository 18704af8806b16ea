// The client side of the login part of bench/auth-http.mjs, run in its own process pinned
// to the load core. Against a host with the users plugin (bench/servers/auth-tessera.server.mjs
// with BENCH_LOOP_DELAY=1), given as `<url> <server pid> <json options>`:
//   1. registers one user, warms up (logins and GET /health);
//   2. times `logins` logins one after another;
//   3. probes GET /health every `probeIntervalMs` for `seconds` with nothing else running;
//   4. the same while `concurrency` login loops run without pause;
// reads the server's CPU time (main thread and whole process) around steps 2 and 4, and
// sends the server SIGUSR2 at the end of steps 2, 3 and 4, so the server's event-loop
// delay lines are, in order: setup, idle, under login load. Last, the CPU time of one
// argon2id verification with the host's parameters, run synchronously here for reference.
// Prints one line of JSON.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { hashSync, verifySync } from '@node-rs/argon2';
import { DEFAULT_PASSWORD_HASH } from '@tessera/auth';
import { USERS_PATH } from './servers/auth-bench.constants.mjs';
import { median } from './lib/stats.mjs';

const [base, serverPid, json] = process.argv.slice(2);
const { logins, seconds, concurrency, probeIntervalMs } = JSON.parse(json);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency + 1 });
const ARGON2ID = 2;

/** One HTTP request over a kept-alive connection: status, parsed body and milliseconds taken. */
function call(method, path, body) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined, ms: performance.now() - start }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function percentile(values, p) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function latencies(values) {
  const at = (p) => {
    const ms = percentile(values, p);
    return ms === undefined ? undefined : Number(ms.toFixed(2));
  };
  return { count: values.length, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

const mark = () => process.kill(Number(serverPid), 'SIGUSR2');

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
/** CPU ms (user + system) so far of the server's main thread and of the whole process; NaN without /proc. */
function serverCpu() {
  const ms = (file) => {
    if (!existsSync(file)) return Number.NaN;
    // The command name (2nd field) is in parentheses and may hold spaces: count from after it.
    const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  };
  // The main thread's id is the process id: its line is the event loop's own CPU time.
  return { main: ms(`/proc/${serverPid}/task/${serverPid}/stat`), all: ms(`/proc/${serverPid}/stat`) };
}

/** Server CPU ms per login between two serverCpu() readings: on the event loop, and on other threads. */
function cpuPerLogin(before, after, count) {
  const main = (after.main - before.main) / count;
  const others = (after.all - before.all) / count - main;
  return Number.isNaN(main) ? undefined : { mainThread: Number(main.toFixed(2)), otherThreads: Number(others.toFixed(2)) };
}

/** GET /health every probeIntervalMs until `until`; the latencies, and the answers that were not 200. */
async function probeHealth(until) {
  const times = [];
  let failed = 0;
  while (performance.now() < until) {
    const answer = await call('GET', '/health');
    if (answer.status === 200) times.push(answer.ms);
    else failed++;
    await sleep(probeIntervalMs);
  }
  return { ...latencies(times), failed };
}

async function loginLoop(credentials, until, into) {
  while (performance.now() < until) {
    const answer = await call('POST', `${USERS_PATH}/login`, credentials);
    if (answer.status === 200) into.times.push(answer.ms);
    else into.failed.push(answer.status);
  }
}

const username = `bench${randomBytes(4).toString('hex')}`;
const credentials = { username, password: 'Bench-passw0rd' };
const registered = await call('POST', `${USERS_PATH}/register`, { ...credentials, email: `${username}@example.com` });
if (registered.status !== 201) throw new Error(`Registration answered ${registered.status} ${JSON.stringify(registered.body)}.`);

for (let i = 0; i < 3; i++) await call('POST', `${USERS_PATH}/login`, credentials);
for (let i = 0; i < 200; i++) await call('GET', '/health');

const sequential = { times: [], failed: [] };
const sequentialCpu = serverCpu();
for (let i = 0; i < logins; i++) {
  const answer = await call('POST', `${USERS_PATH}/login`, credentials);
  if (answer.status === 200 && typeof answer.body?.data?.access_token === 'string') sequential.times.push(answer.ms);
  else sequential.failed.push(answer.status);
}
const sequentialCpuPerLogin = cpuPerLogin(sequentialCpu, serverCpu(), logins);
mark();

const idle = await probeHealth(performance.now() + seconds * 1000);
mark();

const underLoad = { times: [], failed: [] };
const until = performance.now() + seconds * 1000;
const loadCpu = serverCpu();
const [health] = await Promise.all([probeHealth(until), ...Array.from({ length: concurrency }, () => loginLoop(credentials, until, underLoad))]);
// Includes the /health probes, a small share next to the logins' work.
const loadCpuPerLogin = cpuPerLogin(loadCpu, serverCpu(), underLoad.times.length + underLoad.failed.length);
mark();

const storedHash = hashSync(credentials.password, { algorithm: ARGON2ID, ...DEFAULT_PASSWORD_HASH });
const verifyTimes = [];
for (let i = 0; i < 10; i++) {
  const start = performance.now();
  verifySync(storedHash, credentials.password);
  verifyTimes.push(performance.now() - start);
}
agent.destroy();

process.stdout.write(
  `${JSON.stringify({
    sequentialLogins: { ...latencies(sequential.times), failed: sequential.failed, cpu: sequentialCpuPerLogin },
    healthIdle: idle,
    healthUnderLogins: health,
    loginsUnderLoad: { ...latencies(underLoad.times), failed: underLoad.failed, perSecond: underLoad.times.length / seconds, cpu: loadCpuPerLogin },
    argon2VerifyMs: Number(median(verifyTimes).toFixed(2)),
  })}\n`,
);
