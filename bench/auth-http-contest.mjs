// HttpContest (bench/lib/http-contest.mjs) for endpoints behind a bearer token: a server
// announces `READY <url> [<token>]`, and every request of the contest (the first check and
// autocannon's) carries `Authorization: Bearer <token>`. Used by bench/auth-http.mjs.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { HttpContest } from './lib/http-contest.mjs';
import { median } from './lib/stats.mjs';

const SERVER_CORE = '0';
const LOAD_CORE = '1';
const BOOT_TIMEOUT_MS = 60_000;
const SERVERS = new URL('./servers/', import.meta.url);
const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));

/**
 * The same fair contest as HttpContest (servers pinned to core 0, autocannon to core 1,
 * rotated rounds, medians), with each server's own access token sent on every request.
 * Before the rounds it checks that every contender answers 200 and the expected body with
 * its token, and that those with a token answer 401 without one: a contender that skipped
 * the check would look fast.
 *
 * @example
 * const contest = new AuthHttpContest({ rounds: 5, duration: 5, warmup: 1, connections: 50 });
 * const { rows } = await contest.run([{ id: 'tessera', label: 'Tessera', script: 'auth-tessera.server.mjs' }], SECURE_PATH, ECHO_BODY);
 */
export class AuthHttpContest extends HttpContest {
  constructor(options) {
    super(options);
    this.tokens = new Map();
  }

  async run(contenders, path, expected, onMeasured = () => undefined) {
    const runs = [];
    try {
      for (const contender of contenders) this.servers.push(await this.start(contender, path));
      for (const server of this.servers) await checkAnswers(server, expected);
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

  /**
   * Starts a server and resolves once it is READY, with its `url` (+ path), `token` and the
   * `lines` it printed after READY (kept read, so a server that logs never blocks on a full pipe).
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
        this.tokens.set(server.url, token);
        void collect(lines, server.lines);
        return server;
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async autocannon(url, seconds) {
    const token = this.tokens.get(url);
    const header = token ? ['-H', `authorization=Bearer ${token}`] : [];
    const args = [AUTOCANNON, '-c', String(this.connections), '-d', String(seconds), ...header, '-j', url];
    const child = this.node(LOAD_CORE, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let json = '';
    child.stdout.on('data', (chunk) => (json += chunk));
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`autocannon exited with code ${code}.`);
    return JSON.parse(json);
  }
}

async function collect(lines, into) {
  for (;;) {
    const { value, done } = await lines.next();
    if (done) return;
    into.push(value);
  }
}

async function checkAnswers(server, expected) {
  const headers = server.token ? { authorization: `Bearer ${server.token}` } : {};
  const response = await fetch(server.url, { headers });
  const body = await response.text();
  if (response.status !== 200 || body !== JSON.stringify(expected)) {
    throw new Error(`${server.label} answered ${response.status} ${body}, expected 200 ${JSON.stringify(expected)}.`);
  }
  if (!server.token) return;
  const anonymous = await fetch(server.url);
  await anonymous.arrayBuffer();
  if (anonymous.status !== 401) throw new Error(`${server.label} answered ${anonymous.status} without a token, expected 401.`);
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
