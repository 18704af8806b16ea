// Time to restart one plugin while the host serves N plugins under constant load, for N = 5
// and N = 50 (the time must not grow with N), and the requests that failed meanwhile (target 0).
//
// One host per N (bench/plugin-restart-host.mjs) serves N copies of the bench-echo fixture,
// pinned to core 0; autocannon (bench/plugin-restart-load.mjs) loads bench-echo-0's endpoint
// from core 1. Two cases per N: restarting ANOTHER plugin (bench-echo-1) and restarting the
// loaded plugin ITSELF through PluginLoader.restart, PAUSE ms apart. The machines are shared, so
// the cases take turns in rotated rounds (a busy moment hits all of them, not one N), each
// round a few restarts under load; RESTARTS per case in all. For reference, each host also
// restarts another plugin RESTARTS times with no load. Last, the worst-case memory of the
// per-plugin metrics store (bench/plugin-restart-memory.mjs).
//
// Needs the build (npm run build). Run: node bench/plugin-restart.mjs [--write] [--restarts 20]
// [--rounds 4] [--pause 50] [--connections 50] [--counts 5,50]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { describeMachine, hasTaskset, runDate } from './lib/machine.mjs';
import { saveRawResults, writeGeneratedBlock } from './lib/results.mjs';
import { formatCount, median } from './lib/stats.mjs';

const { values: flags } = parseArgs({
  options: {
    write: { type: 'boolean', default: false },
    restarts: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '4' },
    pause: { type: 'string', default: '50' },
    connections: { type: 'string', default: '50' },
    counts: { type: 'string', default: '5,50' },
  },
});
const RESTARTS = Number(flags.restarts);
const ROUNDS = Number(flags.rounds);
const PAUSE_MS = Number(flags.pause);
const CONNECTIONS = Number(flags.connections);
const COUNTS = flags.counts.split(',').map(Number);
const WARMUP_MS = 1_000;
const TARGET_MEDIAN_MS = 100;
const SERVER_CORE = '0';
const LOAD_CORE = '1';
const FIXTURE = fileURLToPath(new URL('./fixtures/plugins/bench-echo/', import.meta.url));
// Inside the repository, so the copies resolve @tessera/sdk and Nest through its node_modules.
const WORK_DIR = fileURLToPath(new URL(`../tmp/bench-plugin-restart-${process.pid}/`, import.meta.url));
const LOADED = 'bench-echo-0';
const OTHER = 'bench-echo-1';

const pinned = hasTaskset();
const children = new Set();
const node = (core, args, options) => {
  const child = pinned ? spawn('taskset', ['-c', core, process.execPath, ...args], options) : spawn(process.execPath, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
};
const cleanUp = () => {
  for (const child of children) child.kill('SIGTERM');
  rmSync(WORK_DIR, { recursive: true, force: true });
};
process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

/** N plugin folders: bench-echo's build, each with its own name in plugin.yaml. */
function preparePlugins(count) {
  const dir = `${WORK_DIR}n${count}/`;
  const manifest = parse(readFileSync(`${FIXTURE}plugin.yaml`, 'utf8'));
  for (let i = 0; i < count; i++) {
    const plugin = `${dir}bench-echo-${i}/`;
    mkdirSync(plugin, { recursive: true });
    cpSync(`${FIXTURE}dist`, `${plugin}dist`, { recursive: true });
    writeFileSync(`${plugin}plugin.yaml`, stringify({ ...manifest, name: `bench-echo-${i}` }));
  }
  return dir;
}

async function startHost(pluginDir) {
  const host = node(SERVER_CORE, [fileURLToPath(new URL('./plugin-restart-host.mjs', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, PLUGIN_RESTART_DIR: pluginDir },
  });
  const lines = createInterface({ input: host.stdout })[Symbol.asyncIterator]();
  // The host's log lines share its stdout: pass them on, and wait for the protocol's line.
  const next = async (prefix) => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`The bench host exited before answering ${prefix.trim()}.`);
      if (value.startsWith(prefix)) return value.slice(prefix.length).trim();
      console.error(`  host: ${value}`);
    }
  };
  const [url, bootMs, rssMiB] = (await next('READY ')).split(' ');
  return {
    url,
    bootMs: Number(bootMs),
    rssMiB: Number(rssMiB),
    async restart(plugin, times) {
      host.stdin.write(`${JSON.stringify({ restart: plugin, times, pauseMs: PAUSE_MS })}\n`);
      return JSON.parse(await next('RESULT '));
    },
    async stop() {
      host.stdin.end();
      await once(host, 'exit');
    },
  };
}

