// What each layer of a plugin's request path costs: the bench-echo handler in bare Nest +
// Fastify, then with the host dispatcher, the request hooks, the endpoint guard, the rate and
// time limits, and the direct endpoint handler (which takes the route away from Nest's
// router) added one at a time (bench/servers/kernel-layers.server.mjs),
// and the real Tessera host for comparison. A diagnosis tool, slower than kernel-http.mjs
// (7 contenders), so `npm run bench` leaves it out unless asked: node bench/run-all.mjs --all.
//
// Needs the build (npm run build). Run: node bench/kernel-http-layers.mjs [--write]
// [--rounds N] [--duration S] [--warmup S] [--connections C]
import { contestFlags, startContest } from './lib/contest-options.mjs';
import { describeMachine, runDate } from './lib/machine.mjs';
import { saveRawResults, writeGeneratedBlock } from './lib/results.mjs';
import { formatCount, formatRatio } from './lib/stats.mjs';
import { LAYER_NAMES } from './servers/kernel-layers.constants.mjs';
import { ECHO_BODY, ECHO_PATH } from './servers/serve-until-stopped.mjs';

const flags = contestFlags({ rounds: 3, duration: 4 });

const CONTENDERS = [
  ...[0, ...LAYER_NAMES.map((_, i) => i + 1)].map((layers) => ({
    id: `layers-${layers}`,
    label: layers === 0 ? 'bare Nest + Fastify' : `+ ${LAYER_NAMES[layers - 1]}`,
    script: 'kernel-layers.server.mjs',
    env: { BENCH_LAYERS: String(layers) },
  })),
  { id: 'plugin', label: 'Tessera host, bench-echo plugin', script: 'tessera-plugin.server.mjs' },
];

const contest = startContest(flags);

const machine = describeMachine();
const date = runDate();
console.log(`kernel-http-layers: ${CONTENDERS.length} contenders × ${contest.rounds} rounds of ${contest.warmup} + ${contest.duration} s`);
const { runs, rows } = await contest.run(CONTENDERS, ECHO_PATH, ECHO_BODY, (run) =>
  console.log(`  round ${run.round + 1}/${contest.rounds}  ${run.id.padEnd(9)} ${formatCount(run.requestsPerSecond).padStart(7)} req/s`),
);

// A layer's price is the server CPU time per request it adds; CPU time is what other
// processes on a shared machine disturb least (req/s falls when they take the core).
const bare = rows[0];
const added = (row, i) => {
  if (i === 0 || row.cpuMicrosPerRequest === undefined) return '';
  const difference = (row.cpuMicrosPerRequest - rows[i - 1].cpuMicrosPerRequest).toFixed(1);
  // The last line is the real host, not a step: its difference checks the layered imitation.
  return row.id === 'plugin' ? `(${difference} vs the line above)` : difference;
};
const table = [
  `Run ${date} on ${machine}.`,
  `${contest.rounds} rounds × ${CONTENDERS.length} contenders, rotated; each measurement: autocannon -c ${contest.connections}, ${contest.warmup} s warm-up then ${contest.duration} s measured; ${contest.placement}.`,
  '',
  '| step | req/s (median) | req/s vs bare Nest | server CPU µs / request | µs added by the step | non-2xx + errors |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map(
    (row, i) =>
      `| ${row.label} | ${formatCount(row.median)} | ${formatRatio(row.median / bare.median)} | ${row.cpuMicrosPerRequest?.toFixed(1) ?? 'n/a'} | ${added(row, i)} | ${row.non2xx + row.errors} |`,
  ),
].join('\n');

console.log(`\n${table}\n`);
const summary = [`server CPU µs per request: ${rows.map((row) => `${row.label} ${row.cpuMicrosPerRequest?.toFixed(1) ?? 'n/a'}`).join(', ')}`];
saveRawResults('kernel-http-layers', { date, machine, pinned: contest.pinned, flags, runs, rows, summary });
if (flags.write) writeGeneratedBlock('kernel-http-layers', table);
if (rows.some((row) => row.non2xx > 0 || row.errors > 0)) process.exitCode = 1;
