import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { hasTaskset } from './machine.mjs';
import { median } from './stats.mjs';

const SERVER_CORE = '0';
const LOAD_CORE = '1';
const BOOT_TIMEOUT_MS = 60_000;
const AUTOCANNON = fileURLToPath(new URL('../../node_modules/autocannon/autocannon.js', import.meta.url));
const SERVERS = new URL('../servers/', import.meta.url);

/**
 * Runs HTTP servers against each other on a shared machine as fairly as it can: every
 * server is its own process pinned to core 0, autocannon is pinned to core 1, and the
 * contenders take turns in rotated rounds (A B C, B C A, C A B, ...) so that drift (other
 * people's work, CPU frequency, a warming JIT) spreads over all of them instead of
 * favouring one. Results are medians over the rounds.
 *
 * @example
 * const contest = new HttpContest({ rounds: 5, duration: 5, warmup: 1, connections: 50 });
 * const { rows } = await contest.run([{ id: 'fastify', label: 'bare Fastify', script: 'bare-fastify.server.mjs' }], ECHO_PATH, ECHO_BODY, (run) =>
 *   console.log(run.id, run.requestsPerSecond),
 * );
 */
export class HttpContest {
  constructor({ rounds, duration, warmup, connections }) {
    Object.assign(this, { rounds, duration, warmup, connections });
    this.pinned = hasTaskset();
    this.servers = [];
  }

  /** How the processes were placed, for the report. */
  get placement() {
    return this.pinned ? `servers pinned to core ${SERVER_CORE}, autocannon to core ${LOAD_CORE} (taskset)` : 'unpinned: taskset is missing, so servers and load generator compete for both cores';
  }

  /**
   * Starts every contender, checks that each answers `path` with `expected` (status 200),
   * measures them in rotated rounds and stops them. Resolves with every measurement (`runs`)
   * and one summary row per contender (`rows`: medians over the rounds, failures summed).
   */
  async run(contenders, path, expected, onMeasured = () => undefined) {
    const runs = [];
    try {
      for (const contender of contenders) this.servers.push(await this.start(contender, path));
      for (const server of this.servers) await this.check(server, expected);
      for (let round = 0; round < this.rounds; round++) {
        const order = this.servers.map((_, i) => this.servers[(i + round) % this.servers.length]);
        for (const server of order) {
          const run = { round, id: server.id, ...(await this.measure(server)) };
          runs.push(run);
          onMeasured(run);
        }
      }
    } finally {
      await this.stopAll();
    }
    return { runs, rows: contenders.map((contender) => summarise(contender, runs.filter((run) => run.id === contender.id))) };
  }

  /** Stops every server still running (also on Ctrl-C, so no server stays pinned to a core). */
  async stopAll() {
    await Promise.all(this.servers.splice(0).map(stop));
  }

  node(core, args, options) {
    return this.pinned ? spawn('taskset', ['-c', core, process.execPath, ...args], options) : spawn(process.execPath, args, options);
  }

  /**
   * Starts a server and resolves once it prints `READY <url> [<token>]`, with its `url` (+ path),
   * `base`, `token` (sent as a bearer token on every request when present) and the `lines` it
   * prints later (kept read, so a server that logs never blocks on a full pipe).
   */
  async start(contender, path = '') {
    // stdin stays open as a lifeline: the server stops by itself when this process dies.
    const child = this.node(SERVER_CORE, [fileURLToPath(new URL(contender.script, SERVERS))], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...contender.env },
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), BOOT_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    try {
      for (;;) {
        const { value, done } = await lines.next();
        if (done) throw new Error(`${contender.script} exited before it was ready (code ${child.exitCode}).`);
        if (!value.startsWith('READY ')) continue;
        const [base, token = ''] = value.slice(6).trim().split(' ');
        const server = { ...contender, child, url: `${base}${path}`, base, token, lines: [] };
        void collect(lines, server.lines);
        return server;
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async measure(server) {
    await this.autocannon(server, this.warmup);
    const cpuBefore = cpuSeconds(server.child.pid);
    const result = await this.autocannon(server, this.duration);
    const cpu = cpuSeconds(server.child.pid) - cpuBefore;
    return {
      requestsPerSecond: result.requests.average,
      cpuMicrosPerRequest: Number.isNaN(cpu) ? undefined : (cpu * 1e6) / result.requests.total,
      latencyP50: result.latency.p50,
      latencyP99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    };
  }

  /** One request first: a contender that answers something else would make the comparison void. */
  async check(server, expected) {
    const response = await fetch(server.url, { headers: authorization(server) });
    const body = await response.text();
    if (response.status !== 200 || body !== JSON.stringify(expected)) {
      throw new Error(`${server.label} answered ${response.status} ${body}, expected 200 ${JSON.stringify(expected)}.`);
    }
  }

  async autocannon(server, seconds) {
    const header = server.token ? ['-H', `authorization=Bearer ${server.token}`] : [];
    const args = [AUTOCANNON, '-c', String(this.connections), '-d', String(seconds), ...header, '-j', server.url];
    const child = this.node(LOAD_CORE, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let json = '';
    child.stdout.on('data', (chunk) => (json += chunk));
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`autocannon exited with code ${code}.`);
    return JSON.parse(json);
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system) a process has used so far, NaN where /proc is missing. Divided
 * by the requests served, it prices a request in CPU time, which other processes on a
 * shared machine slow down far less than they slow down requests per second.
 */
function cpuSeconds(pid) {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return Number.NaN;
  // The command name (2nd field) is in parentheses and may hold spaces: count from after it.
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function stop(server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  await exited;
}

function authorization(server) {
  return server.token ? { authorization: `Bearer ${server.token}` } : {};
}

async function collect(lines, into) {
  for (;;) {
    const { value, done } = await lines.next();
    if (done) return;
    into.push(value);
  }
}

function summarise(contender, runs) {
  const rates = runs.map((run) => run.requestsPerSecond);
  return {
    id: contender.id,
    label: contender.label,
    median: median(rates),
    min: Math.min(...rates),
    max: Math.max(...rates),
    cpuMicrosPerRequest: runs[0]?.cpuMicrosPerRequest === undefined ? undefined : median(runs.map((run) => run.cpuMicrosPerRequest)),
    latencyP50: median(runs.map((run) => run.latencyP50)),
    latencyP99: median(runs.map((run) => run.latencyP99)),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}