async function startLoad(url) {
  const load = node(LOAD_CORE, [fileURLToPath(new URL('./plugin-restart-load.mjs', import.meta.url)), url, String(CONNECTIONS)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: load.stdout })[Symbol.asyncIterator]();
  if ((await lines.next()).value !== 'STARTED') throw new Error('The load generator did not start.');
  return {
    async stop() {
      load.stdin.end();
      const { value } = await lines.next();
      await once(load, 'exit');
      return JSON.parse(value);
    },
  };
}

const percentile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)];

/** Every case gets RESTARTS restarts under load, in ROUNDS rotated rounds; traffic adds up per case. */
async function measure(hosts) {
  const cases = hosts.flatMap((host) => [
    { host, count: host.count, label: 'another plugin', plugin: OTHER, durations: [], traffic: [] },
    { host, count: host.count, label: 'the loaded plugin itself', plugin: LOADED, durations: [], traffic: [] },
  ]);
  for (let round = 0; round < ROUNDS; round++) {
    const times = Math.floor(RESTARTS / ROUNDS) + (round < RESTARTS % ROUNDS ? 1 : 0);
    for (let i = 0; i < cases.length; i++) {
      const current = cases[(i + round) % cases.length];
      const load = await startLoad(`${current.host.url}/plugins/${LOADED}/echo`);
      await sleep(WARMUP_MS);
      const { durations, rssMiB } = await current.host.restart(current.plugin, times);
      current.durations.push(...durations);
      current.rssMiB = rssMiB;
      current.traffic.push(await load.stop());
    }
    console.log(`  round ${round + 1}/${ROUNDS} done`);
  }
  return cases.map(({ host, traffic, ...row }) => ({
    ...row,
    median: median(row.durations),
    p95: percentile(row.durations, 0.95),
    max: Math.max(...row.durations),
    traffic: {
      requests: sum(traffic, 'requests'),
      seconds: sum(traffic, 'seconds'),
      requestsPerSecond: sum(traffic, 'requests') / sum(traffic, 'seconds'),
      non2xx: sum(traffic, 'non2xx'),
      errors: sum(traffic, 'errors'),
      timeouts: sum(traffic, 'timeouts'),
    },
  }));
}

const sum = (items, key) => items.reduce((total, item) => total + item[key], 0);

