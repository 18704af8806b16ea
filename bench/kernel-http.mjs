// Requests per second of a public plugin endpoint through Tessera's whole guard chain,
// against the same handler in a bare Nest + Fastify controller and in a plain Fastify
// route (see bench/lib/http-contest.mjs for how the contest is kept fair).
//
// Needs the build (npm run build). Run: node bench/kernel-http.mjs [--write] [--rounds N]
// [--duration S] [--warmup S] [--connections C]; with DATABASE_URL set (a database of its
// own), the plugin endpoint is also measured with the host on PostgreSQL.
import { contestFlags, startContest } from './lib/contest-options.mjs';
import { describeMachine, runDate } from './lib/machine.mjs';
import { saveRawResults, writeGeneratedBlock } from './lib/results.mjs';
import { formatCount, formatRatio } from './lib/stats.mjs';
import { ECHO_BODY, ECHO_PATH } from './servers/serve-until-stopped.mjs';

// 9 rounds: one server measured 45 to 77 µs per request within a single run on these shared
// machines, and a median of 5 moved by more than the margins the targets are about.
const flags = contestFlags({ rounds: 9, duration: 5 });

const CONTENDERS = [
  { id: 'plugin', label: 'Tessera plugin endpoint (full guard chain)', script: 'tessera-plugin.server.mjs' },
  { id: 'nest', label: 'bare Nest + Fastify controller', script: 'bare-nest.server.mjs' },
  { id: 'fastify', label: 'bare Fastify route', script: 'bare-fastify.server.mjs' },
];
// With DATABASE_URL, the same plugin endpoint again with the host on PostgreSQL instead of the
// embedded PGlite: the embedded database lives in the server's own process (see BENCHMARKS.md).
if (process.env.DATABASE_URL) {
  CONTENDERS.splice(1, 0, {
    id: 'pluginPg',
    label: 'Tessera plugin endpoint, host on PostgreSQL',
    script: 'tessera-plugin.server.mjs',
    env: { BENCH_DATABASE_URL: process.env.DATABASE_URL },
  });
}
const TARGET = 0.9;

const contest = startContest(flags);

const machine = describeMachine();
const date = runDate();
console.log(`kernel-http: ${CONTENDERS.length} contenders × ${contest.rounds} rounds of ${contest.warmup} + ${contest.duration} s`);
const { runs, rows } = await contest.run(CONTENDERS, ECHO_PATH, ECHO_BODY, (run) =>
  console.log(`  round ${run.round + 1}/${contest.rounds}  ${run.id.padEnd(8)} ${formatCount(run.requestsPerSecond).padStart(7)} req/s`),
);
const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
const pluginVsNest = byId.plugin.median / byId.nest.median;
const nestVsFastify = byId.nest.median / byId.fastify.median;

const formatMicros = (micros) => (micros === undefined ? 'n/a' : micros.toFixed(1));
// The same ratio from CPU time per request (faster / slower), which other processes on a
// shared machine disturb much less than requests per second.
const cpuRatio = (faster, slower) => (faster.cpuMicrosPerRequest === undefined ? 'n/a' : formatRatio(faster.cpuMicrosPerRequest / slower.cpuMicrosPerRequest));

const table = [
  `Run ${date} on ${machine}.`,
  `${contest.rounds} rounds × ${CONTENDERS.length} contenders, rotated; each measurement: autocannon -c ${contest.connections}, ${contest.warmup} s warm-up then ${contest.duration} s measured; ${contest.placement}. GET ${ECHO_PATH}, 42-byte JSON answer.`,
  '',
  '| contender | req/s (median) | req/s (min – max) | server CPU µs / request | latency p50 / p99 (ms) | non-2xx | errors |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (row) =>
      `| ${row.label} | ${formatCount(row.median)} | ${formatCount(row.min)} – ${formatCount(row.max)} | ${formatMicros(row.cpuMicrosPerRequest)} | ${row.latencyP50} / ${row.latencyP99} | ${row.non2xx} | ${row.errors} |`,
  ),
  '',
  `- plugin endpoint / bare Nest: **${formatRatio(pluginVsNest)}** of the requests per second (target ≥ ${formatRatio(TARGET)}: ${pluginVsNest >= TARGET ? 'met' : 'missed'}); by CPU time per request ${cpuRatio(byId.nest, byId.plugin)}`,
  ...(byId.pluginPg
    ? [`- plugin endpoint with the host on PostgreSQL / bare Nest: **${formatRatio(byId.pluginPg.median / byId.nest.median)}**; by CPU time per request ${cpuRatio(byId.nest, byId.pluginPg)}`]
    : []),
  `- bare Nest / bare Fastify: **${formatRatio(nestVsFastify)}** (what Nest itself costs, for reference); by CPU time per request ${cpuRatio(byId.fastify, byId.nest)}`,
].join('\n');

console.log(`\n${table}\n`);
const failed = rows.reduce((sum, row) => sum + row.non2xx + row.errors, 0);
const summary = [
  `plugin / bare Nest ${formatRatio(pluginVsNest)} of req/s (target ≥ ${formatRatio(TARGET)}: ${pluginVsNest >= TARGET ? 'met' : 'missed'}), ${cpuRatio(byId.nest, byId.plugin)} by CPU time`,
  `bare Nest / bare Fastify ${formatRatio(nestVsFastify)} of req/s; ${rows.map((row) => `${row.id} ${formatCount(row.median)}`).join(', ')} req/s; ${failed} failed requests`,
];
saveRawResults('kernel-http', { date, machine, pinned: contest.pinned, flags, runs, rows, pluginVsNest, nestVsFastify, summary });
if (flags.write) writeGeneratedBlock('kernel-http', table);
if (failed > 0) {
  console.error('Some requests failed (non-2xx or errors): the numbers above do not compare like with like.');
  process.exitCode = 1;
}