async function measureMemory() {
  const child = node(SERVER_CORE, ['--expose-gc', fileURLToPath(new URL('./plugin-restart-memory.mjs', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  let json = '';
  child.stdout.on('data', (chunk) => (json += chunk));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`plugin-restart-memory.mjs exited with code ${code}.`);
  return JSON.parse(json);
}

const machine = describeMachine();
const date = runDate();
console.log(`plugin-restart: ${COUNTS.join(' and ')} plugins, ${RESTARTS} restarts ${PAUSE_MS} ms apart, autocannon -c ${CONNECTIONS} on ${LOADED}`);
if (!pinned) console.warn('taskset is missing: host and load generator run unpinned.');
const hosts = [];
let rows;
let memory;
try {
  for (const count of COUNTS) {
    const host = { count, ...(await startHost(preparePlugins(count))) };
    console.log(`  host with ${count} plugins up in ${(host.bootMs / 1000).toFixed(1)} s`);
    hosts.push(host);
  }
  for (const host of hosts) host.quiet = median((await host.restart(OTHER, RESTARTS)).durations);
  rows = await measure(hosts);
  for (const host of hosts) await host.stop();
  memory = await measureMemory();
} finally {
  cleanUp();
}

const failed = rows.reduce((sum, row) => sum + row.traffic.non2xx + row.traffic.errors + row.traffic.timeouts, 0);
const medianOf = (count, plugin) => rows.find((row) => row.count === count && row.plugin === plugin).median;
const [fewest, most] = [Math.min(...COUNTS), Math.max(...COUNTS)];
const growth = medianOf(most, OTHER) / medianOf(fewest, OTHER);
const quietOf = (count) => hosts.find((host) => host.count === count).quiet;
const quietGrowth = quietOf(most) / quietOf(fewest);
const targetMet = rows.every((row) => row.median < TARGET_MEDIAN_MS);
const ms = (value) => value.toFixed(1);

const table = [
  `Run ${date} on ${machine}.`,
  `One host per N on the embedded defaults (PGlite, memory cache), ${pinned ? `pinned to core ${SERVER_CORE}, autocannon to core ${LOAD_CORE} (taskset)` : 'unpinned (no taskset)'}; autocannon -c ${CONNECTIONS} on GET /plugins/${LOADED}/echo from ${WARMUP_MS / 1000} s before a round's first restart to the end of its last; ${RESTARTS} restarts per case through \`PluginLoader.restart\`, ${PAUSE_MS} ms apart, in ${ROUNDS} rotated rounds.`,
  '',
  '| plugins loaded | restarted under load | restart median (ms) | p95 (ms) | max (ms) | requests served | req/s | non-2xx | errors + timeouts |',
  '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (row) =>
      `| ${row.count} | ${row.label} | ${ms(row.median)} | ${ms(row.p95)} | ${ms(row.max)} | ${formatCount(row.traffic.requests)} | ${formatCount(row.traffic.requestsPerSecond)} | ${row.traffic.non2xx} | ${row.traffic.errors + row.traffic.timeouts} |`,
  ),
  '',
  '| plugins loaded | restart median without load (ms) | host boot (s) | host RSS after the runs (MiB) |',
  '|---:|---:|---:|---:|',
  ...hosts.map((host) => `| ${host.count} | ${ms(host.quiet)} | ${(host.bootMs / 1000).toFixed(1)} | ${Math.max(...rows.filter((row) => row.count === host.count).map((row) => row.rssMiB)).toFixed(0)} |`),
  '',
  `- median restart < ${TARGET_MEDIAN_MS} ms in every case: **${targetMet ? 'met' : 'missed'}**`,
  `- ${most} vs ${fewest} plugins, median time restarting another plugin: **${growth.toFixed(2)}×** under load, **${quietGrowth.toFixed(2)}×** without load`,
  `- failed or non-2xx requests: **${failed}** (target 0: ${failed === 0 ? 'met' : 'missed'})`,
  `- metrics store, worst case (${memory.plugins} plugins with requests in every minute of ${memory.hours} h): **${memory.mebibytes.toFixed(1)} MiB** (${memory.kibibytesPerPlugin.toFixed(0)} KiB per plugin); a day at 1m (${memory.points} points) is read in ${memory.dayQueryMs.toFixed(1)} ms`,
].join('\n');

console.log(`\n${table}\n`);
const summary = [
  `restart median ${rows.map((row) => `${row.count}/${row.plugin === LOADED ? 'itself' : 'other'} ${ms(row.median)} ms`).join(', ')} (target < ${TARGET_MEDIAN_MS} ms: ${targetMet ? 'met' : 'missed'}); ${most} vs ${fewest} plugins ${growth.toFixed(2)}× (${quietGrowth.toFixed(2)}× without load)`,
  `${failed} failed or non-2xx requests under load; metrics store ${memory.mebibytes.toFixed(1)} MiB for ${memory.plugins} plugins × ${memory.hours} h`,
];
saveRawResults('plugin-restart', { date, machine, pinned, flags, hosts: hosts.map(({ count, bootMs, rssMiB, quiet }) => ({ count, bootMs, rssMiB, quiet })), rows, memory, summary });
if (flags.write) writeGeneratedBlock('plugin-restart', table);
if (failed > 0) {
  console.error('Some requests failed during the restarts.');
  process.exitCode = 1;
}
